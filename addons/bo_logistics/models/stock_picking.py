# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import planner

SHIPPING_STATES = [
    ("to_ship", "To Ship"),
    ("picked_up", "Picked Up"),
    ("in_transit", "In Transit"),
    ("delivered", "Delivered"),
    ("exception", "Exception"),
    ("returned", "Returned"),
]

RETURN_REASONS = [
    ("damaged", "Damaged goods"),
    ("wrong_item", "Wrong item shipped"),
    ("not_ordered", "Not ordered"),
    ("refused", "Refused by the customer"),
    ("defective", "Defective product"),
    ("other", "Other"),
]


class StockPicking(models.Model):
    """Shipment data on transfers: courier service, parcels, dates, tracking state."""

    _inherit = "stock.picking"

    bo_shipping_state = fields.Selection(
        SHIPPING_STATES,
        string="Shipping State",
        default="to_ship",
        copy=False,
        index=True,
        tracking=True,
    )
    bo_service_id = fields.Many2one(
        "bo.carrier.service",
        string="Courier Service",
        domain="[('carrier_id', '=', carrier_id)]",
        copy=False,
    )
    bo_package_count = fields.Integer(string="Packages", default=1, copy=False)
    bo_net_weight = fields.Float(
        string="Net Weight",
        compute="_compute_bo_weights",
        store=True,
        readonly=False,
        digits="Stock Weight",
    )
    bo_gross_weight = fields.Float(
        string="Gross Weight",
        compute="_compute_bo_weights",
        store=True,
        readonly=False,
        digits="Stock Weight",
    )
    bo_volume = fields.Float(
        string="Volume", compute="_compute_bo_weights", store=True, readonly=False
    )
    bo_cod_amount = fields.Monetary(
        string="COD Amount",
        currency_field="bo_company_currency_id",
        copy=False,
        help="Cash the courier collects on delivery; only couriers offering COD are proposed.",
    )
    bo_company_currency_id = fields.Many2one(related="company_id.currency_id")
    bo_promised_date = fields.Date(
        string="Promised Date",
        compute="_compute_bo_promised_date",
        store=True,
        readonly=False,
        help="Delivery date promised to the customer (the order's commitment or expected date).",
    )
    bo_expected_date = fields.Date(string="Expected Delivery", copy=False, tracking=True)
    bo_delivered_date = fields.Date(string="Delivered On", copy=False, tracking=True)
    bo_shipping_update = fields.Datetime(string="Last Tracking Update", copy=False)
    bo_is_late = fields.Boolean(string="Late", copy=False, index=True, readonly=True)
    bo_manifest_id = fields.Many2one(
        "bo.pickup.manifest",
        string="Pickup Manifest",
        copy=False,
        index="btree_not_null",
        readonly=True,
    )
    bo_transport_document_ids = fields.Many2many(
        "bo.transport.document",
        "bo_transport_document_picking_rel",
        "picking_id",
        "document_id",
        string="Transport Documents",
        copy=False,
        readonly=True,
    )
    bo_return_reason = fields.Selection(RETURN_REASONS, string="Return Reason", copy=False)
    bo_return_note = fields.Char(string="Return Notes", copy=False)

    @api.depends("move_ids.product_id", "move_ids.product_uom_qty", "move_ids.state")
    def _compute_bo_weights(self):
        for picking in self:
            moves = picking.move_ids.filtered(lambda m: m.state != "cancel")
            weight = sum(m.product_qty * m.product_id.weight for m in moves)
            picking.bo_net_weight = weight
            picking.bo_gross_weight = weight
            picking.bo_volume = sum(m.product_qty * m.product_id.volume for m in moves)

    @api.depends("sale_id.commitment_date", "sale_id.expected_date")
    def _compute_bo_promised_date(self):
        for picking in self:
            promised = picking.sale_id.commitment_date or picking.sale_id.expected_date
            picking.bo_promised_date = promised and promised.date()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_bo_choose_courier(self):
        """Pick the cheapest courier service arriving by the promised date, for many transfers.

        Transfers no courier can take are left untouched and listed in the message.
        """
        pickings = self._bo_check_can_plan()
        options = self.env["delivery.carrier"]._bo_shipping_options(pickings)
        choices = {}
        for picking in pickings:
            choice = planner.choose(options[picking.id], picking.bo_promised_date)
            if choice:
                choices[picking] = choice
        self._bo_apply_choices(choices)
        missing = pickings - self.browse([p.id for p in choices])
        if missing:
            raise UserError(
                self.env._(
                    "No courier can take these transfers (zone, weight, COD): %(names)s",
                    names=", ".join(missing.mapped("name")),
                )
            )
        return True

    def action_bo_open_courier_choice(self):
        self.ensure_one()
        self._bo_check_can_plan()
        wizard = self.env["bo.courier.choice.wizard"].create({"picking_id": self.id})
        wizard._bo_load_options()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Courier Choice"),
            "res_model": "bo.courier.choice.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_bo_create_transport_document(self):
        documents = self.env["bo.transport.document"]._bo_create_from_pickings(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bo_logistics.bo_transport_document_action"
        )
        action["domain"] = [("id", "in", documents.ids)]
        if len(documents) == 1:
            action.update(view_mode="form", res_id=documents.id, views=[(False, "form")])
        return action

    def action_bo_send_delivery_notice(self):
        """Tell the customer the goods left, with the courier's tracking link.

        Posted on the delivery's chatter; the email waits in the mail queue.
        """
        template = self.env.ref("bo_logistics.mail_template_delivery_notice")
        for picking in self.filtered(lambda p: p.picking_type_code == "outgoing"):
            picking.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", force_send=False
            )
        return True

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _bo_check_can_plan(self):
        pickings = self.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
        )
        if not pickings:
            raise UserError(self.env._("Select outgoing transfers to plan."))
        on_manifest = pickings.filtered("bo_manifest_id")
        if on_manifest:
            raise UserError(
                self.env._(
                    "These shipments are already handed to a courier: %(names)s",
                    names=", ".join(on_manifest.mapped("name")),
                )
            )
        return pickings

    def _bo_price_values(self):
        """The figures Odoo's price rules read (price, weight, volume, wv, quantity)."""
        self.ensure_one()
        total = self.sale_id.amount_untaxed if self.sale_id else 0.0
        weight = self.bo_gross_weight or self.weight
        volume = self.bo_volume
        return {
            "price": total,
            "weight": weight,
            "volume": volume,
            "wv": weight * volume,
            "quantity": sum(self.move_ids.mapped("product_uom_qty")),
        }

    def _bo_apply_choices(self, choices):
        """Write the chosen courier, service, cost and expected date, grouped by value.

        ``choices``: {picking: option dict}. Also puts the courier cost on the orders
        whose customer pays shipping.
        """
        groups = defaultdict(lambda: self.env["stock.picking"])
        for picking, choice in choices.items():
            key = (
                choice["carrier"].id,
                choice["service"].id,
                choice["price"],
                choice["expected_date"],
            )
            groups[key] |= picking
        for (carrier_id, service_id, price, expected), pickings in groups.items():
            pickings.write(
                {
                    "carrier_id": carrier_id,
                    "bo_service_id": service_id or False,
                    "carrier_price": price,
                    "bo_expected_date": expected,
                }
            )
        self.browse([p.id for p in choices])._bo_update_order_delivery_line()

    def _bo_update_order_delivery_line(self):
        """Odoo's delivery line on the order carries the courier cost the customer pays."""
        orders = self.sale_id.filtered("bo_customer_pays_shipping")
        for order in orders:
            delivery_lines = order.order_line.filtered("is_delivery")
            if any(line.qty_invoiced for line in delivery_lines):
                # NOTE: an invoiced shipping cost is not rewritten; credit notes fix it.
                continue
            pickings = order.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state != "cancel" and p.carrier_id
            )
            if not pickings:
                continue
            order.set_delivery_line(pickings[-1].carrier_id, sum(pickings.mapped("carrier_price")))

    def _bo_set_shipping_state(self, state, when=None):
        """Move shipments to a tracking state; delivered ones get a date and are no longer late."""
        vals = {"bo_shipping_state": state, "bo_shipping_update": when or fields.Datetime.now()}
        if state == "delivered":
            vals.update(bo_delivered_date=(when or fields.Datetime.now()).date(), bo_is_late=False)
        elif state == "returned":
            vals["bo_is_late"] = False
        self.write(vals)

    @api.model
    def _cron_bo_flag_late_shipments(self, batch_size=1000):
        """Flag shipments past their expected date and not delivered; one activity each.

        Idempotent and by batches (see ``ir.cron._bo_process_in_batches``):
        ``bo_is_late`` marks a shipment done, written with its activity and the
        activity's notification to the assignee, which waits in the mail queue.
        A re-run, or a run picked up after a kill, flags only the shipments left.
        """
        today = fields.Date.context_today(self)
        open_states = ["to_ship", "picked_up", "in_transit", "exception"]
        self.search(
            [
                ("bo_is_late", "=", True),
                "|",
                ("bo_shipping_state", "not in", open_states),
                ("bo_expected_date", ">=", today),
            ]
        ).write({"bo_is_late": False})

        def find():
            return self.search(
                [
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "!=", "cancel"),
                    ("bo_shipping_state", "in", open_states),
                    ("bo_expected_date", "<", today),
                    ("bo_is_late", "=", False),
                ],
                order="id",
            )

        return self.env["ir.cron"]._bo_process_in_batches(
            find, lambda pickings: pickings._bo_flag_late(today), batch_size
        )

    def _bo_flag_late(self, today):
        """Flag these shipments late and give each one open late-shipment activity."""
        self.write({"bo_is_late": True})
        # NOTE: the assignees' "activity assigned" emails wait in the queue,
        # however the job is called (the scheduler's server action asks the same):
        # sent right after the commit by this process, a kill between sending
        # and the queue's bookkeeping would have them sent again.
        return self.with_context(mail_notify_force_send=False)._bo_activity_schedule_once(
            self.env.ref("bo_logistics.mail_activity_type_late_shipment"),
            user=lambda picking: picking.user_id or picking.sale_id.user_id or self.env.user,
            # in the language (and date format) of the person who will read it
            summary=lambda picking, env: env._(
                "Late shipment %(name)s: expected on %(date)s",
                name=picking.name,
                date=format_date(env, picking.bo_expected_date),
            ),
            date_deadline=today,
        )

    def _action_done(self):
        res = super()._action_done()
        returns = self.filtered(lambda p: p.return_id and p.picking_type_code == "incoming")
        if returns:
            returns.return_id.filtered(
                lambda p: p.picking_type_code == "outgoing"
            )._bo_set_shipping_state("returned")
            # A proposal for the back office, whoever receives the goods: a
            # warehouse operator may not create invoices.
            returns.sale_id.sudo()._bo_propose_credit_notes()
        return res

    def _bo_return_action(self):
        """Odoo's return wizard (stock.return.picking) on this delivered transfer."""
        self.ensure_one()
        wizard = self.env["stock.return.picking"].create({"picking_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Return"),
            "res_model": "stock.return.picking",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _bo_add_to_manifests(self):
        """Put the shipments on today's draft manifest of their courier (one per courier)."""
        pickings = self.filtered(lambda p: p.picking_type_code == "outgoing" and p.state == "done")
        if not pickings or any(not p.carrier_id for p in pickings):
            raise UserError(self.env._("Select shipped transfers that have a courier."))
        Manifest = self.env["bo.pickup.manifest"]
        today = fields.Date.context_today(self)
        manifests = Manifest
        for carrier, group in pickings.grouped("carrier_id").items():
            manifest = Manifest.search(
                [
                    ("carrier_id", "=", carrier.id),
                    ("date", "=", today),
                    ("state", "=", "draft"),
                    ("company_id", "=", self.env.company.id),
                ],
                limit=1,
            ) or Manifest.create({"carrier_id": carrier.id, "date": today})
            manifest.action_bo_add_shipments(group)
            manifests |= manifest
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bo_logistics.bo_pickup_manifest_action"
        )
        action["domain"] = [("id", "in", manifests.ids)]
        return action
