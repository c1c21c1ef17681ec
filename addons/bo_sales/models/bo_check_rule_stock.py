# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from ..tools.sql_values import int_array


class BoCheckRule(models.Model):
    """Shipped rules on delivery: the requested date and the stock available by then."""

    # One file per family of rules, on purpose (see bo_check_rule.py).
    _inherit = "bo.check.rule"  # pylint: disable=consider-merging-classes-inherited

    code = fields.Selection(
        selection_add=[
            ("delivery_date", "Requested delivery date not feasible"),
            ("availability", "Product not available in time"),
        ]
    )

    def _bo_check_delivery_date(self, orders, facts):
        """Requested date (commitment_date) in the past or sooner than the
        longest lead time (sale_delay) of the order's products."""
        now = fields.Datetime.now()
        # NOTE: two small queries, not one join or a subquery per order: a date
        # beyond the catalogue's longest lead time is fine whatever the lines,
        # so only the few other orders have their lines read, through the
        # index. On orders created in the same transaction (no statistics yet)
        # the planner priced the one-query plans high enough to compile them
        # (JIT), which cost more than running them.
        dates = dict(
            self._bo_query(
                SQL(
                    """
                    SELECT id, commitment_date
                      FROM sale_order
                     WHERE id = ANY(%(ids)s)
                       AND commitment_date < %(now)s + INTERVAL '1 day' * (
                               SELECT COALESCE(MAX(sale_delay), 0) FROM product_template
                           )
                    """,
                    ids=int_array(orders.ids),
                    now=now,
                )
            )
        )
        if not dates:
            return []
        delays = dict(
            self._bo_query(
                SQL(
                    """
                    SELECT l.order_id, MAX(pt.sale_delay)
                      FROM sale_order_line l
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE l.order_id = ANY(%s) AND l.display_type IS NULL
                     GROUP BY l.order_id
                    """,
                    int_array(dates),
                )
            )
        )
        findings = []
        for order_id, requested in sorted(dates.items()):
            delay = delays.get(order_id) or 0
            # A datetime: shown as a date in the reader's time zone.
            params = {"date": {"date": fields.Datetime.to_string(requested)}}
            if requested < now:
                key = "delivery_date_past"
            elif requested < now + timedelta(days=delay):
                key = "delivery_date_lead_time"
                params["days"] = {"number": delay}
            else:
                continue
            findings.append({"order_id": order_id, "message_key": key, "message_params": params})
        return findings

    def _bo_check_availability(self, orders, facts):
        """Forecast per product and warehouse at the needed date (the requested
        date, else today plus the product's lead time): quantity on hand plus
        the moves planned until then into or out of the warehouse's stock,
        against what the order asks for the product. One query for all orders;
        only the shortfalls come back."""
        now = fields.Datetime.now()
        rows = self._bo_query(
            SQL(
                """
                WITH line AS (
                    SELECT id, order_id, product_id, product_uom, product_uom_qty
                      FROM sale_order_line
                     WHERE order_id = ANY(%(ids)s) AND display_type IS NULL
                ), product AS MATERIALIZED (
                    SELECT pp.id, pu.factor::float8 AS uom_factor,
                           COALESCE(pt.sale_delay, 0) AS sale_delay
                      FROM product_product pp
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      JOIN uom_uom pu ON pu.id = pt.uom_id
                     WHERE pp.id IN (SELECT product_id FROM line) AND pt.is_storable
                ), ord AS MATERIALIZED (
                    SELECT id, warehouse_id, commitment_date
                      FROM sale_order
                     WHERE id = ANY(%(ids)s) AND warehouse_id IS NOT NULL
                ), need AS MATERIALIZED (
                    -- what each order asks of each storable product, and by when
                    SELECT line.order_id, line.product_id, ord.warehouse_id,
                           MIN(line.id) AS line_id,
                           SUM(line.product_uom_qty::float8 / lu.factor::float8
                               * product.uom_factor) AS qty,
                           COALESCE(ord.commitment_date,
                                    %(now)s + INTERVAL '1 day' * product.sale_delay) AS needed
                      FROM line
                      JOIN product ON product.id = line.product_id
                      JOIN ord ON ord.id = line.order_id
                      JOIN uom_uom lu ON lu.id = line.product_uom
                     GROUP BY line.order_id, line.product_id, ord.warehouse_id,
                              ord.commitment_date, product.sale_delay
                ), stock_key AS MATERIALIZED (
                    SELECT DISTINCT product_id, warehouse_id FROM need
                ), on_hand AS (
                    SELECT q.product_id, loc.warehouse_id, SUM(q.quantity)::float8 AS qty
                      FROM stock_quant q
                      JOIN stock_location loc ON loc.id = q.location_id
                      JOIN stock_key ON stock_key.product_id = q.product_id
                                    AND stock_key.warehouse_id = loc.warehouse_id
                     WHERE loc.usage = 'internal'
                     GROUP BY q.product_id, loc.warehouse_id
                ), planned AS MATERIALIZED (
                    -- moves not done yet into (+) or out of (-) a warehouse's stock;
                    -- moves inside one warehouse change nothing
                    SELECT m.product_id, loc.warehouse_id, m.date,
                           CASE WHEN loc.id = m.location_dest_id THEN m.product_qty
                                ELSE -m.product_qty END::float8 AS qty
                      FROM stock_move m
                      JOIN stock_location src ON src.id = m.location_id
                      JOIN stock_location dst ON dst.id = m.location_dest_id
                      JOIN stock_location loc ON loc.id IN (src.id, dst.id)
                      JOIN stock_key ON stock_key.product_id = m.product_id
                                    AND stock_key.warehouse_id = loc.warehouse_id
                     WHERE m.state NOT IN ('draft', 'done', 'cancel')
                       AND loc.usage = 'internal'
                       AND NOT (src.usage = 'internal' AND dst.usage = 'internal'
                                AND src.warehouse_id IS NOT DISTINCT FROM dst.warehouse_id)
                ), planned_until AS (
                    SELECT need.order_id, need.product_id, SUM(planned.qty) AS qty
                      FROM need
                      JOIN planned ON planned.product_id = need.product_id
                                  AND planned.warehouse_id = need.warehouse_id
                                  AND planned.date <= need.needed
                     GROUP BY need.order_id, need.product_id
                )
                SELECT need.line_id, need.order_id, need.product_id, need.needed,
                       COALESCE(on_hand.qty, 0) + COALESCE(planned_until.qty, 0), need.qty
                  FROM need
                  LEFT JOIN on_hand ON on_hand.product_id = need.product_id
                                   AND on_hand.warehouse_id = need.warehouse_id
                  LEFT JOIN planned_until ON planned_until.order_id = need.order_id
                                         AND planned_until.product_id = need.product_id
                 WHERE COALESCE(on_hand.qty, 0) + COALESCE(planned_until.qty, 0)
                       < need.qty - 1e-6
                 ORDER BY need.order_id, need.line_id
                """,
                ids=int_array(orders.ids),
                now=now,
            )
        )
        return [
            {
                "order_id": order_id,
                "line_id": line_id,
                "message_key": "availability",
                "message_params": {
                    "available": {"number": round(max(forecast, 0.0), 4)},
                    "product": {"product": product_id},
                    "date": {"date": fields.Datetime.to_string(needed)},
                    "qty": {"number": round(wanted, 4)},
                },
            }
            for line_id, order_id, product_id, needed, forecast, wanted in rows
        ]
