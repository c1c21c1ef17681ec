# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, tagged

CASE_PATH = Path(__file__).resolve().parents[3] / "tests" / "bench" / "cases" / "shipping_day.py"


@tagged("post_install", "-at_install")
class TestShippingDayBenchCase(TransactionCase):
    """The benchmark case still runs (on 20 shipments instead of 2 000)."""

    def test_case_runs_small(self):
        spec = importlib.util.spec_from_file_location("shipping_day", CASE_PATH)
        case = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(case)
        ctx = case.prepare(self.env, size=20)
        result = case.run(self.env, ctx)
        pickings = ctx["pickings"]
        self.assertTrue(all(pickings.mapped("carrier_id")))
        self.assertEqual(len(result["documents"]), 20)
        numbers = sorted(int(name.rsplit("/", 1)[1]) for name in result["documents"].mapped("name"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 20)))
