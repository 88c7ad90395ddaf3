#!/usr/bin/env bash
# Installs what is missing, builds the command screen and serves it with the API on one port, on the
# embedded SQLite database, with the live demo feed unless DEMO_FEED=0, under a supervisor that restarts it
# if it dies (scripts/supervise.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
npx vite build --logLevel warn
export DEMO_FEED="${DEMO_FEED:-1}"
exec node scripts/supervise.mjs
