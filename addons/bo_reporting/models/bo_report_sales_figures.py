# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from ..tools import periods


class BoReportSalesFigures(models.AbstractModel):
    """The figures of the sales report (``bo.report.kind.sales``), in three
    aggregate queries, whatever the number of orders:

    * the period's ordered figures in every breakdown (GROUPING SETS) and the
      comparison period's totals: the order lines of two periods, reached
      through the index on the orders' date;
    * the ordered trend: the lines of the last 12 periods joined to a VALUES
      list of the periods and summed per period (one scan, a dozen groups);
    * every invoiced figure (period and comparison in every breakdown, and the
      trend): one grouped query on Odoo's invoice analysis, joined the same way.

    Names are read afterwards, one batch per model (only the top and bottom
    products are named).

    It inherits the helpers of the kinds (``_bo_env``, the filters' domains)
    and is not a kind itself: the sales kind lays its figures out.
    """

    _name = "bo.report.sales.figures"
    _inherit = "bo.report.kind"
    _description = "Sales report figures"

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
        # The order's own agent wins over its customer's (as sale.report).
        agent = SQL("COALESCE(s.bo_agent_id, bo_commercial.bo_agent_id)")
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
        order_fields += ["company_id", "team_id", "bo_agent_id"]
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
    # Every figure, with the records of its groups
    # ------------------------------------------------------------------
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
    def _bo_records(self, ids_by_model):
        """{model: {id: record}}: one recordset per model, so that the names
        of every group are read together (one query per model and batch).
        sudo: the figures are company-wide (see _bo_env), so are their labels."""
        return {
            model: {record.id: record for record in self.env[model].sudo().browse(sorted(ids))}
            for model, ids in ids_by_model.items()
        }
