#!/usr/bin/env bash
# Settings and helpers shared by the make targets (sourced, never run alone).
# Everything a machine needs is described here; state lives under .local/ (ignored).
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_PATH=${ODOO_PATH:-/opt/odoo18}
VENV=${BO_VENV:-$PROJECT_DIR/.venv}
LOCAL_DIR=$PROJECT_DIR/.local
ODOO_CONF=$LOCAL_DIR/odoo.conf
PG_ENV=$LOCAL_DIR/pg.env
BO_ADDONS=bo_sales,bo_logistics,bo_reporting

die() { printf '\nERROR: %s\n\n' "$*" >&2; exit 1; }
info() { printf '==> %s\n' "$*"; }

odoo_bin() {
    "$VENV/bin/python" "$ODOO_PATH/odoo-bin" -c "$ODOO_CONF" "$@"
}

require_setup() {
    [ -x "$VENV/bin/python" ] && [ -f "$ODOO_CONF" ] && [ -f "$PG_ENV" ] \
        || die "The project is not set up on this machine. Run: make setup"
    [ -f "$ODOO_PATH/odoo/release.py" ] \
        || die "No Odoo 18.0 source tree at ODOO_PATH=$ODOO_PATH (see README, 'Where Odoo comes from')."
}

# Load the database connection chosen by `make setup`; start the project-local
# cluster when that is the one in use; fail clearly when nothing answers.
ensure_pg() {
    # shellcheck source=/dev/null
    . "$PG_ENV"
    export PGHOST=$BO_PG_HOST PGPORT=$BO_PG_PORT PGUSER=$BO_DB_USER
    if [ -n "${BO_DB_PASSWORD:-}" ]; then export PGPASSWORD=$BO_DB_PASSWORD; fi
    if [ "$BO_PG_MODE" = local ] && ! pg_local_running; then
        pg_local_start
    fi
    psql -w -d postgres -tAc 'select 1' >/dev/null 2>&1 \
        || die "PostgreSQL does not answer at host=$PGHOST port=$PGPORT as role $PGUSER. \
Start the server (system service: pg_ctlcluster <version> main start) or run: make setup"
}

pg_bindir() {
    local d
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"; return
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    return 1
}

# initdb and postgres refuse to run as root: the local cluster belongs to an
# unprivileged account in that case.
pg_run() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "${BO_PG_OS_USER:-postgres}" -- "$@"
    else
        "$@"
    fi
}

pg_local_running() {
    pg_run "$(pg_bindir)/pg_ctl" -D "$LOCAL_DIR/pgdata" status >/dev/null 2>&1
}

pg_local_start() {
    info "Starting the project-local PostgreSQL cluster (.local/pgdata, port $BO_PG_PORT)"
    pg_run "$(pg_bindir)/pg_ctl" -D "$LOCAL_DIR/pgdata" -l "$LOCAL_DIR/pgdata/server.log" -w \
        -o "-k $LOCAL_DIR/pgsocket -p $BO_PG_PORT -c listen_addresses=''" start >/dev/null \
        || die "The project-local PostgreSQL cluster did not start; see .local/pgdata/server.log"
}

db_exists() {
    [ "$(psql -w -d postgres -tAc "select 1 from pg_database where datname = '$1'")" = 1 ]
}

# True when the three addons are installed in database $1 (a database left
# half-built by an interrupted install is not).
suite_installed() {
    db_exists "$1" || return 1
    [ "$(psql -w -d "$1" -tAc "select count(*) from ir_module_module \
        where name in ('bo_sales','bo_logistics','bo_reporting') and state = 'installed'" 2>/dev/null)" = 3 ]
}

# Create database $1 with the suite, its demo data and Italian (scripts/create_db.py),
# logging to $2; fails when the install logged an error.
create_suite_db() {
    local db=$1 log=$2
    : > "$log"
    "$VENV/bin/python" "$PROJECT_DIR/scripts/create_db.py" "$ODOO_CONF" "$db" "$log" "$BO_ADDONS" \
        || return 1
    check_log "$log"
}

# Errors logged while installing are failures, and so is demo data that failed
# to load (Odoo logs it as a warning and goes on without demo), except the error
# Odoo logs for the tree's modules whose dependencies are absent (left
# uninstallable on purpose).
check_log() {
    local failure=" (ERROR|CRITICAL) |demo data failed to install"
    if grep -E "$failure" "$1" | grep -v "Some modules have inconsistent states" >/dev/null; then
        grep -E -A8 "$failure" "$1" | grep -v "Some modules have inconsistent states" | head -40 >&2
        echo "(whole log: $1)" >&2
        return 1
    fi
}

# Make database $2 as a copy of database $1, with its filestore (from $3, by
# default the one of $1 under .local/).
copy_db() {
    info "Copying database $1 into $2"
    psql -w -d postgres -qc "create database \"$2\" template \"$1\"" \
        || die "Could not copy database $1 (is it in use?)"
    mkdir -p "$LOCAL_DIR/data/filestore"
    cp -r "${3:-$LOCAL_DIR/data/filestore/$1}" "$LOCAL_DIR/data/filestore/$2"
}

drop_db() {
    psql -w -d postgres -qc "drop database if exists \"$1\" with (force)" >/dev/null
    rm -rf "$LOCAL_DIR/data/filestore/$1"
}
