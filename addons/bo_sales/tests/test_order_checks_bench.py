# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, tagged

CASE_PATH = Path(__file__).parents[3] / "tests" / "bench" / "cases" / "order_checks.py"


@tagged("post_install", "-at_install")
class TestOrderChecksBenchCase(TransactionCase):
    """The benchmark case keeps working (small size; no timing asserted)."""

    def test_bench_case_runs(self):
        spec = importlib.util.spec_from_file_location("bo_bench_order_checks", CASE_PATH)
        case = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(case)
        self.assertGreater(case.CASE["target_s"], 0)
        ctx = case.prepare(self.env, orders=20, lines=3)
        case.run(self.env, ctx)
        orders = self.env["sale.order"].browse(ctx["order_ids"])
        self.assertEqual(len(orders), 20)
        self.assertNotIn("to_check", orders.mapped("bo_check_state"))
        self.assertTrue(orders.bo_check_finding_ids)
