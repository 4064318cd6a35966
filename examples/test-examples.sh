#!/usr/bin/env bash
# Installs and tests the example projects against this repository's package as a consumer would, from a fresh copy
# of the repository's files (what a clone holds: nothing installed, nothing built):
#   1. in each example with a package.json, `npm ci` (it packs ../.., whose prepare script installs the build tools
#      from the lockfile and builds dist/), the type check and `npm test`;
#   2. the TypeScript install lines of docs/multi-language.md as written, in an empty project beside the copy.
# Usage: npm run test:examples   (from the repository root)
set -euo pipefail
case "${1:-}" in
"") ;;
-h | --help)
    cat <<'EOF'
Usage: npm run test:examples -- [options]

Builds the library, then installs and tests every project in examples/ against it as a consumer would
(npm ci, which packs the repository into its node_modules, then its typecheck and npm test).

Options:
  -h, --help   show this help

Exit codes: 0 every example passed, 1 one failed, 2 usage error.
EOF
    exit 0
    ;;
*)
    echo "test:examples: unknown option $1" >&2
    echo "(npm run test:examples -- --help lists the options)" >&2
    exit 2
    ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

clone="$work/shared-bandwidth-gateway"
echo "== a fresh copy of the repository in $clone"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) | while IFS= read -r -d '' f; do
    if [[ -e "$root/$f" ]]; then
        mkdir -p "$clone/$(dirname "$f")"
        cp -p "$root/$f" "$clone/$f"
    fi
done

status=0
for dir in "$clone"/examples/*/; do
    [ -f "$dir/package.json" ] || continue
    name="examples/$(basename "$dir")"
    echo "== $name"
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
        echo "npm ci failed in $name. If the root package's dependencies changed, refresh the example's lock file:" >&2
        echo "  (cd $name && npm install) and commit $name/package-lock.json" >&2
        status=1
        continue
    fi
    (cd "$dir" && npm run --silent typecheck && npm test --silent) || status=1
done

echo "== docs/multi-language.md: installing from a clone into a new project"
pulumi_version="$(node -p 'require(process.argv[1]).devDependencies["@pulumi/pulumi"]' "$root/package.json")"
mkdir "$work/app"
(
    cd "$work/app"
    npm init -y >/dev/null
    npm install --no-audit --no-fund --loglevel=error --save-exact "@pulumi/pulumi@$pulumi_version"
    # The documented lines:
    echo "install-links=true" >>.npmrc
    npm install --no-audit --no-fund --loglevel=error ../shared-bandwidth-gateway
    node -e '
        const m = require("shared-bandwidth-gateway");
        const dep = require("./package.json").dependencies["shared-bandwidth-gateway"];
        if (typeof m.SharedBandwidthGateway !== "function" || dep !== "file:../shared-bandwidth-gateway") {
            console.error("the installed package does not export SharedBandwidthGateway, or package.json says " + dep);
            process.exit(1);
        }
        if (require("fs").lstatSync("node_modules/shared-bandwidth-gateway").isSymbolicLink()) {
            console.error("installed as a symlink: the package would load a second @pulumi/pulumi from the clone");
            process.exit(1);
        }
        console.log("installed " + dep + ": SharedBandwidthGateway is exported");
    '
) || status=1
exit "$status"
