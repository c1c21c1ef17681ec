# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.bo_logistics.tests.common import BoLogisticsCommon
from odoo.addons.bo_logistics_it_ddt.hooks import post_init_hook


@tagged("post_install", "-at_install")
@freeze_time("2033-04-12 10:00:00")  # a year with no DDT of the suite's sequence yet
class TestItalianDdtNumber(BoLogisticsCommon):
    """Our DDT of a transfer carries the number Odoo's Italian localization gave it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Document = cls.env["bo.transport.document"]
        cls.out_type = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .out_type_id
        )
        cls.it_sequence = cls.out_type.l10n_it_ddt_sequence_id
        cls.own_sequence = cls.Document._bo_sequence(cls.company)
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")

    def _shipped(self, qty=1.0, partner=None):
        return self._ship(self._make_order(qty=qty, partner=partner).picking_ids)

    def _next_numbers(self):
        """The next numbers of Odoo's DDT sequence and of the suite's one this year."""
        self.env.flush_all()
        self.env.invalidate_all()
        ranges = self.own_sequence.date_range_ids.filtered(lambda r: r.date_from.year == 2033)
        return self.it_sequence.number_next_actual, (ranges.number_next_actual if ranges else 0)

    def test_ddt_takes_the_transfer_number_and_date(self):
        self.assertTrue(self.it_sequence, "Odoo numbers this company's deliveries")
        before = self._next_numbers()
        picking = self._shipped(qty=2.0)
        self.assertTrue(picking.l10n_it_ddt_number)
        document = self.Document._bo_create_from_pickings(picking)
        document.transport_by = "sender"
        with freeze_time("2033-04-13 08:00:00"):
            document.action_validate()
        self.assertEqual(document.state, "done")
        self.assertEqual(document.name, picking.l10n_it_ddt_number)
        self.assertEqual(document.date, picking.date_done.date(), "the day the goods left")
        self.assertEqual(document.transport_start, picking.date_done)
        self.assertEqual(
            self._next_numbers(),
            (before[0] + 1, before[1]),
            "one number drawn for the shipment, by the transfer; none from our sequence",
        )

    def test_transfer_first_then_ddt(self):
        picking = self._make_order().picking_ids
        document = self.Document._bo_create_from_pickings(picking)
        document.transport_by = "sender"
        with self.assertRaisesRegex(UserError, "Validate the transfers"):
            document.action_validate()
        self.assertEqual((document.state, document.name), ("draft", "/"))
        self._ship(picking)
        document.action_validate()
        self.assertEqual(document.name, picking.l10n_it_ddt_number)

    def test_one_ddt_per_numbered_transfer(self):
        first, second = self._shipped(), self._shipped(qty=3.0)
        documents = self.Document._bo_create_from_pickings(first | second)
        self.assertEqual(len(documents), 2, "each shipment has its own number, so its own DDT")
        self.assertEqual(documents.picking_ids, first | second)
        documents.write({"transport_by": "sender"})
        documents.action_validate()
        self.assertEqual(
            sorted(documents.mapped("name")),
            sorted((first | second).mapped("l10n_it_ddt_number")),
        )
        # A DDT forced onto two shipped transfers cannot have one number.
        third, fourth = self._shipped(), self._shipped()
        joined = self.Document.create(
            {
                "partner_id": self.customer.id,
                "transport_by": "sender",
                "picking_ids": [Command.set((third | fourth).ids)],
                "line_ids": [
                    Command.create({"name": "Goods", "quantity": 2.0, "uom_id": self.uom_unit.id})
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "make one DDT per transfer"):
            joined.action_validate()

    def test_cancelled_number_stays_with_the_cancelled_ddt(self):
        picking = self._shipped()
        document = self.Document._bo_create_from_pickings(picking)
        document.transport_by = "sender"
        document.action_validate()
        document.action_cancel()
        self.assertEqual(document.name, picking.l10n_it_ddt_number)
        again = self.Document._bo_create_from_pickings(picking)
        again.transport_by = "sender"
        with self.assertRaisesRegex(UserError, "already on other DDTs"):
            again.action_validate()

    def test_ddt_without_transfer_uses_the_suite_sequence(self):
        manual = self.Document.create(
            {
                "partner_id": self.customer.id,
                "transport_by": "sender",
                "transport_reason": "repair",
                "line_ids": [
                    Command.create({"name": "Drill", "quantity": 1.0, "uom_id": self.uom_unit.id})
                ],
            }
        )
        manual.action_validate()
        self.assertEqual(manual.name, "DDT/2033/00001")

    def test_transfer_shipped_before_odoo_numbered_it(self):
        picking = self._shipped()
        picking.l10n_it_ddt_number = False  # shipped before l10n_it_stock_ddt was installed
        document = self.Document._bo_create_from_pickings(picking)
        document.transport_by = "sender"
        document.action_validate()
        self.assertEqual(document.name, "DDT/2033/00001")

    def test_reader_gets_access_error_not_a_hint(self):
        document = self.Document._bo_create_from_pickings(self._make_order().picking_ids)
        with self.assertRaises(AccessError):
            document.with_user(self.agent_user).action_validate()

    def test_install_aligns_earlier_ddts(self):
        picking = self._shipped()
        document = self.Document._bo_create_from_pickings(picking)
        document.transport_by = "sender"
        document.action_validate()
        # As the suite numbered it before this addon: its own number, another day.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE bo_transport_document SET name = 'DDT/2033/00042', date = '2033-04-15' "
            "WHERE id = %s",
            [document.id],
        )
        document.invalidate_recordset()
        post_init_hook(self.env)
        self.assertEqual(document.name, picking.l10n_it_ddt_number)
        self.assertEqual(document.date, picking.date_done.date())
        self.assertIn("DDT/2033/00042", document.message_ids[0].body)

    def test_demo_shipments_have_one_number(self):
        """Every validated DDT of the demo data has the number of its transfer."""
        documents = self.Document.search([("state", "=", "done")])._bo_it_numbered()
        self.assertTrue(documents, "the demo data validates DDTs of shipped transfers")
        for document in documents:
            self.assertEqual(document.picking_ids.mapped("l10n_it_ddt_number"), [document.name])
