# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the order check engine on 1 000 quotations of 10 lines.

Every shipped rule is active and set up so that most of them have something
to evaluate (floor prices, minimum quantities, packaging, credit limits,
requested dates, storable products, agents, maximum discounts). ``run`` checks
all quotations in one call of ``action_bo_check()``.
"""

from datetime import timedelta

from odoo import Command, fields

CASE = {
    "name": "Order checks: 1 000 quotations x 10 lines, every shipped rule",
    "size": "1000 orders x 10 lines",
    "target_s": 0.3,
}


def prepare(env, orders=1000, lines=10):
    """Customers, products and ``orders`` quotations of ``lines`` lines, created
    in batches without running the checks (they run in ``run``)."""
    env = env(context=dict(env.context, tracking_disable=True, bo_check_skip=True))
    env["bo.check.rule"].with_context(active_test=False).search([("code", "!=", False)]).write(
        {"active": True}
    )
    italy = env.ref("base.it")
    agent = env["res.partner"].create(
        {"name": "Bench Agent", "bo_is_agent": True, "bo_max_discount": 15.0}
    )
    term = env.ref("account.account_payment_term_30days")
    customers = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {index}",
                "is_company": True,
                "country_id": italy.id,
                "street": "Via Roma 1" if index % 2 else False,
                "zip": "40100",
                "city": "Bologna",
                "l10n_it_pa_index": "ABC1234" if index % 3 else False,
                "bo_agent_id": agent.id if index % 4 else False,
                "bo_requires_client_ref": not index % 5,
                "property_payment_term_id": term.id if index % 2 else False,
                "credit_limit": 5000.0 if index % 2 else 0.0,
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
                "standard_price": 6.0 + index,
                "bo_floor_price": 8.0 + index,
                "bo_min_order_qty": 2.0 if index % 3 else 0.0,
                "sale_delay": index % 7,
            }
            for index in range(20)
        ]
    )
    env["product.packaging"].create(
        [{"name": "Box", "product_id": product.id, "qty": 6} for product in products[:5]]
    )
    now = fields.Datetime.now()
    vals_list = []
    for index in range(orders):
        vals_list.append(
            {
                "partner_id": customers[index % len(customers)].id,
                "client_order_ref": f"BENCH-{index % 700}" if index % 3 else False,
                "commitment_date": now + timedelta(days=index % 20 - 3),
                "order_line": [
                    Command.create(
                        {
                            "product_id": products[(index + line) % len(products)].id,
                            "product_uom_qty": 1 + (index + line) % 9,
                            "price_unit": 7.0 + (index * line) % 30,
                            "discount": (index + line) % 25,
                        }
                    )
                    for line in range(lines)
                ],
            }
        )
    quotations = env["sale.order"].create(vals_list)
    env.flush_all()
    return {"order_ids": quotations.ids}


def run(env, ctx):
    env["sale.order"].browse(ctx["order_ids"]).action_bo_check()
    env.flush_all()
