# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from datetime import date
from pathlib import Path

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

CASE_PATH = Path(__file__).resolve().parents[3] / "tests" / "bench" / "cases" / "visit_planning.py"


@tagged("post_install", "-at_install")
class TestBenchVisitPlanning(BaseCommon):
    """The benchmark case runs on a small size, so that it cannot rot."""

    def test_case_runs_small(self):
        spec = importlib.util.spec_from_file_location("bench_visit_planning", CASE_PATH)
        case = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(case)
        self.assertLess(case.CASE["target_s"], 60)
        ctx = case.prepare(self.env, agents=2, customers=20, date_from=date(2031, 3, 3))
        planned = case.run(self.env, ctx)
        customers = self.env["res.partner"].search([("bo_agent_id", "in", ctx["agent_ids"])])
        last = customers._bo_last_visit_dates()
        due = customers.filtered(
            lambda c: c.id not in last
            or (last[c.id] - ctx["date_to"]).days + c.bo_visit_class_id.visit_frequency_days <= 0
        )
        # Four weeks leave room for every due customer (at most 10 per agent).
        self.assertTrue(0 < len(due) < len(customers))
        self.assertEqual(planned, len(due))
