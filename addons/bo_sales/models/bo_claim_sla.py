# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

CLAIM_KINDS = [
    ("damaged", "Damaged goods"),
    ("wrong_item", "Wrong item"),
    ("late", "Late delivery"),
    ("missing", "Missing goods"),
    ("quality", "Quality"),
    ("invoice_error", "Invoice error"),
]


class BoClaimSla(models.Model):
    """How many days the back office has to settle a complaint of each kind."""

    _name = "bo.claim.sla"
    _description = "Complaint Service Level"
    _order = "kind"

    kind = fields.Selection(CLAIM_KINDS, required=True)
    days = fields.Integer(required=True, default=5, help="Days allowed to settle the complaint.")
    working_days = fields.Boolean(
        help="Count only the company's working days (its working schedule and public holidays)."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "kind_company_uniq",
            "unique(kind, company_id)",
            "One service level per kind and company.",
        ),
        ("days_positive", "check(days >= 0)", "The days of a service level cannot be negative."),
    ]
