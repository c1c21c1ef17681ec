# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A back-office manager in the browser produces a periodic report and reads the
sales analysis."""

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
        cls.report = cls.env["bo.periodic.report"].create(
            {
                "name": "Tour monthly sales",
                "kind": "sales",
                "periodicity": "monthly",
                "run_day": 1,
                "formats": "both",
                "recipient_user_ids": [Command.set(cls.manager.ids)],
                "recipient_partner_ids": [Command.set(cls.marketing.ids)],
            }
        )

    def test_periodic_report_tour(self):
        self.bo_start_tour(
            f"/odoo/action-bo_reporting.bo_periodic_report_action/{self.report.id}",
            "bo_reporting_periodic_report_tour",
            self.manager,
        )

        run = self.report.run_ids
        self.assertEqual(len(run), 1)
        period = self.report._bo_due_period()
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
