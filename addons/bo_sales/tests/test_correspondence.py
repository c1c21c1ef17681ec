# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_aftersales import BoAfterSalesCommon
from .common_pdf import PrintedPdfCase, read_pages


@tagged("post_install", "-at_install")
class TestCorrespondence(PrintedPdfCase, BoAfterSalesCommon):
    def _mails(self, record):
        return self.env["mail.mail"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_order_confirmation_and_offer_emails(self):
        order = self._create_order(qty=1, price=250.0)
        order.with_context(force_report_rendering=True).action_bo_send_offer()
        offer = self._mails(order)
        self.assertEqual(len(offer), 1)
        self.assertIn("Our offer", offer.subject)
        self.assertEqual(offer.attachment_ids.mimetype, "application/pdf", "the offer is attached")
        self.assertPrinted(order.name, " ".join(read_pages(offer.attachment_ids.raw)))
        order.action_confirm()
        order.action_bo_send_confirmation()
        confirmation = self._mails(order) - offer
        self.assertIn(f"Order confirmation {order.name}", confirmation.subject)
        self.assertIn(self.customer, confirmation.recipient_ids)

    def test_payment_figures_are_set_based(self):
        orders = self.env["sale.order"]
        for _i in range(5):
            order = self._create_order(qty=1, price=10.0)
            order.action_confirm()
            self._deliver(order)
            self._invoice(order)
            orders |= order
        orders.invalidate_recordset()
        orders.order_line.invalidate_recordset()
        self.env["account.move"].invalidate_model()
        queries = self.env.cr.sql_log_count
        orders.mapped("bo_amount_overdue")
        five = self.env.cr.sql_log_count - queries
        self.assertGreater(five, 0)
        self.assertEqual(sum(orders.mapped("bo_amount_invoiced")), 50.0)
        # Figures for twice as many orders cost the same number of queries.
        more = orders
        for _i in range(5):
            order = self._create_order(qty=1, price=10.0)
            order.action_confirm()
            self._deliver(order)
            self._invoice(order)
            more |= order
        more.invalidate_recordset()
        more.order_line.invalidate_recordset()
        self.env["account.move"].invalidate_model()
        self.env["account.move.line"].invalidate_model()
        queries = self.env.cr.sql_log_count
        more.mapped("bo_amount_overdue")
        self.assertLessEqual(self.env.cr.sql_log_count - queries, five)
