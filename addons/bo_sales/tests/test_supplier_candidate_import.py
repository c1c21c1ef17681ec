# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

import xlsxwriter

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common_supplier import BoSupplierCommon

HEADER = [
    "Ragione sociale",
    "Partita IVA",
    "Codice fiscale",
    "Codice ATECO",
    "Indirizzo",
    "CAP",
    "Comune",
    "Provincia",
    "Nazione",
    "Sito web",
    "Email",
    "Telefono",
    "Categoria",
]
NEW_1 = [
    "Minuterie Metalliche Bresciane S.r.l.",
    "IT40411190172",
    "",
    "25.94.00",
    "Via dell'Industria 12",
    "25030",
    "Castel Mella",
    "BS",
    "Italia",
    "www.minuterie-bresciane.example.com",
    "vendite@minuterie-bresciane.example.com",
    "+39 030 2581234",
    "Viteria",
]
NEW_2 = [
    "Imballaggi Emiliani S.p.A.",
    "85300420982",
    "85300420982",
    "17.21.00",
    "Via Emilia Ovest 200",
    "41123",
    "Modena",
    "MO",
    "IT",
    "imballaggi-emiliani.example.com",
    "info@imballaggi-emiliani.example.com",
    "059 331122",
    "Imballaggi, Viteria",
]
# The supplier of the setup, by its VAT number written without prefix.
KNOWN_BY_VAT = [
    "BULLONERIA PADANA SRL",
    "00743110157",
    "",
    "25.93.20",
    "Via Mantova 5",
    "26100",
    "Cremona",
    "CR",
    "Italia",
    "www.bulloneria-padana.example.com",
    "ordini@bulloneria-padana.example.com",
    "",
    "Imballaggi",
]


def make_csv(rows):
    text = "\n".join(";".join(str(cell) for cell in line) for line in [HEADER, *rows])
    return text.encode("utf-8")


def make_xlsx(rows):
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet("Fornitori")
    for index, line in enumerate([HEADER, *rows]):
        sheet.write_row(index, 0, line)
    book.close()
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestSupplierCandidateImport(BoSupplierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.packaging = cls.env["product.category"].create({"name": "Imballaggi"})
        # A clerk as the suite's back office has it: no right to edit contacts
        # (the demo login "backoffice" neither): the import does it for them.
        cls.clerk = new_test_user(
            cls.env,
            login="bo_clerk_import",
            name="Import Clerk",
            groups="base.group_user,bo_sales.bo_sales_group_user",
        )
        cls.known_by_name = cls.env["res.partner"].create(
            {
                "name": "Verniciature Rossi S.n.c.",
                "is_company": True,
                "city": "Reggio nell'Emilia",
                "website": "https://verniciature-rossi.example.com",
                "country_id": cls.italy.id,
            }
        )

    def _import(self, content, name="fornitori.csv", user=None):
        return (
            self.env["bo.supplier.candidate.import"]
            .with_user(user or self.clerk)
            .create({"file_data": base64.b64encode(content), "file_name": name})
        )

    def _ours(self):
        return self.env["res.partner"].search(
            [("name", "in", [NEW_1[0], NEW_2[0], "Duplicato S.r.l."])]
        )

    def test_check_then_import(self):
        by_name = [
            "Verniciature Rossi snc",
            "",
            "",
            "25.61.00",
            "Via Gramsci 3",
            "42124",
            "Reggio nell'Emilia",
            "RE",
            "",
            "www.altro-sito.example.com",
            "info@verniciature-rossi.example.com",
            "",
            "",
        ]
        batch = self._import(make_csv([NEW_1, NEW_2, KNOWN_BY_VAT, by_name]))
        batch.action_check()
        self.assertEqual(batch.state, "checked")
        self.assertEqual((batch.row_count, batch.new_count, batch.update_count), (4, 2, 2))
        self.assertEqual(batch.error_count, 0)
        lines = batch.line_ids
        self.assertEqual(lines.mapped("row"), [2, 3, 4, 5])
        self.assertEqual(
            lines.mapped("outcome"),
            [
                "New candidate",
                "New candidate",
                "Update of Bulloneria Padana S.r.l.",
                "Update of Verniciature Rossi S.n.c.",
            ],
        )
        self.assertEqual(lines[2].partner_id, self.supplier)
        self.assertEqual(lines[3].partner_id, self.known_by_name)
        self.assertFalse(self._ours(), "a check writes no partner")

        batch.action_import()
        self.assertEqual(batch.state, "done")
        first, second = self._ours().sorted("name")[::-1]
        self.assertEqual(first.name, NEW_1[0])
        self.assertEqual(first.bo_supplier_state, "candidate")
        self.assertEqual(first.vat, "IT40411190172")
        self.assertEqual(first.state_id, self.env.ref("base.state_it_bs"))
        self.assertEqual(first.bo_supplier_ateco_code, "25.94.00")
        self.assertEqual(first.bo_supplier_category_ids, self.category)
        self.assertEqual(first.email, "vendite@minuterie-bresciane.example.com")
        self.assertEqual(first.create_uid, self.clerk)
        self.assertEqual(second.vat, "IT85300420982")
        self.assertEqual(second.l10n_it_codice_fiscale, "85300420982")
        self.assertEqual(second.bo_supplier_category_ids, self.category | self.packaging)
        # Known partners get what they lack, keep what they have.
        self.assertEqual(self.supplier.bo_supplier_state, "candidate")
        self.assertEqual(self.supplier.name, "Bulloneria Padana S.r.l.")
        self.assertEqual(self.supplier.street, "Via Mantova 5")
        self.assertEqual(self.supplier.bo_supplier_category_ids, self.category | self.packaging)
        self.assertEqual(self.known_by_name.website, "https://verniciature-rossi.example.com")
        self.assertEqual(self.known_by_name.email, "info@verniciature-rossi.example.com")
        self.assertEqual(self.known_by_name.bo_supplier_state, "candidate", "now in the register")
        self.assertIn("Completed by the supplier candidates import", self.supplier.message_ids[0].body)
        self.assertEqual(
            batch.line_ids.mapped("outcome")[:2],
            [f"New candidate: {NEW_1[0]}", f"New candidate: {NEW_2[0]}"],
        )
        self.assertEqual(batch.partner_count, 4)
        with self.assertRaisesRegex(UserError, "already been imported"):
            batch.action_import()

    def test_bad_rows_and_duplicates_write_nothing(self):
        bad_vat = [*NEW_2]
        bad_vat[0], bad_vat[1], bad_vat[2] = "Errata S.r.l.", "IT12345678901", "ABCDEF12G34H567I"
        bad_email = [*NEW_2]
        bad_email[0], bad_email[1], bad_email[2] = "Posta S.r.l.", "", ""
        bad_email[10] = "info@@posta"
        duplicate = [*NEW_1]
        duplicate[0] = "Duplicato S.r.l."  # same VAT number as row 2
        known_twice = [*KNOWN_BY_VAT]
        known_twice[1] = "IT 007 431 101 57"
        rows = [NEW_1, bad_vat, bad_email, duplicate, KNOWN_BY_VAT, known_twice]
        batch = self._import(make_csv(rows))
        batch.action_check()
        messages = {line.row: line.message for line in batch.line_ids}
        self.assertIn("VAT number IT12345678901 is not valid.", messages[3])
        self.assertIn("Fiscal code ABCDEF12G34H567I is not valid.", messages[3])
        self.assertIn("info@@posta is not a valid email address.", messages[4])
        self.assertIn("The same company as row 2", messages[5])
        self.assertIn("The same company as row 6", messages[7])
        self.assertEqual(batch.error_count, 5)
        self.assertEqual(
            batch.line_ids.mapped("severity"), ["ok", "error", "error", "error", "ok", "error"]
        )
        partners_before = self.env["res.partner"].search_count([])
        with self.assertRaises(UserError) as caught:
            batch.action_import()
        message = str(caught.exception)
        self.assertIn("No candidate was imported: the file has errors.", message)
        self.assertIn("Row 5: The same company as row 2", message)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertFalse(self._ours())
        self.assertEqual(self.supplier.bo_supplier_category_ids, self.category)
        self.assertEqual(batch.state, "checked")

    def test_valid_rows_only_when_asked(self):
        bad_vat = [*NEW_2]
        bad_vat[1] = "IT12345678901"
        duplicate = [*NEW_1]
        duplicate[0] = "Duplicato S.r.l."
        batch = self._import(make_csv([NEW_1, bad_vat, duplicate, KNOWN_BY_VAT]))
        batch.action_check()
        self.assertEqual((batch.new_count, batch.update_count, batch.error_count), (1, 1, 2))
        with self.assertRaisesRegex(UserError, "or tick Import Valid Rows Only"):
            batch.action_import()
        self.assertFalse(self._ours())
        batch.import_valid_only = True
        batch.action_import()
        self.assertEqual(self._ours().mapped("name"), [NEW_1[0]])
        self.assertEqual(self.supplier.bo_supplier_category_ids, self.category | self.packaging)
        self.assertEqual(
            batch.line_ids.mapped("outcome"),
            [
                f"New candidate: {NEW_1[0]}",
                "Not imported: see the message",
                "Not imported: see the message",
                "Update of Bulloneria Padana S.r.l.",
            ],
        )

    def test_row_messages_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.clerk.lang = "it_IT"
        bad_vat = [*NEW_2]
        bad_vat[1] = "IT12345678901"
        batch = self._import(make_csv([NEW_1, bad_vat, [*NEW_1]]))
        batch.with_context(lang="it_IT").action_check()
        messages = {line.row: line.message for line in batch.line_ids}
        self.assertIn("La partita IVA IT12345678901 non è valida.", messages[3])
        self.assertIn("La stessa azienda della riga 2", messages[4])
        self.assertEqual(
            batch.line_ids.with_context(lang="it_IT")[:1].outcome, "Nuovo candidato"
        )
        with self.assertRaisesRegex(UserError, "Nessun candidato è stato importato"):
            batch.with_context(lang="it_IT").action_import()

    def test_xlsx_numbers_and_warnings(self):
        # A VAT number and a postcode typed as numbers lose their leading zeros.
        typed = [*KNOWN_BY_VAT]
        typed[0], typed[1], typed[5] = "Bulloneria Padana S.r.l.", 743110157, 26100
        unknown = [*NEW_1]
        unknown[7], unknown[12] = "Atlantide", "Viteria; Ricambi spaziali"
        batch = self._import(make_xlsx([typed, unknown]), name="fornitori.xlsx")
        batch.action_check()
        first, second = batch.line_ids
        self.assertEqual(first.partner_id, self.supplier)
        self.assertEqual(first.vat, "IT00743110157")
        self.assertEqual(second.severity, "warning")
        self.assertIn("Province Atlantide not found in Italy: left empty.", second.message)
        self.assertIn("Product category Ricambi spaziali not found: not set.", second.message)
        self.assertEqual(second.category_ids, self.category)
        batch.action_import()
        created = self._ours()
        self.assertFalse(created.state_id)
        self.assertEqual(created.bo_supplier_category_ids, self.category)

    def test_vies_asked_only_when_set_and_never_required(self):
        batch = self._import(make_csv([NEW_1]))
        batch.action_check()
        self.assertNotIn("VIES", batch.line_ids.message or "")
        self.company.vat_check_vies = True
        batch.action_check()
        # Reached or not, VIES only adds a note or a warning: the row imports.
        self.assertIn("VIES", batch.line_ids.message)
        self.assertNotEqual(batch.line_ids.severity, "error")
        batch.action_import()
        self.assertEqual(batch.state, "done")

    def test_unreadable_file_and_replaced_file(self):
        batch = self._import(b"\x00\x01garbage", name="fornitori.xlsx")
        with self.assertRaises(UserError):
            batch.action_check()
        batch.write({"file_data": base64.b64encode(make_csv([NEW_1])), "file_name": "ok.csv"})
        batch.action_check()
        self.assertEqual(len(batch.line_ids), 1)
        batch.write({"file_data": base64.b64encode(make_csv([NEW_1, NEW_2]))})
        self.assertEqual(batch.state, "draft")
        self.assertFalse(batch.line_ids)

    def test_queries_do_not_grow_with_rows(self):
        def rows(count, offset):
            return [
                [f"Fornitore {offset + i} S.r.l.", "", "", "", "", "", "Milano", "MI", "", "", "", "", "Viteria"]
                for i in range(count)
            ]

        small = self._import(make_csv(rows(2, 0)))
        large = self._import(make_csv(rows(20, 100)))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=40):
            small.action_check()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=40):
            large.action_check()
        self.assertEqual(len(large.line_ids), 20)
        self.assertEqual(large.line_ids[:1].category_ids, self.category)
