# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class BoPartnerIssue(models.Model):
    """A kind of master-data problem of a customer or supplier (shown as a tag)."""

    _name = "bo.partner.issue"
    _description = "Partner Data Problem"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, readonly=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()

    _sql_constraints = [("code_uniq", "unique(code)", "The problem code must be unique.")]
