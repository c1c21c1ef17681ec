# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from ..tools.sql_values import int_array


class BoCheckRule(models.Model):
    """Shipped rules comparing the order with the customer's other orders:
    probable duplicates, total outside the usual range."""

    # One file per family of rules, on purpose (see bo_check_rule.py).
    _inherit = "bo.check.rule"  # pylint: disable=consider-merging-classes-inherited

    code = fields.Selection(
        selection_add=[
            ("duplicate", "Probable duplicate order"),
            ("amount_range", "Order total outside the customer's usual range"),
        ]
    )

    def _bo_check_duplicate(self, orders, facts):
        """Same customer and same customer reference, or same products and
        quantities within N days: self-joins of the customers' orders (as Odoo
        finds duplicate vendor bills), with a signature of the lines per order."""
        days = self.param_days or 0
        rows = self._bo_query(
            SQL(
                """
                WITH candidate AS MATERIALIZED (
                    -- the customers' orders, the checked ones among them
                    SELECT so.id, so.name, so.company_id, p.commercial_partner_id AS partner_id,
                           so.date_order, UPPER(TRIM(so.client_order_ref)) AS ref
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.partner_id = ANY(%(contacts)s) AND so.state != 'cancel'
                ), target AS (
                    SELECT * FROM candidate WHERE id = ANY(%(ids)s)
                ), signature AS (
                    SELECT c.id AS order_id, c.partner_id, c.company_id,
                           MD5(STRING_AGG(l.product_id || ':' || l.product_uom_qty, ','
                                          ORDER BY l.product_id, l.product_uom_qty)) AS lines
                      FROM candidate c
                      JOIN sale_order_line l ON l.order_id = c.id
                     WHERE l.display_type IS NULL AND l.product_id IS NOT NULL
                     GROUP BY c.id, c.partner_id, c.company_id
                )
                -- NOTE: two equality joins (same reference; same signature), so
                -- that a customer with many orders costs no pairwise comparison.
                SELECT t.id, c.name, TRUE
                  FROM target t
                  JOIN candidate c ON c.partner_id = t.partner_id AND c.company_id = t.company_id
                                  AND c.ref = t.ref AND c.id <> t.id
                 WHERE COALESCE(t.ref, '') <> ''
                 UNION ALL
                SELECT t.id, c.name, FALSE
                  FROM target t
                  JOIN signature ts ON ts.order_id = t.id
                  JOIN signature cs ON cs.lines = ts.lines AND cs.partner_id = ts.partner_id
                                   AND cs.company_id = ts.company_id AND cs.order_id <> t.id
                  JOIN candidate c ON c.id = cs.order_id
                 WHERE c.date_order BETWEEN t.date_order - MAKE_INTERVAL(days => %(days)s)
                                        AND t.date_order + MAKE_INTERVAL(days => %(days)s)
                 ORDER BY 1, 2
                """,
                ids=int_array(orders.ids),
                contacts=int_array(self._bo_customer_contacts(orders, facts)),
                days=days,
            )
        )
        same_ref = defaultdict(list)
        same_lines = defaultdict(list)
        for order_id, other_name, is_same_ref in rows:
            (same_ref if is_same_ref else same_lines)[order_id].append(other_name)
        findings = [
            {
                "order_id": order_id,
                "message_key": "duplicate_ref",
                "message_params": {"orders": ", ".join(names)},
            }
            for order_id, names in same_ref.items()
        ]
        findings += [
            {
                "order_id": order_id,
                "message_key": "duplicate_lines",
                "message_params": {"orders": ", ".join(names), "days": {"number": days}},
            }
            for order_id, names in same_lines.items()
            if order_id not in same_ref
        ]
        return findings

    def _bo_check_amount_range(self, orders, facts):
        """Order total against the average of the customer's confirmed orders of
        the last N days (at least three of them)."""
        ratio = self.param_ratio if self.param_ratio > 1 else 3.0
        since = fields.Datetime.now() - timedelta(days=self.param_days or 365)
        rows = self._bo_query(
            SQL(
                """
                WITH target AS MATERIALIZED (
                    SELECT id, partner_id,
                           amount_untaxed / COALESCE(NULLIF(currency_rate, 0), 1) AS amount
                      FROM sale_order
                     WHERE id = ANY(%(ids)s)
                ), history AS (
                    SELECT p.commercial_partner_id AS partner_id,
                           AVG(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
                               AS average
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.partner_id = ANY(%(contacts)s) AND so.state = 'sale'
                       AND so.company_id = %(company)s AND so.date_order >= %(since)s
                     GROUP BY p.commercial_partner_id
                    HAVING COUNT(*) >= 3
                )
                SELECT t.id, t.amount, h.average
                  FROM target t
                  JOIN res_partner p ON p.id = t.partner_id
                  JOIN history h ON h.partner_id = p.commercial_partner_id
                 WHERE h.average > 0
                   AND (t.amount > h.average * %(ratio)s OR t.amount < h.average / %(ratio)s)
                """,
                ids=int_array(orders.ids),
                contacts=int_array(self._bo_customer_contacts(orders, facts)),
                company=self.env.company.id,
                since=since,
                ratio=ratio,
            )
        )
        currency = self.env.company.currency_id
        return [
            {
                "order_id": order_id,
                "message_key": "amount_range",
                "message_params": {
                    "amount": {"amount": float(amount), "currency": currency.id},
                    "average": {"amount": float(average), "currency": currency.id},
                },
            }
            for order_id, amount, average in rows
        ]
