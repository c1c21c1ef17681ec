# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..demo import sales_history
from ..tools import periods

_logger = logging.getLogger(__name__)

KINDS = [
    ("sales", "Sales and turnover"),
    ("agents", "Agents' activity"),
    ("quality", "Order quality"),
    ("deliveries", "Deliveries"),
    ("receivables", "Receivables"),
]


class BoPeriodicReport(models.Model):
    _name = "bo.periodic.report"
    _description = "Periodic report"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(KINDS, required=True, default="sales")
    periodicity = fields.Selection(
        [
            ("weekly", "Weekly"),
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
            ("yearly", "Yearly"),
        ],
        required=True,
        default="monthly",
    )
    run_day = fields.Integer(
        default=1,
        required=True,
        help="Day of the following period on which the report is produced: weekday for "
        "weekly reports (1 = Monday), day of the month otherwise.",
    )
    comparison = fields.Selection(
        [("previous", "Previous period"), ("last_year", "Same period last year"), ("none", "None")],
        required=True,
        default="previous",
    )
    formats = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "XLSX"), ("both", "PDF and XLSX")], required=True, default="both"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    recipient_user_ids = fields.Many2many(
        "res.users", string="Recipient users", domain="[('share', '=', False)]"
    )
    recipient_partner_ids = fields.Many2many(
        "res.partner",
        "bo_periodic_report_recipient_partner_rel",
        string="Recipient contacts",
        help="Contacts outside Odoo; each receives the email in the contact's language.",
    )
    team_ids = fields.Many2many("crm.team", string="Sales teams")
    agent_ids = fields.Many2many(
        "res.partner",
        "bo_periodic_report_agent_rel",
        string="Agents",
        domain="[('bo_is_agent', '=', True)]",
    )
    partner_category_ids = fields.Many2many("res.partner.category", string="Customer tags")
    country_ids = fields.Many2many("res.country", string="Countries")
    product_category_ids = fields.Many2many("product.category", string="Product categories")
    run_ids = fields.One2many("bo.periodic.report.run", "report_id", string="Runs")
    run_count = fields.Integer(compute="_compute_run_count")
    next_period_label = fields.Char(string="Next period due", compute="_compute_next_period_label")

    @api.depends("run_ids")
    def _compute_run_count(self):
        counts = dict(
            self.env["bo.periodic.report.run"]._read_group(
                [("report_id", "in", self.ids)], ["report_id"], ["__count"]
            )
        )
        for report in self:
            report.run_count = counts.get(report, 0)

    @api.depends("periodicity", "run_day", "company_id")
    def _compute_next_period_label(self):
        for report in self:
            period = report._bo_due_period()
            report.next_period_label = f"{period.start} - {period.end}"

    @api.constrains("run_day", "periodicity")
    def _check_run_day(self):
        for report in self:
            limit = 7 if report.periodicity == "weekly" else 31
            if not 1 <= report.run_day <= limit:
                raise ValidationError(
                    self.env._(
                        "The run day of %(report)s must be between 1 and %(limit)s.",
                        report=report.display_name,
                        limit=limit,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_generate_now(self):
        """Produce the latest due period now (sends only if it was never sent)."""
        runs = self.env["bo.periodic.report.run"]
        for report in self:
            runs |= report._bo_generate(report._bo_due_period(), force=True)
        failed = runs.filtered(lambda run: run.state == "failed")
        if failed:
            raise UserError(
                self.env._("The report could not be produced: %(error)s", error=failed[0].error)
            )
        return runs._bo_action_open()

    def action_open_runs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bo_reporting.bo_periodic_report_run_action"
        )
        action["domain"] = [("report_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _bo_tz(self):
        self.ensure_one()
        return self.company_id.partner_id.tz or self.env.user.tz or "UTC"

    def _bo_today(self):
        return periods.local_today(fields.Datetime.now(), self._bo_tz())

    def _bo_due_period(self):
        self.ensure_one()
        return periods.due_period(self.periodicity, self.run_day, self._bo_today())

    def _bo_context(self, period):
        """The context handed to the kind providers."""
        self.ensure_one()
        comparison = periods.comparison_period(self.periodicity, period, self.comparison)
        return {
            "report": self,
            "company": self.company_id,
            "periodicity": self.periodicity,
            "period": period,
            "comparison": comparison,
            "trend": periods.last_periods(self.periodicity, period, 12),
            "tz": self._bo_tz(),
        }

    def _bo_recipients(self):
        self.ensure_one()
        return self.recipient_user_ids.partner_id | self.recipient_partner_ids

    def _bo_generate(self, period, force=False):
        """Produce (and send once) the run of ``period``; return the run.

        A run already produced is kept as is (``force`` regenerates its
        attachments without sending again). A failed run is retried in place:
        the unique (report, period) key never lets a second row appear.
        """
        self.ensure_one()
        Run = self.env["bo.periodic.report.run"]
        run = Run.search(
            [("report_id", "=", self.id), ("period_start", "=", period.start)], limit=1
        )
        if run.state == "done" and not force:
            return run
        if not run:
            run = Run.create(
                {"report_id": self.id, "period_start": period.start, "period_end": period.end}
            )
        run._bo_produce(send=run.state != "done")
        return run

    @api.model
    def _cron_generate_due(self, batch_size=10):
        """Scheduled job: produce each active report's due period once.

        Each run is produced, stored and queued for email in one savepoint; the
        reports go by batches (see ``ir.cron._bo_process_in_batches``) and a
        sent run is the mark of its report and period: a kill loses only the
        uncommitted batch, and the next run of the job goes on with the reports
        left. A failed run is retried once per run of the job (under the
        scheduler, the runs that failed since the job's run began wait for the
        next one).
        """
        run_start = self.env["ir.cron"]._bo_run_start()

        def find():
            reports = self.search([])
            due = {report: report._bo_due_period().start for report in reports}
            runs = self.env["bo.periodic.report.run"].search(
                [("report_id", "in", reports.ids), ("period_start", "in", list(set(due.values())))]
            )
            handled = {
                (run.report_id, run.period_start)
                for run in runs
                if run.state == "done"
                or (run_start and run.state == "failed" and run.write_date >= run_start)
            }
            return reports.filtered(lambda report: (report, due[report]) not in handled)

        def process(reports):
            for report in reports:
                report._bo_generate(report._bo_due_period())

        return self.env["ir.cron"]._bo_process_in_batches(find, process, batch_size)

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _bo_demo_sales_history(self):
        """A year of sales history on the demo database, relative to today
        (called from demo/bo_reporting_demo.xml; see demo/sales_history.py)."""
        sales_history.create_sales_history(self.env)
