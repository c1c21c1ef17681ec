# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the monthly "Sales and turnover" report (figures, PDF and XLSX)
over a database with many confirmed order lines.

On a database that already holds the lines asked for (the bench database made
by tools/bench/generate.py: customers, agents, products and orders over three
years), prepare() only defines a company-wide monthly report on it (comparison
with the same month last year, PDF and XLSX).

Otherwise (or when `lines` is given, as the tests do) it builds one real
confirmed order through the ORM, then clones it at SQL level (INSERT ... SELECT
over generate_series, 10 lines per order, spread over 12 months, 50 customers
and 40 products rotated) so that a million lines take about a minute instead of
hours, and the report is restricted to the cloned customers' tag.
BO_BENCH_LINES overrides the size (default 1 000 000).

run() produces the report's due month as the scheduled job does (figures, PDF
and XLSX attachments, no email). baseline() is the plain-Odoo reference: the
report's twelve months of ordered sales, per month, from sale.report (what the
Sales > Reporting pivot reads) with the same company and filters; the figures
alone are the case monthly_report_figures.

The benchmark runs without an HTTP server: wkhtmltopdf cannot fetch the report
CSS from web.base.url (it logs a network error) and renders unstyled pages, as
in Odoo's own tests. With the server up, the PDF costs more (see README).
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


def _monthly_report(env, **values):
    return env["bo.periodic.report"].create(
        {
            "name": "Bench monthly sales",
            "kind": "sales",
            "periodicity": "monthly",
            "run_day": 1,
            "comparison": "last_year",
            "formats": "both",
            "company_id": env.company.id,
            **values,
        }
    )


def prepare(env, lines=None):
    if not lines:
        lines = int(os.environ.get("BO_BENCH_LINES") or 1_000_000)
        env.cr.execute("SELECT count(*) FROM sale_order_line")
        (existing,) = env.cr.fetchone()
        if existing >= lines:
            return {
                "report": _monthly_report(env),
                "lines": existing,
                "size": f"{existing:,} order lines (generated data)".replace(",", " "),
            }
    lines = int(lines)
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
    report = _monthly_report(env, partner_category_ids=[Command.set(tag.ids)])
    lines = orders * LINES_PER_ORDER
    return {
        "report": report,
        "lines": lines,
        "size": f"{lines:,} cloned order lines".replace(",", " "),
    }


def due_run(env, report):
    """The run of the report's due period (created when missing)."""
    period = report._bo_due_period()
    Run = env["bo.periodic.report.run"]
    record = Run.search([("report_id", "=", report.id), ("period_start", "=", period.start)])
    return record or Run.create(
        {"report_id": report.id, "period_start": period.start, "period_end": period.end}
    )


def run(env, ctx):
    record = due_run(env, ctx["report"])
    record._bo_produce(send=False)
    return record


def baseline(env, ctx):
    """The report's 12 months of ordered sales from sale.report, per month."""
    report = ctx["report"]
    report_ctx = report._bo_context(report._bo_due_period())
    domain = [
        *env["bo.report.kind.sales"]._bo_sale_domain(report_ctx),
        ("date", ">=", report_ctx["trend"][0].start),
        ("date", "<", report_ctx["trend"][-1].end + datetime.timedelta(days=1)),
    ]
    return env["sale.report"].read_group(
        domain, ["price_subtotal:sum", "margin:sum"], ["date:month"], lazy=False
    )
