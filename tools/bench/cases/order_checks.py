# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the order check engine on 1 000 quotations of 10 lines.

Every shipped rule is active and has something to evaluate (floor prices, costs,
minimum quantities, packaging, credit limits, requested dates, stock of storable
products, agents, maximum discounts), with realistic proportions: about one
customer in ten and one line in twenty-five has a problem. ``run`` checks
all quotations in one call of ``action_bo_check()``.
"""

from datetime import timedelta

from stdnum import luhn

from odoo import Command, fields

CASE = {
    "name": "Order checks: 1 000 quotations x 10 lines, every shipped rule",
    "size": "1000 orders x 10 lines",
    "target_s": 0.3,
}


def _partita_iva(index):
    base = f"{1000000 + index:07d}001"
    return "IT" + base + luhn.calc_check_digit(base)


def prepare(env, orders=1000, lines=10):
    """Customers, products and ``orders`` quotations of ``lines`` lines, created
    in batches without running the checks (they run in ``run``)."""
    env = env(context=dict(env.context, tracking_disable=True, bo_check_skip=True))
    env["bo.check.rule"].with_context(active_test=False).search([("code", "!=", False)]).write(
        {"active": True}
    )
    italy = env.ref("base.it")
    province = env.ref("base.state_it_bo")
    agent = env["res.partner"].create(
        {"name": "Bench Agent", "bo_is_agent": True, "bo_max_discount": 15.0}
    )
    term = env.ref("account.account_payment_term_30days")
    # Realistic proportions: most customers are in order, one in ten lacks
    # something (VAT, SDI code, province, payment terms, agent...).
    customers = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {index}",
                "is_company": True,
                "country_id": italy.id,
                "vat": False if index % 10 == 1 else _partita_iva(index),
                "street": "Via Roma 1",
                "zip": "40100",
                "city": "Bologna",
                "state_id": False if index % 10 == 2 else province.id,
                "l10n_it_pa_index": False if index % 10 == 3 else "ABC1234",
                "bo_agent_id": False if index % 10 == 4 else agent.id,
                "bo_requires_client_ref": index % 10 == 5,
                "property_payment_term_id": False if index % 10 == 6 else term.id,
                "credit_limit": 2000.0 if index % 10 == 7 else 0.0,
            }
            for index in range(50)
        ]
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench Product {index}",
                "default_code": f"BENCH-{index}",
                "type": "consu",
                "is_storable": bool(index % 2),
                "list_price": 10.0 + index,
                "standard_price": (10.0 + index) * 0.6,
                "bo_floor_price": (10.0 + index) * 0.8,
                "bo_min_order_qty": 2.0 if index % 3 else 0.0,
                "sale_delay": index % 7,
            }
            for index in range(20)
        ]
    )
    env["product.packaging"].create(
        [{"name": "Box", "product_id": product.id, "qty": 6} for product in products[:4]]
    )
    stock = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    for product in products.filtered("is_storable")[1:]:
        env["stock.quant"]._update_available_quantity(product, stock.lot_stock_id, 100000)
    now = fields.Datetime.now()
    vals_list = []
    for index in range(orders):
        order_lines = []
        for line in range(lines):
            product = products[(index + line) % len(products)]
            odd = (index * lines + line) % 23 == 0  # about 4% of the lines have a problem
            order_lines.append(
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": 1 if odd else 6 * (1 + (index + line) % 3),
                        "price_unit": product.list_price * (0.7 if odd else 1.0),
                        "discount": 20.0 if odd else 5.0,
                    }
                )
            )
        vals_list.append(
            {
                "partner_id": customers[index % len(customers)].id,
                "client_order_ref": f"BENCH-{index}" if index % 50 else "BENCH-DUP",
                "commitment_date": now + timedelta(days=30 if index % 25 else -1),
                "order_line": order_lines,
            }
        )
    quotations = env["sale.order"].create(vals_list)
    env.flush_all()
    return {"order_ids": quotations.ids}


def run(env, ctx):
    env["sale.order"].browse(ctx["order_ids"]).action_bo_check()
    env.flush_all()


def baseline(env, ctx):
    """The same rules, one order at a time: how a per-record engine works (OCA's
    sale_exception checks each order apart), and what saving the orders one by
    one costs (each save of an order runs its checks)."""
    for order in env["sale.order"].browse(ctx["order_ids"]):
        order.action_bo_check()
    env.flush_all()
