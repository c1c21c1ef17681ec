# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order import batches read files as their authors meant: the clerk answers
what the file leaves open, absurd rows are refused, nothing half-written."""

import base64
import io

import xlsxwriter
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BoSalesCommon

EN_HEADER = "Customer,PO number,Product code,Qty,Unit price,Delivery date"


@tagged("post_install", "-at_install")
@freeze_time("2026-12-07 09:00:00")
class TestOrderImportReading(BoSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"ref": "RD-C1"})
        cls.screw = cls.env["product.product"].create(
            {"name": "Reading Screws", "default_code": "RD-SCREW", "list_price": 2.0}
        )

    def new_batch(self, content, name="orders.csv"):
        Import = self.env["bo.order.import"].with_user(self.bo_user).with_context(lang="en_US")
        return Import.create({"file_data": base64.b64encode(content), "file_name": name})

    def test_english_file_asks_the_date_order_then_imports(self):
        content = f'{EN_HEADER}\nRD-C1,PO-EN,RD-SCREW,"1,500",1.125,12/07/2027\n'.encode()
        batch = self.new_batch(content)
        batch.action_check()
        self.assertEqual((batch.ask_number_format, batch.ask_date_order), (False, True))
        [question] = batch.issue_ids.filtered(lambda i: i.row == 0)
        self.assertEqual(question.severity, "error")
        self.assertIn("2027-07-12 (day first) or 2027-12-07 (month first)", question.message)
        self.assertEqual(batch.planned_order_count, 0)
        batch.import_valid_only = True
        with self.assertRaisesRegex(UserError, "Row 2: the date 12/07/2027 can be read"):
            batch.action_import()
        self.assertFalse(batch.order_ids)
        batch.date_order = "dmy"
        batch.action_import()
        line = batch.order_ids.order_line
        # 1.125, not 1125 (the price is then rounded to the 2 digits of Product Price).
        self.assertEqual((line.product_uom_qty, line.price_unit), (1500.0, 1.13))
        self.assertEqual(batch.order_ids.commitment_date.date().isoformat(), "2027-07-12")
        self.assertFalse(batch.ask_date_order)

    def test_new_file_forgets_the_answers(self):
        batch = self.new_batch(f"{EN_HEADER}\nRD-C1,PO-EN,RD-SCREW,1,2,12/07/2027\n".encode())
        batch.action_check()
        batch.date_order = "mdy"
        batch.file_data = base64.b64encode(b"Cliente;Codice articolo;Qta\nRD-C1;RD-SCREW;1\n")
        self.assertEqual(
            (batch.state, batch.date_order, batch.ask_date_order), ("draft", False, False)
        )

    def test_percent_discount_from_xlsx(self):
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["Cod. cliente", "Codice articolo", "Quantità", "Sconto %"])
        sheet.write_row(1, 0, ["RD-C1", "RD-SCREW", 4])
        sheet.write_number(1, 3, 0.125, book.add_format({"num_format": "0.0%"}))
        book.close()
        batch = self.new_batch(output.getvalue(), "sconti.xlsx")
        batch.action_import()
        self.assertEqual(batch.order_ids.order_line.discount, 12.5)

    def test_absurd_rows_refused_with_configurable_bounds(self):
        content = (
            "Cod. cliente;Codice articolo;Quantità;Prezzo;Data consegna\n"
            "RD-C1;RD-SCREW;999.999.999;999.999.999.999;31/12/9999\n"
            "RD-C1;RD-SCREW;150;5;01/02/2027\n"
        ).encode()
        batch = self.new_batch(content)
        with self.assertRaises(UserError) as error:
            batch.action_import()
        message = str(error.exception)
        self.assertIn("Row 2: The quantity 999,999,999.00 is above 1,000,000.00", message)
        self.assertIn("Row 2: The unit price 999,999,999,999.00 is above 1,000,000.00", message)
        self.assertIn("Row 2: The delivery date 9999-12-31 is later than 2028-12-06", message)
        self.assertNotIn("Row 3", message)
        self.assertFalse(batch.order_ids)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("bo_sales.import_max_quantity", "100")
        params.set_param("bo_sales.import_max_days_ahead", "30")
        batch.action_check()
        messages = batch.issue_ids.filtered(lambda i: i.row == 3).mapped("message")
        self.assertIn(
            "The quantity 150.00 is above 100.00, the most an imported line may order: check "
            "the file (a manager can raise the limit).",
            messages,
        )
        self.assertIn(
            "The delivery date 2027-02-01 is later than 2027-01-06, the latest an import "
            "accepts: check the file (a manager can raise the limit).",
            messages,
        )

    def test_empty_file_says_so(self):
        Import = self.env["bo.order.import"].with_user(self.bo_user).with_context(lang="en_US")
        batch = Import.create({"file_data": False, "file_name": "ordini_vuoto.csv"})
        with self.assertRaisesRegex(UserError, r"The file ordini_vuoto.csv is empty \(0 bytes\)"):
            batch.action_check()
        with self.assertRaisesRegex(UserError, "The file is empty"):
            self.new_batch(b" \n ;  ; \n", "spazi.csv").action_check()
        self.assertEqual(batch.state, "draft")


@tagged("post_install", "-at_install")
class TestOrderImportBackground(BoSalesCommon):
    """Large files are imported by the scheduler, one batch of orders per call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"ref": "BG-C1"})
        cls.screw = cls.env["product.product"].create(
            {"name": "Background Screws", "default_code": "BG-SCREW", "list_price": 2.0}
        )
        cls.env["ir.config_parameter"].sudo().set_param("bo_sales.import_background_orders", "2")
        # The scheduler writes the result in the clerk's language.
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.bo_user.lang = "it_IT"
        cls.cron = cls.env.ref("bo_sales.ir_cron_bo_order_import")

    def queued_batch(self):
        lines = ["Cod. cliente;Rif. cliente;Codice articolo;Quantità"]
        lines += [f"BG-C1;PO-BG-{index};BG-SCREW;{index + 1}" for index in range(3)]
        Import = self.env["bo.order.import"].with_user(self.bo_user).with_context(lang="en_US")
        batch = Import.create(
            {"file_data": base64.b64encode("\n".join(lines).encode()), "file_name": "big.csv"}
        )
        self.assertIs(batch.action_import(), True)
        self.assertEqual(
            (batch.state, batch.progress_total, batch.order_ids.ids), ("queued", 3, [])
        )
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        self.assertTrue(triggers, "the scheduler is asked to run")
        # The same file uploaded again while it is being imported is a duplicate.
        again = Import.create({"file_data": batch.file_data, "file_name": "big (1).csv"})
        self.assertEqual(again.duplicate_import_id, batch)
        again.unlink()
        return batch

    def scheduled_call(self, batch_size=2):
        cron, progress = self.cron._add_progress()
        cron.env["bo.order.import"]._cron_import_queued(batch_size=batch_size)
        self.env.invalidate_all()
        return progress

    def test_batches_progress_then_result_in_the_inbox(self):
        batch = self.queued_batch()
        progress = self.scheduled_call()
        self.assertEqual((progress.done, progress.remaining), (2, 1))
        self.assertEqual((batch.state, batch.progress_done, batch.progress), ("queued", 2, 200 / 3))
        self.assertEqual(len(batch.order_ids), 2)
        progress = self.scheduled_call()
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertEqual(batch.state, "done")
        self.assertEqual(
            sorted(batch.order_ids.mapped("client_order_ref")), ["PO-BG-0", "PO-BG-1", "PO-BG-2"]
        )
        self.assertEqual(batch.order_ids.user_id, self.bo_user)
        result = batch.message_ids.filtered(lambda m: self.bo_user.partner_id in m.partner_ids)
        self.assertIn("3 ordini in bozza creati da big.csv.", result.body)
        # ... and it reaches the clerk (inbox or e-mail, as the clerk chose).
        self.assertEqual(result.notification_ids.res_partner_id, self.bo_user.partner_id)
        self.assertEqual(self.scheduled_call().remaining, 0)

    def test_failure_leaves_nothing(self):
        batch = self.queued_batch()
        self.scheduled_call()
        self.assertEqual(len(batch.order_ids), 2)
        self.screw.sale_ok = False  # the file no longer matches a product that can be sold
        progress = self.scheduled_call()
        self.assertEqual((progress.done, progress.remaining), (0, 0))
        self.assertEqual((batch.state, batch.order_ids.ids), ("checked", []))
        self.assertFalse(self.env["sale.order"].search([("bo_import_id", "=", batch.id)]))
        result = batch.message_ids.filtered(lambda m: self.bo_user.partner_id in m.partner_ids)
        self.assertIn(
            "L'importazione di big.csv si è fermata e non è stato creato alcun ordine", result.body
        )
        self.assertIn("Riga 3: Articolo BG-SCREW non trovato", result.body)
        self.assertEqual(result.notification_ids.res_partner_id, self.bo_user.partner_id)
