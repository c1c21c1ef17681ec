#!/usr/bin/env bash
# make bench: a bench database with the suite and a generated volume of data
# (tools/bench/generate.py, made once), then every benchmark case of
# tools/bench/cases/ (tools/bench/runner.py): one table on screen, the same as
# JSON in .bench/ (ignored). Exits non-zero when a case fails.
#
# BO_BENCH_DB      bench database (default bo_bench); reused while it holds the suite
#                  and generated data, after upgrading the addons
# BO_BENCH_LINES   order lines to generate when making it (default 1000000)
# BO_BENCH_FRESH=1 drop it and make it again
# BO_BENCH_FROM    make it as a copy of this database with the suite (quicker than
#                  installing; BO_BENCH_FROM_FILESTORE: its filestore folder)
# BO_BENCH_RUNS    timed runs per case (default 3, median shown)
# BO_BENCH_CASES   comma-separated case file names to run (default: all)
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_setup
ensure_pg

db=${BO_BENCH_DB:-bo_bench}
lines=${BO_BENCH_LINES:-1000000}
mkdir -p "$LOCAL_DIR/log" "$PROJECT_DIR/.bench"
log="$LOCAL_DIR/log/$db.log"

generated() {
    [ -n "$(psql -w -d "$1" -tAc "select value from ir_config_parameter \
        where key = 'bo_suite.bench_generated_lines'" 2>/dev/null)" ]
}

if [ "${BO_BENCH_FRESH:-0}" = 1 ] || ! suite_installed "$db" || ! generated "$db"; then
    drop_db "$db"
    if [ -n "${BO_BENCH_FROM:-}" ]; then
        copy_db "$BO_BENCH_FROM" "$db" "${BO_BENCH_FROM_FILESTORE:-}"
    else
        info "Creating bench database $db with the suite (log: .local/log/$db.log)"
        create_suite_db "$db" "$log" || die "Installing the suite in $db failed; see $log"
    fi
    info "Generating $lines order lines in $db"
    "$VENV/bin/python" "$PROJECT_DIR/tools/bench/generate.py" -c "$ODOO_CONF" -d "$db" \
        --lines "$lines" --mark | tee "$LOCAL_DIR/log/$db-generate.json" \
        || die "Generating the data failed"
else
    info "Upgrading the suite in bench database $db"
    odoo_bin -d "$db" -u "$BO_ADDONS" --stop-after-init --log-level=warn --logfile="$log" \
        && check_log "$log" || die "Upgrading the suite in $db failed; see $log"
fi

# What autovacuum does on a live server (and may be switched off here): the
# statistics and visibility of the data as the cases will meet it, whatever the
# earlier runs (rolled back) left behind.
info "Vacuuming and analysing $db"
# (the shared catalogs are the superuser's: their warnings are left out)
PGOPTIONS="-c client_min_messages=error" psql -w -d "$db" -qc "VACUUM ANALYZE" \
    || die "VACUUM ANALYZE of $db failed"

json="$PROJECT_DIR/.bench/bench-$(date -u +%Y%m%dT%H%M%SZ).json"
set +e
"$VENV/bin/python" "$PROJECT_DIR/tools/bench/runner.py" -c "$ODOO_CONF" -d "$db" \
    --runs "${BO_BENCH_RUNS:-3}" --json "$json" ${BO_BENCH_CASES:+--cases "$BO_BENCH_CASES"}
rc=$?
set -e
cp "$json" "$PROJECT_DIR/.bench/latest.json" 2>/dev/null || true
exit $rc
