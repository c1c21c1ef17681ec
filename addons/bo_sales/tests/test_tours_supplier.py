# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A clerk imports supplier candidates and qualifies one, in Chromium."""

import base64
import json

from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common_tours import HOME_URL, TOUR_TIMEOUT, BoTourCase

# A one-page PDF: the DURC the clerk scanned.
DURC_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@tagged("post_install", "-at_install")
class TestSupplierTour(BoTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        for name in ("Ferramenta", "Antinfortunistica", "Utensili manuali", "Elettroutensili"):
            if not Category.search([("name", "=", name)], limit=1):
                Category.create({"name": name})
        # The supplier the file names again (a demo database has it already).
        Partner = cls.env["res.partner"]
        cls.known = Partner.search([("vat", "=", "IT41591300771")], limit=1) or Partner.create(
            {
                "name": "Acciaierie Lombarde S.p.A.",
                "is_company": True,
                "vat": "IT41591300771",
                "city": "Gussago",
                "country_id": cls.italy.id,
            }
        )
        cls.known_phone = cls.known.phone
        cls.known_ateco = cls.known.bo_supplier_ateco_code
        # The shipped document types as shipped, whatever a database made of them.
        for xmlid in ("durc", "visura"):
            cls.env.ref(f"bo_sales.bo_supplier_document_type_{xmlid}").write(
                {"mandatory": True, "active": True, "country_ids": [(6, 0, cls.italy.ids)]}
            )

    def _start(self, tour_name, user, files):
        """Run ``tour_name`` from the home page with ``files`` (key -> name,
        mimetype, content) waiting in the browser's session storage."""
        code = "".join(
            f"sessionStorage.setItem({key!r}, "
            + json.dumps(
                json.dumps(
                    {"name": name, "type": mimetype, "data": base64.b64encode(content).decode()}
                )
            )
            + ");"
            for key, (name, mimetype, content) in files.items()
        )
        self.start_tour(
            HOME_URL,
            tour_name,
            login=user.login,
            timeout=TOUR_TIMEOUT,
            code=code + f"odoo.startTour({tour_name!r}, {{stepDelay: 0, startUrl: {HOME_URL!r}}});",
        )
        self.env.invalidate_all()

    def test_clerk_imports_candidates_and_qualifies_one(self):
        with file_open("bo_sales/demo/fornitori_candidati.csv", "rb") as file:
            candidates = file.read()
        self._start(
            "bo_sales_supplier_tour",
            self.clerk,
            {
                "bo_sales_supplier_candidates_file": (
                    "fornitori_candidati.csv",
                    "text/csv",
                    candidates,
                ),
                "bo_sales_supplier_durc_file": (
                    "durc_bulloneria_bergamasca.pdf",
                    "application/pdf",
                    DURC_PDF,
                ),
            },
        )
        batch = self.env["bo.supplier.candidate.import"].search(
            [("file_name", "=", "fornitori_candidati.csv"), ("user_id", "=", self.clerk.id)]
        )
        self.assertEqual(batch.state, "done")
        self.assertTrue(batch.import_valid_only)
        self.assertEqual((batch.row_count, batch.error_count), (8, 1))
        self.assertEqual((batch.new_count, batch.update_count), (6, 1))
        wrong = batch.line_ids.filtered(lambda line: line.row == 9)
        self.assertEqual(wrong.severity, "error")
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Metalli Bolognesi S.r.l.")])
        )
        self.assertEqual(batch.line_ids.filtered(lambda line: line.row == 8).partner_id, self.known)
        # The known supplier keeps its data and gets what it lacked.
        self.assertEqual(self.known.phone, self.known_phone or "030 252 1100")
        self.assertEqual(self.known.bo_supplier_ateco_code, self.known_ateco or "24.10.00")

        supplier = self.env["res.partner"].search([("vat", "=", "IT22804350936")])
        self.assertEqual(supplier.name, "Bulloneria Bergamasca S.r.l.")
        self.assertEqual(supplier.create_uid, self.clerk)
        self.assertEqual(supplier.bo_supplier_state, "qualified")
        self.assertTrue(supplier.bo_supplier_documents_valid)
        durc, visura = supplier.bo_supplier_document_ids.sorted(
            lambda d: d.document_type_id.sequence
        )
        self.assertEqual(
            durc.document_type_id, self.env.ref("bo_sales.bo_supplier_document_type_durc")
        )
        self.assertEqual(durc.number, "INPS_41600123")
        self.assertEqual(durc.attachment_name, "durc_bulloneria_bergamasca.pdf")
        self.assertEqual(base64.b64decode(durc.attachment), DURC_PDF)
        self.assertEqual((durc.date_expiry - durc.date_issue).days, 120)
        self.assertEqual(durc.create_uid, self.clerk)
        self.assertEqual(visura.number, "CCIAA-BG-0455031")
        # The chatter tells who moved it, from the register's entry to qualified.
        moves = [
            (message.author_id, [v.new_value_char for v in message.sudo().tracking_value_ids])
            for message in supplier.message_ids
            if message.sudo().tracking_value_ids
        ]
        self.assertEqual(
            moves[:2],
            [
                (self.clerk.partner_id, ["Qualificato"]),
                (self.clerk.partner_id, ["In valutazione"]),
            ],
        )
