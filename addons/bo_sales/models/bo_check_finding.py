# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class BoCheckFinding(models.Model):
    """A problem found on an order by a check rule.

    Findings are replaced as a whole each time the order is checked; an
    override given by a manager is carried over to the same finding (same rule
    and line) so it stays visible with its reason, author and date.
    """

    _name = "bo.check.finding"
    _description = "Order Check Finding"
    _order = "order_id, severity, sequence, id"
    _check_company_auto = True

    rule_id = fields.Many2one(
        comodel_name="bo.check.rule", required=True, ondelete="cascade", index=True
    )
    order_id = fields.Many2one(
        comodel_name="sale.order", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(comodel_name="sale.order.line", ondelete="cascade")
    severity = fields.Selection(
        selection=[("blocking", "Blocking"), ("warning", "Warning")], required=True
    )
    message = fields.Char(required=True)
    company_id = fields.Many2one(comodel_name="res.company", required=True, index=True)
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
