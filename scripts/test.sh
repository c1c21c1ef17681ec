#!/usr/bin/env bash
# make test: a fresh test database with the three addons installed, then every
# test of the suite (addon tests and tests/) with pytest-odoo against it.
# BO_TEST_DB names the database (default bo_test); BO_TEST_REUSE=1 keeps an
# existing one and only upgrades the addons (quicker while developing);
# BO_TEST_FROM=<db> (with BO_TEST_FROM_FILESTORE=<its filestore folder>) makes
# a missing test database as a copy of that one, then upgrades the addons;
# arguments (test paths, pytest options) replace the default set of tests.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_setup
ensure_pg

db=${BO_TEST_DB:-bo_test}
log="$LOCAL_DIR/log/$db.log"
if [ -n "${BO_TEST_FROM:-}" ] && ! db_exists "$db"; then
    copy_db "$BO_TEST_FROM" "$db" "${BO_TEST_FROM_FILESTORE:-}"
    BO_TEST_REUSE=1
fi
if [ "${BO_TEST_REUSE:-0}" = 1 ] && suite_installed "$db"; then
    info "Upgrading the suite in test database $db"
    : > "$log"
    odoo_bin -d "$db" -u "$BO_ADDONS" --stop-after-init --log-level=warn --logfile="$log" \
        && check_log "$log" || die "Upgrading the suite in $db failed; see $log"
else
    drop_db "$db"
    info "Creating test database $db with the suite installed (log: .local/log/$db.log)"
    create_suite_db "$db" "$log" || die "Installing the suite in $db failed; see $log"
fi

cd "$PROJECT_DIR"
info "Running the tests with pytest-odoo"
# Arguments (test paths, pytest options) replace the default: every test.
if [ $# -eq 0 ]; then set -- addons tests; fi
set +e
"$VENV/bin/python" -m pytest --odoo-config="$ODOO_CONF" --odoo-database="$db" --odoo-http \
    --odoo-log-level=warn ${PYTEST_ARGS:-} "$@"
rc=$?
set -e
exit $rc
