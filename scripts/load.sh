#!/usr/bin/env bash
# make load: Odoo with worker processes on a free loopback port, N concurrent
# XML-RPC clients creating, confirming and delivering orders and validating their
# DDTs for a bounded time (tools/load/load.py), then checks of the database
# (tools/load/checks.py). Odoo is stopped at the end whatever happens.
#
# BO_LOAD_DB       load database (default bo_load; made once with the suite and demo
#                  data, the suite upgraded in it before each run)
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
upgrade=1
if ! suite_installed "$db"; then
    drop_db "$db"
    if [ -n "${BO_LOAD_FROM:-}" ]; then
        copy_db "$BO_LOAD_FROM" "$db" "${BO_LOAD_FROM_FILESTORE:-}"
    else
        info "Creating load database $db with the suite (log: .local/log/$db.log)"
        create_suite_db "$db" "$LOCAL_DIR/log/$db.log" || die "Installing the suite in $db failed"
        upgrade=0
    fi
fi
# A database made earlier (or copied) has the schema of older code: upgrade the
# suite as make test does (a column the code dropped may still be NOT NULL there).
if [ "$upgrade" = 1 ]; then
    info "Upgrading the suite in load database $db (log: .local/log/$db.log)"
    : > "$LOCAL_DIR/log/$db.log"
    odoo_bin -d "$db" -u "$BO_ADDONS" --stop-after-init --log-level=warn \
        --logfile="$LOCAL_DIR/log/$db.log" && check_log "$LOCAL_DIR/log/$db.log" \
        || die "Upgrading the suite in $db failed; see .local/log/$db.log"
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
# odoo.service.model at INFO: its retries of concurrency errors are counted below.
setsid "$VENV/bin/python" "$ODOO_PATH/odoo-bin" -c "$ODOO_CONF" -d "$db" --db-filter="^$db\$" \
    --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$gevent_port" \
    --workers="${BO_LOAD_WORKERS:-2}" --max-cron-threads=0 --log-level=warn \
    --log-handler=odoo.service.model:INFO --logfile="$log" >"$log.out" 2>&1 &
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

# The gevent process (websocket/longpolling, --gevent-port) is started by the
# workers' master; it dies at once when the environment cannot monkey-patch.
gevent_ok=0
for _ in $(seq 30); do
    if curl -sS -o /dev/null "http://127.0.0.1:$gevent_port/websocket" 2>/dev/null; then
        gevent_ok=1
        break
    fi
    sleep 1
done

set +e
"$VENV/bin/python" "$PROJECT_DIR/tools/load/load.py" --url "http://127.0.0.1:$port" --db "$db" \
    --clients "${BO_LOAD_CLIENTS:-4}" --seconds "${BO_LOAD_SECONDS:-60}" \
    --login "${BO_LOAD_LOGIN:-admin}" --password "${BO_LOAD_PASSWORD:-admin}"
rc=$?
set -e
# Concurrency errors (serialization failure, deadlock, busy lock) make Odoo retry
# the whole request (odoo.service.model.retrying, 5 tries, logged at INFO: "<error>,
# N tries left"); only one left after its last try reaches a client, as a fault
# counted above ("maximum number of tries reached").
retried=$(grep -cE "odoo.service.model: [A-Za-z_]+, [0-9]+ tries left" "$log" || true)
info "Concurrency errors met by Odoo and retried inside the server: $retried"
if [ "$retried" != 0 ]; then
    grep -oE "odoo.service.model: [A-Za-z_]+, [0-9]+ tries left" "$log" \
        | awk '{sub(",", "", $2); n[$2]++; t[$3]++}
               END {for (k in n) printf "      %s: %d\n", k, n[k];
                    for (k = 4; k >= 0; k--) if (t[k]) printf "      retried with %d tries left: %d\n", k, t[k]}'
    # The table of the statement that met the error (odoo.sql_db's "bad query").
    awk '/odoo.sql_db: bad query:/ {
             table = "?"
             if (match($0, /(UPDATE|FROM|INTO) "?[a-z_]+/)) {
                 table = substr($0, RSTART, RLENGTH); sub(/^[A-Z]+ "?/, "", table)
             }
             next
         }
         /^ERROR: (could not serialize access|deadlock detected|could not obtain lock)/ && table != "" {
             n[table]++; table = ""
         }
         END { for (k in n) printf "      on table %s: %d\n", k, n[k] }' "$log"
fi
gave_up=$(grep -c "maximum number of tries reached" "$log" || true)
info "Requests that still failed after Odoo's last try (the client got the error): $gave_up"
[ "$gave_up" = 0 ] || rc=1
if [ "$gevent_ok" != 1 ]; then
    info "The gevent (websocket) process of the workers did not answer on port $gevent_port."
    rc=1
fi
if grep -q "Traceback" "$log.out"; then
    info "Odoo's processes wrote tracebacks (first one below; whole output: $log.out)."
    info "An ImportError or DistributionNotFound there is a broken environment: run make setup."
    grep -m1 -A40 "Traceback" "$log.out" | grep -m1 -B40 -E "^[A-Za-z_.]+(Error|Exception|NotFound)" || true
    rc=1
fi
# Other errors Odoo logged: every ERROR or CRITICAL record but the queries that
# failed on a concurrency error (retried above) and the tree's uninstallable modules.
other_errors=$(awk '
    function flush() {
        if (rec != "" && rec !~ /inconsistent states/ \
            && rec !~ /bad query: .*(could not serialize access|deadlock detected|could not obtain lock)/) {
            print substr(rec, 1, 600); n++
        }
        rec = ""
    }
    /^[0-9]{4}-[0-9]{2}-[0-9]{2} / { flush(); if ($4 == "ERROR" || $4 == "CRITICAL") rec = $0; next }
    rec != "" { rec = rec "\n" $0 }
    END { flush() }' "$log")
if [ -n "$other_errors" ]; then
    info "Odoo logged other errors during the run (first ones below; whole log: $log)"
    printf '%b\n' "$other_errors" | head -30
fi
exit $rc
