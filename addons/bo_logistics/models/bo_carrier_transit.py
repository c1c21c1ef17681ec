# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BoCarrierTransit(models.Model):
    """Working days a courier needs to reach a destination zone.

    A zone is a country, optionally narrowed to a province and a postcode range;
    the most specific zone matching the consignee wins.
    """

    _name = "bo.carrier.transit"
    _description = "Courier Transit Time"
    _order = "carrier_id, country_id, state_id, zip_from"

    carrier_id = fields.Many2one("delivery.carrier", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="carrier_id.company_id", store=True)
    country_id = fields.Many2one("res.country", required=True)
    state_id = fields.Many2one(
        "res.country.state", string="Province", domain="[('country_id', '=', country_id)]"
    )
    zip_from = fields.Char(string="Postcode From")
    zip_to = fields.Char(string="Postcode To")
    transit_days = fields.Integer(required=True, default=1)

    @api.constrains("transit_days", "zip_from", "zip_to")
    def _check_transit_days(self):
        for zone in self:
            if zone.transit_days < 0:
                raise ValidationError(self.env._("Transit days cannot be negative."))
            if zone.zip_to and not zone.zip_from:
                raise ValidationError(self.env._("Set the first postcode of the range."))
