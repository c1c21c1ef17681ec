# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    bo_max_discount = fields.Float(
        string="Maximum Discount (%)",
        help="Highest line discount this salesperson may grant without a manager; "
        "0 means no maximum. The order checks report larger discounts.",
    )

    def _bo_is_agent_only(self):
        """An agent who is not a back-office user: works on their own customers only."""
        self.ensure_one()
        return self.has_group("bo_sales.bo_sales_group_agent") and not self.has_group(
            "bo_sales.bo_sales_group_user"
        )

    def _bo_agent_rule_domain(self, domain):
        """The record-rule domain of an agent who is not a back-office user;
        no restriction for everyone else. Global rules call it (group rules are
        OR-ed, so only a global rule can narrow an agent who also holds Odoo's
        salesman groups)."""
        return domain if self._bo_is_agent_only() else [(1, "=", 1)]
