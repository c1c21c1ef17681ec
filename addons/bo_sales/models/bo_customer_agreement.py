# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

#: The back office is reminded this many days before an agreement ends.
EXPIRY_NOTICE_DAYS = 30


class BoCustomerAgreement(models.Model):
    """A framework agreement with a customer: prices valid for a period."""

    _name = "bo.customer.agreement"
    _description = "Customer Framework Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Prices agreed with the customer; or list product discounts below.",
    )
    line_ids = fields.One2many("bo.customer.agreement.line", "agreement_id", string="Discounts")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    note = fields.Html(string="Conditions")
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("future", "Not Started"), ("running", "Running"), ("expired", "Expired")],
        compute="_compute_state",
        search="_search_state",
    )

    @api.depends("date_start", "date_end")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            if agreement.date_start and agreement.date_start > today:
                agreement.state = "future"
            elif agreement.date_end and agreement.date_end < today:
                agreement.state = "expired"
            else:
                agreement.state = "running"

    def _search_state(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(self.env._("Unsupported search on the agreement state."))
        today = fields.Date.context_today(self)
        domains = {
            "future": [("date_start", ">", today)],
            "expired": [("date_end", "<", today)],
            "running": [("date_start", "<=", today), ("date_end", ">=", today)],
        }
        domain = domains.get(value, [("id", "=", 0)])
        if operator == "=":
            return domain
        return [("id", "not in", self._search(domain))]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if agreement.date_end < agreement.date_start:
                raise ValidationError(
                    self.env._("Agreement %(name)s ends before it starts.", name=agreement.name)
                )

    @api.model
    def _cron_remind_expiring(self):
        """One activity per agreement ending within 30 days (never twice)."""
        today = fields.Date.context_today(self)
        expiring = self.search(
            [
                ("date_end", ">=", today),
                ("date_end", "<=", today + timedelta(days=EXPIRY_NOTICE_DAYS)),
            ]
        )
        return expiring._bo_activity_schedule_once(
            self.env.ref("bo_sales.mail_activity_type_agreement_expiry"),
            user=lambda agreement: agreement.user_id or self.env.user,
            # NOTE: in the language of the job's user, not the assignee's.
            summary=lambda agreement, _env: self.env._(
                "Agreement %(name)s expires on %(date)s",
                name=agreement.name,
                date=agreement.date_end,
            ),
            date_deadline=lambda agreement: fields.Date.subtract(agreement.date_end, days=7),
        )


class BoCustomerAgreementLine(models.Model):
    _name = "bo.customer.agreement.line"
    _description = "Customer Agreement Discount"

    agreement_id = fields.Many2one(
        "bo.customer.agreement", required=True, ondelete="cascade", index=True
    )
    product_id = fields.Many2one("product.product", required=True)
    discount = fields.Float(string="Discount (%)", digits="Discount")

    _sql_constraints = [
        ("discount_range", "check(discount >= 0 and discount <= 100)", "A discount is 0-100%."),
        (
            "product_uniq",
            "unique(agreement_id, product_id)",
            "A product appears once per agreement.",
        ),
    ]
