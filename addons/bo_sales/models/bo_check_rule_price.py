# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import namedtuple

from odoo import fields, models
from odoo.tools import SQL

from ..tools.sql_values import int_array

# A product line that a line rule flags: prices and limits in the order's
# currency, quantities in the product's unit, and one flag per rule.
LineFacts = namedtuple(
    "LineFacts",
    "id order_id product_id currency_id net_price floor_price cost qty minimum packs discount "
    "max_discount agent_maximum below_floor below_cost below_minimum off_packaging "
    "over_discount",
)


class BoCheckRule(models.Model):
    """Shipped rules on the order lines: prices, discounts and quantities."""

    # One file per family of rules, on purpose (see bo_check_rule.py).
    _inherit = "bo.check.rule"  # pylint: disable=consider-merging-classes-inherited

    code = fields.Selection(
        selection_add=[
            ("price_floor", "Price below floor price"),
            ("price_cost", "Price below cost"),
            ("discount_max", "Discount above the allowed maximum"),
            ("min_qty", "Quantity below minimum order quantity"),
            ("packaging", "Quantity not a multiple of the packaging"),
        ]
    )

    def _bo_check_price_floor(self, orders, facts):
        return self._bo_check_price_limit(orders, facts, use_cost=False)

    def _bo_check_price_cost(self, orders, facts):
        return self._bo_check_price_limit(orders, facts, use_cost=True)

    def _bo_check_price_limit(self, orders, facts, use_cost):
        """Net unit price (after discount) below the product's floor price or cost,
        both kept in the company currency and converted to the order's."""
        flag = "below_cost" if use_cost else "below_floor"
        return [
            {
                "order_id": line.order_id,
                "line_id": line.id,
                "message_key": "price_cost" if use_cost else "price_floor",
                "message_params": {
                    "product": {"product": line.product_id},
                    "price": {"amount": line.net_price, "currency": line.currency_id},
                    "limit": {
                        "amount": line.cost if use_cost else line.floor_price,
                        "currency": line.currency_id,
                    },
                },
            }
            for line in self._bo_line_facts(orders, facts)
            if getattr(line, flag)
        ]

    def _bo_check_discount_max(self, orders, facts):
        """The agent's maximum discount applies to the orders they bring; otherwise
        the salesperson's. A maximum of 0 means no maximum is set."""
        return [
            {
                "order_id": line.order_id,
                "line_id": line.id,
                "message_key": ("discount_agent" if line.agent_maximum else "discount_salesperson"),
                "message_params": {
                    "discount": {"number": line.discount},
                    "maximum": {"number": line.max_discount},
                },
            }
            for line in self._bo_line_facts(orders, facts)
            if line.over_discount
        ]

    def _bo_check_min_qty(self, orders, facts):
        return [
            {
                "order_id": line.order_id,
                "line_id": line.id,
                "message_key": "min_qty",
                "message_params": {
                    "qty": {"number": line.qty},
                    "product": {"product": line.product_id},
                    "minimum": {"number": line.minimum},
                },
            }
            for line in self._bo_line_facts(orders, facts)
            if line.below_minimum
        ]

    def _bo_check_packaging(self, orders, facts):
        return [
            {
                "order_id": line.order_id,
                "line_id": line.id,
                "message_key": "packaging",
                "message_params": {
                    "qty": {"number": line.qty},
                    "product": {"product": line.product_id},
                    "packs": {"numbers": list(line.packs)},
                },
            }
            for line in self._bo_line_facts(orders, facts)
            if line.off_packaging
        ]

    # ------------------------------------------------------------------
    # Facts of the lines, shared by these rules
    # ------------------------------------------------------------------

    def _bo_currency_rates(self, currency_ids):
        """{currency id: rate from the company currency}, today's rate (the
        limits kept on products are in the company currency)."""
        company = self.env.company
        today = fields.Date.context_today(self)
        return {
            currency.id: company.currency_id._get_conversion_rate(
                company.currency_id, currency, company, today
            )
            for currency in self.env["res.currency"].browse(currency_ids)
        }

    def _bo_line_facts(self, orders, facts):
        """LineFacts of the product lines of ``orders`` that at least one line
        rule flags, in order and line order.

        The conditions are evaluated in the database, in one query shared by
        the price, discount and quantity rules of a run: out of thousands of
        lines only the few with a problem travel to Python, and each rule reads
        its own flag and writes the message. Prices and limits are in the
        order's currency, quantities in the product's unit.
        """

        def compute():
            self.env.cr.execute(
                SQL(
                    "SELECT DISTINCT currency_id FROM sale_order WHERE id = ANY(%s)",
                    int_array(orders.ids),
                )
            )
            rates = self._bo_currency_rates([row[0] for row in self.env.cr.fetchall()])
            if not rates:
                return []
            # NOTE: cost is company-dependent: Odoo's own SQL for it (with its default).
            cost = self.env["product.product"]._field_to_sql("pp", "standard_price")
            rows = self._bo_query(
                SQL(
                    """
                    WITH line AS (
                        SELECT id, order_id, product_id, product_uom, price_unit, discount,
                               product_uom_qty
                          FROM sale_order_line
                         WHERE order_id = ANY(%(ids)s) AND display_type IS NULL
                    ), product AS MATERIALIZED (
                        -- what the rules compare, once per product (not per line)
                        SELECT pp.id, pu.factor::float8 AS uom_factor,
                               COALESCE(pt.bo_floor_price, 0)::float8 AS floor_price,
                               COALESCE(%(cost)s, 0)::float8 AS cost,
                               COALESCE(pt.bo_min_order_qty, 0)::float8 AS minimum,
                               (SELECT ARRAY_AGG(pk.qty::float8 ORDER BY pk.qty)
                                  FROM product_packaging pk
                                 WHERE pk.product_id = pp.id AND pk.sales AND pk.qty > 0
                               ) AS packs
                          FROM product_product pp
                          JOIN product_template pt ON pt.id = pp.product_tmpl_id
                          JOIN uom_uom pu ON pu.id = pt.uom_id
                         WHERE pp.id IN (SELECT product_id FROM line)
                    ), ord AS MATERIALIZED (
                        -- what the rules compare, once per order: the currency
                        -- rate and the maximum discount (the agent's if set,
                        -- else the salesperson's)
                        SELECT so.id, so.currency_id, rate.rate,
                               (CASE WHEN COALESCE(a.bo_max_discount, 0) > 0
                                     THEN a.bo_max_discount
                                     ELSE COALESCE(NULLIF(u.bo_max_discount, 0), 100)
                                END)::float8 AS max_discount,
                               COALESCE(a.bo_max_discount, 0) > 0 AS agent_maximum
                          FROM sale_order so
                          JOIN UNNEST(%(currencies)s::int[], %(rates)s::float8[])
                               AS rate(currency_id, rate) ON rate.currency_id = so.currency_id
                          LEFT JOIN res_partner a ON a.id = so.bo_agent_id
                          LEFT JOIN res_users u ON u.id = so.user_id
                         WHERE so.id = ANY(%(ids)s)
                    ), fact AS (
                        SELECT line.id, line.order_id, line.product_id, ord.currency_id,
                               line.price_unit::float8
                                   * (1 - COALESCE(line.discount, 0)::float8 / 100) AS net_price,
                               product.floor_price * ord.rate AS floor_price,
                               product.cost * ord.rate AS cost,
                               line.product_uom_qty::float8 / lu.factor::float8
                                   * product.uom_factor AS qty,
                               product.minimum, product.packs,
                               COALESCE(line.discount, 0)::float8 AS discount,
                               ord.max_discount, ord.agent_maximum
                          FROM line
                          JOIN ord ON ord.id = line.order_id
                          JOIN product ON product.id = line.product_id
                          JOIN uom_uom lu ON lu.id = line.product_uom
                    ), flagged AS (
                        SELECT fact.*,
                               floor_price > 0 AND net_price < floor_price - 1e-6 AS below_floor,
                               cost > 0 AND net_price < cost - 1e-6 AS below_cost,
                               minimum > 0 AND qty < minimum AS below_minimum,
                               COALESCE(packs IS NOT NULL AND qty > 0 AND NOT EXISTS (
                                   SELECT FROM UNNEST(packs) AS pack_qty
                                    WHERE ABS(qty / pack_qty - ROUND(qty / pack_qty)) < 1e-6
                               ), FALSE) AS off_packaging,
                               discount > 0 AND discount > max_discount + 1e-6 AS over_discount
                          FROM fact
                    )
                    SELECT id, order_id, product_id, currency_id, net_price, floor_price, cost,
                           qty, minimum, packs, discount, max_discount, agent_maximum,
                           below_floor, below_cost, below_minimum, off_packaging, over_discount
                      FROM flagged
                     WHERE below_floor OR below_cost OR below_minimum OR off_packaging
                           OR over_discount
                     ORDER BY order_id, id
                    """,
                    currencies=list(rates),
                    rates=list(rates.values()),
                    cost=cost,
                    ids=int_array(orders.ids),
                )
            )
            return [LineFacts(*row) for row in rows]

        return facts.get("line_facts", compute)
