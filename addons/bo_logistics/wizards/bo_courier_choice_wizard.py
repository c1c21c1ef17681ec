# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields, models
from odoo.exceptions import UserError

from ..tools import planner


class BoCourierChoiceWizard(models.TransientModel):
    """Shows every courier service able to take a transfer, with cost and expected date."""

    _name = "bo.courier.choice.wizard"
    _description = "Courier Choice"

    picking_id = fields.Many2one("stock.picking", required=True, readonly=True)
    promised_date = fields.Date(related="picking_id.bo_promised_date")
    line_ids = fields.One2many("bo.courier.choice.wizard.line", "wizard_id", string="Alternatives")

    def _bo_load_options(self):
        self.ensure_one()
        options = self.env["delivery.carrier"]._bo_shipping_options(self.picking_id)[
            self.picking_id.id
        ]
        best = planner.choose(options, self.picking_id.bo_promised_date)
        self.line_ids = [Command.clear()] + [
            Command.create(
                {
                    "carrier_id": option["carrier"].id,
                    "service_id": option["service"].id,
                    "price": option["price"],
                    "expected_date": option["expected_date"],
                    "in_time": not self.promised_date
                    or option["expected_date"] <= self.promised_date,
                    "recommended": option is best,
                }
            )
            for option in sorted(options, key=lambda o: (o["price"], o["expected_date"]))
        ]


class BoCourierChoiceWizardLine(models.TransientModel):
    _name = "bo.courier.choice.wizard.line"
    _description = "Courier Choice Alternative"
    _order = "price, expected_date"

    wizard_id = fields.Many2one("bo.courier.choice.wizard", required=True, ondelete="cascade")
    carrier_id = fields.Many2one("delivery.carrier", string="Courier", readonly=True)
    service_id = fields.Many2one("bo.carrier.service", readonly=True)
    price = fields.Float(string="Cost", digits="Product Price", readonly=True)
    expected_date = fields.Date(string="Expected Delivery", readonly=True)
    in_time = fields.Boolean(string="On Time", readonly=True)
    recommended = fields.Boolean(readonly=True)

    def action_select(self):
        """The clerk's choice overrides the recommended one."""
        self.ensure_one()
        picking = self.wizard_id.picking_id
        if picking.bo_manifest_id:
            raise UserError(self.env._("This shipment is already handed to the courier."))
        picking._bo_apply_choices(
            {
                picking: {
                    "carrier": self.carrier_id,
                    "service": self.service_id,
                    "price": self.price,
                    "expected_date": self.expected_date,
                }
            }
        )
        return {"type": "ir.actions.act_window_close"}
