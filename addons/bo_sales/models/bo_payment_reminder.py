# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models

REMINDER_LEVELS = [("1", "First reminder"), ("2", "Second reminder"), ("3", "Final notice")]
#: Default days after the due date at which each level becomes due.
DEFAULT_LEVEL_DAYS = {"1": 7, "2": 21, "3": 45}


class BoPaymentReminder(models.Model):
    """One reminder email sent to a customer for some overdue invoices.

    Its lines are the log that makes reminders once-only: an invoice gets
    each level at most once (unique key on the line).
    """

    _name = "bo.payment.reminder"
    _description = "Payment Reminder"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    level = fields.Selection(REMINDER_LEVELS, required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many("bo.payment.reminder.line", "reminder_id", string="Invoices")
    move_ids = fields.Many2many(
        "account.move", string="Reminded Invoices", compute="_compute_move_ids"
    )
    amount_due = fields.Monetary(compute="_compute_move_ids", currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    message_id = fields.Many2one("mail.message", string="Email", readonly=True)

    @api.depends("line_ids.move_id")
    def _compute_move_ids(self):
        for reminder in self:
            reminder.move_ids = reminder.line_ids.move_id
            reminder.amount_due = sum(reminder.line_ids.move_id.mapped("amount_residual"))

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------

    @api.model
    def _bo_level_days(self):
        """Days after the due date for each level, from system parameters."""
        # sudo: system parameters are readable by administrators only.
        params = self.env["ir.config_parameter"].sudo()
        return {
            level: int(params.get_param(f"bo_sales.reminder_level_{level}_days", default))
            for level, default in DEFAULT_LEVEL_DAYS.items()
        }

    @api.model
    def _bo_reminder_plan(self, today=None, partners=None):
        """Which customer gets which reminder level for which invoices today.

        The cron and the "Customers to Remind" list both use this plan.
        Disputed invoices (payment blocked) are left out; an invoice is never
        planned again for a level it already got.

        :param partners: only these customers (commercial partners), if given.
        :returns: list of dicts {partner, level, moves}, one per customer
            and level.
        """
        today = today or fields.Date.context_today(self)
        level_days = self._bo_level_days()
        first_days = min(level_days.values())
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<=", fields.Date.subtract(today, days=first_days)),
            ("company_id", "in", self.env.companies.ids),
        ]
        if partners is not None:
            domain.append(("commercial_partner_id", "in", partners.ids))
        overdue = self.env["account.move"].search(domain, order="invoice_date_due, id")
        if not overdue:
            return []
        done = {
            (line.move_id.id, line.level)
            for line in self.env["bo.payment.reminder.line"].search(
                [("move_id", "in", overdue.ids)]
            )
        }
        # Highest level first so an invoice gets the one level it is due for.
        levels_desc = sorted(level_days.items(), key=lambda item: item[1], reverse=True)
        planned = defaultdict(lambda: self.env["account.move"])
        for move in overdue:
            late_days = (today - move.invoice_date_due).days
            level = next((lvl for lvl, days in levels_desc if late_days >= days), None)
            if level and (move.id, level) not in done:
                planned[(move.commercial_partner_id, level)] |= move
        return [
            {"partner": partner, "level": level, "moves": moves}
            for (partner, level), moves in sorted(
                planned.items(), key=lambda item: (item[0][0].name or "", item[0][1])
            )
        ]

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_reminders(self, batch_size=100):
        """Send today's plan, by batches of customers.

        A batch's log lines and its queued mails are created in one transaction
        (see ``ir.cron._bo_process_in_batches``): a kill loses the whole batch
        and nothing else, and a re-run finds the lines of what was already
        queued, so no customer gets the same level twice and none is left out.

        :return: the reminders created
        """
        today = fields.Date.context_today(self)
        reminders = self.browse()

        def find():
            plan = self._bo_reminder_plan(today)
            return self.env["res.partner"].browse(
                list(dict.fromkeys(item["partner"].id for item in plan))
            )

        def process(partners):
            nonlocal reminders
            reminders |= self._bo_send_plan(self._bo_reminder_plan(today, partners))

        self.env["ir.cron"]._bo_process_in_batches(find, process, batch_size)
        return reminders

    @api.model
    def _bo_send_plan(self, plan):
        """Log and queue the reminders of ``plan`` (see ``_bo_reminder_plan``)."""
        if not plan:
            return self.browse()
        reminders = self.create(
            [
                {
                    "partner_id": item["partner"].id,
                    "level": item["level"],
                    "company_id": item["moves"][:1].company_id.id,
                    "line_ids": [
                        fields.Command.create({"move_id": m.id, "level": item["level"]})
                        for m in item["moves"]
                    ],
                }
                for item in plan
            ]
        )
        reminders._bo_post_emails()
        return reminders

    def _bo_post_emails(self):
        """Render each reminder in the customer's language, post it on the
        customer's chatter and queue the email."""
        by_level = defaultdict(lambda: self.browse())
        for reminder in self:
            by_level[reminder.level] |= reminder
        for level, reminders in by_level.items():
            template = self.env.ref(f"bo_sales.mail_template_payment_reminder_{level}")
            rendered = template._generate_template(reminders.ids, ("subject", "body_html"))
            for reminder in reminders:
                values = rendered[reminder.id]
                partner = reminder.partner_id
                # NOTE: sudo because the clerk sending reminders may not edit
                # customers; the customer's chatter keeps the correspondence.
                message = partner.sudo().message_post(
                    subject=values["subject"],
                    body=values["body_html"],
                    partner_ids=partner.ids if partner.email else [],
                    subtype_xmlid="mail.mt_comment",
                    message_type="comment",
                    force_send=False,
                )
                reminder.message_id = message


class BoPaymentReminderLine(models.Model):
    _name = "bo.payment.reminder.line"
    _description = "Payment Reminder Log Line"

    reminder_id = fields.Many2one(
        "bo.payment.reminder", required=True, ondelete="cascade", index=True
    )
    move_id = fields.Many2one("account.move", string="Invoice", required=True, index=True)
    # NOTE: a plain copy of the reminder's level (not a related field) so the
    # unique key holds from the very INSERT.
    level = fields.Selection(REMINDER_LEVELS, required=True)
    invoice_date_due = fields.Date(related="move_id.invoice_date_due")
    amount_residual = fields.Monetary(related="move_id.amount_residual")
    currency_id = fields.Many2one(related="move_id.currency_id")

    _sql_constraints = [
        (
            "move_level_uniq",
            "unique(move_id, level)",
            "An invoice gets each reminder level only once.",
        )
    ]
