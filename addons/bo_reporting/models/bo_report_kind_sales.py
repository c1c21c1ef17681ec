# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from ..tools import charts, periods

GRANULARITY = {"weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year"}
TOP = 10


class BoReportKindSales(models.AbstractModel):
    """Sales and turnover: ordered (as sale.report) and invoiced (account.invoice.report)."""

    _name = "bo.report.kind.sales"
    _inherit = "bo.report.kind"
    _description = "Periodic report kind: sales and turnover"

    # Group keys of the ordered figures: SQL expression and model of the ids.
    _BO_ORDER_KEYS = {
        "bo_agent_id": ("bo_agent", "res.partner"),
        "user_id": ("s.user_id", "res.users"),
        "categ_id": ("t.categ_id", "product.category"),
        "commercial_partner_id": ("partner.commercial_partner_id", "res.partner"),
        "product_id": ("l.product_id", "product.product"),
        "country_id": ("partner.country_id", "res.country"),
        "state_id": ("partner.state_id", "res.country.state"),
    }
    _BO_ORDER_SETS = [
        (),
        ("bo_agent_id",),
        ("user_id",),
        ("categ_id",),
        ("commercial_partner_id",),
        ("product_id",),
        ("country_id", "state_id"),
    ]

    @api.model
    def _bo_order_query(self, ctx, period, select, group_by):
        """SQL over confirmed order lines of ``period`` with the report's filters.

        Same figures as sale.report (lines with a product, amounts divided by
        the order's currency rate, so in company currency) but read straight
        from the order lines in one scan: sale.report groups every line by
        some thirty columns before any filter applies.
        """
        report = ctx["report"]
        start, stop = periods.utc_bounds(period, ctx["tz"])
        agent = (
            SQL("COALESCE(s.bo_agent_id, bo_commercial.bo_agent_id)")
            if "bo_agent_id" in self.env["sale.order"]._fields
            else SQL("bo_commercial.bo_agent_id")
        )
        conditions = [
            SQL("l.display_type IS NULL AND l.product_id IS NOT NULL"),
            SQL("s.state IN %s", tuple(self.env["sale.report"]._get_done_states())),
            SQL("s.company_id = %s", ctx["company"].id),
            SQL("s.date_order >= %s AND s.date_order < %s", start, stop),
        ]
        if report.team_ids:
            conditions.append(SQL("s.team_id = ANY(%s)", report.team_ids.ids))
        if report.agent_ids:
            conditions.append(SQL("%s = ANY(%s)", agent, report.agent_ids.ids))
        if report.partner_category_ids:
            conditions.append(
                SQL(
                    "EXISTS (SELECT 1 FROM res_partner_res_partner_category_rel rel"
                    " WHERE rel.partner_id = partner.commercial_partner_id"
                    " AND rel.category_id = ANY(%s))",
                    report.partner_category_ids.ids,
                )
            )
        if report.country_ids:
            conditions.append(SQL("partner.country_id = ANY(%s)", report.country_ids.ids))
        if report.product_category_ids:
            categories = self.env["product.category"].search(
                [("id", "child_of", report.product_category_ids.ids)]
            )
            conditions.append(SQL("t.categ_id = ANY(%s)", categories.ids))
        rate = SQL("CASE COALESCE(s.currency_rate, 0) WHEN 0 THEN 1.0 ELSE s.currency_rate END")
        for model, names in (
            ("sale.order.line", ["price_subtotal", "margin", "product_id", "display_type"]),
            ("sale.order", ["state", "date_order", "currency_rate", "partner_id", "user_id"]),
        ):
            self.env[model].flush_model(names)
        query = SQL(
            """
            WITH bo_lines AS (
                SELECT l.price_subtotal / %(rate)s AS amount,
                       l.margin / %(rate)s AS margin,
                       s.id AS order_id,
                       s.date_order,
                       %(agent)s AS bo_agent,
                       s.user_id,
                       t.categ_id,
                       partner.commercial_partner_id,
                       l.product_id,
                       partner.country_id,
                       partner.state_id
                  FROM sale_order_line l
                  JOIN sale_order s ON s.id = l.order_id
                  JOIN res_partner partner ON partner.id = s.partner_id
             LEFT JOIN res_partner bo_commercial ON bo_commercial.id = partner.commercial_partner_id
             LEFT JOIN product_product p ON p.id = l.product_id
             LEFT JOIN product_template t ON t.id = p.product_tmpl_id
                 WHERE %(where)s
            )
            SELECT %(select)s FROM bo_lines %(group_by)s
            """,
            rate=rate,
            agent=agent,
            where=SQL(" AND ").join(conditions),
            select=select,
            group_by=group_by,
        )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    @api.model
    def _bo_ordered_sets(self, ctx, period, sets):
        """{groupby tuple: {key: (amount, margin, orders)}} for ``sets``, one query."""
        columns = sorted(
            {name for group in sets for name in group}, key=list(self._BO_ORDER_KEYS).index
        )
        exprs = [SQL(self._BO_ORDER_KEYS[name][0].split(".")[-1]) for name in columns]
        aggregates = SQL("SUM(amount), SUM(margin), COUNT(DISTINCT order_id)")
        if columns:
            select = SQL(
                "GROUPING(%s), %s, %s", SQL(", ").join(exprs), SQL(", ").join(exprs), aggregates
            )
            group_by = SQL(
                "GROUP BY GROUPING SETS (%s)",
                SQL(", ").join(
                    SQL("(%s)", SQL(", ").join(exprs[columns.index(name)] for name in group))
                    for group in sets
                ),
            )
        else:
            select, group_by = SQL("0, %s", aggregates), SQL("")
        masks = {
            sum(
                1 << (len(columns) - 1 - i) for i, name in enumerate(columns) if name not in group
            ): group
            for group in sets
        }
        ids = defaultdict(set)
        rows = self._bo_order_query(ctx, period, select, group_by)
        for row in rows:
            for name, value in zip(columns, row[1 : 1 + len(columns)], strict=True):
                if value:
                    ids[name].add(value)
        # NOTE: records taken from one recordset per model share its prefetch,
        # so names are read in one query per model, not one per group. sudo:
        # the figures are company-wide (see _bo_env), so are their labels.
        records = {
            name: {
                record.id: record
                for record in self.env[self._BO_ORDER_KEYS[name][1]].sudo().browse(sorted(values))
            }
            for name, values in ids.items()
        }
        result = {group: {} for group in sets}
        for row in rows:
            group = masks[row[0]]
            values = dict(zip(columns, row[1 : 1 + len(columns)], strict=True))
            key = tuple(
                records[name][values[name]]
                if values[name]
                else self.env[self._BO_ORDER_KEYS[name][1]]
                for name in group
            )
            amount, margin, orders = row[1 + len(columns) :]
            result[group][key] = (amount or 0.0, margin or 0.0, orders)
        return result

    @api.model
    def _bo_ordered(self, ctx, period, groupby=()):
        """{group key: (amount, margin, orders)} of confirmed orders in ``period``."""
        groupby = tuple(groupby)
        cache = ctx.get("_bo_ordered")
        if cache is not None and period == ctx["period"] and groupby in cache:
            return cache[groupby]
        return self._bo_ordered_sets(ctx, period, [groupby])[groupby]

    @api.model
    def _bo_invoiced(self, ctx, period, groupby=()):
        """{group key: turnover} of posted invoices net of credit notes in ``period``."""
        domain = self._bo_invoice_domain(ctx) + self._bo_date_domain("invoice_date", period)
        rows = self._bo_env(ctx, "account.invoice.report")._read_group(
            domain, list(groupby), ["price_subtotal:sum"]
        )
        n = len(groupby)
        return {row[:n]: row[n] for row in rows}

    @api.model
    def _bo_breakdown(self, ctx, title, sale_field, invoice_field, label, comparison=True):
        """One table: ordered, margin and invoiced per group, with comparison."""
        ordered = self._bo_ordered(ctx, ctx["period"], (sale_field,))
        invoiced = self._bo_invoiced(ctx, ctx["period"], (invoice_field,))
        previous = (
            self._bo_invoiced(ctx, ctx["comparison"], (invoice_field,))
            if comparison and ctx["comparison"]
            else {}
        )
        keys = (
            {key[0] for key in ordered}
            | {key[0] for key in invoiced}
            | {key[0] for key in previous}
        )
        rows = []
        for record in keys:
            amount, margin, orders = ordered.get((record,), (0.0, 0.0, 0))
            turnover = invoiced.get((record,), 0.0)
            before = previous.get((record,), 0.0)
            rows.append(
                [
                    record.display_name if record else self.env._("(none)"),
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
    def _bo_products(self, ctx):
        ordered = self._bo_ordered(ctx, ctx["period"], ("product_id",))
        rows = [
            [
                product.display_name,
                orders,
                self._bo_round(ctx, amount),
                self._bo_round(ctx, margin),
            ]
            for (product,), (amount, margin, orders) in ordered.items()
        ]
        rows.sort(key=lambda row: (-row[2], row[0]))
        columns = [
            self._bo_column(self.env._("Product")),
            self._bo_column(self.env._("Orders"), "int"),
            self._bo_column(self.env._("Ordered"), "money"),
            self._bo_column(self.env._("Margin"), "money"),
        ]
        return rows, columns

    @api.model
    def _bo_trend(self, ctx):
        """Ordered and invoiced amounts over the last 12 periods (two grouped reads)."""
        trend = ctx["trend"]
        whole = periods.Period(trend[0].start, trend[-1].end)
        granularity = GRANULARITY[ctx["periodicity"]]
        moment = SQL(
            "date_trunc(%s, timezone(%s, date_order AT TIME ZONE 'UTC'))::date",
            granularity,
            ctx["tz"],
        )
        ordered = self._bo_order_query(
            ctx,
            whole,
            SQL("%s, SUM(amount)", moment),
            SQL("GROUP BY 1"),
        )
        invoiced = self._bo_invoiced(ctx, whole, (f"invoice_date:{granularity}",))
        ordered_by_start = defaultdict(float)
        for day, amount in ordered:
            start = periods.period_containing(ctx["periodicity"], day).start
            ordered_by_start[start] += amount or 0.0
        invoiced_by_start = defaultdict(float)
        for (moment,), amount in invoiced.items():
            invoiced_by_start[periods.period_containing(ctx["periodicity"], moment).start] += amount
        return [
            (
                periods.period_label(ctx["periodicity"], period),
                self._bo_round(ctx, ordered_by_start[period.start]),
                self._bo_round(ctx, invoiced_by_start[period.start]),
            )
            for period in trend
        ]

    @api.model
    def _bo_collect(self, ctx):
        period, comparison = ctx["period"], ctx["comparison"]
        # NOTE: every breakdown of the ordered figures in one scan of the lines.
        ctx = dict(ctx, _bo_ordered=self._bo_ordered_sets(ctx, period, self._BO_ORDER_SETS))
        current = self._bo_ordered(ctx, period).get((), (0.0, 0.0, 0))
        invoiced = self._bo_invoiced(ctx, period).get((), 0.0)
        if comparison:
            before = self._bo_ordered(ctx, comparison).get((), (0.0, 0.0, 0))
            invoiced_before = self._bo_invoiced(ctx, comparison).get((), 0.0)
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
            ctx, self.env._("By agent"), "bo_agent_id", "bo_agent_id", self.env._("Agent")
        )
        tables = [
            agents,
            self._bo_breakdown(
                ctx,
                self.env._("By salesperson"),
                "user_id",
                "invoice_user_id",
                self.env._("Salesperson"),
            ),
            self._bo_breakdown(
                ctx,
                self.env._("By product category"),
                "categ_id",
                "product_categ_id",
                self.env._("Category"),
            ),
        ]
        customers = self._bo_breakdown(
            ctx,
            self.env._("Customers"),
            "commercial_partner_id",
            "commercial_partner_id",
            self.env._("Customer"),
        )
        tables.append(customers)
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
        product_rows, product_columns = self._bo_products(ctx)
        tables.append(
            {
                "title": self.env._("Top products"),
                "columns": product_columns,
                "rows": product_rows[:TOP],
            }
        )
        tables.append(
            {
                "title": self.env._("Bottom products"),
                "columns": product_columns,
                "rows": list(reversed(product_rows[-TOP:])),
            }
        )
        areas = self._bo_ordered(ctx, period, ("country_id", "state_id"))
        area_rows = sorted(
            (
                [
                    country.display_name or self.env._("(none)"),
                    state.display_name or "",
                    orders_,
                    self._bo_round(ctx, amount_),
                    self._bo_round(ctx, margin_),
                ]
                for (country, state), (amount_, margin_, orders_) in areas.items()
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
        trend = self._bo_trend(ctx)
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
