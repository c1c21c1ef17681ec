#!/usr/bin/env bash
# make run: a database with the three addons and their demo data (made once),
# then the Odoo web client on http://localhost:${BO_HTTP_PORT:-8069}.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_setup
ensure_pg

db=${BO_DB:-bo_demo}
port=${BO_HTTP_PORT:-8069}
if ! suite_installed "$db"; then
    if db_exists "$db"; then
        info "Database $db exists but the suite is not (fully) installed in it: making it again"
        drop_db "$db"
    fi
    info "Creating database $db with bo_sales, bo_logistics, bo_reporting and demo data (a few minutes)"
    create_suite_db "$db" "$LOCAL_DIR/log/$db-install.log" \
        || { drop_db "$db"; die "Installing the suite failed; see .local/log/$db-install.log"; }
fi

cat <<MSG

  bo-suite is running: http://localhost:$port/web/login   (database $db)

  Demo logins (login / password):
    backoffice / backoffice   back-office clerk (Back Office / User)
    manager    / manager      back-office manager (Back Office / Manager)
    agent      / agent        sales agent with a login (Back Office / Agent)
    admin      / admin        Odoo administrator

  Stop with Ctrl+C.

MSG
exec "$VENV/bin/python" "$ODOO_PATH/odoo-bin" -c "$ODOO_CONF" -d "$db" --db-filter="^$db\$" \
    --http-port="$port" ${BO_RUN_ARGS:-}
