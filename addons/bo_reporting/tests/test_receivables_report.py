# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo import Command
from odoo.tests import tagged

from .common import BoReportingCommon


@tagged("post_install", "-at_install")
class TestReceivablesReport(BoReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.monthly_report.copy({"name": "Receivables", "kind": "receivables"})
        specs = [
            (cls.customer, 100.0, "2024-03-20"),  # 11 days overdue at 31 March
            (cls.customer, 200.0, "2024-02-10"),  # 50 days
            (cls.customer, 300.0, "2023-12-15"),  # 107 days
            (cls.other_customer, 400.0, "2024-01-20"),  # 71 days, partly paid
            (cls.other_customer, 500.0, "2024-04-15"),  # not yet due
            (cls.other_customer, 50.0, "2024-02-01"),  # paid in full
        ]
        cls.invoices = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": "2023-12-01",
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": cls.drill.id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for partner, amount, due in specs
            ]
        )
        cls.invoices.action_post()
        Register = cls.env["account.payment.register"]
        for invoice, amount, day in (
            (cls.invoices[3], 150.0, "2024-03-05"),
            (cls.invoices[5], 50.0, "2024-03-10"),
        ):
            Register.with_context(active_model="account.move", active_ids=invoice.ids).create(
                {"amount": amount, "payment_date": day}
            )._create_payments()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    def test_overdue_buckets_agree_with_invoices(self):
        run = self.env["bo.periodic.report.run"].create(
            {
                "report_id": self.report.id,
                "period_start": self.march.start,
                "period_end": self.march.end,
            }
        )
        payload = run._bo_payload()
        table = next(t for t in payload["tables"] if t["title"] == "Overdue by customer")
        rows = {row[0]: row[1:] for row in table["rows"]}
        # Independent computation from Odoo's own residuals and due dates.
        expected = {}
        as_of = self.march.end
        for invoice in self.invoices.filtered(
            lambda m: m.invoice_date_due < as_of and m.amount_residual
        ):
            age = (as_of - invoice.invoice_date_due).days
            bucket = 0 if age <= 30 else 1 if age <= 60 else 2 if age <= 90 else 3
            buckets = expected.setdefault(invoice.partner_id.display_name, [0.0] * 4)
            buckets[bucket] += invoice.amount_residual_signed
        self.assertEqual(set(rows), set(expected))
        for name, buckets in expected.items():
            self.assertEqual(rows[name][:4], buckets, name)
            self.assertAlmostEqual(rows[name][4], sum(buckets), places=2)
        self.assertEqual(rows[self.customer.display_name], [100.0, 200.0, 0.0, 300.0, 600.0])
        self.assertEqual(rows[self.other_customer.display_name], [0.0, 0.0, 250.0, 0.0, 250.0])

    def test_payments_received_in_period(self):
        run = self.env["bo.periodic.report.run"].create(
            {
                "report_id": self.report.id,
                "period_start": self.march.start,
                "period_end": self.march.end,
            }
        )
        payload = run._bo_payload()
        kpi = next(k for k in payload["kpis"] if k["label"] == "Payments received")
        payments = self.env["account.payment"].search(
            [
                ("partner_id", "in", (self.customer | self.other_customer).ids),
                ("date", ">=", self.march.start),
                ("date", "<=", self.march.end),
                ("state", "in", ("in_process", "paid")),
            ]
        )
        self.assertEqual(len(payments), 2)
        self.assertAlmostEqual(
            kpi["value"], sum(payments.mapped("amount_company_currency_signed")), places=2
        )
        self.assertAlmostEqual(kpi["value"], 200.0, places=2)
        # A period before the payments shows none.
        february = self.env["bo.periodic.report.run"].create(
            {
                "report_id": self.report.id,
                "period_start": self.february.start,
                "period_end": self.february.end,
            }
        )
        kpi = next(k for k in february._bo_payload()["kpis"] if k["label"] == "Payments received")
        self.assertEqual(kpi["value"], 0.0)
        self.assertEqual(datetime.date(2024, 2, 29), self.february.end)
