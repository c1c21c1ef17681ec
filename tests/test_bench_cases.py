# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The benchmark cases of tools/bench/cases/ give the right result on a small
size, case by case (tests/test_bench_runner.py only checks that each runs).

These tests live with the repository, not in the addons: an addon copied alone
into a client's Odoo has no tools/ folder to load the cases from."""

import os
from datetime import date

from odoo.tests import TransactionCase, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.bo_reporting.tests.common import BoReportingCommon

from tools.bench import runner


def load(name):
    return runner.load_case(os.path.join(runner.CASES_DIR, f"{name}.py"))


@tagged("post_install", "-at_install")
class TestOrderChecksCase(TransactionCase):
    def test_order_checks_case(self):
        case = load("order_checks")
        ctx = case.prepare(self.env, orders=20, lines=3)
        case.run(self.env, ctx)
        orders = self.env["sale.order"].browse(ctx["order_ids"])
        self.assertEqual(len(orders), 20)
        self.assertNotIn("to_check", orders.mapped("bo_check_state"))
        self.assertTrue(orders.bo_check_finding_ids)


@tagged("post_install", "-at_install")
class TestOrderImportCase(TransactionCase):
    def test_order_import_case(self):
        case = load("order_import")
        ctx = case.prepare(self.env, orders=4, lines_per_order=3, customers=2, products=5)
        batch = case.run(self.env, ctx)
        self.assertEqual(len(batch.order_ids), 4)
        self.assertEqual(len(batch.order_ids.order_line), 12)
        self.assertEqual(len(case.baseline(self.env, ctx)), 4)


@tagged("post_install", "-at_install")
class TestPlanningCases(BaseCommon):
    def test_visit_planning_case(self):
        case = load("visit_planning")
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

    def test_reminder_plan_case(self):
        case = load("reminder_plan")
        ctx = case.prepare(self.env, customers=3, invoices=2)
        plan = case.run(self.env, ctx)
        ours = [item for item in plan if item["partner"] in ctx["partners"]]
        # Invoices 10 and 22 days late: one level-1 and one level-2 reminder each.
        self.assertEqual(len(ours), 6)
        self.assertEqual(sorted(item["level"] for item in ours), ["1", "1", "1", "2", "2", "2"])
        baseline = case.baseline(self.env, ctx)
        self.assertEqual(len(baseline), 6)


@tagged("post_install", "-at_install")
class TestShippingDayCase(TransactionCase):
    def test_shipping_day_case(self):
        """20 shipments instead of 2 000: each gets a carrier and a DDT, numbered
        without gaps."""
        case = load("shipping_day")
        ctx = case.prepare(self.env, size=20)
        result = case.run(self.env, ctx)
        self.assertTrue(all(ctx["pickings"].mapped("carrier_id")))
        self.assertEqual(len(result["documents"]), 20)
        numbers = sorted(int(name.rsplit("/", 1)[1]) for name in result["documents"].mapped("name"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 20)))


@tagged("post_install", "-at_install")
class TestMonthlyReportCase(BoReportingCommon):
    def test_monthly_report_case(self):
        case = load("monthly_report")
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
