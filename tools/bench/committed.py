"""One benchmark case on data committed beforehand, as a nightly job meets it.

`runner.py` prepares each case in the transaction that measures it, so the
records the case works on were created by that same transaction. That is what
an import does (it checks the orders it has just created), but not what the
nightly jobs see: PostgreSQL then re-runs every foreign-key check of a row it
updates, and reads row versions no vacuum could clean yet.

This script measures a case the other way, on a throwaway copy of the database
(without its filestore):
prepare(env) committed, VACUUM ANALYZE (what autovacuum does on a live
server), then run(env, ctx) measured as the runner does (each run rolled back,
median time and queries). The copy is dropped at the end.

Usage: python tools/bench/committed.py -c ODOO_CONF -d DB --case order_checks [--runs 7]
"""

import argparse
import importlib.util
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import runner  # the runner's measuring, next to this file


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True, help="database to copy")
    parser.add_argument("--case", required=True, help="case file name, e.g. order_checks")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    import odoo
    from odoo.tools import SQL

    def admin(query):
        # NOTE: CREATE/DROP DATABASE cannot run inside a transaction block.
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute(query)

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.netsvc.init_logger()
    [path] = runner.case_paths([args.case])
    spec = importlib.util.spec_from_file_location(f"bo_bench_{args.case}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    copy = f"{args.database}_committed"
    admin(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(copy)))
    admin(
        SQL("CREATE DATABASE %s TEMPLATE %s", SQL.identifier(copy), SQL.identifier(args.database))
    )
    try:
        registry = odoo.modules.registry.Registry(copy)
        context = {"bo_bench": "full", "tracking_disable": True}
        with registry.cursor() as cr:
            ctx = module.prepare(odoo.api.Environment(cr, odoo.SUPERUSER_ID, context)) or {}
            cr.commit()
        with registry.cursor() as cr:
            # NOTE: VACUUM cannot run inside a transaction block.
            cr._cnx.autocommit = True
            cr.execute(SQL("VACUUM ANALYZE"))
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, context)
            result = runner.measure(env, module.run, ctx, args.runs)
            cr.rollback()
    finally:
        odoo.modules.registry.Registry.delete(copy)
        odoo.sql_db.close_db(copy)
        admin(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(copy)))
    sys.stdout.write(
        f"\n{module.CASE['name']}, {ctx.get('size') or module.CASE['size']}, data committed "
        f"and vacuumed before the runs ({args.runs} runs): median {result['median_s']:.3f} s "
        f"(runs {', '.join(f'{t:.3f}' for t in result['times_s'])}), "
        f"{result['queries']} queries, peak {result['peak_mb']:.1f} MB; "
        f"target {module.CASE['target_s']:g} s\n"
    )


if __name__ == "__main__":
    main()
