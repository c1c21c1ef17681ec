# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Kinds that take the agent to the customer's premises: they need travel time.
ONSITE_KINDS = ("visit", "demo", "payment_collection")
# Conflicts that make an appointment impossible: always refused.
BLOCKING_CONFLICTS = ("overlap", "absence")


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    bo_agent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Agent",
        domain=[("bo_is_agent", "=", True)],
        index="btree_not_null",
        help="Agent whose agenda holds this appointment.",
    )
    bo_customer_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        index="btree_not_null",
    )
    bo_customer_city = fields.Char(related="bo_customer_id.city", string="Customer's Town")
    bo_kind = fields.Selection(
        selection=[
            ("visit", "Visit"),
            ("call", "Call"),
            ("video_call", "Video Call"),
            ("demo", "Demo"),
            ("payment_collection", "Payment Collection"),
        ],
        string="Appointment Kind",
        default="visit",
    )
    bo_state = fields.Selection(
        selection=[
            ("planned", "Planned"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("missed", "Missed"),
        ],
        string="Appointment State",
        default="planned",
        index=True,
    )
    bo_outcome = fields.Text(string="Outcome", help="What came out of the appointment.")
    bo_order_ids = fields.One2many(
        comodel_name="sale.order",
        inverse_name="bo_visit_id",
        string="Orders Taken",
    )
    bo_order_count = fields.Integer(string="Orders", compute="_compute_bo_order_count")
    bo_conflict_warning = fields.Text(
        string="Conflicts",
        compute="_compute_bo_conflict_warning",
        help="Why this appointment does not fit the agent's agenda.",
    )
    bo_force_conflicts = fields.Boolean(
        string="Book Anyway",
        groups="bo_sales.bo_sales_group_user",
        copy=False,
        help="Keep the appointment despite the warnings (outside working hours, on a "
        "holiday, too little travel time). Overlaps and absences are always refused.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("bo_order_ids")
    def _compute_bo_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("bo_visit_id", "in", self.ids)], ["bo_visit_id"], ["__count"]
            )
        )
        for event in self:
            event.bo_order_count = counts.get(event, 0)

    @api.depends("start", "stop", "allday", "bo_agent_id", "bo_customer_id", "bo_kind", "bo_state")
    def _compute_bo_conflict_warning(self):
        conflicts = self._bo_get_conflicts()
        for event in self:
            messages = [message for _kind, message in conflicts.get(event, [])]
            event.bo_conflict_warning = "\n".join(messages) or False

    # ------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------

    @api.constrains(
        "start",
        "stop",
        "bo_agent_id",
        "bo_customer_id",
        "bo_kind",
        "bo_state",
        "bo_force_conflicts",
    )
    def _check_bo_conflicts(self):
        # NOTE: only bookings are checked: marking an appointment done or missed
        # records a fact and must not fail because the agenda changed meanwhile.
        conflicts = self.filtered(lambda e: e.bo_state == "planned")._bo_get_conflicts()
        # sudo: the flag is restricted to the back office; agents simply cannot set it.
        forced = self.sudo().filtered("bo_force_conflicts")
        errors = []
        for event, found in conflicts.items():
            blocking = [msg for kind, msg in found if kind in BLOCKING_CONFLICTS]
            warnings = [msg for kind, msg in found if kind not in BLOCKING_CONFLICTS]
            if blocking or (warnings and event not in forced):
                errors.append(
                    self.env._(
                        "%(event)s: %(problems)s",
                        event=event.display_name,
                        problems="; ".join(blocking + warnings),
                    )
                )
        if errors:
            raise ValidationError(
                self.env._(
                    "These appointments do not fit the agent's agenda:\n%(errors)s\n"
                    "Overlaps and absences are refused; for the other problems a "
                    "back-office user may tick 'Book Anyway'.",
                    errors="\n".join(errors),
                )
            )

    @api.onchange("bo_customer_id", "bo_kind")
    def _onchange_bo_name(self):
        """Propose the title a booking gets without one ("Visit: customer"): the
        form requires a title, and the clerk should not have to type it. A title
        the clerk wrote stays; a proposed one follows the customer and the kind."""
        labels = dict(self._fields["bo_kind"]._description_selection(self.env)).values()
        for event in self:
            proposed = not event.name or any(
                event.name.startswith(f"{label}: ") for label in labels
            )
            if event.bo_customer_id and proposed:
                event.name = event._bo_default_name(event.bo_kind, event.bo_customer_id)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_check_force_access(vals_list)
        for vals in vals_list:
            partner_ids = [vals[key] for key in ("bo_agent_id", "bo_customer_id") if vals.get(key)]
            if partner_ids and "partner_ids" not in vals:
                # NOTE: booked by the back office on the agent's behalf: the
                # attendees are the agent and the customer, not the clerk.
                vals["partner_ids"] = [Command.set(partner_ids)]
            elif partner_ids:
                vals["partner_ids"] = list(vals["partner_ids"]) + [
                    Command.link(partner_id) for partner_id in partner_ids
                ]
            if not vals.get("name") and vals.get("bo_customer_id"):
                vals["name"] = self._bo_default_name(
                    vals.get("bo_kind"), self.env["res.partner"].browse(vals["bo_customer_id"])
                )
        return super().create(vals_list)

    def write(self, vals):
        self._bo_check_force_access([vals])
        return super().write(vals)

    def _bo_check_force_access(self, vals_list):
        """Only the back office may book despite warnings: agents must not force
        their way into holidays or outside their hours (RPC included)."""
        if (
            any(vals.get("bo_force_conflicts") for vals in vals_list)
            and not self.env.su
            and not self.env.user.has_group("bo_sales.bo_sales_group_user")
        ):
            raise AccessError(
                self.env._("Only back-office users may book an appointment despite conflicts.")
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_bo_mark_done(self):
        self.write({"bo_state": "done"})

    def action_bo_mark_missed(self):
        self.write({"bo_state": "missed"})

    def action_bo_cancel(self):
        self.write({"bo_state": "cancelled"})

    def action_bo_create_order(self):
        """One click from a done visit: a quotation for its customer, with the agent
        and the visit linked. Returns the quotation's form."""
        not_ready = self.filtered(lambda e: e.bo_state != "done" or not e.bo_customer_id)
        if not_ready:
            raise UserError(
                self.env._(
                    "An order can be created only from a done appointment with a "
                    "customer: %(names)s.",
                    names=", ".join(not_ready.mapped("display_name")),
                )
            )
        orders = self.env["sale.order"].create(self._bo_prepare_order_vals_list())
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_quotations_with_onboarding"
        )
        if len(orders) == 1:
            action.update({"view_mode": "form", "views": [(False, "form")], "res_id": orders.id})
        else:
            action["domain"] = [("id", "in", orders.ids)]
        return action

    def action_bo_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("bo_visit_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------

    @api.model
    def _bo_default_name(self, kind, customer):
        """Title of an appointment without one: its kind and the customer's name."""
        labels = dict(self._fields["bo_kind"]._description_selection(self.env))
        return f"{labels[kind or 'visit']}: {customer.name}"

    def _bo_prepare_order_vals_list(self):
        return [
            {
                "partner_id": event.bo_customer_id.id,
                "bo_agent_id": event.bo_agent_id.id,
                "bo_visit_id": event.id,
                "user_id": (event.bo_agent_id.user_ids[:1] or self.env.user).id,
                "origin": event.name,
            }
            for event in self
        ]

    def _bo_send_invitations(self, notify_customer=False):
        """Queue the invitation of each appointment to its agent and, if asked, to
        its customer, each in their own language (the templates render in the
        recipient's language). Returns the queued mail.mail records."""
        with_agent_mail = self.filtered(lambda e: e.bo_agent_id.email)
        mails = self.env.ref("bo_sales.bo_visit_invitation_agent_mail_template").send_mail_batch(
            with_agent_mail.ids, force_send=False
        )
        if notify_customer:
            with_customer_mail = self.filtered(lambda e: e.bo_customer_id.email)
            mails |= self.env.ref(
                "bo_sales.bo_visit_invitation_customer_mail_template"
            ).send_mail_batch(with_customer_mail.ids, force_send=False)
        return mails

    # ------------------------------------------------------------
    # Conflicts
    # ------------------------------------------------------------

    @api.model
    def _bo_travel_buffer(self):
        # sudo: system parameters are readable by administrators only.
        minutes = (
            self.env["ir.config_parameter"].sudo().get_param("bo_sales.travel_buffer_minutes", "30")
        )
        return timedelta(minutes=int(minutes or 0))

    def _bo_local_start(self):
        self.ensure_one()
        tz = pytz.timezone(self.bo_agent_id._bo_agent_tz())
        return pytz.utc.localize(self.start).astimezone(tz)

    def _bo_get_conflicts(self):
        """Conflicts of the appointments in self with the agent's agenda.

        Set-based: one search for the agents' other appointments, one for their
        absences and holidays, one attendance computation per working calendar,
        whatever the number of appointments. Works on unsaved records too (the form
        shows the warnings while the clerk types).

        :return: {event: [(kind, message)]}, kind in 'overlap', 'absence',
            'holiday', 'outside_hours', 'travel'
        """
        events = self.filtered(
            lambda e: e.bo_agent_id
            and e.start
            and e.stop
            and not e.allday
            and e.bo_state != "cancelled"
        )
        if not events:
            return {}
        result = defaultdict(list)
        buffer = self._bo_travel_buffer()
        low = min(events.mapped("start")) - buffer
        high = max(events.mapped("stop")) + buffer
        agents = events.bo_agent_id
        saved_ids = [event._origin.id for event in events if event._origin.id]

        # Other appointments of the same agents (saved ones and the ones of self).
        others = self.sudo().search(  # sudo: an agent's conflicts count even if hidden
            [
                ("bo_agent_id", "in", agents.ids),
                ("bo_state", "!=", "cancelled"),
                ("start", "<", high),
                ("stop", ">", low),
                ("id", "not in", saved_ids),
            ]
        )
        slots_by_agent = defaultdict(list)
        for event in list(others) + list(events):
            slots_by_agent[event.bo_agent_id.id].append(
                (event.start, event.stop, event._origin.id or event.id, event)
            )
        for event in events:
            key = event._origin.id or event.id
            town = (event.bo_customer_id.city or "").strip().lower()
            for start, stop, other_key, other in slots_by_agent[event.bo_agent_id.id]:
                # NOTE: a NewId without origin is not equal to itself: compare identity.
                if other_key is key or other_key == key:
                    continue
                if start < event.stop and stop > event.start:
                    result[event].append(
                        (
                            "overlap",
                            # sudo: the other appointment may be hidden to the user.
                            self.env._("overlaps %(other)s", other=other.sudo().name),
                        )
                    )
                    continue
                other_town = (other.bo_customer_id.city or "").strip().lower()
                if (
                    event.bo_kind in ONSITE_KINDS
                    and other.bo_kind in ONSITE_KINDS
                    and town
                    and other_town
                    and town != other_town
                    and start < event.stop + buffer
                    and stop > event.start - buffer
                ):
                    result[event].append(
                        (
                            "travel",
                            self.env._(
                                "less than %(minutes)s minutes of travel from %(other)s "
                                "in %(town)s",
                                minutes=int(buffer.total_seconds() // 60),
                                other=other.sudo().name,  # sudo: as for overlaps
                                town=other.bo_customer_id.city,
                            ),
                        )
                    )

        # Absences of the agents and holidays (leaves without resource nor agent).
        calendars = agents.bo_resource_calendar_id
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(  # sudo: agents read no leaves
                self.env["resource.calendar.leaves"]._bo_agents_leaves_domain(
                    agents, calendars, low, high
                )
            )
        )
        for event in events:
            for leave in leaves:
                if not (leave.date_from < event.stop and leave.date_to > event.start):
                    continue
                if leave.bo_agent_id == event.bo_agent_id:
                    result[event].append(
                        (
                            "absence",
                            self.env._("the agent is away (%(reason)s)", reason=leave.name or "-"),
                        )
                    )
                elif (
                    not leave.bo_agent_id
                    and (
                        not leave.calendar_id
                        or leave.calendar_id == event.bo_agent_id.bo_resource_calendar_id
                    )
                    and (
                        not leave.company_id
                        or leave.company_id == (event.user_id.company_id or self.env.company)
                    )
                ):
                    result[event].append(
                        (
                            "holiday",
                            self.env._("public holiday (%(reason)s)", reason=leave.name or "-"),
                        )
                    )

        # Working hours of each calendar, computed once over the whole range.
        for calendar in calendars:
            tz = pytz.timezone(calendar.tz or "UTC")
            intervals = calendar._attendance_intervals_batch(
                pytz.utc.localize(low - timedelta(days=1)),
                pytz.utc.localize(high + timedelta(days=1)),
                tz=tz,
            )[False]
            spans = []
            for start, stop, _att in sorted(intervals, key=lambda i: i[0]):
                start = start.astimezone(pytz.utc).replace(tzinfo=None)
                stop = stop.astimezone(pytz.utc).replace(tzinfo=None)
                if spans and start <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], stop)
                else:
                    spans.append([start, stop])
            for event in events.filtered(
                lambda e, c=calendar: e.bo_agent_id.bo_resource_calendar_id == c
            ):
                if not any(s <= event.start and event.stop <= e for s, e in spans):
                    result[event].append(
                        (
                            "outside_hours",
                            self.env._(
                                "outside the agent's working hours (%(calendar)s)",
                                calendar=calendar.name,
                            ),
                        )
                    )
        return dict(result)
