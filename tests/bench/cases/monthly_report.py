# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the monthly "Sales and turnover" report (figures, PDF and XLSX)
over a database with many confirmed order lines.

prepare() builds one real confirmed order through the ORM, then clones it at
SQL level (INSERT ... SELECT over generate_series, 10 lines per order, spread
over 12 months, customers and products rotated) so that a million lines take
about a minute instead of hours. BO_BENCH_LINES overrides the size.
"""

import datetime
import os

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tools import SQL

CASE = {"name": "monthly_report", "size": "1 000 000 order lines", "target_s": 5.0}
LINES_PER_ORDER = 10


def _columns(env, table, skip):
    env.cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s ORDER BY ordinal_position",
            table,
        )
    )
    return [name for (name,) in env.cr.fetchall() if name not in skip]


def prepare(env, lines=None):
    lines = int(lines or os.environ.get("BO_BENCH_LINES") or 1_000_000)
    company = env.company
    tag = env["res.partner.category"].create({"name": "Bench customers"})
    customers = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {i}",
                "is_company": True,
                "category_id": [Command.set(tag.ids)],
            }
            for i in range(50)
        ]
    )
    categ = env["product.category"].create({"name": "Bench"})
    products = env["product.product"].create(
        [
            {
                "name": f"Bench Product {i}",
                "list_price": 10.0 + i,
                "standard_price": 5.0,
                "categ_id": categ.id,
            }
            for i in range(40)
        ]
    )
    template = env["sale.order"].create(
        {
            "partner_id": customers[0].id,
            "company_id": company.id,
            "order_line": [Command.create({"product_id": products[0].id, "product_uom_qty": 3})],
        }
    )
    template.action_confirm()
    env.flush_all()
    line = template.order_line
    orders = max(lines // LINES_PER_ORDER, 1)
    today = fields.Date.context_today(env["sale.order"])
    first = datetime.datetime.combine(
        (today - relativedelta(months=12)).replace(day=1), datetime.time(9)
    )
    seconds = int(
        (datetime.datetime.combine(today.replace(day=1), datetime.time(0)) - first).total_seconds()
    )
    order_cols = _columns(
        env,
        "sale_order",
        {"id", "name", "date_order", "partner_id", "partner_invoice_id", "partner_shipping_id"},
    )
    env.cr.execute(
        SQL(
            """
            INSERT INTO sale_order (%(cols)s, name, date_order,
                                    partner_id, partner_invoice_id, partner_shipping_id)
            SELECT %(cols)s, 'BENCH-' || g,
                   %(first)s + ((g - 1) * %(step)s) * interval '1 second',
                   (%(partners)s::int[])[1 + mod(g, %(np)s)],
                   (%(partners)s::int[])[1 + mod(g, %(np)s)],
                   (%(partners)s::int[])[1 + mod(g, %(np)s)]
              FROM sale_order, generate_series(1, %(orders)s) g
             WHERE sale_order.id = %(template)s
            """,
            cols=SQL(", ").join(SQL.identifier(col) for col in order_cols),
            first=first,
            step=seconds / orders,
            partners=customers.ids,
            np=len(customers),
            orders=orders,
            template=template.id,
        )
    )
    line_cols = _columns(
        env, "sale_order_line", {"id", "order_id", "product_id", "order_partner_id"}
    )
    env.cr.execute(
        SQL(
            """
            INSERT INTO sale_order_line (%(cols)s, order_id, order_partner_id, product_id)
            SELECT %(cols_l)s, o.id, o.partner_id,
                   (%(products)s::int[])[1 + mod(o.id + k, %(nprod)s)]
              FROM sale_order_line l, sale_order o, generate_series(1, %(per)s) k
             WHERE l.id = %(line)s AND left(o.name, 6) = 'BENCH-'
            """,
            cols=SQL(", ").join(SQL.identifier(col) for col in line_cols),
            cols_l=SQL(", ").join(SQL("l.%s", SQL.identifier(col)) for col in line_cols),
            products=products.ids,
            nprod=len(products),
            per=LINES_PER_ORDER,
            line=line.id,
        )
    )
    env.cr.execute("ANALYZE sale_order; ANALYZE sale_order_line")
    env.invalidate_all()
    report = env["bo.periodic.report"].create(
        {
            "name": "Bench monthly sales",
            "kind": "sales",
            "periodicity": "monthly",
            "run_day": 1,
            "comparison": "last_year",
            "formats": "both",
            "company_id": company.id,
            "partner_category_ids": [Command.set(tag.ids)],
        }
    )
    return {"report": report, "lines": orders * LINES_PER_ORDER}


def run(env, ctx):
    report = ctx["report"]
    period = report._bo_due_period()
    Run = env["bo.periodic.report.run"]
    record = Run.search([("report_id", "=", report.id), ("period_start", "=", period.start)])
    record = record or Run.create(
        {"report_id": report.id, "period_start": period.start, "period_end": period.end}
    )
    record._bo_produce(send=False)
    return record
