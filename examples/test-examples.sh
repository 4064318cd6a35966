#!/usr/bin/env bash
# Installs and tests every example project against this repository's package, as a consumer would:
# build the library, then in each example `npm ci` (which packs ../.. into its node_modules) and `npm test`.
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
cd "$root"
npm run build --silent

status=0
for dir in examples/*/; do
    [ -f "$dir/package.json" ] || continue
    echo "== $dir"
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
        echo "npm ci failed in $dir. If the root package's dependencies changed, refresh the example's lock file:" >&2
        echo "  (cd $dir && npm install) and commit $dir/package-lock.json" >&2
        status=1
        continue
    fi
    (cd "$dir" && npm run --silent typecheck && npm test --silent) || status=1
done
exit "$status"
