# Sourced by start.sh and test.sh: installs the locked npm packages when they are missing or stale.
# better-sqlite3 compiles from source here (no prebuilt download is reachable): about 80 s the first time.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "installing npm packages (npm ci)…"
  npm ci --no-audit --no-fund
fi
