# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from ..tools import charts, periods

TOP = 10


class BoReportKindSales(models.AbstractModel):
    """Sales and turnover: ordered (as sale.report) and invoiced (account.invoice.report).

    Three aggregate queries make every figure, whatever the number of orders:

    * the period's ordered figures in every breakdown (GROUPING SETS) and the
      comparison period's totals: the order lines of two periods, reached
      through the index on the orders' date;
    * the ordered trend: the lines of the last 12 periods joined to a VALUES
      list of the periods and summed per period (one scan, a dozen groups);
    * every invoiced figure (period and comparison in every breakdown, and the
      trend): one grouped query on Odoo's invoice analysis, joined the same way.

    Names are read afterwards, one batch per model (only the top and bottom
    products are named).
    """

    _name = "bo.report.kind.sales"
    _inherit = "bo.report.kind"
    _description = "Periodic report kind: sales and turnover"

    # Group keys of the ordered figures and the model of their ids.
    _BO_ORDER_KEYS = {
        "bo_agent_id": "res.partner",
        "user_id": "res.users",
        "categ_id": "product.category",
        "commercial_partner_id": "res.partner",
        "product_id": "product.product",
        "country_id": "res.country",
        "state_id": "res.country.state",
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
    # Group keys of the invoiced figures (account.invoice.report fields).
    _BO_INVOICE_KEYS = {
        "bo_agent_id": "res.partner",
        "invoice_user_id": "res.users",
        "product_categ_id": "product.category",
        "commercial_partner_id": "res.partner",
    }

    # ------------------------------------------------------------------
    # Ordered: confirmed order lines, as sale.report counts them
    # ------------------------------------------------------------------
    @api.model
    def _bo_order_lines(self, ctx, start, stop, join=None):
        """Columns and ``FROM ... WHERE ...`` of the confirmed order lines
        ordered in ``[start, stop)`` (naive UTC) with the report's filters;
        ``join`` (SQL) is added to the joins (aliases: ``l`` line, ``s``
        order, ``partner``, ``bo_commercial``, ``p`` product, ``t`` template).

        Same lines and amounts as sale.report (lines with a product, amounts
        divided by the order's currency rate, so in company currency) but read
        straight from the order lines: sale.report groups every line by some
        thirty columns before any filter applies.
        """
        report = ctx["report"]
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
        order_fields = ["state", "date_order", "currency_rate", "partner_id", "user_id"]
        order_fields += ["company_id", "team_id"]
        if "bo_agent_id" in self.env["sale.order"]._fields:
            order_fields.append("bo_agent_id")
        for model, names in (
            ("sale.order.line", ["price_subtotal", "margin", "product_id", "display_type"]),
            ("sale.order", order_fields),
            ("res.partner", ["commercial_partner_id", "country_id", "state_id", "bo_agent_id"]),
            ("product.template", ["categ_id"]),
        ):
            self.env[model].flush_model(names)
        rate = SQL("CASE COALESCE(s.currency_rate, 0) WHEN 0 THEN 1.0 ELSE s.currency_rate END")
        columns = {
            "amount": SQL("l.price_subtotal / %s", rate),
            "margin": SQL("l.margin / %s", rate),
            "order_id": SQL("s.id"),
            "bo_agent_id": agent,
            "user_id": SQL("s.user_id"),
            "categ_id": SQL("t.categ_id"),
            "commercial_partner_id": SQL("partner.commercial_partner_id"),
            "product_id": SQL("l.product_id"),
            "country_id": SQL("partner.country_id"),
            "state_id": SQL("partner.state_id"),
        }
        source = SQL(
            """
              FROM sale_order_line l
              JOIN sale_order s ON s.id = l.order_id
              JOIN res_partner partner ON partner.id = s.partner_id
         LEFT JOIN res_partner bo_commercial ON bo_commercial.id = partner.commercial_partner_id
         LEFT JOIN product_product p ON p.id = l.product_id
         LEFT JOIN product_template t ON t.id = p.product_tmpl_id
                   %s
             WHERE %s
            """,
            join or SQL(),
            SQL(" AND ").join(conditions),
        )
        return columns, source

    @api.model
    def _bo_grouping_masks(self, columns, sets):
        """{GROUPING(columns) value: group} of each group (a tuple of ``columns``) of ``sets``."""
        width = len(columns)
        return {
            sum(1 << (width - 1 - i) for i, name in enumerate(columns) if name not in group): group
            for group in sets
        }

    @api.model
    def _bo_ordered_sets(self, ctx, sets):
        """Ordered figures of the period in each group of ``sets``, and the
        comparison period's totals, in one query (two index ranges of one
        period each).

        ``sets`` are tuples of ``_BO_ORDER_KEYS``. Returns ``({group: {key
        ids: (amount, margin, orders)}}, (amount, margin, orders) of the
        comparison period)``; key ids are None for "none".
        """
        names = sorted(
            {name for group in sets for name in group}, key=list(self._BO_ORDER_KEYS).index
        )
        start, stop = periods.utc_bounds(ctx["period"], ctx["tz"])
        lines, source = self._bo_order_lines(ctx, start, stop)
        inner = SQL(
            "SELECT %s %s",
            SQL(", ").join(
                SQL("%s AS %s", lines[name], SQL.identifier(name))
                for name in ["amount", "margin", "order_id", *names]
            ),
            source,
        )
        aggregates = SQL("SUM(amount), SUM(margin), COUNT(DISTINCT order_id)")
        if names:
            keys = SQL(", ").join(SQL.identifier(name) for name in names)
            parts = [
                SQL(
                    "SELECT GROUPING(%s), %s, %s FROM (%s) bo_lines GROUP BY GROUPING SETS (%s)",
                    keys,
                    keys,
                    aggregates,
                    inner,
                    SQL(", ").join(
                        SQL("(%s)", SQL(", ").join(SQL.identifier(name) for name in group))
                        for group in sets
                    ),
                )
            ]
        else:
            parts = [SQL("SELECT 0, %s FROM (%s) bo_lines", aggregates, inner)]
        if ctx["comparison"]:
            start, stop = periods.utc_bounds(ctx["comparison"], ctx["tz"])
            lines, source = self._bo_order_lines(ctx, start, stop)
            # GROUPING() is never negative: -1 marks the comparison row.
            parts.append(
                SQL(
                    "SELECT -1, %s, SUM(%s), SUM(%s), COUNT(DISTINCT %s) %s",
                    SQL(", ").join(SQL("NULL::integer") for _name in names),
                    lines["amount"],
                    lines["margin"],
                    lines["order_id"],
                    source,
                )
                if names
                else SQL(
                    "SELECT -1, SUM(%s), SUM(%s), COUNT(DISTINCT %s) %s",
                    lines["amount"],
                    lines["margin"],
                    lines["order_id"],
                    source,
                )
            )
        masks = self._bo_grouping_masks(names, sets)
        result, before = {group: {} for group in sets}, (0.0, 0.0, 0)
        for row in self.env.execute_query(
            SQL(" UNION ALL ").join(SQL("(%s)", part) for part in parts)
        ):
            amount, margin, orders = row[1 + len(names) :]
            figures = (amount or 0.0, margin or 0.0, orders or 0)
            if row[0] == -1:
                before = figures
                continue
            group = masks[row[0]]
            values = dict(zip(names, row[1 : 1 + len(names)], strict=True))
            result[group][tuple(values[name] for name in group)] = figures
        return result, before

    @api.model
    def _bo_range(self, ctx):
        """The dates covering the trend and the comparison period."""
        trend, comparison = ctx["trend"], ctx["comparison"]
        first, last = trend[0].start, trend[-1].end
        if comparison:
            first, last = min(first, comparison.start), max(last, comparison.end)
        return periods.Period(first, last)

    @api.model
    def _bo_periods_sql(self, rows, types):
        """``(VALUES ...)`` of ``rows`` as a subquery with columns ``types``
        ({name: SQL type}), to join the figures on (a handful of rows: the
        planner then expects a handful of groups, and hashes them)."""
        names = list(types)
        values = SQL(", ").join(
            SQL(
                "(%s)",
                SQL(", ").join(
                    SQL("%s::%s", value, SQL(types[name]))
                    for name, value in zip(names, row, strict=True)
                ),
            )
            for row in rows
        )
        return SQL(
            "(SELECT * FROM (VALUES %s) AS bo_values(%s))",
            values,
            SQL(", ").join(SQL.identifier(name) for name in names),
        )

    @api.model
    def _bo_ordered_trend(self, ctx):
        """{start of a trend period: ordered amount}: one scan of the lines of
        the trend's range, each joined to its period (local days, as
        ``utc_bounds`` gives them) and summed per period."""
        trend = ctx["trend"]
        bounds = [periods.utc_bounds(period, ctx["tz"]) for period in trend]
        table = self._bo_periods_sql(
            [(index, start, stop) for index, (start, stop) in enumerate(bounds)],
            {"n": "integer", "date_from": "timestamp", "date_to": "timestamp"},
        )
        lines, source = self._bo_order_lines(
            ctx,
            bounds[0][0],
            bounds[-1][1],
            join=SQL(
                "JOIN %s bo_period ON s.date_order >= bo_period.date_from"
                " AND s.date_order < bo_period.date_to",
                table,
            ),
        )
        query = SQL("SELECT bo_period.n, SUM(%s) %s GROUP BY bo_period.n", lines["amount"], source)
        return {
            trend[index].start: amount or 0.0 for index, amount in self.env.execute_query(query)
        }

    # ------------------------------------------------------------------
    # Invoiced: posted customer invoices and credit notes (invoice analysis)
    # ------------------------------------------------------------------
    @api.model
    def _bo_invoiced_all(self, ctx):
        """Invoiced turnover of the period and comparison period in every
        breakdown, and per trend period, in one grouped query on
        account.invoice.report.

        Returns ``{"trend": {start: amount}, "period": {field: {id: amount}},
        "comparison": {...}}`` where field ``None`` holds the total under key
        ``None``.
        """
        period, comparison = ctx["period"], ctx["comparison"]
        Report = self._bo_env(ctx, "account.invoice.report")
        domain = self._bo_invoice_domain(ctx) + self._bo_date_domain(
            "invoice_date", self._bo_range(ctx)
        )
        query = Report._search(domain)
        day = Report._field_to_sql(query.table, "invoice_date", query)
        amount = Report._field_to_sql(query.table, "price_subtotal", query)
        keys = {
            name: Report._field_to_sql(query.table, name, query) for name in self._BO_INVOICE_KEYS
        }
        # NOTE: the comparison period is a trend period or lies outside the
        # trend (last year's month or week): every day falls in one row.
        rows = []
        for index, trend_period in enumerate(ctx["trend"]):
            part = "period" if trend_period == period else None
            if trend_period == comparison:
                part = "comparison"
            rows.append((index, trend_period.start, trend_period.end, part))
        if comparison and comparison not in ctx["trend"]:
            rows.append((None, comparison.start, comparison.end, "comparison"))
        table = self._bo_periods_sql(
            rows, {"n": "integer", "date_from": "date", "date_to": "date", "part": "varchar"}
        )
        query.add_join(
            "JOIN",
            "bo_period",
            table,
            SQL("%s BETWEEN bo_period.date_from AND bo_period.date_to", day),
        )
        columns = {"n": SQL("bo_period.n"), "part": SQL("bo_period.part"), **keys}
        sets = [("n",), ("part",), *(("part", name) for name in keys)]
        query.groupby = SQL(
            "GROUPING SETS (%s)",
            SQL(", ").join(
                SQL("(%s)", SQL(", ").join(columns[name] for name in group)) for group in sets
            ),
        )
        masks = self._bo_grouping_masks(list(columns), sets)
        result = {"trend": {}, "period": {None: {}}, "comparison": {None: {}}}
        for row in self.env.execute_query(
            query.select(
                SQL("GROUPING(%s)", SQL(", ").join(columns.values())),
                *columns.values(),
                SQL("SUM(%s)", amount),
            )
        ):
            group = masks[row[0]]
            values = dict(zip(columns, row[1:-1], strict=True))
            total = row[-1] or 0.0
            if group == ("n",):
                if values["n"] is not None:
                    result["trend"][ctx["trend"][values["n"]].start] = total
            elif values["part"]:
                field = group[1] if len(group) > 1 else None
                result[values["part"]].setdefault(field, {})[values.get(field)] = total
        return result

    # ------------------------------------------------------------------
    # Tables
    # ------------------------------------------------------------------
    @api.model
    def _bo_records(self, ids_by_model):
        """{model: {id: record}}: one recordset per model, so that the names
        of every group are read together (one query per model and batch).
        sudo: the figures are company-wide (see _bo_env), so are their labels."""
        return {
            model: {record.id: record for record in self.env[model].sudo().browse(sorted(ids))}
            for model, ids in ids_by_model.items()
        }

    @api.model
    def _bo_breakdown(self, ctx, figures, title, sale_field, invoice_field, label):
        """One table: ordered, margin and invoiced per group, with comparison."""
        model = self._BO_ORDER_KEYS[sale_field]
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

    @api.model
    def _bo_figures(self, ctx):
        """Every figure of the report: three aggregate queries, then the
        records of their groups (one recordset per model)."""
        ordered, ordered_before = self._bo_ordered_sets(ctx, self._BO_ORDER_SETS)
        series = self._bo_ordered_trend(ctx)
        invoiced = self._bo_invoiced_all(ctx)
        ids = defaultdict(set)
        for group, values in ordered.items():
            if group == ("product_id",):
                continue  # only the top and bottom products are named (_bo_products)
            for key in values:
                for name, value in zip(group, key, strict=True):
                    if value:
                        ids[self._BO_ORDER_KEYS[name]].add(value)
        for part in ("period", "comparison"):
            for field, values in invoiced[part].items():
                if field:
                    ids[self._BO_INVOICE_KEYS[field]].update(key for key in values if key)
        for model in set(self._BO_ORDER_KEYS.values()) - {"product.product"}:
            ids.setdefault(model, set())
        return {
            "ordered": ordered,
            "series": series,
            "ordered_before": ordered_before,
            "invoiced": invoiced,
            "records": self._bo_records(ids),
        }

    @api.model
    def _bo_collect(self, ctx):
        comparison = ctx["comparison"]
        figures = self._bo_figures(ctx)
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
