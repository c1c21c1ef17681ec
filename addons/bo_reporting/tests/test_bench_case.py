# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from pathlib import Path

from odoo.tests import tagged

from .common import BoReportingCommon

CASE_PATH = Path(__file__).resolve().parents[3] / "tests" / "bench" / "cases" / "monthly_report.py"


@tagged("post_install", "-at_install")
class TestBenchCase(BoReportingCommon):
    def test_monthly_report_case_runs_small(self):
        spec = importlib.util.spec_from_file_location("bo_bench_monthly_report", CASE_PATH)
        case = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(case)
        self.assertEqual(case.CASE["name"], "monthly_report")
        env = self.env(context=dict(self.env.context, force_report_rendering=True))
        ctx = case.prepare(env, lines=200)
        self.assertEqual(ctx["lines"], 200)
        self.assertEqual(
            env["sale.order.line"].search_count([("order_id.name", "=like", "BENCH-%")]), 200
        )
        run = case.run(env, ctx)
        self.assertEqual(run.state, "pending")  # produced without sending
        self.assertFalse(run.error)
        self.assertEqual(sorted(run.attachment_ids.mapped("mimetype"))[0], "application/pdf")
        self.assertEqual(len(run.attachment_ids), 2)
        # The cloned lines are in the figures: 20 orders spread over 12 months.
        payload = run._bo_payload()
        trend = next(t for t in payload["tables"] if t["title"] == "Trend")
        ordered = sum(row[1] for row in trend["rows"])
        cloned = env["sale.order.line"].search([("order_id.name", "=like", "BENCH-%")])
        self.assertAlmostEqual(ordered, sum(cloned.mapped("price_subtotal")), places=2)
