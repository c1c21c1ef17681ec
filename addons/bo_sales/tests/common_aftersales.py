# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields

from odoo.addons.bo_sales.tests.common import BoSalesCommon


class BoAfterSalesCommon(BoSalesCommon):
    """Orders taken through delivery, invoicing and payment for after-sales tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"email": "cliente@example.com", "lang": "en_US"})
        cls.other_customer.write({"email": "altro@example.com", "lang": "en_US"})

    @classmethod
    def _create_order(cls, partner=None, qty=2.0, price=100.0, product=None):
        return cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": (product or cls.product).id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )

    @classmethod
    def _deliver(cls, order):
        for picking in order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")):
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking.button_validate()

    @classmethod
    def _invoice(cls, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    @classmethod
    def _pay(cls, invoices):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids
        ).create({})._create_payments()

    @classmethod
    def _create_invoice(cls, partner, amount, due_date, invoice_date=None):
        """A posted customer invoice with an explicit due date."""
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date or due_date,
                "invoice_date_due": due_date,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    @staticmethod
    def _date(value):
        return fields.Date.to_date(value)
