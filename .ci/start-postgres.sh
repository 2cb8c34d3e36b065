#!/usr/bin/env bash
# Starts (or reuses) a PostgreSQL 15 cluster for the tests and prints, on stdout, the
# variables the tests read:
#
#   export PERSTACK_TEST_JDBC_URL=jdbc:postgresql://127.0.0.1:<port>/perstack
#   export PERSTACK_TEST_DB_USER=perstack
#   export PERSTACK_TEST_DB_PASSWORD=perstack
#
# Use:  pg_exports="$(.ci/start-postgres.sh)" && eval "$pg_exports"
# The same lines are written to $PERSTACK_CI_PG_BASE/env for other tools to source.
# Everything else this script says goes to stderr.
#
# Must run as root: initdb/pg_ctl refuse root, so the cluster is owned by an
# unprivileged user that is created here if missing. Idempotent: a cluster that an
# earlier run started in the same data directory is reused on its port.
set -euo pipefail

export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

PG_USER=perstack-ci
BASE="${PERSTACK_CI_PG_BASE:-/var/tmp/perstack-ci-pg}"
DATA="$BASE/data"
SOCKET_DIR="$BASE/run"            # Unix socket, only reachable by $PG_USER and root
LOG="$BASE/postgres.log"
PREFERRED_PORT=55432
DB_NAME=perstack DB_USER=perstack DB_PASSWORD=perstack

log() { echo "$*" >&2; }
die() { echo "error: $*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || die "start-postgres.sh must run as root"

# --- binaries: the server's own directory, so psql/pg_isready match its version -----
if command -v initdb >/dev/null; then
  PG_BIN="$(dirname "$(readlink -f "$(command -v initdb)")")"
elif [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
  PG_BIN=/usr/lib/postgresql/15/bin
else
  die "initdb not found (expected PostgreSQL 15 in /usr/local/bin or /usr/lib/postgresql/15/bin)"
fi
pg_tool() {  # tool next to initdb, else whatever is on PATH (e.g. Debian's pg_wrapper)
  if [[ -x "$PG_BIN/$1" ]]; then echo "$PG_BIN/$1"; else command -v "$1" || die "$1 not found"; fi
}
INITDB="$(pg_tool initdb)" PG_CTL="$(pg_tool pg_ctl)" PSQL="$(pg_tool psql)" PG_ISREADY="$(pg_tool pg_isready)"
server_version="$("$(pg_tool postgres)" --version)"
log "server: $server_version ($PG_BIN)"
[[ "$server_version" == *" 15."* ]] || log "warning: expected PostgreSQL 15"

# --- unprivileged owner --------------------------------------------------------------
if ! id "$PG_USER" >/dev/null 2>&1; then
  log "creating system user $PG_USER"
  useradd --system --user-group --no-create-home --home-dir "$BASE" \
    --shell /usr/sbin/nologin "$PG_USER"
fi
# The base directory stays readable (env file, log); data and socket dirs are 0700.
install -d -o "$PG_USER" -g "$PG_USER" -m 0755 "$BASE"
install -d -o "$PG_USER" -g "$PG_USER" -m 0700 "$SOCKET_DIR"

# Serialize concurrent runs on this machine (two CI jobs must not both init/start).
exec 9>"$BASE/.lock"
flock -w 300 9 || die "timed out waiting for the lock on $BASE/.lock"

# Run a command as $PG_USER. cd / because the caller's directory may not be readable
# by that user; 9>&- so the server never inherits (and holds) our lock.
as_pg() { (cd / && runuser -u "$PG_USER" -- "$@" 9>&-); }

# --- init once -----------------------------------------------------------------------
if [[ ! -s "$DATA/PG_VERSION" ]]; then
  rm -rf "$DATA"  # a half-written directory from an interrupted initdb
  log "initializing cluster in $DATA"
  as_pg "$INITDB" -D "$DATA" --username="$PG_USER" --encoding=UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 --no-instructions >&2
  cat >>"$DATA/postgresql.conf" <<CONF

# --- perstack CI ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKET_DIR'
# A throwaway test database: durability is not worth the time.
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  # Unix socket (directory only reachable by $PG_USER/root): trust, for admin work.
  # TCP on 127.0.0.1: password (SCRAM), as the tests connect.
  cat >"$DATA/pg_hba.conf" <<HBA
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
HBA
  chown "$PG_USER:$PG_USER" "$DATA/postgresql.conf" "$DATA/pg_hba.conf"
fi

# --- start or reuse --------------------------------------------------------------------
port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n "$(ss -Hltn "sport = :$1")" ]]
  else
    timeout 1 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null
  fi
}

if as_pg "$PG_CTL" -D "$DATA" status >/dev/null 2>&1; then
  PORT="$(sed -n 4p "$DATA/postmaster.pid")"   # line 4 of postmaster.pid is the port
  log "cluster in $DATA already running on port $PORT; reusing it"
else
  PORT=""
  for ((p = PREFERRED_PORT; p < PREFERRED_PORT + 100; p++)); do
    if ! port_in_use "$p"; then PORT=$p; break; fi
  done
  [[ -n "$PORT" ]] || die "no free port in $PREFERRED_PORT..$((PREFERRED_PORT + 99))"
  log "starting cluster on 127.0.0.1:$PORT (log: $LOG)"
  # -w waits until the server accepts connections; its output goes to $LOG.
  if ! as_pg "$PG_CTL" -D "$DATA" -l "$LOG" -w -t 60 -o "-p $PORT" start </dev/null >&2; then
    tail -n 40 "$LOG" >&2 || true
    die "PostgreSQL did not start"
  fi
fi

for ((i = 0; ; i++)); do
  if "$PG_ISREADY" -q -h 127.0.0.1 -p "$PORT"; then break; fi
  ((i < 60)) || { tail -n 40 "$LOG" >&2 || true; die "PostgreSQL on port $PORT not ready after 60s"; }
  sleep 1
done

# --- role and database -------------------------------------------------------------
admin_psql() {
  as_pg "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U "$PG_USER" -d postgres "$@"
}
if [[ "$(admin_psql -tAc "select 1 from pg_roles where rolname = '$DB_USER'")" != 1 ]]; then
  log "creating role $DB_USER"
  admin_psql -c "create role $DB_USER login password '$DB_PASSWORD'"
fi
if [[ "$(admin_psql -tAc "select 1 from pg_database where datname = '$DB_NAME'")" != 1 ]]; then
  log "creating database $DB_NAME"
  admin_psql -c "create database $DB_NAME owner $DB_USER"
fi

# Prove the tests' own credentials work over TCP before handing them out.
PGPASSWORD="$DB_PASSWORD" "$PSQL" -X -q -tA -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB_NAME" \
  -c 'select 1' >/dev/null || die "cannot connect as $DB_USER to $DB_NAME on 127.0.0.1:$PORT"
log "PostgreSQL ready: $DB_USER@127.0.0.1:$PORT/$DB_NAME"

exports="export PERSTACK_TEST_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB_NAME
export PERSTACK_TEST_DB_USER=$DB_USER
export PERSTACK_TEST_DB_PASSWORD=$DB_PASSWORD"
printf '%s\n' "$exports" >"$BASE/env"
chmod 0644 "$BASE/env"
printf '%s\n' "$exports"
