# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.check_engine import is_engine


class BoCheckFinding(models.Model):
    """A problem found on an order by a check rule.

    Findings are replaced as a whole each time the order is checked; an
    override given by a manager is carried over to the same finding (same rule
    and line) so it stays visible with its reason, author and date.
    """

    _name = "bo.check.finding"
    _description = "Order Check Finding"
    _order = "order_id, severity, sequence, id"
    # NOTE: findings are derived data, rewritten by the engine at every check
    # (thousands of rows for a nightly run): no creator/date columns, and the
    # company is the order's, not a column of its own. Each foreign key costs a
    # trigger per inserted row, and these made up most of a check's SQL time.
    _log_access = False

    rule_id = fields.Many2one(
        comodel_name="bo.check.rule", required=True, ondelete="cascade", index=True
    )
    order_id = fields.Many2one(
        comodel_name="sale.order", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(
        comodel_name="sale.order.line", ondelete="cascade", index="btree_not_null"
    )
    severity = fields.Selection(
        selection=[("blocking", "Blocking"), ("warning", "Warning")], required=True
    )
    message = fields.Char(required=True)
    company_id = fields.Many2one(related="order_id.company_id")
    sequence = fields.Integer(related="rule_id.sequence")
    code = fields.Char(related="rule_id.code")
    partner_id = fields.Many2one(related="order_id.partner_id")
    user_id = fields.Many2one(related="order_id.user_id")
    order_state = fields.Selection(related="order_id.state")
    product_id = fields.Many2one(related="line_id.product_id")
    overridden = fields.Boolean(readonly=True)
    override_reason = fields.Text(readonly=True)
    override_user_id = fields.Many2one(comodel_name="res.users", readonly=True)
    override_date = fields.Datetime(readonly=True)

    # ------------------------------------------------------------------
    # CRUD: the check engine and the override action only
    # ------------------------------------------------------------------

    def _bo_check_engine_only(self):
        # NOTE: whatever the group (administrators and sudo included): a finding
        # or its override written by hand would be a forged audit trail.
        if not is_engine(self.env):
            raise AccessError(
                self.env._(
                    "Order check findings are written by the order checks only: "
                    "run the checks again, or ask a Back Office Manager to override them."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_check_engine_only()
        return super().create(vals_list)

    def write(self, vals):
        self._bo_check_engine_only()
        return super().write(vals)

    def unlink(self):
        self._bo_check_engine_only()
        return super().unlink()
