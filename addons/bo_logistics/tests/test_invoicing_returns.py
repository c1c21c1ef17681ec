# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import Form, new_test_user, tagged

from .common import BoLogisticsCommon


@tagged("post_install", "-at_install")
@freeze_time("2030-03-20 09:00:00")  # a year with no DDT yet
class TestInvoicingReturns(BoLogisticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.invoice_policy = "delivery"
        cls.Document = cls.env["bo.transport.document"]

    def _delivered_ddt(self, partner=None, qty=2.0):
        order = self._make_order(partner=partner, qty=qty)
        self._ship(order.picking_ids)
        document = self.Document._bo_create_from_pickings(order.picking_ids)
        document.transport_by = "sender"
        document.action_validate()
        return document

    def test_month_of_ddts_one_invoice_per_customer(self):
        first = self._delivered_ddt()
        second = self._delivered_ddt(qty=5.0)
        other = self._delivered_ddt(partner=self.other_customer)
        action = (first | second | other).with_user(self.bo_manager).action_bo_invoice()
        invoices = self.env["account.move"].search(action["domain"])
        self.assertEqual(len(invoices), 2)
        own = invoices.filtered(lambda m: m.partner_id == self.customer)
        self.assertEqual(own.bo_transport_document_ids, first | second)
        self.assertEqual(sum(own.invoice_line_ids.mapped("quantity")), 7.0)
        self.assertIn(first.name, own.bo_transport_document_refs)
        self.assertIn(second.name, own.bo_transport_document_refs)
        self.assertIn("20/03/2030", own.bo_transport_document_refs)
        self.assertEqual(first.invoice_state, "invoiced")
        self.assertEqual(other.invoice_ids.partner_id, self.other_customer)

    def test_return_from_ddt_makes_return_ddt_and_credit_note(self):
        document = self._delivered_ddt(qty=3.0)
        order = document.picking_ids.sale_id
        invoice = order._create_invoices()
        invoice.action_post()
        action = document.action_bo_return()
        wizard_form = Form(self.env["stock.return.picking"].browse(action["res_id"]))
        wizard_form.bo_return_reason = "damaged"
        wizard = wizard_form.save()
        wizard.product_return_moves.quantity = 1.0
        return_picking = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        self.assertEqual(return_picking.bo_return_reason, "damaged")
        return_ddt = return_picking.bo_transport_document_ids
        self.assertEqual(return_ddt.transport_reason, "return")
        self.assertEqual(return_ddt.line_ids.quantity, 1.0)
        self._ship(return_picking)
        self.assertEqual(document.picking_ids.bo_shipping_state, "returned")
        credit_note = order.invoice_ids.filtered(lambda m: m.move_type == "out_refund")
        self.assertEqual(credit_note.state, "draft", "a proposal for the clerk to check")
        self.assertEqual(credit_note.invoice_line_ids.quantity, 1.0)

    def test_warehouse_operator_returns_a_delivery(self):
        """A warehouse operator (Inventory / User, no Back Office group) records a
        customer return from the delivery and receives the goods: Odoo's return
        works as it does without the suite, and the back office finds the draft
        return DDT and the credit note proposal."""
        document = self._delivered_ddt(qty=3.0)
        order = document.picking_ids.sale_id
        order._create_invoices().action_post()
        operator = new_test_user(
            self.env, login="bo_warehouse", groups="base.group_user,stock.group_stock_user"
        )
        delivery = document.picking_ids.with_user(operator)
        wizard_form = Form(
            self.env["stock.return.picking"]
            .with_user(operator)
            .with_context(
                active_id=delivery.id, active_ids=delivery.ids, active_model="stock.picking"
            )
        )
        wizard = wizard_form.save()
        wizard.product_return_moves.quantity = 1.0
        return_picking = delivery.browse(wizard.action_create_returns()["res_id"])
        return_ddt = return_picking.bo_transport_document_ids
        self.assertEqual(
            (return_ddt.transport_reason, return_ddt.state),
            ("return", "draft"),
            "the operator reads the draft return DDT made for the back office",
        )
        return_picking.move_ids.quantity = 1.0
        return_picking.move_ids.picked = True
        return_picking.button_validate()
        self.assertEqual(return_picking.state, "done")
        self.assertEqual(document.picking_ids.bo_shipping_state, "returned")
        credit_note = order.invoice_ids.filtered(lambda m: m.move_type == "out_refund")
        self.assertEqual(credit_note.state, "draft")
        self.assertEqual(credit_note.invoice_line_ids.quantity, 1.0)

    def test_return_into_an_internal_step_has_no_ddt(self):
        """Where the deliveries' return operation type is an internal one (goods
        back to a warehouse step, not received from outside), Odoo's return is
        made as without the suite, with no return DDT (it used to be refused)."""
        document = self._delivered_ddt(qty=3.0)
        delivery = document.picking_ids
        warehouse = delivery.picking_type_id.warehouse_id
        delivery.picking_type_id.return_picking_type_id = warehouse.int_type_id
        wizard = Form(
            self.env["stock.return.picking"].with_context(
                active_id=delivery.id, active_ids=delivery.ids, active_model="stock.picking"
            )
        ).save()
        wizard.product_return_moves.quantity = 1.0
        return_picking = delivery.browse(wizard.action_create_returns()["res_id"])
        self.assertEqual(return_picking.picking_type_code, "internal")
        self.assertEqual(return_picking.return_id, delivery)
        self.assertFalse(return_picking.bo_transport_document_ids)
