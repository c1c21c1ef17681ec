#!/usr/bin/env bash
# make load: Odoo with worker processes on a free loopback port, N concurrent
# XML-RPC clients creating, confirming and delivering orders for a bounded time
# (tests/load/load.py), then checks of the database (tests/load/checks.py).
# Odoo is stopped at the end whatever happens.
#
# BO_LOAD_DB       load database (default bo_load; made once with the suite and demo data)
# BO_LOAD_FROM     make it as a copy of this database (BO_LOAD_FROM_FILESTORE: its filestore)
# BO_LOAD_CLIENTS  concurrent clients (default 4)
# BO_LOAD_SECONDS  how long they order (default 60)
# BO_LOAD_WORKERS  Odoo worker processes (default 2)
# BO_LOAD_LOGIN / BO_LOAD_PASSWORD  the clients' user (default admin / admin)
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_setup
ensure_pg

db=${BO_LOAD_DB:-bo_load}
mkdir -p "$LOCAL_DIR/log"
if ! suite_installed "$db"; then
    drop_db "$db"
    if [ -n "${BO_LOAD_FROM:-}" ]; then
        copy_db "$BO_LOAD_FROM" "$db" "${BO_LOAD_FROM_FILESTORE:-}"
    else
        info "Creating load database $db with the suite (log: .local/log/$db.log)"
        create_suite_db "$db" "$LOCAL_DIR/log/$db.log" || die "Installing the suite in $db failed"
    fi
fi

free_port() {
    "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(free_port)
gevent_port=$(free_port)
log="$LOCAL_DIR/log/$db-server.log"
: > "$log"
info "Starting Odoo with ${BO_LOAD_WORKERS:-2} workers on 127.0.0.1:$port (log: .local/log/$db-server.log)"
# setsid: Odoo and its workers form one process group, stopped together below.
setsid "$VENV/bin/python" "$ODOO_PATH/odoo-bin" -c "$ODOO_CONF" -d "$db" --db-filter="^$db\$" \
    --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$gevent_port" \
    --workers="${BO_LOAD_WORKERS:-2}" --max-cron-threads=0 --log-level=warn \
    --logfile="$log" >"$log.out" 2>&1 &
server=$!
stop_server() {
    kill -TERM -- "-$server" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$server" 2>/dev/null || return 0; sleep 1; done
    kill -KILL -- "-$server" 2>/dev/null || true
}
trap stop_server EXIT

for _ in $(seq 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/web/login?db=$db" 2>/dev/null; then
        break
    fi
    kill -0 "$server" 2>/dev/null || die "Odoo stopped while starting; see $log"
    sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/web/login?db=$db" \
    || die "Odoo did not answer on port $port within 300 s; see $log"

set +e
"$VENV/bin/python" "$PROJECT_DIR/tests/load/load.py" --url "http://127.0.0.1:$port" --db "$db" \
    --clients "${BO_LOAD_CLIENTS:-4}" --seconds "${BO_LOAD_SECONDS:-60}" \
    --login "${BO_LOAD_LOGIN:-admin}" --password "${BO_LOAD_PASSWORD:-admin}"
rc=$?
set -e
# Serialization failures are logged by odoo.sql_db as ERROR, then Odoo retries the
# request (odoo.service.model.retrying); only a failure left after its retries
# reaches a client, as a fault counted above.
retried=$(grep -c "could not serialize access" "$log" || true)
info "Serialization failures met by Odoo (retried inside the server): $retried"
if grep -E " (ERROR|CRITICAL) " "$log" | grep -v "inconsistent states" \
        | grep -v "odoo.sql_db: bad query" >/dev/null; then
    info "Odoo logged other errors during the run (first ones below; whole log: $log)"
    grep -E -A5 " (ERROR|CRITICAL) " "$log" | grep -v "inconsistent states" | head -30
fi
exit $rc
