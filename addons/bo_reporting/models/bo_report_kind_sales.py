# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, models

from ..tools import charts, periods

TOP = 10


class BoReportKindSales(models.AbstractModel):
    """Sales and turnover: ordered (as sale.report) and invoiced (account.invoice.report).

    The figures come from ``bo.report.sales.figures`` (three aggregate
    queries); this model lays them out as the section of the report: key
    figures, breakdowns, top and bottom customers and products, targets,
    trend and charts.
    """

    _name = "bo.report.kind.sales"
    _inherit = "bo.report.kind"
    _description = "Periodic report kind: sales and turnover"

    # ------------------------------------------------------------------
    # Tables
    # ------------------------------------------------------------------
    @api.model
    def _bo_breakdown(self, ctx, figures, title, sale_field, invoice_field, label):
        """One table: ordered, margin and invoiced per group, with comparison."""
        model = self.env["bo.report.sales.figures"]._BO_ORDER_KEYS[sale_field]
        records = figures["records"][model]
        ordered = {key[0]: value for key, value in figures["ordered"][(sale_field,)].items()}
        invoiced = figures["invoiced"]["period"].get(invoice_field, {})
        previous = figures["invoiced"]["comparison"].get(invoice_field, {})
        rows = []
        for key in set(ordered) | set(invoiced) | set(previous):
            amount, margin, orders = ordered.get(key, (0.0, 0.0, 0))
            turnover = invoiced.get(key, 0.0)
            before = previous.get(key, 0.0)
            rows.append(
                [
                    records[key].display_name if key else self.env._("(none)"),
                    orders,
                    self._bo_round(ctx, amount),
                    self._bo_round(ctx, margin),
                    self._bo_round(ctx, turnover),
                    self._bo_round(ctx, before),
                    self._bo_change(turnover, before),
                ]
            )
        rows.sort(key=lambda row: (-row[4], -row[2], row[0]))
        columns = [
            self._bo_column(label),
            self._bo_column(self.env._("Orders"), "int"),
            self._bo_column(self.env._("Ordered"), "money"),
            self._bo_column(self.env._("Margin"), "money"),
            self._bo_column(self.env._("Invoiced"), "money"),
            self._bo_column(self.env._("Invoiced (comparison)"), "money"),
            self._bo_column(self.env._("Change"), "pct"),
        ]
        return {"title": title, "columns": columns, "rows": rows}

    @api.model
    def _bo_targets(self, ctx):
        """Targets of the period's agents and their progress (invoiced so far)."""
        period = ctx["period"]
        targets = self._bo_env(ctx, "bo.sales.target").search(
            [
                ("company_id", "=", ctx["company"].id),
                ("date_from", "<=", period.end),
                ("date_to", ">=", period.start),
            ]
        )
        by_range = defaultdict(lambda: targets.browse())
        for target in targets:
            by_range[(target.date_from, min(target.date_to, period.end))] |= target
        rows = []
        invoice_domain = [
            ("company_id", "=", ctx["company"].id),
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("bo_agent_id", "in", targets.agent_id.ids),
        ]
        # NOTE: one grouped read per distinct target range (a handful), never per order.
        for (date_from, date_to), range_targets in by_range.items():
            done = dict(
                self._bo_env(ctx, "account.invoice.report")._read_group(
                    [
                        *invoice_domain,
                        ("invoice_date", ">=", date_from),
                        ("invoice_date", "<=", date_to),
                    ],
                    ["bo_agent_id"],
                    ["price_subtotal:sum"],
                )
            )
            for target in range_targets:
                achieved = self._bo_round(ctx, done.get(target.agent_id, 0.0))
                rows.append(
                    [
                        target.agent_id.display_name,
                        str(target.date_from),
                        str(target.date_to),
                        target.amount,
                        achieved,
                        achieved / target.amount if target.amount else None,
                    ]
                )
        rows.sort(key=lambda row: (row[0], row[1]))
        return {
            "title": self.env._("Targets"),
            "columns": [
                self._bo_column(self.env._("Agent")),
                self._bo_column(self.env._("From")),
                self._bo_column(self.env._("To")),
                self._bo_column(self.env._("Target"), "money"),
                self._bo_column(self.env._("Invoiced"), "money"),
                self._bo_column(self.env._("Progress"), "pct"),
            ],
            "rows": rows,
        }

    @api.model
    def _bo_extremes(self, entries, model, count):
        """Top and bottom ``count`` of ``entries`` ``(amount, id, values)`` by
        amount (descending) then name, as a full sort would give them, with
        the ids replaced by records. Only the entries that may be shown are
        named (one recordset, so one batch of reads)."""
        amounts = sorted((entry[0] for entry in entries), reverse=True)
        high = amounts[count - 1] if len(amounts) > count else None
        low = amounts[-count] if len(amounts) > count else None
        entries = [
            entry for entry in entries if high is None or entry[0] >= high or entry[0] <= low
        ]
        # sudo: company-wide figures, company-wide labels (see _bo_env)
        records = self.env[model].sudo().browse(sorted({entry[1] for entry in entries}))
        by_id = {record.id: record for record in records}
        ranked = sorted(
            ((amount, by_id[key], values) for amount, key, values in entries),
            key=lambda entry: (-entry[0], entry[1].display_name),
        )
        top = [entry for entry in ranked if high is None or entry[0] >= high][:count]
        bottom = [entry for entry in ranked if low is None or entry[0] <= low][-count:]
        return top, list(reversed(bottom))

    @api.model
    def _bo_products(self, ctx, figures):
        """Rows of the top and bottom products by ordered amount, and their columns."""
        entries = [
            (self._bo_round(ctx, amount), product_id, (orders, margin))
            for (product_id,), (amount, margin, orders) in figures["ordered"][
                ("product_id",)
            ].items()
        ]
        top, bottom = self._bo_extremes(entries, "product.product", TOP)

        def row(entry):
            amount, product, (orders, margin) = entry
            return [product.display_name, orders, amount, self._bo_round(ctx, margin)]

        columns = [
            self._bo_column(self.env._("Product")),
            self._bo_column(self.env._("Orders"), "int"),
            self._bo_column(self.env._("Ordered"), "money"),
            self._bo_column(self.env._("Margin"), "money"),
        ]
        return [row(entry) for entry in top], [row(entry) for entry in bottom], columns

    @api.model
    def _bo_trend(self, ctx, figures):
        """(label, ordered, invoiced) of each of the last 12 periods."""
        ordered, invoiced = figures["series"], figures["invoiced"]["trend"]
        return [
            (
                periods.period_label(ctx["periodicity"], period),
                self._bo_round(ctx, ordered.get(period.start, 0.0)),
                self._bo_round(ctx, invoiced.get(period.start, 0.0)),
            )
            for period in ctx["trend"]
        ]

    # ------------------------------------------------------------------
    # The section of the report
    # ------------------------------------------------------------------
    @api.model
    def _bo_collect(self, ctx):
        comparison = ctx["comparison"]
        figures = self.env["bo.report.sales.figures"]._bo_figures(ctx)
        current = figures["ordered"][()].get((), (0.0, 0.0, 0))
        invoiced = figures["invoiced"]["period"][None].get(None, 0.0)
        if comparison:
            before = figures["ordered_before"]
            invoiced_before = figures["invoiced"]["comparison"][None].get(None, 0.0)
        else:
            before, invoiced_before = (None, None, None), None
        amount, margin, orders = current

        def kpi(label, value, previous, kind="money"):
            value = self._bo_round(ctx, value) if kind == "money" else value
            if previous is not None and kind == "money":
                previous = self._bo_round(ctx, previous)
            return {
                "label": label,
                "type": kind,
                "value": value,
                "comparison": previous,
                "change": self._bo_change(value, previous) if previous is not None else None,
            }

        margin_pct = margin / amount if amount else None
        margin_pct_before = before[1] / before[0] if before[0] else None
        kpis = [
            kpi(self.env._("Confirmed orders"), orders, before[2], "int"),
            kpi(self.env._("Ordered (untaxed)"), amount, before[0]),
            kpi(self.env._("Margin"), margin, before[1]),
            kpi(self.env._("Margin %"), margin_pct, margin_pct_before, "pct"),
            kpi(self.env._("Invoiced turnover (net of credit notes)"), invoiced, invoiced_before),
        ]
        agents = self._bo_breakdown(
            ctx,
            figures,
            self.env._("By agent"),
            "bo_agent_id",
            "bo_agent_id",
            self.env._("Agent"),
        )
        tables = [
            agents,
            self._bo_breakdown(
                ctx,
                figures,
                self.env._("By salesperson"),
                "user_id",
                "invoice_user_id",
                self.env._("Salesperson"),
            ),
            self._bo_breakdown(
                ctx,
                figures,
                self.env._("By product category"),
                "categ_id",
                "product_categ_id",
                self.env._("Category"),
            ),
        ]
        customers = self._bo_breakdown(
            ctx,
            figures,
            self.env._("Customers"),
            "commercial_partner_id",
            "commercial_partner_id",
            self.env._("Customer"),
        )
        # NOTE: the whole list is in the XLSX; the PDF shows it only when it is
        # the only attachment (a page per 50 customers otherwise).
        tables.append(dict(customers, full_list=True))
        tables.append(
            dict(customers, title=self.env._("Top customers"), rows=customers["rows"][:TOP])
        )
        tables.append(
            dict(
                customers,
                title=self.env._("Bottom customers"),
                rows=list(reversed(customers["rows"][-TOP:])),
            )
        )
        top_products, bottom_products, product_columns = self._bo_products(ctx, figures)
        tables.append(
            {
                "title": self.env._("Top products"),
                "columns": product_columns,
                "rows": top_products,
            }
        )
        tables.append(
            {
                "title": self.env._("Bottom products"),
                "columns": product_columns,
                "rows": bottom_products,
            }
        )
        countries = figures["records"]["res.country"]
        states = figures["records"]["res.country.state"]
        area_rows = sorted(
            (
                [
                    countries[country].display_name if country else self.env._("(none)"),
                    states[state].display_name if state else "",
                    orders_,
                    self._bo_round(ctx, amount_),
                    self._bo_round(ctx, margin_),
                ]
                for (country, state), (amount_, margin_, orders_) in figures["ordered"][
                    ("country_id", "state_id")
                ].items()
            ),
            key=lambda row: (-row[3], row[0], row[1]),
        )
        tables.append(
            {
                "title": self.env._("By country and province"),
                "columns": [
                    self._bo_column(self.env._("Country")),
                    self._bo_column(self.env._("Province")),
                    self._bo_column(self.env._("Orders"), "int"),
                    self._bo_column(self.env._("Ordered"), "money"),
                    self._bo_column(self.env._("Margin"), "money"),
                ],
                "rows": area_rows,
            }
        )
        tables.append(self._bo_targets(ctx))
        trend = self._bo_trend(ctx, figures)
        tables.append(
            {
                "title": self.env._("Trend"),
                "columns": [
                    self._bo_column(self.env._("Period")),
                    self._bo_column(self.env._("Ordered"), "money"),
                    self._bo_column(self.env._("Invoiced"), "money"),
                ],
                "rows": [list(row) for row in trend],
            }
        )
        chart_list = [
            charts.bar_chart(
                self.env._("Trend over the last 12 periods"),
                [row[0] for row in trend],
                [
                    (self.env._("Ordered"), [row[1] for row in trend]),
                    (self.env._("Invoiced"), [row[2] for row in trend]),
                ],
            ),
            charts.bar_chart(
                self.env._("Invoiced turnover by agent"),
                [row[0] for row in agents["rows"][:TOP]],
                [(self.env._("Invoiced"), [row[4] for row in agents["rows"][:TOP]])],
                horizontal=True,
            ),
        ]
        return {"kpis": kpis, "tables": tables, "charts": chart_list, "notes": []}
