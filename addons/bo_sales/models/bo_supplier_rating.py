# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.sql_values import int_array

GRADES = [("A", "A"), ("B", "B"), ("C", "C")]

#: Settings › Back Office › Supplier Rating: system parameter -> default. A
#: supplier gets a criterion's grade A when its figure meets the A threshold,
#: B when it meets the B threshold, C otherwise (rates: at least; complaints
#: and price trend: at most).
THRESHOLD_DEFAULTS = {
    "bo_sales.supplier_on_time_a": 95.0,
    "bo_sales.supplier_on_time_b": 85.0,
    "bo_sales.supplier_accuracy_a": 98.0,
    "bo_sales.supplier_accuracy_b": 90.0,
    "bo_sales.supplier_complaints_a": 0.0,
    "bo_sales.supplier_complaints_b": 2.0,
    "bo_sales.supplier_price_trend_a": 3.0,
    "bo_sales.supplier_price_trend_b": 8.0,
}


def quarter_start(day):
    """First day of the calendar quarter holding ``day``."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(start):
    """Last day of the quarter starting on ``start``."""
    return start + relativedelta(months=3, days=-1)


class BoSupplierRating(models.Model):
    """A supplier's rating for one calendar quarter in one company.

    Rows are written only by the rating run (``_bo_rate_quarter``: the
    quarterly job, or a manager rating a quarter again), which replaces the
    quarter's rows of the company: nobody edits the figures by hand.
    """

    _name = "bo.supplier.rating"
    _description = "Supplier Rating"
    _order = "period_start desc, rating desc, partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    period_start = fields.Date(string="Quarter Start", required=True, readonly=True, index=True)
    period_end = fields.Date(string="Quarter End", required=True, readonly=True)
    receipt_count = fields.Integer(
        string="Receipts",
        readonly=True,
        help="Receipts from the supplier validated in the quarter: done transfers of an "
        "incoming operation type whose source is a vendor location (customer returns and "
        "receipts without a partner are left out).",
    )
    on_time_count = fields.Integer(
        string="Receipts on Time",
        readonly=True,
        help="Receipts validated on or before the day they were due: the day of their "
        "Date of Transfer (date_done) is not after the day of their Deadline (date_deadline, "
        "the date the supplier promised), or of their Scheduled Date (scheduled_date) when "
        "they have no deadline; days in the company's time zone.",
    )
    on_time_rate = fields.Float(
        string="On Time (%)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="Receipts on time / receipts x 100. Empty without receipts.",
    )
    line_count = fields.Integer(
        string="Receipt Lines",
        readonly=True,
        help="Done product lines (stock moves) of the quarter's receipts.",
    )
    quantity_accuracy = fields.Float(
        string="Quantity Accuracy (%)",
        digits=(5, 2),
        readonly=True,
        aggregator="avg",
        help="Average over the receipt lines of max(0, 1 - |received - demand| / demand) "
        "x 100, both quantities in the line's unit: every line weighs the same, whatever its "
        "unit. A line received without demand (goods not ordered) counts 0. A remainder "
        "left to a backorder is not a difference: the backorder is a receipt of its own.",
    )
    complaint_count = fields.Integer(
        string="Complaints",
        readonly=True,
        help="Complaints received in the quarter about the supplier's goods (the Supplier of "
        "the complaint), rejected ones apart.",
    )
    price_trend = fields.Float(
        string="Price Trend (%)",
        digits=(6, 2),
        readonly=True,
        aggregator="avg",
        help="How much this quarter's receipts cost compared with the quarter before's prices: "
        "(sum of Q x P now / sum of Q x P before - 1) x 100, where Q is the quantity received "
        "of a product this quarter (in the product's unit) and P its average unit price "
        "(weighted by quantity, the receipt lines' unit price in the company currency) in "
        "each quarter; over the products received with a price in both quarters (lines "
        "without demand left out). Positive: prices went up.",
    )
    price_product_count = fields.Integer(
        string="Products Compared",
        readonly=True,
        help="Products received with a price in this quarter and the one before: the price "
        "trend is not graded without any.",
    )
    on_time_grade = fields.Selection(GRADES, readonly=True)
    accuracy_grade = fields.Selection(GRADES, readonly=True)
    complaint_grade = fields.Selection(GRADES, readonly=True)
    price_grade = fields.Selection(GRADES, readonly=True)
    rating = fields.Selection(
        GRADES,
        required=True,
        readonly=True,
        help="The worst of the criteria's grades (on time, quantity accuracy, complaints, "
        "price trend), each against its thresholds in Settings › Back Office › Supplier "
        "Rating; a criterion without figures (no receipts, no price to compare) is not graded.",
    )

    _sql_constraints = [
        (
            "period_unique",
            "unique(partner_id, company_id, period_start)",
            "A supplier has one rating per quarter and company.",
        ),
        (
            "period_quarter",
            "CHECK(EXTRACT(day FROM period_start) = 1 "
            "AND EXTRACT(month FROM period_start) IN (1, 4, 7, 10) "
            "AND period_end = (period_start + interval '3 months' - interval '1 day')::date)",
            "A rating period is a calendar quarter.",
        ),
    ]

    @api.depends("partner_id", "period_start")
    def _compute_display_name(self):
        for rating in self:
            period = rating.period_start
            rating.display_name = (
                self.env._(
                    "%(supplier)s, Q%(quarter)s %(year)s",
                    supplier=rating.partner_id.display_name,
                    quarter=(period.month + 2) // 3,
                    year=period.year,
                )
                if period
                else rating.partner_id.display_name
            )

    # ------------------------------------------------------------------
    # Rating run
    # ------------------------------------------------------------------

    @api.model
    def _bo_thresholds(self):
        """The grading thresholds, from system parameters (Settings)."""
        # sudo: system parameters are readable by administrators only.
        params = self.env["ir.config_parameter"].sudo()
        return {
            key.removeprefix("bo_sales.supplier_"): float(params.get_param(key, default))
            for key, default in THRESHOLD_DEFAULTS.items()
        }

    @api.model
    def _bo_company_tz(self, company):
        return pytz.timezone(company.partner_id.tz or self.env.user.tz or "UTC")

    @api.model
    def _bo_utc_bounds(self, tz, first_day, last_day):
        """UTC datetimes (naive, as stored) of the start of ``first_day`` and of
        the day after ``last_day`` in ``tz``."""

        def utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return utc(first_day), utc(last_day + relativedelta(days=1))

    @api.model
    def _bo_rate_quarter(self, period_start, companies=None):
        """Rate every supplier of ``companies`` (default: the current company)
        for the quarter starting on ``period_start``, replacing that quarter's
        ratings.

        A supplier is rated when it has receipts or complaints in the quarter.
        Three statements per company whatever the number of suppliers: the
        company's receipt operation types and the vendor locations, a DELETE of
        the quarter's rows, an INSERT ... SELECT computing every figure and
        grade (see the fields' help for the formulas).

        :return: the ratings written
        """
        period_start = quarter_start(period_start)
        period_end = quarter_end(period_start)
        previous_start = period_start - relativedelta(months=3)
        thresholds = self._bo_thresholds()
        self.env.flush_all()
        rating_ids = []
        for company in companies or self.env.company:
            tz = self._bo_company_tz(company)
            start, end = self._bo_utc_bounds(tz, period_start, period_end)
            previous, __ = self._bo_utc_bounds(tz, previous_start, period_start)
            # NOTE: the ids of the receipt types and vendor locations are passed
            # as constants: the planner then estimates the receipts from the
            # pickings' own statistics (joined, it expected one row and read
            # every receipt line by a nested loop).
            self.env.cr.execute(
                SQL(
                    """
                    SELECT ARRAY(SELECT id FROM stock_picking_type
                                  WHERE code = 'incoming' AND company_id = %s),
                           ARRAY(SELECT id FROM stock_location WHERE usage = 'supplier')
                    """,
                    company.id,
                )
            )
            type_ids, location_ids = self.env.cr.fetchone()
            self.env.cr.execute(
                SQL(
                    "DELETE FROM bo_supplier_rating WHERE company_id = %s AND period_start = %s",
                    company.id,
                    period_start,
                )
            )
            self.env.cr.execute(
                self._bo_rating_insert_sql(
                    company,
                    tz.zone,
                    (period_start, period_end),
                    (previous, start, end),
                    (int_array(type_ids), int_array(location_ids)),
                    thresholds,
                )
            )
            rating_ids += [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model()
        return self.browse(rating_ids)

    @api.model
    def _bo_rating_insert_sql(self, company, tz, period, bounds, sources, thresholds):
        """The INSERT ... SELECT of one company's ratings for one quarter.

        ``period``: the quarter's first and last day; ``bounds``: the start of
        the quarter before, of the quarter and of the next one, in UTC (for
        ``date_done``); ``sources``: the receipt operation types and vendor
        locations (SQL int arrays).
        """
        previous, start, end = bounds
        type_ids, location_ids = sources
        return SQL(
            """
            WITH receipt AS MATERIALIZED (
                SELECT picking.id AS picking_id,
                       partner.commercial_partner_id AS partner_id,
                       picking.date_done >= %(start)s AS current,
                       (picking.date_done AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                       <= (COALESCE(picking.date_deadline, picking.scheduled_date)
                           AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS on_time
                  FROM stock_picking picking
                  JOIN res_partner partner ON partner.id = picking.partner_id
                 WHERE picking.company_id = %(company)s
                   AND picking.picking_type_id = ANY(%(type_ids)s)
                   AND picking.location_id = ANY(%(location_ids)s)
                   AND picking.state = 'done'
                   AND picking.date_done >= %(previous)s
                   AND picking.date_done < %(end)s
            ),
            receipt_figures AS (
                SELECT partner_id, COUNT(*) AS receipt_count,
                       COUNT(*) FILTER (WHERE on_time) AS on_time_count
                  FROM receipt
                 WHERE current
                 GROUP BY partner_id
            ),
            -- One pass over the lines, by supplier and product: the quarter's
            -- quantity accuracy, and quantities and values (in the product's
            -- unit: the line's demand converted by Odoo, product_qty, gives
            -- the ratio) of both quarters for the price trend.
            product_figures AS (
                SELECT receipt.partner_id,
                       COUNT(*) FILTER (WHERE receipt.current) AS line_count,
                       SUM(line.accuracy) FILTER (WHERE receipt.current) AS accuracy_sum,
                       SUM(line.qty) FILTER (WHERE receipt.current) AS qty_now,
                       SUM(line.qty * line.price) FILTER (WHERE receipt.current) AS value_now,
                       SUM(line.qty * line.price) FILTER (WHERE NOT receipt.current)
                           / NULLIF(SUM(line.qty) FILTER (WHERE NOT receipt.current), 0)
                           AS price_before
                  FROM receipt
                  JOIN stock_move move ON move.picking_id = receipt.picking_id
                  CROSS JOIN LATERAL (
                      SELECT CASE WHEN move.product_uom_qty > 0
                                  THEN GREATEST(0, 1 - ABS(move.quantity - move.product_uom_qty)
                                                       / move.product_uom_qty)::float8
                                  ELSE 0 END AS accuracy,
                             CASE WHEN move.price_unit > 0 AND move.product_uom_qty > 0
                                  THEN (move.quantity * move.product_qty
                                        / move.product_uom_qty)::float8
                             END AS qty,
                             move.price_unit AS price
                  ) line
                 WHERE move.state = 'done'
                 GROUP BY receipt.partner_id, move.product_id
            ),
            line_figures AS (
                SELECT partner_id, SUM(line_count) AS line_count,
                       SUM(accuracy_sum) AS accuracy_sum,
                       COUNT(*) FILTER (WHERE qty_now > 0 AND price_before > 0)
                           AS product_count,
                       (SUM(value_now) FILTER (WHERE qty_now > 0 AND price_before > 0)
                        / NULLIF(SUM(qty_now * price_before)
                                 FILTER (WHERE qty_now > 0 AND price_before > 0), 0)
                        - 1) * 100 AS trend
                  FROM product_figures
                 GROUP BY partner_id
            ),
            complaint_figures AS (
                SELECT partner.commercial_partner_id AS partner_id, COUNT(*) AS complaint_count
                  FROM bo_claim claim
                  JOIN res_partner partner ON partner.id = claim.bo_supplier_id
                 WHERE claim.company_id = %(company)s
                   AND claim.state != 'rejected'
                   AND claim.date >= %(start)s
                   AND claim.date < %(end)s
                 GROUP BY partner.commercial_partner_id
            ),
            figures AS (
                SELECT supplier.partner_id,
                       COALESCE(r.receipt_count, 0) AS receipt_count,
                       COALESCE(r.on_time_count, 0) AS on_time_count,
                       ROUND(100.0 * r.on_time_count / NULLIF(r.receipt_count, 0), 2)
                           AS on_time_rate,
                       COALESCE(l.line_count, 0) AS line_count,
                       ROUND((100.0 * l.accuracy_sum / NULLIF(l.line_count, 0))::numeric, 2)
                           AS quantity_accuracy,
                       COALESCE(c.complaint_count, 0) AS complaint_count,
                       ROUND(l.trend::numeric, 2) AS price_trend,
                       COALESCE(l.product_count, 0) AS price_product_count
                  FROM (SELECT partner_id FROM receipt_figures
                         UNION
                        SELECT partner_id FROM complaint_figures) supplier
                  LEFT JOIN receipt_figures r ON r.partner_id = supplier.partner_id
                  LEFT JOIN line_figures l ON l.partner_id = supplier.partner_id
                  LEFT JOIN complaint_figures c ON c.partner_id = supplier.partner_id
            ),
            graded AS (
                SELECT figures.*,
                       CASE WHEN on_time_rate IS NULL THEN NULL
                            WHEN on_time_rate >= %(on_time_a)s THEN 'A'
                            WHEN on_time_rate >= %(on_time_b)s THEN 'B'
                            ELSE 'C' END AS on_time_grade,
                       CASE WHEN quantity_accuracy IS NULL THEN NULL
                            WHEN quantity_accuracy >= %(accuracy_a)s THEN 'A'
                            WHEN quantity_accuracy >= %(accuracy_b)s THEN 'B'
                            ELSE 'C' END AS accuracy_grade,
                       CASE WHEN complaint_count <= %(complaints_a)s THEN 'A'
                            WHEN complaint_count <= %(complaints_b)s THEN 'B'
                            ELSE 'C' END AS complaint_grade,
                       CASE WHEN price_trend IS NULL THEN NULL
                            WHEN price_trend <= %(price_trend_a)s THEN 'A'
                            WHEN price_trend <= %(price_trend_b)s THEN 'B'
                            ELSE 'C' END AS price_grade
                  FROM figures
            )
            INSERT INTO bo_supplier_rating (
                partner_id, company_id, period_start, period_end,
                receipt_count, on_time_count, on_time_rate, line_count, quantity_accuracy,
                complaint_count, price_trend, price_product_count,
                on_time_grade, accuracy_grade, complaint_grade, price_grade, rating,
                create_uid, create_date, write_uid, write_date
            )
            SELECT partner_id, %(company)s, %(period_start)s, %(period_end)s,
                   receipt_count, on_time_count, on_time_rate, line_count, quantity_accuracy,
                   complaint_count, price_trend, price_product_count,
                   on_time_grade, accuracy_grade, complaint_grade, price_grade,
                   GREATEST(on_time_grade, accuracy_grade, complaint_grade, price_grade),
                   %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
              FROM graded
             ORDER BY partner_id
            RETURNING id
            """,
            company=company.id,
            tz=tz,
            previous=previous,
            start=start,
            end=end,
            type_ids=type_ids,
            location_ids=location_ids,
            period_start=period[0],
            period_end=period[1],
            uid=self.env.uid,
            **thresholds,
        )

    @api.model
    def _cron_bo_rate_previous_quarter(self):
        """Rate the quarter before today's in every company (the quarterly job)."""
        for company in self.env["res.company"].search([]):
            today = datetime.now(self._bo_company_tz(company)).date()
            self._bo_rate_quarter(quarter_start(today) - relativedelta(months=3), company)
