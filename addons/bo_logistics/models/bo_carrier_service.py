# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class BoCarrierService(models.Model):
    """A courier's service (standard, express, pallet): its own speed and surcharge."""

    _name = "bo.carrier.service"
    _description = "Courier Service"
    _order = "carrier_id, sequence, id"

    carrier_id = fields.Many2one("delivery.carrier", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="carrier_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    transit_days_delta = fields.Integer(
        string="Transit Days Change",
        help="Added to the zone's transit days: -1 for an express service one day faster.",
    )
    surcharge = fields.Float(
        digits="Product Price", help="Added to the courier's price for this service."
    )
    max_weight = fields.Float(help="Heaviest shipment the service takes (0: no limit).")

    _sql_constraints = [
        (
            "code_carrier_uniq",
            "unique(carrier_id, code)",
            "A courier cannot have two services with the same code.",
        )
    ]
