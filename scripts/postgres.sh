#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suites (.ci/run, make replicas, make e2e):
#
#   eval "$(scripts/postgres.sh start)"   # prints the export lines below; the server keeps running
#   scripts/postgres.sh stop              # stops it and deletes its data
#
# It uses the machine's own PostgreSQL binaries (Debian's `postgresql` package: .ci/run installs
# it when missing), runs a private cluster in a temporary folder on 127.0.0.1 (never the system
# cluster), as the postgres user when started as root, and creates a role with a password that
# may create databases. Exports:
#   DOCKYARD_POSTGRES_URL                                    postgresql://dockyard:<pw>@127.0.0.1:<port>
#   POSTGRES_HOST POSTGRES_PORT POSTGRES_USER POSTGRES_PASSWORD   (what app-config.production.yaml reads)
#   BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING     (Backstage's TestDatabases)
# PORT (default 55432) chooses the port; DOCKYARD_POSTGRES_DIR the data folder.
set -euo pipefail

PORT="${PORT:-55432}"
DIR="${DOCKYARD_POSTGRES_DIR:-${TMPDIR:-/tmp}/dockyard-postgres-$PORT}"
ROLE=dockyard

log() { echo "[postgres] $*" >&2; }

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  # Debian keeps the server binaries out of PATH, one folder per major version: take the newest.
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$newest" ] || [ ! -x "$newest/initdb" ]; then
    log "no PostgreSQL server found (install Debian's postgresql package: apt-get install -y postgresql)"
    exit 1
  fi
  echo "$newest"
}

# Runs a server binary as the postgres user when we are root (initdb refuses root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin major password
  bin="$(bindir)"
  major="$("$bin/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
  if [ -f "$DIR/password" ] && as_owner "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    log "already running in $DIR on port $PORT"
    password="$(cat "$DIR/password")"
  else
    rm -rf "$DIR"
    mkdir -p "$DIR/data" "$DIR/socket"
    password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    echo "$password" > "$DIR/password"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$DIR"
    chmod 700 "$DIR"
    # TCP needs the password; the socket sits in this private folder, so only its owner reaches it.
    as_owner "$bin/initdb" -D "$DIR/data" -U postgres --auth-host=scram-sha-256 --auth-local=trust \
      -E UTF8 --locale=C.UTF-8 >/dev/null
    # Loopback TCP only; enough connections for two backend replicas plus parallel test workers.
    as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $PORT -k $DIR/socket -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
    as_owner "$bin/psql" -q -h "$DIR/socket" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$password'" >/dev/null
    log "PostgreSQL $major on 127.0.0.1:$PORT (data in $DIR)"
  fi
  local url="postgresql://$ROLE:$password@127.0.0.1:$PORT"
  echo "export DOCKYARD_POSTGRES_URL='$url'"
  echo "export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$PORT POSTGRES_USER=$ROLE POSTGRES_PASSWORD='$password'"
  echo "export BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING='$url'"
}

stop() {
  local bin
  bin="$(bindir)"
  if [ -d "$DIR/data" ]; then
    as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    log "stopped and removed $DIR"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
