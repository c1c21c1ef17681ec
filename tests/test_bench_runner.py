# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmarks cannot rot unnoticed: every case of tools/bench/cases/ is loaded
and prepared and run on a small size (env.context bo_bench="small", and the
case's module-level SMALL keyword arguments to prepare, or its integer sizes
scaled down: runner.small_kwargs); the runner keeps runs
comparable (each run rolled back) and reports a broken case without hiding the
others; the data generator writes orders whose amounts are the ones Odoo
computes. No timing is asserted here: benchmarks are not tests."""

import os
import tempfile

from odoo.tests import TransactionCase, tagged

from tools.bench import runner
from tools.bench.generate import ean13, generate, partita_iva


@tagged("post_install", "-at_install")
class TestBenchCases(TransactionCase):
    def _small_env(self):
        return self.env(context=dict(self.env.context, bo_bench="small", tracking_disable=True))

    def test_every_case_prepares_and_runs_small(self):
        paths = runner.case_paths()
        self.assertIn("sale_report_baseline", [os.path.basename(p)[:-3] for p in paths])
        for path in paths:
            with self.subTest(case=os.path.basename(path)):
                module = runner.load_case(path)
                env = self._small_env()
                with env.cr.savepoint():
                    ctx = module.prepare(env, **runner.small_kwargs(module)) or {}
                    module.run(env, ctx)
                    if callable(getattr(module, "baseline", None)):
                        module.baseline(env, ctx)

    def test_small_sizes(self):
        class WithSmall:
            SMALL = {"orders": 3}

            @staticmethod
            def prepare(env, orders=1000):
                return {}

        class WithoutSmall:
            @staticmethod
            def prepare(env, orders=1000, lines=10, lines_total=None, size=None, flag=True):
                return {}

        self.assertEqual(runner.small_kwargs(WithSmall), {"orders": 3})
        self.assertEqual(runner.small_kwargs(WithoutSmall), {"orders": 10, "size": 200})

    def test_runner_rolls_back_each_run_and_reports_failures(self):
        with tempfile.TemporaryDirectory() as folder:
            good = os.path.join(folder, "good.py")
            with open(good, "w") as case:
                case.write(
                    "CASE = {'name': 'good', 'size': '1 partner', 'target_s': 10}\n"
                    "def prepare(env):\n"
                    "    return {'before': env['res.partner'].search_count([])}\n"
                    "def run(env, ctx):\n"
                    "    assert env['res.partner'].search_count([]) == ctx['before']\n"
                    "    env['res.partner'].create({'name': 'Bench run partner'})\n"
                    "def baseline(env, ctx):\n"
                    "    env['res.partner'].search([])\n"
                )
            broken = os.path.join(folder, "broken.py")
            with open(broken, "w") as case:
                case.write(
                    "CASE = {'name': 'broken', 'size': '-', 'target_s': 1}\n"
                    "def prepare(env):\n"
                    "    return {}\n"
                    "def run(env, ctx):\n"
                    "    env.cr.execute('SELECT no_such_column FROM res_partner')\n"
                )
            before = self.env["res.partner"].search_count([])

            class _Env:
                def __init__(self, env):
                    self.env = env

                def __enter__(self):
                    return self.env

                def __exit__(self, *exc):
                    return False

            with self.assertLogs("bo_suite.bench", level="ERROR"):
                rows = runner.run_all(lambda: _Env(self.env), [broken, good], runs=3)
        self.assertEqual([row["case"] for row in rows], ["broken", "good"])
        self.assertEqual(rows[0]["status"], "FAILED")
        self.assertIn("no_such_column", rows[0]["error"])
        good_row = rows[1]
        self.assertEqual(good_row["status"], "ok")
        self.assertEqual(len(good_row["times_s"]), 3)
        self.assertGreaterEqual(good_row["queries"], 1)
        self.assertIn("ratio", good_row)
        self.assertEqual(self.env["res.partner"].search_count([]), before)
        table = runner.format_table(rows)
        self.assertIn("FAILED", table)
        self.assertIn("good", table)


@tagged("post_install", "-at_install")
class TestBenchGenerator(TransactionCase):
    def test_identifiers_are_valid(self):
        from stdnum import ean
        from stdnum.it import iva

        for serial in (0, 1, 1234567, 9_999_999, 12_345_678):
            self.assertTrue(iva.is_valid(partita_iva(serial, 37)))
            self.assertTrue(ean.is_valid(ean13(serial)))

    def test_generated_orders_match_odoo_computation(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        orders_before = env["sale.order"].search_count([])
        last_id = env["sale.order"].search([], order="id desc", limit=1).id
        # Start just below 100 000 so that names outgrow the sequence's padding of 5.
        sequence = env["ir.sequence"].search(
            [("code", "=", "sale.order"), ("company_id", "in", [env.company.id, False])],
            order="company_id",
            limit=1,
        )
        sequence.number_next = 99_990
        summary = generate(env, 400, customers=25, agents=3, products=20, events=10, real=3)
        history = env["sale.order"].search([("client_order_ref", "=like", "ORD-%")])
        self.assertEqual(len(history), summary["history_orders"])
        self.assertEqual(
            env["sale.order"].search_count([]), orders_before + 3 + summary["history_orders"]
        )
        lines = history.order_line
        new_orders = env["sale.order"].search([("id", ">", last_id)])
        self.assertEqual(len(new_orders.order_line), 400, "the orders hold the lines asked for")
        real = new_orders - history
        self.assertTrue(real.picking_ids.filtered(lambda p: p.state == "done"))
        self.assertTrue(real.invoice_ids.filtered(lambda m: m.state == "posted"))
        numbers = sorted(int(name.removeprefix("S")) for name in history.mapped("name"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + len(history))))
        self.assertIn("S100000", history.mapped("name"))
        # The names come from the sale.order sequence, which moved past them.
        next_order = env["sale.order"].create({"partner_id": history[0].partner_id.id})
        self.assertNotIn(next_order.name, history.mapped("name"))
        self.assertEqual(set(history.mapped("state")), {"draft", "sale", "cancel"})
        self.assertEqual(set(history.mapped("invoice_status")), {"no", "to invoice", "invoiced"})
        for partner in history.partner_id:
            self.assertTrue(partner.bo_agent_id.bo_is_agent)

        stored_lines = {
            line.id: (line.price_subtotal, line.price_tax, line.price_total, line.margin)
            for line in lines
        }
        stored_orders = {
            order.id: (order.amount_untaxed, order.amount_tax, order.amount_total)
            for order in history
        }
        lines._compute_amount()
        history._compute_amounts()
        for line in lines:
            expected = stored_lines[line.id]
            self.assertAlmostEqual(line.price_subtotal, expected[0], places=2)
            self.assertAlmostEqual(line.price_tax, expected[1], places=2)
            self.assertAlmostEqual(line.price_total, expected[2], places=2)
        for order in history:
            expected = stored_orders[order.id]
            self.assertAlmostEqual(order.amount_untaxed, expected[0], places=2, msg=order.name)
            self.assertAlmostEqual(order.amount_tax, expected[1], places=2, msg=order.name)
            self.assertAlmostEqual(order.amount_total, expected[2], places=2, msg=order.name)
        # sale.report reads the generated lines: its untaxed sales are theirs.
        confirmed = lines.filtered(lambda line: line.state == "sale")
        report = env["sale.report"]._read_group(
            [("name", "in", confirmed.order_id.mapped("name"))],
            aggregates=["price_subtotal:sum"],
        )
        self.assertAlmostEqual(report[0][0], sum(confirmed.mapped("price_subtotal")), places=2)
