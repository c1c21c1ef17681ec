# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class BoAgendaDispatch(models.Model):
    """One row per agent and week whose agenda the weekly cron has queued: the
    unique key makes a re-run (or a concurrent run) send nothing twice."""

    _name = "bo.agenda.dispatch"
    _description = "Weekly Agenda Sent to an Agent"
    _order = "week_start desc, id desc"

    agent_id = fields.Many2one(
        comodel_name="res.partner", required=True, ondelete="cascade", index=True
    )
    week_start = fields.Date(required=True, help="Monday of the week of the agenda.")
    mail_id = fields.Many2one(comodel_name="mail.mail", string="E-mail", ondelete="set null")

    _sql_constraints = [
        (
            "agent_week_unique",
            "UNIQUE(agent_id, week_start)",
            "The agenda of this week was already sent to this agent.",
        ),
    ]
