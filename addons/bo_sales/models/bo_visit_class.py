# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class BoVisitClass(models.Model):
    """How often the agent should visit a customer (A: often, C: seldom)."""

    _name = "bo.visit.class"
    _description = "Customer Visit Class"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    visit_frequency_days = fields.Integer(
        string="Visit Every (Days)",
        required=True,
        default=30,
        help="A customer of this class is due for a visit this many days after its "
        "last done visit.",
    )
    description = fields.Text()

    _sql_constraints = [
        (
            "visit_frequency_days_positive",
            "CHECK(visit_frequency_days > 0)",
            "The visit frequency must be a positive number of days.",
        ),
    ]
