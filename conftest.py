# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""pytest-odoo collects the tests of every addon of the tree; Odoo's own test
runner runs only those of the modules installed in the database. The suite's
addons that the test database does not install (bo_logistics_it_ddt on the
plain profile, where Odoo's Italian DDT numbering it joins is absent) are
therefore not collected, as Odoo would not run them; the header of the run
names them, and tests/test_database_setup.py asserts which modules each
profile installs, the bridge included."""

from pathlib import Path

import odoo

ADDONS_DIR = Path(__file__).parent / "addons"
_states = {}


def _addon_states():
    """{addon of the suite: its state in the test database}, read once."""
    if not _states:
        names = sorted(p.parent.name for p in ADDONS_DIR.glob("*/__manifest__.py"))
        with odoo.sql_db.db_connect(odoo.tools.config["db_name"]).cursor() as cr:
            cr.execute("SELECT name, state FROM ir_module_module WHERE name = ANY(%s)", [names])
            found = dict(cr.fetchall())
        _states.update({name: found.get(name, "absent") for name in names})
    return _states


def pytest_ignore_collect(collection_path, config):
    path = Path(collection_path)
    if path.parent != ADDONS_DIR or not odoo.tools.config.get("db_name"):
        return None
    if path.name in _addon_states() and _addon_states()[path.name] != "installed":
        return True
    return None


def pytest_report_header(config):
    if not odoo.tools.config.get("db_name"):
        return None
    left = [name for name, state in _addon_states().items() if state != "installed"]
    return (
        f"addons of the suite not installed in {odoo.tools.config['db_name']}, "
        f"their tests not collected (as Odoo's runner): {', '.join(left) or 'none'}"
    )
