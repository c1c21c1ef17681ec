# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the payment reminder planner (bo_sales) over many overdue invoices.

The planner reads every overdue invoice once, the reminder log once, and
groups in Python; the baseline asks per customer, the plain Odoo way.
"""

from datetime import date, timedelta

from odoo import Command

CASE = {
    "name": "Payment reminder plan",
    "size": "200 customers x 5 overdue invoices (1000 invoices)",
    "target_s": 2.0,
}


def prepare(env, customers=200, invoices=5):
    """Customers with posted, overdue invoices spread over the three levels."""
    product = env["product.product"].create({"name": "Bench Reminder Item", "type": "service"})
    partners = env["res.partner"].create(
        [
            {"name": f"Bench Reminder Customer {i:04d}", "email": f"bench{i}@example.com"}
            for i in range(customers)
        ]
    )
    today = date.today()
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": today - timedelta(days=10 + 12 * n),
                "invoice_date_due": today - timedelta(days=10 + 12 * n),
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": 100.0 + n,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
            for partner in partners
            for n in range(invoices)
        ]
    )
    moves.action_post()
    return {"partners": partners, "moves": moves}


def run(env, ctx):
    return env["bo.payment.reminder"]._bo_reminder_plan()


def baseline(env, ctx):
    """Per customer: search its overdue invoices and its reminder log."""
    Reminder = env["bo.payment.reminder"]
    level_days = Reminder._bo_level_days()
    today = date.today()
    plan = []
    for partner in ctx["partners"]:
        moves = env["account.move"].search(
            [
                ("partner_id", "=", partner.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", today),
            ]
        )
        for move in moves:
            late = (today - move.invoice_date_due).days
            levels = [lvl for lvl, days in level_days.items() if late >= days]
            if not levels:
                continue
            level = max(levels)
            if not env["bo.payment.reminder.line"].search_count(
                [("move_id", "=", move.id), ("level", "=", level)]
            ):
                plan.append((partner, level, move))
    return plan
