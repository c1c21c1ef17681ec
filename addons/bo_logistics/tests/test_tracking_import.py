# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.bo_logistics.tools import tracking_csv

from .common import BoLogisticsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-05 09:00:00")
class TestTrackingImport(BoLogisticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pickings = cls.env["stock.picking"]
        for ref in ("BRT001", "BRT002", "BRT003"):
            picking = cls._make_order().picking_ids
            picking.write(
                {
                    "carrier_id": cls.cheap_carrier.id,
                    "carrier_tracking_ref": ref,
                    "bo_expected_date": date(2026, 3, 4),
                    "bo_is_late": True,
                }
            )
            cls.pickings |= picking

    def _import(self, text):
        content = text if isinstance(text, bytes) else text.encode()
        wizard = (
            self.env["bo.tracking.import.wizard"]
            .with_user(self.bo_user)
            .create({"file": base64.b64encode(content), "filename": "tracking.csv"})
        )
        return wizard.action_import()

    def assert_refused(self, content, expected):
        with self.assertRaises(UserError) as error:
            self._import(content)
        self.assertIn(expected, str(error.exception))
        self.assertEqual(set(self.pickings.mapped("bo_shipping_state")), {"to_ship"})
        return str(error.exception)

    def test_good_file_updates_states_in_bulk(self):
        self._import(
            "tracking,status,date\n"
            "BRT001,in transito,2026-03-04 18:00\n"
            "BRT001,consegnato,2026-03-05 10:15\n"
            "BRT002,giacenza,2026-03-05\n"
            "BRT003,ritirato,04/03/2026\n"
        )
        first, second, third = self.pickings
        self.assertEqual(first.bo_shipping_state, "delivered")
        self.assertEqual(first.bo_delivered_date, date(2026, 3, 5))
        self.assertFalse(first.bo_is_late, "a delivered shipment is no longer late")
        self.assertEqual(second.bo_shipping_state, "exception")
        self.assertEqual(third.bo_shipping_state, "picked_up")
        self.assertEqual(first.carrier_tracking_url, "https://track.example.com/?n=BRT001")

    def test_bad_rows_and_unknown_numbers_reported_nothing_written(self):
        with self.assertRaises(UserError) as error:
            self._import(
                "BRT001;consegnato;2026-03-05\n"
                "XXX999;consegnato;2026-03-05\n"
                "BRT002;lost in space;2026-03-05\n"
                "BRT003;consegnato;yesterday\n"
            )
        message = str(error.exception)
        self.assertIn("Line 2: unknown tracking number XXX999", message)
        self.assertIn("Line 3: unknown status (lost in space)", message)
        self.assertIn("Line 4: unreadable date (yesterday)", message)
        self.assertEqual(set(self.pickings.mapped("bo_shipping_state")), {"to_ship"})

    def test_windows_encoded_file(self):
        self._import("BRT001;consegnato;2026-03-05;Città di consegna\n".encode("cp1252"))
        self.assertEqual(self.pickings[0].bo_shipping_state, "delivered")

    def test_huge_cell_refused_on_a_server(self):
        """odoo-bin raises the csv module's field limit to 500 MiB for the whole
        process: the file is refused the same way all the same."""
        self.addCleanup(csv.field_size_limit, csv.field_size_limit(500 * 1024 * 1024))
        self.assert_refused("BRT001;" + "x" * 200_000 + ";2026-03-05\n", "Line 1: the file is not")

    def test_hostile_files_refused_whole(self):
        line = "BRT001;consegnato;2026-03-05\n"
        self.assert_refused(line * (tracking_csv.MAX_ROWS + 1), "more than 20000 lines")
        # A cell beyond what the csv module accepts (128 KB), then a long one it reads.
        self.assert_refused("BRT001;" + "x" * 200_000 + ";2026-03-05\n", "Line 1: the file is not")
        message = self.assert_refused(
            line + "BRT002;consegnato;" + "9" * 5000 + "\n", "Line 2: value too long (99999"
        )
        self.assertLess(len(message), 300, "the long value is not repeated whole")
        self.assert_refused(b"PK\x03\x04\x00\x00binary" * 20, "not a text (CSV) file")
        self.assert_refused(b"\xff\xfe\x81\x8d\x90\x9d" * 20, "not a text (CSV) file")
        with self.assertRaises(tracking_csv.TrackingFileError) as error:
            tracking_csv.parse(line.encode() * (tracking_csv.MAX_FILE_SIZE // len(line) + 1))
        self.assertEqual(error.exception.kind, "size")

    def test_many_problems_listed_in_short(self):
        message = self.assert_refused(
            "".join(f"BRT{n:03d};perso;2026-03-05\n" for n in range(100)), "Line 1: unknown status"
        )
        self.assertIn("Line 20: unknown status", message)
        self.assertNotIn("Line 21:", message)
        self.assertIn("... and 80 more problems.", message)
