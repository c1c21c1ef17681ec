#!/usr/bin/env bash
# make test-core: Odoo's own test suites of the modules bo-suite extends, run on
# a database where the suite is installed, with a pass/fail count per module.
# Long (tens of minutes for account and stock): not part of `make test` nor CI.
#
# BO_CORE_TAGS     Odoo --test-tags (default: the suites of every extended module)
# BO_CORE_DB       database to run on (default bo_core, or bo_core_plain without the suite);
#                  it is made again on every run, so that -u starts from a known state
# BO_CORE_FROM     an existing database with the suite to copy instead of installing it
#                  (with BO_CORE_FROM_FILESTORE, its filestore folder)
# BO_CORE_WITHOUT_SUITE=1  the same run on a database with only Odoo's modules
#                  (same company set-up: Italy, EUR, demo data): the reference to compare with
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_setup
ensure_pg

tags=${BO_CORE_TAGS:-/sale,/sale_management,/sale_stock,/stock,/stock_delivery,/account,/calendar}
# Odoo's modules the suite is installed on (its manifests' dependencies).
odoo_modules=sale_management,sale_stock,stock_delivery,calendar,base_vat,sale_margin
if [ "${BO_CORE_WITHOUT_SUITE:-0}" = 1 ]; then
    db=${BO_CORE_DB:-bo_core_plain}
    install=$odoo_modules
else
    db=${BO_CORE_DB:-bo_core}
    install=$BO_ADDONS
fi
# The modules to upgrade are the ones named by the tags ("/sale:TestX.test_y" -> sale):
# at_install tests run while a module loads, post_install ones after.
modules=$(tr ',' '\n' <<<"$tags" | grep -v '^-' | sed -E 's#^[-+]?[^/]*/##; s#[:.].*$##' | grep -v '^$' | sort -u | paste -sd,)
mkdir -p "$LOCAL_DIR/log"
log="$LOCAL_DIR/log/$db-core.log"
: > "$log"  # Odoo appends to its log file: one run per file

drop_db "$db"
if [ -n "${BO_CORE_FROM:-}" ] && [ "${BO_CORE_WITHOUT_SUITE:-0}" != 1 ]; then
    copy_db "$BO_CORE_FROM" "$db" "${BO_CORE_FROM_FILESTORE:-}"
else
    info "Creating database $db with $install (log: .local/log/$db-install.log)"
    : > "$LOCAL_DIR/log/$db-install.log"
    "$VENV/bin/python" "$PROJECT_DIR/scripts/create_db.py" "$ODOO_CONF" "$db" \
        "$LOCAL_DIR/log/$db-install.log" "$install" \
        && check_log "$LOCAL_DIR/log/$db-install.log" || die "Creating $db failed"
fi

port=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
info "Running Odoo's tests $tags on $db (upgrading $modules; log: .local/log/$db-core.log)"
start=$(date +%s)
set +e
odoo_bin -d "$db" --test-enable --test-tags "$tags" -u "$modules" --stop-after-init \
    --log-level=info --logfile="$log" --http-port="$port" --workers=0 --max-cron-threads=0
rc=$?
set -e
elapsed=$(( $(date +%s) - start ))

"$VENV/bin/python" "$PROJECT_DIR/tools/core_report.py" "$log" "$db" "$elapsed" "$rc"
