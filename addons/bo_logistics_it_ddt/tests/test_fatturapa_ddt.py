# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from odoo.addons.bo_logistics.tests.common import BoLogisticsCommon
from odoo.addons.bo_sales.tests.common_pdf import PrintedPdfCase, printed, read_pages


@tagged("post_install", "-at_install")
class TestFatturaPaDdt(PrintedPdfCase, BoLogisticsCommon):
    """A deferred invoice of three DDTs: the e-invoice cites the numbers on the papers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.invoice_policy = "delivery"
        cls.company.write(
            {"vat": "IT00743110157", "street": "Via Emilia 1", "city": "Bologna", "zip": "40100"}
        )
        cls.customer.write({"vat": "IT12345670017"})
        cls.Document = cls.env["bo.transport.document"]

    def _ship_with_ddt(self, day, qty):
        """An order shipped on ``day`` and its DDT validated, as the clerk does it."""
        with freeze_time(f"{day} 09:30:00"):
            order = self._make_order(qty=qty)
            self._ship(order.picking_ids)
            action = order.picking_ids.action_bo_create_transport_document()
            document = self.Document.browse(action["res_id"])
            document.transport_by = "sender"
            document.action_validate()
        return document

    def test_deferred_invoice_cites_the_three_ddts(self):
        days = ["2034-05-06", "2034-05-13", "2034-05-20"]
        documents = [
            self._ship_with_ddt(day, qty) for day, qty in zip(days, (1.0, 2.0, 3.0), strict=True)
        ]
        ddts = self.Document.union(*documents)
        with freeze_time("2034-05-31 11:00:00"):
            action = ddts.with_user(self.bo_manager).action_bo_invoice()
            invoice = self.env["account.move"].search(action["domain"])
            self.assertEqual(len(invoice), 1, "one invoice for the customer's month")
            invoice.action_post()

        pickings = ddts.picking_ids
        self.assertEqual(invoice.l10n_it_ddt_ids, pickings, "Odoo links the same shipments")
        self.assertEqual(invoice.bo_transport_document_ids, ddts)
        for document in documents:
            self.assertEqual(document.name, document.picking_ids.l10n_it_ddt_number)
            self.assertIn(document.name, invoice.bo_transport_document_refs)

        # The e-invoice as Odoo's Italian localization exports it, parsed back.
        tree = etree.fromstring(invoice._l10n_it_edi_render_xml())
        self.assertEqual(tree.findtext(".//DatiGeneraliDocumento/TipoDocumento"), "TD24")
        quantity_of_line = {
            line.findtext("NumeroLinea"): float(line.findtext("Quantita"))
            for line in tree.iterfind(".//DettaglioLinee")
        }
        cited = {
            ddt.findtext("NumeroDDT"): (
                ddt.findtext("DataDDT"),
                [quantity_of_line[ref.text] for ref in ddt.iterfind("RiferimentoNumeroLinea")],
            )
            for ddt in tree.iterfind(".//DatiDDT")
        }
        self.assertEqual(len(tree.findall(".//DatiDDT")), 3)
        self.assertEqual(
            cited,
            {
                document.name: (day, [document.line_ids.quantity])
                for document, day in zip(documents, days, strict=True)
            },
            "each DDT once, with its date and the invoice line of its goods",
        )

        # The numbers printed on the DDTs the customer received.
        for document in documents:
            pdf = self.render_pdf("bo_logistics.bo_transport_document_report", document.ids)
            (text,) = read_pages(pdf)
            self.assertPrinted(document.name, text)
            others = ddts - document
            self.assertFalse(
                [name for name in others.mapped("name") if printed(name) in printed(text)]
            )
