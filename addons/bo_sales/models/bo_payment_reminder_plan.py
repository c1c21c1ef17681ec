# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .bo_payment_reminder import REMINDER_LEVELS


class BoPaymentReminderPlan(models.TransientModel):
    """A row of the "Customers to Remind" list: what tonight's job will send."""

    _name = "bo.payment.reminder.plan"
    _description = "Customers to Remind"
    _order = "partner_id, level"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    email = fields.Char(related="partner_id.email")
    level = fields.Selection(REMINDER_LEVELS, readonly=True)
    move_ids = fields.Many2many("account.move", string="Invoices", readonly=True)
    invoice_count = fields.Integer(compute="_compute_amounts")
    amount_due = fields.Monetary(compute="_compute_amounts", currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)

    @api.depends("move_ids")
    def _compute_amounts(self):
        for row in self:
            row.invoice_count = len(row.move_ids)
            row.amount_due = sum(row.move_ids.mapped("amount_residual_signed"))

    @api.model
    def action_open_plan(self):
        """Build the rows from the reminder planner and open them as a list."""
        # NOTE: checked first, as no row may come out of the planner.
        self.check_access("create")
        plan = self.env["bo.payment.reminder"]._bo_reminder_plan()
        rows = self.create(
            [
                {
                    "partner_id": item["partner"].id,
                    "level": item["level"],
                    "move_ids": [fields.Command.set(item["moves"].ids)],
                }
                for item in plan
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bo_sales.bo_payment_reminder_plan_action"
        )
        action["domain"] = [("id", "in", rows.ids)]
        return action

    def action_send_now(self):
        """Send the whole plan now (the same job as the nightly one)."""
        # NOTE: also callable on no row over RPC: the user must be allowed to
        # make reminders, as the nightly job does.
        self.env["bo.payment.reminder"].check_access("create")
        self.env["bo.payment.reminder"]._cron_send_reminders()
        return {"type": "ir.actions.act_window_close"}
