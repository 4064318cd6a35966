#!/usr/bin/env bash
# Installs and tests every example project against this repository's package, as a consumer would:
# build the library, then in each example `npm ci` (which packs ../.. into its node_modules) and `npm test`.
# Usage: npm run test:examples   (from the repository root)
set -euo pipefail
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
