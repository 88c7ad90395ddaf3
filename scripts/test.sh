#!/usr/bin/env bash
# Every test: type check, client build, unit, integration (SQLite and a throwaway PostgreSQL) and end-to-end
# (built app in Debian's Chromium). Prints one closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
source scripts/test-services.sh
trap stop_test_services EXIT
source scripts/browser.sh

mkdir -p test-artifacts
echo "== type check"; npx tsc --noEmit
echo "== client build"; npx vite build --logLevel warn
echo "== tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$PWD/test-artifacts/vitest.json" || status=$?
node scripts/test-summary.mjs test-artifacts/vitest.json || status=1
exit $status
