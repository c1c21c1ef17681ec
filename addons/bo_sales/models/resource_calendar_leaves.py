# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


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
