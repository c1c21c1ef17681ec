# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Uploading an agent's spreadsheet the way the web client does it: over RPC
(``web_save`` with the client's ``bin_size`` reading) and in Chromium, where the
clerk picks the file in the form's real file input."""

import base64
import io

import xlsxwriter
import xlwt

from odoo.tests import tagged

from .common_tours import BoTourCase
from .ods import make_ods

HEADER = ["Cliente", "Cod. cliente", "Rif. cliente", "Codice articolo", "Quantità", "Prezzo"]
ROWS = [
    ["Ferramenta Upload S.r.l.", "UPL-C1", "PO-UPL-1", "UPL-DRILL", 3, 95.5],
    ["Ferramenta Upload S.r.l.", "UPL-C1", "PO-UPL-1", "UPL-GLOVE", 24, 4.25],
]


def upload_csv(rows=None):
    lines = [HEADER, *(rows or ROWS)]
    # An Italian CSV: semicolons, decimal commas.
    text = "\n".join(
        ";".join(
            str(cell).replace(".", ",") if isinstance(cell, float) else str(cell) for cell in line
        )
        for line in lines
    )
    return text.encode("utf-8")


def upload_xlsx(rows=None):
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet("Ordini")
    for index, line in enumerate([HEADER, *(rows or ROWS)]):
        sheet.write_row(index, 0, line)
    book.close()
    return output.getvalue()


def upload_xls(rows=None):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Ordini")
    for index, line in enumerate([HEADER, *(rows or ROWS)]):
        for column, value in enumerate(line):
            sheet.write(index, column, value)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def upload_ods(rows=None):
    return make_ods([HEADER, *(rows or ROWS)])


class OrderUploadCase(BoTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Ferramenta Upload S.r.l.",
                "ref": "UPL-C1",
                "is_company": True,
                "country_id": cls.italy.id,
            }
        )
        cls.drill, cls.gloves = cls.env["product.product"].create(
            [
                {"name": "Trapano Upload", "default_code": "UPL-DRILL", "list_price": 120.0},
                {"name": "Guanti Upload", "default_code": "UPL-GLOVE", "list_price": 5.0},
            ]
        )

    def assert_orders_of_rows(self, batch):
        """The two rows of ROWS became one draft order of two lines."""
        self.assertEqual(batch.state, "done")
        order = batch.order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.client_order_ref, "PO-UPL-1")
        self.assertEqual(
            sorted(
                (line.product_id.default_code, line.product_uom_qty, line.price_unit)
                for line in order.order_line
            ),
            [("UPL-DRILL", 3.0, 95.5), ("UPL-GLOVE", 24.0, 4.25)],
        )


@tagged("post_install", "-at_install")
class TestOrderUploadRpc(OrderUploadCase):
    """The clerk's browser saves the new import with ``web_save`` and reads it
    back with ``bin_size``: the duplicate check must hash the file's bytes."""

    def web_save(self, content, name, record_id=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/bo.order.import/web_save",
            {
                "model": "bo.order.import",
                "method": "web_save",
                "args": [
                    [record_id] if record_id else [],
                    {
                        "file_data": base64.b64encode(content).decode(),
                        "file_name": name,
                    },
                ],
                "kwargs": {
                    "specification": {
                        "duplicate_import_id": {},
                        "file_data": {},
                        "file_name": {},
                        "state": {},
                    },
                    "context": {"lang": "it_IT", "bin_size": True},
                },
            },
        )

    def test_web_save_every_format(self):
        self.authenticate(self.clerk.login, self.clerk.login)
        for name, content in (
            ("ordini.csv", upload_csv()),
            ("ordini.xlsx", upload_xlsx()),
            ("ordini.xls", upload_xls()),
            ("ordini.ods", upload_ods()),
        ):
            with self.subTest(name=name):
                [values] = self.web_save(content, name)
                self.assertFalse(values["duplicate_import_id"])
                self.assertEqual(values["file_name"], name)
                self.assertEqual(values["state"], "draft")
                batch = self.env["bo.order.import"].browse(values["id"])
                self.assertEqual(base64.b64decode(batch.file_data), content)
                batch.with_user(self.clerk).action_import()
                self.assert_orders_of_rows(batch)
                # The same bytes uploaded again are recognised as imported before.
                [again] = self.web_save(content, f"copia di {name}")
                self.assertEqual(again["duplicate_import_id"], batch.id)
                # Replacing the file of a new import rehashes its bytes.
                [replaced] = self.web_save(content + b"\n", name, record_id=again["id"])
                self.assertFalse(replaced["duplicate_import_id"])


@tagged("post_install", "-at_install")
class TestOrderUploadTour(OrderUploadCase):
    """In Chromium, from the home page: New, pick the file, check, import."""

    def upload_tour(self, content, extension, mimetype, tour="bo_sales_order_import_upload_tour"):
        name = f"ordini_agente_upload.{extension}"
        self.bo_start_upload_tour(tour, self.clerk, name, mimetype, content)
        batch = self.env["bo.order.import"].search([("file_name", "=", name)])
        self.assertEqual(len(batch), 1)
        self.assertEqual(batch.user_id, self.clerk)
        self.assertEqual(base64.b64decode(batch.file_data), content)
        return batch

    def upload_tour_of_rows(self, content, extension, mimetype):
        self.assert_orders_of_rows(self.upload_tour(content, extension, mimetype))

    def test_ambiguous_date_asks_the_clerk(self):
        content = (
            b"Customer,Customer code,PO number,Product code,Qty,Unit price,Delivery date\n"
            b'Ferramenta Upload S.r.l.,UPL-C1,PO-UPL-EN,UPL-DRILL,"1,500",1.25,12/07/2027\n'
        )
        batch = self.upload_tour(
            content, "csv", "text/csv", tour="bo_sales_order_import_question_tour"
        )
        self.assertEqual(batch.date_order, "dmy")
        line = batch.order_ids.order_line
        self.assertEqual((line.product_uom_qty, line.price_unit), (1500.0, 1.25))
        self.assertEqual(batch.order_ids.commitment_date.date().isoformat(), "2027-07-12")

    def test_upload_xlsx(self):
        self.upload_tour_of_rows(
            upload_xlsx(),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    def test_upload_xls(self):
        self.upload_tour_of_rows(upload_xls(), "xls", "application/vnd.ms-excel")

    def test_upload_csv(self):
        self.upload_tour_of_rows(upload_csv(), "csv", "text/csv")

    def test_upload_ods(self):
        self.upload_tour_of_rows(
            upload_ods(), "ods", "application/vnd.oasis.opendocument.spreadsheet"
        )
