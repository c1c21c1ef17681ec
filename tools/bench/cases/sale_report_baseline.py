# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the monthly sales figure the plain Odoo way, over all generated lines.

``run`` is what a manager gets from Sales > Reporting: confirmed sales
(untaxed, and quantities ordered, delivered, invoiced) per month of the last
twelve, through ``read_group`` on ``sale.report`` (a SQL view over every order
line). It is the reference the periodic reports of bo_reporting are measured
against. ``baseline`` reads the same months from the orders' stored totals
(``sale.order`` ``read_group`` on ``amount_untaxed``), the cheapest figure Odoo
already has: the ratio shows what the line-level view costs.

On the bench database (make bench) the lines are the generator's; in small mode
(tests) prepare generates a small data set first.
"""

import datetime

CASE = {
    "name": "sale_report_monthly",
    "size": "every order line of the database",
    "target_s": 5.0,
}
# The size tests/test_bench_runner.py runs this case with.
SMALL = {"lines": 300}


def prepare(env, lines=None):
    """Make sure there are order lines to read; return the period and the line count."""
    if lines or env.context.get("bo_bench") == "small":
        from tools.bench.generate import generate

        generate(env, lines or SMALL["lines"], real=0, events=0)
    today = datetime.date.today()
    first = (today.replace(day=1) - datetime.timedelta(days=365)).replace(day=1)
    env.cr.execute("SELECT count(*) FROM sale_order_line")
    (count,) = env.cr.fetchone()
    return {
        "domain": [("state", "=", "sale"), ("date", ">=", first.isoformat())],
        "order_domain": [("state", "=", "sale"), ("date_order", ">=", first.isoformat())],
        "size": f"{count:,} order lines".replace(",", " "),
    }


def run(env, ctx):
    """Sales per month from sale.report, as the Sales > Reporting pivot asks for them."""
    return env["sale.report"].read_group(
        ctx["domain"],
        ["price_subtotal:sum", "product_uom_qty:sum", "qty_delivered:sum", "qty_invoiced:sum"],
        ["date:month"],
        lazy=False,
    )


def baseline(env, ctx):
    """The same months from the orders' stored untaxed totals."""
    return env["sale.order"].read_group(
        ctx["order_domain"], ["amount_untaxed:sum"], ["date_order:month"], lazy=False
    )
