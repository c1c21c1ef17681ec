# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

import lxml.html
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.misc import format_date

from odoo.addons.bo_sales.tests.common_pdf import PrintedPdfCase, read_pages

from .common import BoLogisticsCommon


class TransportDocumentCase(BoLogisticsCommon):
    """Deliveries made into DDTs numbered by the suite's own sequence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Document = cls.env["bo.transport.document"]
        cls.company.write(
            {"vat": "IT00743110157", "street": "Via Emilia 1", "city": "Bologna", "zip": "40100"}
        )
        # These tests are about the suite's own DDT sequence and grouping. Where
        # Odoo's Italian localization numbers the deliveries (l10n_it_stock_ddt),
        # bo_logistics_it_ddt gives our DDT the delivery's number and tests that:
        # here the test's deliveries are left unnumbered by Odoo.
        out_type = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .out_type_id
        )
        if "l10n_it_ddt_sequence_id" in out_type._fields:
            out_type.l10n_it_ddt_sequence_id = False

    def _document(self, qty=3.0):
        order = self._make_order(qty=qty)
        pickings = self._ship(order.picking_ids)
        pickings.write({"carrier_id": self.cheap_carrier.id, "bo_package_count": 2})
        return self.Document._bo_create_from_pickings(pickings)


@tagged("post_install", "-at_install")
@freeze_time("2031-03-05 09:00:00")  # a year with no DDT yet
class TestTransportDocument(TransportDocumentCase):
    def test_grouping_by_customer_and_destination(self):
        first = self._make_order().picking_ids
        second = self._make_order(qty=2).picking_ids
        other = self._make_order(partner=self.other_customer).picking_ids
        documents = self.Document._bo_create_from_pickings(first | second | other)
        self.assertEqual(len(documents), 2)
        own = documents.filtered(lambda d: d.partner_id == self.customer)
        self.assertEqual(own.picking_ids, first | second)
        self.assertEqual(sorted(own.line_ids.mapped("quantity")), [1.0, 2.0])
        self.assertEqual(own.line_ids.uom_id, self.product.uom_id)
        with self.assertRaises(ValidationError):
            own.picking_ids = [(4, other.id)]

    def test_transfer_on_one_live_ddt_only(self):
        document = self._document()
        with self.assertRaisesRegex(ValidationError, "already have a DDT"), self.env.cr.savepoint():
            self.Document._bo_create_from_pickings(document.picking_ids)
        document.action_validate()
        document.action_cancel()
        again = self.Document._bo_create_from_pickings(document.picking_ids)
        self.assertEqual(again.picking_ids, document.picking_ids)

    def test_numbering_gapless_and_locked(self):
        documents = self._document() | self._document() | self._document()
        self.assertEqual(documents.mapped("name"), ["/", "/", "/"])
        documents[1].action_validate()
        (documents[0] | documents[2]).action_validate()
        self.assertEqual(documents[1].name, "DDT/2031/00001")
        self.assertEqual(documents[0].name, "DDT/2031/00002")
        self.assertEqual(documents[2].name, "DDT/2031/00003")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            documents[0].package_count = 9
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            documents[0].line_ids[0].quantity = 9
        documents[0].write(
            {"delivered_date": date(2031, 3, 6), "delivery_note": "Signed with reserve"}
        )
        documents[0].action_cancel()
        self.assertEqual((documents[0].state, documents[0].name), ("cancel", "DDT/2031/00002"))
        with self.assertRaises(UserError):
            documents[0].unlink()
        new = self._document()
        new.action_validate()
        self.assertEqual(new.name, "DDT/2031/00004", "a cancelled number is never reused")

    def _manual_documents(self, count):
        """Draft DDTs with no transfer (a repair shipment), quick to make by the dozen."""
        uom = self.env.ref("uom.product_uom_unit")
        return self.Document.create(
            [
                {
                    "partner_id": self.customer.id,
                    "transport_by": "sender",
                    "transport_reason": "repair",
                    "line_ids": [
                        Command.create({"name": "Drill", "quantity": 1.0, "uom_id": uom.id})
                    ],
                }
                for _i in range(count)
            ]
        )

    def test_batch_numbering_queries_do_not_grow_with_the_batch(self):
        sequence = self.Document._bo_sequence(self.company)
        day = date(2031, 3, 5)
        self.assertEqual(self.Document._bo_take_numbers(sequence, day, 1), ["DDT/2031/00001"])
        counts = []
        for size in (2, 40):
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            numbers = self.Document._bo_take_numbers(sequence, day, size)
            counts.append(self.env.cr.sql_log_count - start)
            first = 2 if size == 2 else 4
            self.assertEqual(
                numbers, [f"DDT/2031/{n:05d}" for n in range(first, first + size)], size
            )
        self.assertEqual(counts[0], counts[1], "one block of numbers, whatever its size")
        documents = self._manual_documents(3)
        documents.action_validate()
        self.assertEqual(
            documents.mapped("name"), ["DDT/2031/00044", "DDT/2031/00045", "DDT/2031/00046"]
        )

    def test_batch_numbering_on_a_sequence_an_administrator_changed(self):
        """Without yearly ranges, or drawn from a PostgreSQL sequence ('standard'),
        a batch still gets distinct consecutive numbers."""
        sequence = self.Document._bo_sequence(self.company)
        for vals in ({"use_date_range": False}, {"implementation": "standard"}):
            with self.subTest(vals=vals):
                sequence.write(vals)
                documents = self._manual_documents(3)
                documents.action_validate()
                numbers = [int(name.rsplit("/", 1)[1]) for name in documents.mapped("name")]
                self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)), vals)
                self.assertTrue(
                    all(name.startswith("DDT/2031/") for name in documents.mapped("name"))
                )

    def test_print_button_prints_the_ddt(self):
        document = self._document()
        document.action_validate()
        action = document.with_user(self.bo_user).action_bo_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "bo_logistics.report_transport_document")
        self.assertEqual(action["context"]["active_ids"], document.ids)

    def test_rolled_back_validation_gives_its_number_back(self):
        first, second = self._document(), self._document()
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            first.action_validate()
            self.assertEqual(first.name, "DDT/2031/00001")
            raise RuntimeError("the printer jammed: the transaction rolls back")
        second.action_validate()
        self.assertEqual(second.name, "DDT/2031/00001", "no gap after a rollback")
        self.assertEqual(first.state, "draft")

    def test_new_year_restarts_and_dates_follow_numbers(self):
        document = self._document()
        document.action_validate()
        late = self._document()
        late.date = date(2031, 3, 1)
        with self.assertRaisesRegex(UserError, "cannot be dated earlier"):
            late.action_validate()
        with freeze_time("2032-01-05 09:00:00"):
            next_year = self._document()
            next_year.action_validate()
        self.assertEqual(next_year.name, "DDT/2032/00001")

    def test_each_party_named_once_above_its_address(self):
        """Sender, consignee and destination each read: name once, then address
        (the name was printed twice, once more at the top of the address)."""
        document = self._document()
        site = self.env["res.partner"].create(
            {
                "name": "Cantiere Via Larga",
                "parent_id": self.customer.id,
                "type": "delivery",
                "street": "Via Larga 9",
                "city": "Imola",
            }
        )
        document.partner_shipping_id = site
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "bo_logistics.bo_transport_document_report", document.ids
        )
        page = lxml.html.fromstring(html)

        def block(name):
            (div,) = page.xpath(f'//div[@name="{name}"]')
            return " ".join(div.text_content().split())

        for name, party, street in (
            ("bo_ddt_sender", self.company.name, "Via Emilia 1"),
            ("bo_ddt_consignee", self.customer.name, "Via Roma 1"),
            ("bo_ddt_destination", "Cantiere Via Larga", "Via Larga 9"),
        ):
            text = block(name)
            self.assertEqual(text.count(party), 1, text)
            self.assertLess(text.index(party), text.index(street), text)
        self.assertIn("VAT: IT00743110157", block("bo_ddt_sender"))

    def test_goods_appearance_in_the_readers_language(self):
        """Made by an English user (or the demo), the default appearance of the
        goods reads in Italian to an Italian reader and in English to others."""
        self.env["res.lang"]._activate_lang("it_IT")
        document = self._document().with_context(lang="en_US")
        self.assertEqual(document.goods_appearance, "Boxes")
        self.assertEqual(document.with_context(lang="it_IT").goods_appearance, "Scatole")
        # What the clerk types stays as typed.
        typed = self._document().with_context(lang="it_IT")
        typed.goods_appearance = "Pallet"
        self.assertEqual(typed.goods_appearance, "Pallet")


@tagged("post_install", "-at_install")
@freeze_time("2031-03-05 09:00:00")
class TestTransportDocumentPrint(PrintedPdfCase, TransportDocumentCase):
    """The DDT as the running server prints it, read back from its pages."""

    def test_pdf_has_legal_content(self):
        document = self._document(qty=3.0)
        document.write(
            {
                "partner_shipping_id": self.env["res.partner"]
                .create(
                    {
                        "name": "Cantiere Via Larga",
                        "parent_id": self.customer.id,
                        "type": "delivery",
                        "street": "Via Larga 9",
                        "city": "Imola",
                        "zip": "40026",
                    }
                )
                .id,
                "goods_appearance": "Cardboard boxes",
                "gross_weight": 7.5,
                "note": "Deliver mornings only",
            }
        )
        self.cheap_carrier.bo_contact_id = self.env["res.partner"].create(
            {"name": "Corriere Lento S.p.A.", "street": "Via Corrieri 3", "city": "Modena"}
        )
        document.transport_by = "sender"
        document.transport_by = "carrier"
        document.action_validate()
        pdf = self.render_pdf("bo_logistics.bo_transport_document_report", document.ids)
        (text,) = read_pages(pdf)
        for expected in (
            "DDT/2031/00001",
            format_date(self.env, date(2031, 3, 5), lang_code="en_US"),
            self.company.name,
            "IT00743110157",
            "Cliente Agente S.r.l.",
            "Cantiere Via Larga",
            "Imola",
            "Corriere Lento S.p.A.",
            "Via Corrieri 3",
            "Sale",
            "T-DRILL",
            "Test Drill",
            "Units",
            "Packages: 2",
            "Cardboard boxes",
            "Transport start",
            "Deliver mornings only",
            "Consignee's signature",
            "Carrier's signature",
        ):
            self.assertPrinted(expected, text)
        self.assertPrinted("Test Drill 3.00 Units", text)
        self.assertPrinted("Gross weight (kg): 7.50", text)

    def test_pdf_in_customer_language_and_day_batch(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.customer.lang = "it_IT"
        documents = self._document() | self._document()
        documents.action_validate()
        self.assertEqual(self.env["ir.actions.report"]._get_report_url(), self.base_url())
        action = self.Document.with_context(force_report_rendering=True).action_bo_print_day()
        attachment_id = int(action["url"].split("/")[-1].split("?")[0])
        pages = read_pages(self.env["ir.attachment"].browse(attachment_id).raw)
        self.assertEqual(len(pages), 2, "one page per DDT")
        self.assertPrinted("DDT/2031/00001", pages[0])
        self.assertPrinted("DDT/2031/00002", pages[1])
        for page in pages:
            self.assertPrinted(
                "Causale del trasporto: Vendita",
                page,
                "the transport reason is printed in the customer's language",
            )
            self.assertPrinted("Aspetto esteriore dei beni: Scatole", page)
            self.assertNotPrinted("Boxes", page)
