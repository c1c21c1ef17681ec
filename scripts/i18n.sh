#!/usr/bin/env bash
# make i18n: upgrade the suite in the test database, export every addon's terms
# into i18n/<addon>.pot and merge them into i18n/it.po (translations kept).
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_setup
ensure_pg
db=${BO_TEST_DB:-bo_test}
suite_installed "$db" || die "Test database $db has no suite installed: run make test first."
odoo_bin -d "$db" -u "$BO_ADDONS" --stop-after-init --log-level=warn --logfile="$LOCAL_DIR/log/$db.log" \
    || die "Upgrading the suite in $db failed; see .local/log/$db.log"
"$VENV/bin/python" "$PROJECT_DIR/scripts/i18n.py" "$ODOO_CONF" "$db" ${BO_I18N_ADDONS:-bo_sales bo_logistics bo_reporting bo_logistics_it_ddt bo_reporting_logistics}
