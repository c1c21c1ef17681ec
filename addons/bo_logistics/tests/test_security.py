# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BoLogisticsCommon


@tagged("post_install", "-at_install")
class TestLogisticsSecurity(BoLogisticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_picking = cls._make_order().picking_ids
        cls.foreign_picking = cls._make_order(partner=cls.other_customer).picking_ids
        cls.documents = cls.env["bo.transport.document"]._bo_create_from_pickings(
            cls.own_picking | cls.foreign_picking
        )
        cls.own_document = cls.documents.filtered(lambda d: d.partner_id == cls.customer)

    def test_agent_reads_own_customers_shipments_and_ddts_only(self):
        Picking = self.env["stock.picking"].with_user(self.agent_user)
        visible = Picking.search([("id", "in", (self.own_picking | self.foreign_picking).ids)])
        self.assertEqual(visible, self.own_picking)
        Document = self.env["bo.transport.document"].with_user(self.agent_user)
        self.assertEqual(Document.search([("id", "in", self.documents.ids)]), self.own_document)
        with self.assertRaises(AccessError):
            self.own_document.with_user(self.agent_user).write({"note": "changed"})
        with self.assertRaises(AccessError):
            self.own_document.with_user(self.agent_user).action_validate()

    def test_clerk_works_manager_configures(self):
        Picking = self.env["stock.picking"].with_user(self.bo_user)
        self.assertEqual(
            len(Picking.search([("id", "in", (self.own_picking | self.foreign_picking).ids)])), 2
        )
        self.documents.with_user(self.bo_user).write({"note": "Fragile"})
        with self.assertRaises(AccessError):
            self.env["bo.carrier.service"].with_user(self.bo_user).create(
                {"carrier_id": self.cheap_carrier.id, "code": "X", "name": "X"}
            )
        self.env["bo.carrier.service"].with_user(self.bo_manager).create(
            {"carrier_id": self.cheap_carrier.id, "code": "X", "name": "X"}
        )
        with self.assertRaises(AccessError):
            self.documents[0].with_user(self.bo_user).unlink()

    def test_other_company_ddts_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Logistics Co"})
        partner = self.env["res.partner"].create(
            {"name": "Foreign Customer", "company_id": other_company.id}
        )
        document = self.env["bo.transport.document"].create(
            {"company_id": other_company.id, "partner_id": partner.id, "transport_by": "sender"}
        )
        self.assertTrue(
            self.env["ir.sequence"].search(
                [("code", "=", "bo.transport.document"), ("company_id", "=", other_company.id)]
            ),
            "a new company gets its DDT sequence",
        )
        found = (
            self.env["bo.transport.document"]
            .with_user(self.bo_user)
            .search([("id", "=", document.id)])
        )
        self.assertFalse(found)
