# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    # NOTE: agents without a login have no resource.resource (it needs a user to be
    # meaningful), so their absences point to the agent contact directly. Leaves
    # with neither a resource nor an agent are company holidays.
    bo_agent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Agent",
        domain=[("bo_is_agent", "=", True)],
        index="btree_not_null",
        ondelete="cascade",
        help="Agent who is away (holidays, sick leave, trade fair).",
    )

    @api.model
    def _bo_agents_leaves_domain(self, agents, calendars, low, high, holiday_company=None):
        """Leaves overlapping [low, high) that keep ``agents`` away: their own
        absences, and the holidays (no resource, no agent) of ``calendars`` or
        of every calendar; of ``holiday_company`` or of none when it is given."""
        holidays = [
            ("bo_agent_id", "=", False),
            ("resource_id", "=", False),
            ("calendar_id", "in", [*calendars.ids, False]),
        ]
        if holiday_company is not None:
            holidays.append(("company_id", "in", [holiday_company.id, False]))
        return [
            ("date_from", "<", high),
            ("date_to", ">", low),
            "|",
            ("bo_agent_id", "in", agents.ids),
            *(["&"] * (len(holidays) - 1)),
            *holidays,
        ]
