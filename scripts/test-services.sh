# Sourced by scripts/test.sh: installs (Debian packages) and starts a throwaway PostgreSQL on 127.0.0.1 for the
# integration suite, exporting TEST_DATABASE_URL. When it cannot, it says so loudly and the suite runs
# SQLite only. Everything it starts is stopped when the calling shell exits.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install_postgres() {
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] && return 0
  [ "$(id -u)" = 0 ] || return 1
  echo "installing PostgreSQL (Debian package)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || return 1
}

start_postgres() {
  local bin svc port
  # a free port, so a developer's own PostgreSQL (or a leftover test one) is never in the way
  port=${TEST_PG_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
  bin=$(pg_bin)
  svc=$(mktemp -d /tmp/onemap-svc.XXXX)
  chown postgres:postgres "$svc" 2>/dev/null || true
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/initdb" -D "$svc/pg" -U postgres -A trust -E UTF8 --no-sync >"$svc/initdb.log" 2>&1 || return 1
  "${as[@]}" "$bin/pg_ctl" -D "$svc/pg" -l "$svc/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $svc -c fsync=off -c max_connections=200" start >/dev/null || return 1
  ONEMAP_PG_STOP="${as[*]} $bin/pg_ctl -D $svc/pg -m fast -w stop; rm -rf $svc"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

stop_test_services() {
  [ -n "${ONEMAP_PG_STOP:-}" ] && eval "$ONEMAP_PG_STOP" >/dev/null 2>&1
  return 0
}

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "using PostgreSQL at TEST_DATABASE_URL"
elif install_postgres && start_postgres; then
  echo "PostgreSQL started for the tests: $TEST_DATABASE_URL"
else
  echo
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!! PostgreSQL could not be installed or started: its integration tests are SKIPPED.       !!!"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo
fi
