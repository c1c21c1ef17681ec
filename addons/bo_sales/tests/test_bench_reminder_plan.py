# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from pathlib import Path

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

CASE_PATH = Path(__file__).parents[3] / "tests" / "bench" / "cases" / "reminder_plan.py"


@tagged("post_install", "-at_install")
class TestBenchReminderPlan(BaseCommon):
    """Keeps the benchmark case runnable: prepare and run on a tiny size."""

    def test_case_runs_small(self):
        spec = importlib.util.spec_from_file_location("bench_reminder_plan", CASE_PATH)
        case = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(case)
        self.assertTrue(case.CASE["target_s"] > 0)
        ctx = case.prepare(self.env, customers=3, invoices=2)
        plan = case.run(self.env, ctx)
        ours = [item for item in plan if item["partner"] in ctx["partners"]]
        # Invoices 10 and 22 days late: one level-1 and one level-2 reminder each.
        self.assertEqual(len(ours), 6)
        self.assertEqual(sorted(item["level"] for item in ours), ["1", "1", "1", "2", "2", "2"])
        baseline = case.baseline(self.env, ctx)
        self.assertEqual(len(baseline), 6)
