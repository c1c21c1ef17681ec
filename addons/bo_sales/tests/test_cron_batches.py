# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The suite's long jobs work by batches under Odoo's scheduler.

Under the scheduler (a progress record in the context, as ``ir.cron._run_job``
gives), a job does one batch, reports the rest through ``_notify_progress`` and
returns, the scheduler committing between calls; called directly it does every
batch. tests/test_cron_faults.py kills the real scheduler halfway; these tests
call the jobs in-process, with ``ir.cron._add_progress`` as the scheduler does.
"""

from odoo import Command
from odoo.tests import tagged

from ..tools.check_engine import as_engine
from .common import BoSalesCommon


@tagged("post_install", "-at_install")
class TestCronBatches(BoSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("bo_sales.ir_cron_bo_check_open_quotations")
        Order = cls.env["sale.order"]
        # The database's other quotations count as checked by this run: the
        # job sees this test's quotations only.
        # (bo_check_date is the check engine's: written here as the engine would)
        as_engine(Order.search([("state", "in", ("draft", "sent"))])).write(
            {"bo_check_date": cls.env.cr.now()}
        )
        cls.quotations = Order.with_context(bo_check_skip=True).create(
            [
                {
                    "partner_id": cls.customer.id,
                    "order_line": [Command.create({"product_id": cls.product.id})],
                }
                for _index in range(3)
            ]
        )

    def _scheduled_call(self, batch_size):
        """One call of the job as the scheduler makes it; its progress record."""
        cron, progress = self.cron._add_progress()
        cron.env["sale.order"]._cron_bo_check_open_quotations(batch_size=batch_size)
        return progress

    def _checked(self):
        return self.quotations.filtered("bo_check_date")

    def test_scheduler_gets_one_batch_per_call(self):
        first, second, third = self.quotations
        progress = self._scheduled_call(batch_size=2)
        self.assertEqual((progress.done, progress.remaining), (2, 1))
        self.assertEqual(self._checked(), first | second)
        self.assertEqual(third.bo_check_state, "to_check")
        self.assertNotEqual(first.bo_check_state, "to_check")
        progress = self._scheduled_call(batch_size=2)
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertEqual(self._checked(), self.quotations)
        self.assertNotIn("to_check", self.quotations.mapped("bo_check_state"))
        # Everything checked in this run: a further call of the run finds nothing.
        progress = self._scheduled_call(batch_size=2)
        self.assertEqual((progress.done, progress.remaining), (0, 0))

    def test_direct_call_does_every_batch(self):
        checked = self.env["sale.order"]._cron_bo_check_open_quotations(batch_size=1)
        self.assertEqual(checked & self.quotations, self.quotations)
        self.assertEqual(self._checked(), self.quotations)

    def test_run_manually_goes_on_in_the_background(self):
        Trigger = self.env["ir.cron.trigger"]
        self.cron.code = "model._cron_bo_check_open_quotations(batch_size=2)"
        self.cron.method_direct_trigger()
        self.assertEqual(len(self._checked()), 2)
        self.assertTrue(
            Trigger.search([("cron_id", "=", self.cron.id)]),
            "the scheduler is asked to do the rest",
        )
        Trigger.search([("cron_id", "=", self.cron.id)]).unlink()
        # The last batch leaves nothing to do: no trigger.
        self.cron.method_direct_trigger()
        self.assertEqual(self._checked(), self.quotations)
        self.assertFalse(Trigger.search([("cron_id", "=", self.cron.id)]))
