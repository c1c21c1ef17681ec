# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class BoAgentAssignWizard(models.TransientModel):
    _name = "bo.agent.assign.wizard"
    _description = "Assign Agents by Territory"

    customer_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Customers",
        help="Customers to assign; empty means every company customer.",
    )
    overwrite = fields.Boolean(
        string="Replace Current Agents",
        help="Also reassign customers that already have an agent.",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner" and "customer_ids" in fields_list:
            res["customer_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return res

    def action_assign(self):
        self.ensure_one()
        customers = self.customer_ids or self.env["res.partner"].search(
            [("bo_is_agent", "=", False), ("is_company", "=", True)]
        )
        # sudo: assigning agents is a Back Office User duty, but that group does not
        # imply the Contact Creation right; only bo_agent_id of these customers is
        # written.
        assigned = customers.sudo()._bo_assign_agents_by_territory(overwrite=self.overwrite)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s customers got an agent.", count=len(assigned)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
