# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order import batches: matching, grouping, all-or-nothing, duplicates, rights."""

import base64
import io

import xlsxwriter
import xlwt
from psycopg2.errors import NotNullViolation

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.bo_sales.tools.order_sheet import read_order_sheet

from .common import BoSalesCommon

HEADER = ["Cliente", "Partita IVA", "Cod. cliente", "Rif. cliente", "Codice articolo", "EAN"]
HEADER += ["Qtà", "Prezzo", "Sconto %", "Data consegna", "Agente", "Note"]


def sheet_csv(rows, header=None):
    lines = [header or HEADER, *rows]
    return "\n".join(";".join(str(cell) for cell in line) for line in lines).encode("utf-8")


def row(customer="", vat="", code="", ref="", product="", ean="", qty="1", price="", **kw):
    return [
        customer,
        vat,
        code,
        ref,
        product,
        ean,
        qty,
        price,
        kw.get("discount", ""),
        kw.get("date", ""),
        kw.get("agent", ""),
        kw.get("notes", ""),
    ]


@tagged("post_install", "-at_install")
class TestOrderImport(BoSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.customer.write({"vat": "IT13579130371", "ref": "ZT-C001"})
        cls.other_customer.write({"vat": "IT24680240371"})
        cls.customer_de, cls.customer_ref, cls.twin_a, cls.twin_b = Partner.create(
            [
                {
                    "name": "Zeta Werkzeug GmbH",
                    "is_company": True,
                    "country_id": cls.env.ref("base.de").id,
                    "vat": "DE135792460",
                },
                {"name": "Zeta Rifornimenti S.n.c.", "is_company": True, "ref": "ZT-C002"},
                {"name": "Zeta Doppio S.r.l.", "is_company": True},
                {"name": "Zeta Doppio S.r.l.", "is_company": True},
            ]
        )
        # A contact of a customer shares its VAT number: never a second match.
        Partner.create({"name": "Mario, buyer", "parent_id": cls.customer.id})
        Product = cls.env["product.product"]
        cls.product_b, cls.product_c, cls.twin_p1, cls.twin_p2 = Product.create(
            [
                {
                    "name": "Zeta Screws",
                    "default_code": "ZT-SCREW",
                    "barcode": "2000000135791",
                    "list_price": 10.0,
                    "type": "consu",
                },
                {"name": "Zeta Gloves", "default_code": "ZT-GLOVE", "list_price": 4.0},
                {"name": "Zeta Twin A", "default_code": "ZT-TWIN"},
                {"name": "Zeta Twin B", "default_code": "ZT-TWIN"},
            ]
        )

    def new_batch(self, content, name="ordini.csv", user=None, lang="en_US"):
        user = user or self.bo_user
        Import = self.env["bo.order.import"].with_user(user).with_context(lang=lang)
        return Import.create({"file_data": base64.b64encode(content), "file_name": name})

    def problems(self, batch):
        return [(issue.row, issue.message) for issue in batch.issue_ids]

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------

    def test_customer_matched_by_vat_with_or_without_prefix(self):
        batch = self.new_batch(
            sheet_csv(
                [
                    row(vat="IT 135 791 30371", ref="A", product="T-DRILL"),
                    row(vat="13579130371", ref="B", product="T-DRILL"),
                    row(vat="it13579130371", ref="C", product="T-DRILL"),
                    row(vat="de 135.792.460", ref="D", product="T-DRILL"),
                    row(customer="DE135792460", ref="E", product="T-DRILL"),
                ]
            )
        )
        batch.action_import()
        self.assertEqual(batch.state, "done")
        partners = {o.client_order_ref: o.partner_id for o in batch.order_ids}
        for ref in "ABC":
            self.assertEqual(partners[ref], self.customer, ref)
        self.assertEqual(partners["D"], self.customer_de)
        self.assertEqual(partners["E"], self.customer_de)

    def test_customer_by_ref_then_exact_name(self):
        batch = self.new_batch(
            sheet_csv(
                [
                    row(code="ZT-C002", product="T-DRILL"),
                    row(customer="ZT-C001", product="T-DRILL"),
                    row(customer="zeta werkzeug gmbh", product="T-DRILL"),
                ]
            )
        )
        batch.action_import()
        self.assertEqual(
            batch.order_ids.partner_id, self.customer_ref | self.customer | self.customer_de
        )

    def test_product_by_code_then_barcode(self):
        batch = self.new_batch(
            sheet_csv(
                [
                    row(vat="IT13579130371", product="ZT-SCREW", qty="2"),
                    row(vat="IT13579130371", product="2000000135791", qty="3"),
                    row(vat="IT13579130371", ean="2000000135791", qty="4"),
                ]
            )
        )
        batch.action_import()
        lines = batch.order_ids.order_line
        self.assertEqual(lines.product_id, self.product_b)
        self.assertEqual(sorted(lines.mapped("product_uom_qty")), [2.0, 3.0, 4.0])

    def test_ambiguous_and_unknown_are_errors(self):
        batch = self.new_batch(
            sheet_csv(
                [
                    row(customer="Zeta Doppio S.r.l.", product="T-DRILL"),
                    row(customer="Nessuno S.p.A.", product="T-DRILL"),
                    row(vat="IT13579130371", product="ZT-TWIN"),
                    row(vat="IT13579130371", product="NOPE-1"),
                    row(vat="IT13579130371", product="T-DRILL", agent="Agente Fantasma"),
                ]
            )
        )
        batch.action_check()
        problems = self.problems(batch)
        self.assertEqual(batch.error_count, 5)
        self.assertEqual([r for r, _m in problems], [2, 3, 4, 5, 6])
        self.assertIn("Customer Zeta Doppio S.r.l. is ambiguous", problems[0][1])
        self.assertIn("Customer Nessuno S.p.A. not found", problems[1][1])
        self.assertIn("Product ZT-TWIN is ambiguous", problems[2][1])
        self.assertIn("Product NOPE-1 not found", problems[3][1])
        self.assertIn("Agent Agente Fantasma not found", problems[4][1])
        self.assertEqual(batch.planned_order_count, 0)
        with self.assertRaisesRegex(UserError, "No order was created"):
            batch.action_import()
        self.assertFalse(self.env["sale.order"].search([("bo_import_id", "=", batch.id)]))

    # ------------------------------------------------------------------
    # Orders produced
    # ------------------------------------------------------------------

    def test_grouping_defaults_and_attachment(self):
        rows = [
            row(
                vat="IT13579130371",
                ref="PO-1",
                product="ZT-SCREW",
                qty="1.000",
                price="9,50",
                discount="10",
                date="31/12/2026",
                notes="Consegna al mattino",
            ),
            row(vat="IT13579130371", ref="PO-1", product="ZT-GLOVE", qty="3"),
            row(
                vat="IT13579130371", ref="PO-2", product="ZT-GLOVE", qty="2", agent="External Agent"
            ),
            row(vat="IT24680240371", product="ZT-GLOVE", qty="5"),
        ]
        batch = self.new_batch(sheet_csv(rows))
        batch.action_check()
        self.assertEqual(
            (batch.state, batch.row_count, batch.planned_order_count), ("checked", 4, 3)
        )
        self.assertFalse(self.env["sale.order"].search([("bo_import_id", "=", batch.id)]))
        batch.action_import()
        orders = batch.order_ids
        self.assertEqual(len(orders), 3)
        self.assertTrue(all(o.state == "draft" for o in orders))
        po1 = orders.filtered(lambda o: o.client_order_ref == "PO-1")
        screw, note, glove = po1.order_line.sorted("sequence")
        self.assertEqual((screw.product_uom_qty, screw.price_unit, screw.discount), (1000, 9.5, 10))
        self.assertEqual((note.display_type, note.name), ("line_note", "Consegna al mattino"))
        self.assertEqual(glove.price_unit, 4.0)  # pricelist price when no price column value
        self.assertEqual(po1.commitment_date.date().isoformat(), "2026-12-31")
        self.assertEqual(po1.bo_agent_id, self.agent_partner)  # the customer's agent
        po2 = orders.filtered(lambda o: o.client_order_ref == "PO-2")
        self.assertEqual(po2.bo_agent_id, self.other_agent_partner)
        other = orders - po1 - po2
        self.assertEqual(other.partner_id, self.other_customer)
        self.assertFalse(other.client_order_ref)
        # The file, which lists every customer's rows, stays on the import: the
        # back office and the importing user read it there, and no order
        # carries it (its readers may not see the other customers).
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "sale.order"), ("res_id", "in", orders.ids)]
            )
        )
        kept = batch.with_user(self.bo_manager)
        self.assertEqual(base64.b64decode(kept.file_data), base64.b64decode(batch.file_data))
        self.assertEqual(kept.file_name, "ordini.csv")
        with self.assertRaises(AccessError):
            batch.with_user(self.agent_user).read(["file_data"])

    def test_xls_file(self):
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Ordini")
        for column, label in enumerate(["P.IVA", "Articolo", "Quantità", "Data consegna"]):
            sheet.write(0, column, label)
        sheet.write(1, 0, "IT13579130371")
        sheet.write(1, 1, 2000000135791)  # a barcode typed as a number
        sheet.write(1, 2, 7)
        sheet.write(1, 3, 46022)  # Excel serial of 31/12/2025
        output = io.BytesIO()
        book.save(output)
        batch = self.new_batch(output.getvalue(), "agente.xls")
        batch.action_import()
        self.assertEqual(batch.order_ids.order_line.product_id, self.product_b)
        self.assertEqual(batch.order_ids.commitment_date.date().isoformat(), "2025-12-31")

    def test_all_or_nothing_then_valid_only(self):
        rows = [
            row(vat="IT13579130371", ref="OK", product="ZT-SCREW"),
            row(vat="IT24680240371", ref="KO", product="ZT-SCREW"),
            row(vat="IT24680240371", ref="KO", product="MISSING"),
        ]
        batch = self.new_batch(sheet_csv(rows))
        with self.assertRaisesRegex(UserError, "Row 4: Product MISSING not found"):
            batch.action_import()
        self.assertFalse(self.env["sale.order"].search([("bo_import_id", "=", batch.id)]))
        self.assertEqual(batch.state, "checked")
        batch.import_valid_only = True
        batch.action_import()
        self.assertEqual(batch.order_ids.mapped("client_order_ref"), ["OK"])

    def test_failed_create_leaves_nothing(self):
        batch = self.new_batch(sheet_csv([row(vat="IT13579130371", product="ZT-SCREW")]))
        plan = batch._prepare_import()
        bad = dict(plan["orders"][0], partner_id=0)  # the database refuses it
        with (
            self.assertRaises(NotNullViolation) as caught,
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            batch._action_create_orders(plan["orders"] + [bad])
        diag = caught.exception.diag  # the server's words, whatever its language
        self.assertEqual((diag.table_name, diag.column_name), ("sale_order", "partner_id"))
        self.assertFalse(self.env["sale.order"].search([("bo_import_id", "=", batch.id)]))
        self.assertNotEqual(batch.state, "done")

    def test_same_file_twice_needs_confirmation(self):
        content = sheet_csv([row(vat="IT13579130371", product="ZT-SCREW")])
        first = self.new_batch(content)
        first.action_import()
        second = self.new_batch(content, "ordini (1).csv")
        self.assertEqual(second.duplicate_import_id, first)
        second.action_check()
        self.assertIn("This file was already imported", second.issue_ids[0].message)
        self.assertEqual(second.planned_order_count, 0)
        with self.assertRaisesRegex(UserError, "Tick Import Again"):
            second.action_import()
        second.confirm_duplicate = True
        second.action_import()
        self.assertEqual(len(second.order_ids), 1)
        self.assertFalse(self.new_batch(content + b"\n").duplicate_import_id)

    def test_bad_files_give_clear_errors(self):
        cases = [
            (b"", "vuoto.xls", r"The file vuoto.xls is empty \(0 bytes\)"),
            (b"%PDF-1.4 ...", "ordine.xls", "is not a spreadsheet"),
            (b"PK\x03\x04broken", "ordine.xlsx", "cannot be read"),
            (sheet_csv([]), "ordine.csv", "no order rows"),
        ]
        for content, name, message in cases:
            batch = self.new_batch(content, name)
            with self.assertRaisesRegex(UserError, message):
                batch.action_check()

    def test_hostile_workbooks(self):
        """A workbook with a huge row count is refused whole, before matching; a
        huge cell is a problem of its row, reported without its content."""
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, HEADER)
        for index in range(1, 25001):
            sheet.write_row(index, 0, row(vat="IT13579130371", product="ZT-SCREW"))
        book.close()
        batch = self.new_batch(output.getvalue(), "enorme.xlsx")
        with self.assertRaisesRegex(UserError, "more than 20000 rows"):
            batch.action_check()
        self.assertFalse(batch.issue_ids)
        self.assertEqual(batch.state, "draft")

        huge = "x" * 200_000
        content = sheet_csv(
            [
                row(vat="IT13579130371", ref="A", product="ZT-SCREW", notes=huge[:30000]),
                row(vat="IT13579130371", ref="B", product="ZT-SCREW", notes="ok"),
            ]
        )
        batch = self.new_batch(content, "cella.csv")
        batch.action_check()
        self.assertEqual(
            self.problems(batch), [(2, "Column Notes holds more than 2000 characters.")]
        )
        self.assertEqual(batch.planned_order_count, 1)
        with self.assertRaises(UserError) as error:
            batch.action_import()
        self.assertLess(len(str(error.exception)), 1000)
        self.assertFalse(batch.order_ids)
        # Beyond what a CSV reader accepts, the whole file is refused.
        batch = self.new_batch(sheet_csv([row(vat="IT13579130371", notes=huge)]), "c.csv")
        with self.assertRaisesRegex(UserError, "longer than 2000 characters"):
            batch.action_check()

    # ------------------------------------------------------------------
    # Performance, language, rights
    # ------------------------------------------------------------------

    def test_query_count_does_not_grow_with_rows(self):
        def count(rows):
            batch = self.new_batch(sheet_csv(rows))
            batch._prepare_import()  # warm the caches that do not depend on rows
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            plan = batch._prepare_import()
            self.assertFalse([p for p in plan["problems"] if p["blocking"]])
            return self.env.cr.sql_log_count - start

        customers = ["IT13579130371", "IT24680240371", "DE135792460"]
        products = ["ZT-SCREW", "ZT-GLOVE", "T-DRILL", "2000000135791"]
        rows = [
            row(vat=customers[i % 3], ref=f"PO-{i % 7}", product=products[i % 4])
            for i in range(200)
        ]
        count(rows[:4])  # warm the access rule caches
        # The same customers and products on 4 rows or on 200 rows: same queries.
        self.assertEqual(count(rows), count(rows[:4]))

    def test_messages_in_italian(self):
        self.env["res.lang"]._activate_lang("it_IT")
        batch = self.new_batch(
            sheet_csv([row(vat="IT13579130371", product="NOPE-9", qty="due")]), lang="it_IT"
        )
        batch.action_check()
        messages = batch.issue_ids.mapped("message")
        self.assertIn("due nella colonna Quantità non è un numero.", messages)
        self.assertIn(
            "Articolo NOPE-9 non trovato tra gli articoli vendibili (cercato per codice "
            "interno e codice a barre).",
            messages,
        )
        with self.assertRaisesRegex(UserError, "Il file è vuoto."):
            self.new_batch(b"\n", "vuoto.csv", lang="it_IT").action_check()

    def test_agent_imports_for_own_customers_only(self):
        content = sheet_csv(
            [
                row(vat="IT13579130371", ref="MINE", product="ZT-SCREW"),
                row(vat="IT24680240371", ref="THEIRS", product="ZT-SCREW"),
                row(code="ZT-C002", ref="NOBODYS", product="ZT-SCREW"),
            ]
        )
        batch = self.new_batch(content, user=self.agent_user)
        batch.action_check()
        # Another agent's customer is hidden from the agent (record rule); a
        # customer without agent is visible but not theirs.
        self.assertEqual(
            self.problems(batch),
            [
                (
                    3,
                    "Customer IT24680240371 not found (searched by VAT number, internal "
                    "reference and name).",
                ),
                (4, "Customer Zeta Rifornimenti S.n.c. is not one of your customers."),
            ],
        )
        batch.import_valid_only = True
        batch.action_import()
        self.assertEqual(batch.order_ids.client_order_ref, "MINE")
        self.assertEqual(batch.order_ids.user_id, self.agent_user)
        # Agents see their own imports only; back-office users see them all.
        clerk_batch = self.new_batch(content + b"\n")
        Import = self.env["bo.order.import"]
        self.assertNotIn(clerk_batch, Import.with_user(self.agent_user).search([]))
        self.assertIn(batch, Import.with_user(self.bo_user).search([]))
        wrong = self.new_batch(sheet_csv([row(customer="Nobody", product="NOPE")]), "w.csv")
        wrong.action_check()
        self.assertTrue(wrong.issue_ids)
        Issue = self.env["bo.order.import.issue"].with_user(self.agent_user)
        self.assertFalse(Issue.search([("import_id", "=", wrong.id)]))
        # The agent still learns that the clerk imported the same file before.
        clerk_batch.confirm_duplicate = True
        clerk_batch.import_valid_only = True
        clerk_batch.action_import()
        again = self.new_batch(content + b"\n", user=self.agent_user)
        self.assertEqual(again.duplicate_import_id, clerk_batch)
        again.action_check()
        self.assertIn("This file was already imported", again.issue_ids[0].message)

    def test_agent_cannot_import_orders_for_another_agent(self):
        content = sheet_csv(
            [
                row(vat="IT13579130371", ref="MINE", product="ZT-SCREW", agent="Agent With Login"),
                row(vat="IT13579130371", ref="GIVEN", product="ZT-SCREW", agent="External Agent"),
            ]
        )
        batch = self.new_batch(content, user=self.agent_user)
        batch.action_check()
        self.assertEqual(
            self.problems(batch),
            [(3, "Agent External Agent: you can import orders only as their agent yourself.")],
        )
        batch.import_valid_only = True
        batch.action_import()
        self.assertEqual(batch.order_ids.client_order_ref, "MINE")
        self.assertEqual(batch.order_ids.bo_agent_id, self.agent_partner)

    def test_template_reads_back(self):
        action = self.new_batch(b"x").action_download_template()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        sheet = read_order_sheet(attachment.raw, attachment.name)
        self.assertEqual(len(sheet.rows), 1)
        self.assertEqual(sheet.rows[0].values["customer_vat"], "IT01234567890")
        self.assertEqual(len(sheet.columns), 12)
