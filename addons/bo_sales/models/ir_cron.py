# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class IrCron(models.Model):
    """Batches for the suite's scheduled jobs, on Odoo 18's progress API.

    A job that may be long (many records, a PDF each) works one batch per call
    under the scheduler: it marks what it has done in the batch's transaction
    (log rows, run records, flags, next to the mails it queues), tells the
    scheduler what is left with ``_notify_progress``, and returns. ``ir.cron``
    commits the batch and calls the job again while work remains
    (``_run_job``), so a job killed halfway (worker restart, time limit, OOM)
    loses only its uncommitted batch, and its next run goes on from the marks.
    """

    _inherit = "ir.cron"

    def method_direct_trigger(self):
        """The "Run Manually" button runs a batched job once, that is one
        batch: the scheduler is asked to go on with what the job reported left."""
        res = super().method_direct_trigger()
        last = (
            self.env["ir.cron.progress"]
            .sudo()
            .search([("cron_id", "=", self.id)], order="id desc", limit=1)
        )
        if last.remaining:
            self._trigger()
        return res

    @api.model
    def _bo_run_start(self):
        """When the running scheduled job's current run began, or None outside
        the scheduler (direct calls: buttons, demo data, tests).

        A run is every call of the job since it last completed (``lastcall``):
        the batches of one run, and of a run killed halfway and picked up again,
        share this start, which is its first progress record (database time).
        """
        progress_id = self.env.context.get("ir_cron_progress_id")
        if not progress_id:
            return None
        Progress = self.env["ir.cron.progress"].sudo()
        current = Progress.browse(progress_id)
        domain = [("cron_id", "=", current.cron_id.id)]
        if current.cron_id.lastcall:
            domain.append(("create_date", ">", current.cron_id.lastcall))
        first = Progress.search(domain, order="id", limit=1)
        # NOTE: lastcall is the server's clock, create_date the database's:
        # with the clocks apart, the current record is the safe start.
        return (first or current).create_date

    @api.model
    def _bo_process_in_batches(self, find, process, batch_size):
        """Run ``process(records)`` on what ``find()`` returns, ``batch_size``
        records at a time, in ``find()``'s order.

        ``find()`` must leave out what ``process`` handled in a committed
        transaction (through the marks it writes), or the job would never end.
        Under the scheduler this handles one batch and reports the rest to it;
        called directly, every batch in the current transaction (a record is
        processed once per call even if ``find()`` still returns it).

        :return: the records processed
        """
        scheduled = bool(self.env.context.get("ir_cron_progress_id"))
        done = None
        while True:
            todo = find()
            if done is None:
                done = todo.browse()
            todo -= done
            batch = todo[:batch_size]
            if batch:
                process(batch)
                done |= batch
            remaining = len(todo) - len(batch)
            if scheduled:
                self._notify_progress(done=len(batch), remaining=remaining)
            if scheduled or not remaining:
                return done
