"""Create an Odoo database with bo-suite installed, as Odoo's database manager
does for a company in Italy: base with demo data, company country Italy,
currency EUR, time zone Europe/Rome, Italian and English; then the three addons
(installing `account` lays out the Italian chart of accounts, as on a real
Italian client's database).

Modules of the Odoo tree that depend, directly or not, on a module absent from
the tree (a tree laid out without some addons, e.g. `certificate`) are marked
uninstallable first, as Odoo marks modules declared not installable: otherwise
an auto-installed one (account_peppol, with account) breaks the install. The
suite is then installed in the same process, since `odoo-bin -i` would refresh
the module list and undo that marking.

Two profiles (``--profile=``, default from ``BO_DB_PROFILE``, else ``italian``):

- ``italian``: as above, Odoo's Italian localization complete, as it
  auto-installs (l10n_it, l10n_it_edi and its e-invoicing chain,
  l10n_it_stock_ddt): what an Italian client runs.
- ``plain``: the same Italian company whose database has no Italian
  e-invoicing: ``l10n_it_edi`` and every module depending on it (so
  ``l10n_it_stock_ddt`` too) are left uninstallable, as for a client who removed
  them or a tree without them. The suite then numbers its own DDTs alone.

Usage: python create_db.py ODOO_CONF DBNAME LOGFILE ADDON[,ADDON...] [--without-demo]
       [--profile=italian|plain]
"""

import logging
import os
import sys

import odoo
from odoo.service import db as db_service
from odoo.tools import SQL

_logger = logging.getLogger("bo_suite.create_db")

BROKEN_MODULES = SQL("""
    WITH RECURSIVE broken(name) AS (
        SELECT dep.name
          FROM ir_module_module_dependency dep
     LEFT JOIN ir_module_module mod ON mod.name = dep.name
         WHERE mod.id IS NULL
         UNION
        SELECT mod.name
          FROM ir_module_module mod
          JOIN ir_module_module_dependency dep ON dep.module_id = mod.id
          JOIN broken ON broken.name = dep.name
    )
    UPDATE ir_module_module SET state = 'uninstallable'
     WHERE state = 'uninstalled' AND name IN (SELECT name FROM broken)
 RETURNING name
""")


# The plain profile: Italy's e-invoicing and every module built on it.
WITHOUT_EINVOICING = SQL("""
    WITH RECURSIVE removed(name) AS (
        SELECT 'l10n_it_edi'::varchar
         UNION
        SELECT mod.name
          FROM ir_module_module mod
          JOIN ir_module_module_dependency dep ON dep.module_id = mod.id
          JOIN removed ON removed.name = dep.name
    )
    UPDATE ir_module_module SET state = 'uninstallable'
     WHERE state = 'uninstalled' AND name IN (SELECT name FROM removed)
 RETURNING name
""")

PROFILES = ("italian", "plain")


STUCK_MODULES = SQL("""
    UPDATE ir_module_module SET state = 'uninstallable'
     WHERE state = 'to install'
 RETURNING name
""")


def main(conf, dbname, logfile, addons, demo=True, profile="italian"):
    if profile not in PROFILES:
        raise SystemExit(f"Unknown database profile {profile!r}: choose one of {PROFILES}")
    options = [
        "-c",
        conf,
        "-d",
        dbname,
        f"--logfile={logfile}",
        "--log-level=warn",
        "--load-language=it_IT",
    ]
    if not demo:
        options.append("--without-demo=all")
    odoo.tools.config.parse_config(options)
    odoo.netsvc.init_logger()
    db_service._create_empty_database(dbname)
    registry = odoo.modules.registry.Registry.new(dbname, demo, None, update_module=True)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        italy = env.ref("base.it")
        env.ref("base.EUR").active = True
        # English stays available next to Italian: foreign customers and agents
        # get their correspondence in English.
        env["res.lang"]._activate_lang("en_US")
        env.ref("base.main_company").write(
            {"country_id": italy.id, "currency_id": env.ref("base.EUR").id}
        )
        env["res.users"].with_context(active_test=False).search([]).write({"tz": "Europe/Rome"})
        env.cr.execute(BROKEN_MODULES)
        broken = sorted(name for (name,) in env.cr.fetchall())
        if broken:
            _logger.warning(
                "Left uninstallable (a dependency is absent from the Odoo tree): %s",
                ", ".join(broken),
            )
        if profile == "plain":
            env.cr.execute(WITHOUT_EINVOICING)
            removed = sorted(name for (name,) in env.cr.fetchall())
            _logger.warning("Plain profile, left uninstallable: %s", ", ".join(removed))
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.module.module"].search([("name", "in", addons)]).button_immediate_install()
    with registry.cursor() as cr:
        # Auto-installed modules whose dependencies are absent (Enterprise ones)
        # stay 'to install' after the install; Odoo's scheduler skips a database
        # with modules in a 'to ...' state, so no scheduled job would ever run.
        cr.execute(STUCK_MODULES)
        stuck = sorted(name for (name,) in cr.fetchall())
        if stuck:
            _logger.warning("Left uninstallable (could not be installed): %s", ", ".join(stuck))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    profile = os.environ.get("BO_DB_PROFILE") or "italian"
    for arg in sys.argv[1:]:
        if arg.startswith("--profile="):
            profile = arg.split("=", 1)[1]
    main(
        args[0],
        args[1],
        args[2],
        args[3].split(","),
        demo="--without-demo" not in sys.argv,
        profile=profile,
    )
