# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

from PyPDF2 import PdfReader

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_aftersales import BoAfterSalesCommon
from .common_pdf import PrintedPdfCase, read_pages


def _pages(pdf):
    return PdfReader(io.BytesIO(pdf)).pages


@tagged("post_install", "-at_install")
class TestOrderFile(PrintedPdfCase, BoAfterSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, force_report_rendering=True))
        cls.order = cls._create_order(qty=3, price=40.0)
        cls.order.action_confirm()

    def _blockers(self):
        return self.order._bo_file_blockers().get(self.order, [])

    def test_closing_conditions_and_archive(self):
        order = self.order
        self.assertIn("goods not fully delivered", self._blockers())
        with self.assertRaises(UserError):
            order.action_bo_close_file()
        self._deliver(order)
        self.assertNotIn("goods not fully delivered", self._blockers())
        self.assertIn("not fully invoiced", self._blockers())
        invoice = self._invoice(order)
        self.assertEqual(self._blockers(), ["invoices not paid"])
        claim = self.env["bo.claim"].create(
            {"subject": "Scratched", "order_id": order.id, "kind": "quality"}
        )
        self.assertEqual(claim.partner_id, order.partner_id)
        self._pay(invoice)
        self.assertEqual(self._blockers(), ["open complaints"])
        # The nightly job leaves a blocked file open.
        self.env["sale.order"]._cron_bo_close_files()
        self.assertEqual(order.bo_file_state, "open")
        claim.write({"resolution": "none"})
        claim.action_resolve()
        self.assertEqual(self._blockers(), [])

        documents = order._bo_file_documents()
        self.assertEqual(
            [(ref, recs) for ref, recs in documents],
            [("sale.action_report_saleorder", order), ("account.account_invoices", invoice)],
        )
        self.env["sale.order"]._cron_bo_close_files()
        self.assertEqual(order.bo_file_state, "closed")
        self.assertTrue(order.bo_file_closed_date)
        attachment = order.bo_file_attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id), ("sale.order", order.id))
        self.assertEqual(attachment.mimetype, "application/pdf")

        # The archive holds exactly the pages of each document, in order.
        order_pages = len(_pages(self.render_pdf("sale.action_report_saleorder", order.ids)))
        invoice_pages = len(_pages(self.render_pdf("account.account_invoices", invoice.ids)))
        pages = read_pages(base64.b64decode(attachment.datas))
        self.assertEqual(len(pages), order_pages + invoice_pages)
        self.assertPrinted(order.name, pages[0])
        self.assertPrinted(invoice.name, pages[-1])

        # Closed files are found by customer, agent and period.
        found = self.env["sale.order"].search(
            [
                ("bo_file_state", "=", "closed"),
                ("partner_id", "=", self.customer.id),
                ("bo_customer_agent_id", "=", self.agent_partner.id),
                ("bo_file_closed_date", "=", order.bo_file_closed_date),
            ]
        )
        self.assertEqual(found, order)
        # Closing again is a no-op; reopening is possible.
        order.action_bo_close_file()
        self.assertEqual(order.bo_file_attachment_id, attachment)
        order.action_bo_reopen_file()
        self.assertEqual(order.bo_file_state, "open")

    def test_quotation_cannot_be_closed(self):
        quotation = self._create_order()
        with self.assertRaises(UserError):
            quotation.action_bo_close_file()
        self.assertEqual(quotation.bo_file_state, "open")

    def test_claim_produces_replacement_and_credit_note(self):
        self._deliver(self.order)
        invoice = self._invoice(self.order)
        claim = self.env["bo.claim"].create(
            {"subject": "Wrong drill", "order_id": self.order.id, "kind": "wrong_item"}
        )
        with self.assertRaises(UserError):
            self.env["bo.claim"].create({"subject": "No order"}).action_create_credit_note()
        claim.action_create_replacement_order()
        replacement = claim.replacement_order_ids
        self.assertEqual(len(replacement), 1)
        self.assertEqual(replacement.partner_id, self.customer)
        self.assertEqual(replacement.origin, claim.name)
        self.assertEqual(replacement.order_line.product_id, self.product)
        self.assertEqual(replacement.order_line.product_uom_qty, 3)
        self.assertEqual(replacement.amount_total, 0.0)
        claim.action_create_credit_note()
        refund = claim.credit_note_ids
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.reversed_entry_id, invoice)
        self.assertEqual(claim.resolution, "credit_note")
        self.assertEqual(claim.document_count, 2)
