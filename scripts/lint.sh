#!/usr/bin/env bash
# make lint: ruff, then pylint-odoo (OCA's plugin) over the addons.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -x "$VENV/bin/ruff" ] || die "The project is not set up on this machine. Run: make setup"
cd "$PROJECT_DIR"
info "ruff"
"$VENV/bin/ruff" check addons tests tools scripts conftest.py
"$VENV/bin/ruff" format --check addons tests tools scripts conftest.py
info "pylint-odoo"
"$VENV/bin/pylint" --rcfile=.pylintrc addons/bo_sales addons/bo_logistics addons/bo_reporting \
    addons/bo_logistics_it_ddt addons/bo_reporting_logistics
