# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon

INCOMING_EMAIL = """Return-Path: {return_path}
To: {to}
cc: {cc}
Received: by mail1.example.com (Postfix, from userid 10002)
    id 5DF9ABFB2A; Fri, 10 Aug 2026 16:16:39 +0200 (CEST)
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Date: Fri, 10 Aug 2026 14:16:26 +0000
Message-ID: {msg_id}
{extra}

The goods arrived damaged, please advise.
"""


@tagged("post_install", "-at_install")
class TestMailGateway(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("bo_sales.mail_alias_backoffice")
        cls.alias.alias_domain_id = cls.mail_alias_domain
        cls.customer = cls.env["res.partner"].create(
            {"name": "Ferramenta Test", "email": "ordini@ferramenta.example.com"}
        )
        product = cls.env["product.product"].create({"name": "Gateway Drill", "list_price": 10})
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )

    def _send(self, subject):
        return self.format_and_process(
            INCOMING_EMAIL,
            self.customer.email_formatted,
            f"backoffice@{self.alias_domain}",
            subject=subject,
            target_model="bo.claim",
            target_field="subject",
        )

    def test_email_creates_complaint(self):
        with self.mock_mail_gateway():
            claim = self._send("Damaged drills on delivery")
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.partner_id, self.customer)
        self.assertEqual(claim.state, "new")
        self.assertTrue(claim.name.startswith("CLAIM/"))
        incoming = claim.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(incoming), 1)
        self.assertIn("damaged", incoming.body)
        self.assertIn("damaged", claim.description)

    def test_email_with_order_reference_goes_to_order(self):
        subject = f"Re: your order {self.order.name} - question"
        with self.mock_mail_gateway():
            claim = self._send(subject)
        self.assertFalse(claim)
        message = self.order.message_ids.filtered(lambda m: m.subject == subject)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.customer)
        self.assertIn("damaged", message.body)
