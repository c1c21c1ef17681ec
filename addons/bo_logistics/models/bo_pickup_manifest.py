# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class BoPickupManifest(models.Model):
    """A courier's pickup of one day (distinta di carico / borderò).

    A shipment points to its manifest through ``stock.picking.bo_manifest_id``: a
    single column, so a shipment can never be on two manifests, even when two
    clerks build manifests at the same time (the second write waits on the row lock
    and the check below sees the first manifest).
    """

    _name = "bo.pickup.manifest"
    _description = "Pickup Manifest"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(readonly=True, default="/", copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    carrier_id = fields.Many2one(
        "delivery.carrier", string="Courier", required=True, check_company=True, tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent")], default="draft", required=True, tracking=True
    )
    picking_ids = fields.One2many("stock.picking", "bo_manifest_id", string="Shipments")
    shipment_count = fields.Integer(compute="_compute_totals", string="Shipments Count")
    package_count = fields.Integer(compute="_compute_totals", string="Packages")
    total_weight = fields.Float(compute="_compute_totals", digits="Stock Weight")
    total_cod = fields.Monetary(
        compute="_compute_totals", string="Total COD", currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    sent_date = fields.Datetime(readonly=True, copy=False)

    @api.depends(
        "picking_ids.bo_package_count", "picking_ids.bo_gross_weight", "picking_ids.bo_cod_amount"
    )
    def _compute_totals(self):
        for manifest in self:
            pickings = manifest.picking_ids
            manifest.shipment_count = len(pickings)
            manifest.package_count = sum(pickings.mapped("bo_package_count"))
            manifest.total_weight = sum(pickings.mapped("bo_gross_weight"))
            manifest.total_cod = sum(pickings.mapped("bo_cod_amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("bo.pickup.manifest") or "/"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if any(m.state == "sent" for m in self):
            raise UserError(self.env._("A manifest sent to the courier cannot be deleted."))

    def action_bo_add_shipments(self, pickings):
        """Put shipments on this manifest; refuse those on another manifest or courier."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("Manifest %(name)s was already sent.", name=self.name))
        # NOTE: lock the rows so a concurrent manifest cannot take the same shipments.
        self.env.cr.execute(
            SQL("SELECT id FROM stock_picking WHERE id = ANY(%s) FOR UPDATE", pickings.ids)
        )
        pickings.invalidate_recordset(["bo_manifest_id"])
        taken = pickings.filtered(lambda p: p.bo_manifest_id and p.bo_manifest_id != self)
        if taken:
            raise UserError(
                self.env._(
                    "Already on another manifest: %(names)s", names=", ".join(taken.mapped("name"))
                )
            )
        wrong = pickings.filtered(
            lambda p: p.carrier_id != self.carrier_id or p.picking_type_code != "outgoing"
        )
        if wrong:
            raise ValidationError(
                self.env._(
                    "Only outgoing shipments of %(carrier)s can be on this manifest: %(names)s",
                    carrier=self.carrier_id.name,
                    names=", ".join(wrong.mapped("name")),
                )
            )
        pickings.write({"bo_manifest_id": self.id})
        return True

    @api.constrains("picking_ids", "carrier_id")
    def _check_pickings(self):
        for manifest in self:
            wrong = manifest.picking_ids.filtered(
                lambda p, m=manifest: p.carrier_id != m.carrier_id
                or p.picking_type_code != "outgoing"
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Only outgoing shipments of %(carrier)s can be on this manifest: %(names)s",
                        carrier=manifest.carrier_id.name,
                        names=", ".join(wrong.mapped("name")),
                    )
                )

    def action_bo_send(self):
        """Queue the manifest PDF to the courier's pickup email and mark shipments picked up."""
        template = self.env.ref("bo_logistics.mail_template_pickup_manifest")
        for manifest in self:
            if manifest.state != "draft":
                raise UserError(
                    self.env._("Manifest %(name)s was already sent.", name=manifest.name)
                )
            if not manifest.picking_ids:
                raise UserError(
                    self.env._("Manifest %(name)s has no shipments.", name=manifest.name)
                )
            if not manifest.carrier_id.bo_pickup_email:
                raise UserError(
                    self.env._(
                        "Courier %(carrier)s has no pickup email.", carrier=manifest.carrier_id.name
                    )
                )
        # NOTE: mark before queueing, in the same transaction: a retry never mails twice.
        self.write({"state": "sent", "sent_date": fields.Datetime.now()})
        self.picking_ids._bo_set_shipping_state("picked_up")
        for manifest in self:
            template.send_mail(manifest.id)
        return True
