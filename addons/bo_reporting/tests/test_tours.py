# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A back-office manager in the browser sets up a periodic report, produces it and
reads the sales analysis."""

import io

import openpyxl

from odoo import Command
from odoo.tests import tagged

from odoo.addons.bo_sales.tests.common_tours import BoTourCase


@tagged("post_install", "-at_install")
class TestReportingTours(BoTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.agent = Partner.create(
            {"name": "Agente Report Tour", "bo_is_agent": True, "country_id": cls.italy.id}
        )
        cls.customer = Partner.create(
            {
                "name": "Cliente Report Tour S.r.l.",
                "is_company": True,
                "country_id": cls.italy.id,
                "bo_agent_id": cls.agent.id,
            }
        )
        cls.marketing = Partner.create(
            {"name": "Marketing Tour", "email": "marketing.tour@example.com", "lang": "en_US"}
        )
        product = cls.env["product.product"].create(
            {"name": "Prodotto Report Tour", "list_price": 80.0, "type": "consu"}
        )
        # A confirmed order of the agent, for the sales analysis.
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 5})],
            }
        )
        order.action_confirm()

    def test_periodic_report_tour(self):
        reports_before = self.env["bo.periodic.report"].search([])

        self.bo_start_tour_from_home("bo_reporting_periodic_report_tour", self.manager)

        # The report the manager set up in its form, as she typed it.
        report = self.env["bo.periodic.report"].search([("id", "not in", reports_before.ids)])
        self.assertEqual(len(report), 1)
        self.assertEqual(report.create_uid, self.manager)
        self.assertEqual(
            (report.name, report.kind, report.periodicity, report.run_day, report.formats),
            ("Tour monthly sales", "sales", "monthly", 1, "both"),
        )
        self.assertEqual(report.recipient_user_ids, self.manager)
        self.assertEqual(report.recipient_partner_ids, self.marketing)
        run = report.run_ids
        self.assertEqual(len(run), 1)
        period = report._bo_due_period()
        self.assertEqual((run.period_start, run.period_end), (period.start, period.end))
        self.assertEqual(run.state, "done")
        self.assertEqual(run.attempt_count, 1)
        self.assertTrue(run.generated_at)
        self.assertFalse(run.error)
        attachments = {
            attachment.name.rsplit(".", 1)[1]: attachment for attachment in run.attachment_ids
        }
        self.assertEqual(set(attachments), {"pdf", "xlsx"})
        self.assertTrue(attachments["pdf"].raw)
        book = openpyxl.load_workbook(io.BytesIO(attachments["xlsx"].raw))
        self.assertTrue(book.sheetnames)
        # Sent once to each recipient, inside Odoo and outside.
        self.assertEqual(run.recipient_ids, self.manager.partner_id | self.marketing)
        self.assertEqual(run.mail_ids.recipient_ids, self.manager.partner_id | self.marketing)
        # Each e-mail carries both files, queued for the mail queue to send.
        for mail in run.mail_ids:
            self.assertEqual(mail.attachment_ids, run.attachment_ids)
            self.assertEqual(mail.state, "outgoing")
