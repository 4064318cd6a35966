#!/usr/bin/env bash
# `npm run engine`: builds (or finds) the real-engine toolchain, tools/engine/build.sh, whose files are the toolchain's
# cache key; this wrapper only answers --help and usage errors the way the other commands do.
set -euo pipefail
usage="Usage: npm run engine -- [options]

Builds the Pulumi CLI and the bridged alicloud and random providers from Go modules into
\${SBG_ENGINE_CACHE:-~/.cache/shared-bandwidth-gateway/engine}/<key> (docs/e2e.md), or finds them there, and prints
the bin directory as the last line of stdout. A first build takes a quarter of an hour or more and about 7 GB of
memory; later runs reuse it. Needs Go (1.25.11 or later).

Options:
      --print-dir   print the bin directory without building
  -h, --help        show this help

Exit codes: 0 built or found, 1 the build failed, 2 usage error."
case "${1:-}" in
-h | --help)
	echo "$usage"
	exit 0
	;;
"" | --print-dir) ;;
*)
	hint=""
	case "$1" in --print* | --dir | --print | --prin*) hint="; did you mean --print-dir?" ;; esac
	echo "engine: unknown option $1$hint" >&2
	echo "(npm run engine -- --help lists the options)" >&2
	exit 2
	;;
esac
exec bash "$(dirname "${BASH_SOURCE[0]}")/engine/build.sh" "$@"
