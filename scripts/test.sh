#!/usr/bin/env bash
# Every test: static checks (types of the server and the client apart, lint, format, import boundaries), client
# build, unit, integration (SQLite and a throwaway PostgreSQL) and end-to-end (built app in Debian's
# Chromium). Prints one closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
source scripts/test-services.sh
trap stop_test_services EXIT
source scripts/browser.sh

mkdir -p test-artifacts
# the static checks and the client build are independent: two at a time keep both cores busy
check() { local name=$1; shift; if "$@" > "test-artifacts/$name.log" 2>&1; then echo "== $name: ok"; else echo "== $name: FAILED"; cat "test-artifacts/$name.log"; return 1; fi; }
failed=0
check typecheck npm run --silent typecheck & types=$!
check build npx vite build --logLevel warn || failed=$((failed + 1))
wait $types || failed=$((failed + 1))
check lint npx eslint . & lint=$!
check format npx prettier --check . || failed=$((failed + 1))
check boundaries npm run --silent boundaries || failed=$((failed + 1))
wait $lint || failed=$((failed + 1))
echo "== tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$PWD/test-artifacts/vitest.json" || status=$?
node scripts/test-summary.mjs test-artifacts/vitest.json "$failed" || status=1
exit $status
