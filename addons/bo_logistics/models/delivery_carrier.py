# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import planner


class DeliveryCarrier(models.Model):
    """Couriers are Odoo delivery methods with what the back office needs to plan.

    Prices come from Odoo's own pricing (fixed or ``delivery.price.rule``), the
    tracking link from ``tracking_url`` and its ``<shipmenttrackingnumber>`` placeholder.
    """

    _inherit = "delivery.carrier"

    bo_contact_id = fields.Many2one(
        "res.partner", string="Courier Contact", help="The courier's company and address."
    )
    bo_pickup_email = fields.Char(
        string="Pickup Email", help="Pickup manifests are sent to this address."
    )
    bo_service_ids = fields.One2many("bo.carrier.service", "carrier_id", string="Services")
    bo_transit_ids = fields.One2many("bo.carrier.transit", "carrier_id", string="Transit Times")
    bo_cutoff_time = fields.Float(
        string="Pickup Cut-off",
        default=16.0,
        help="Parcels ready after this hour leave with the next working day's pickup.",
    )
    bo_cod_available = fields.Boolean(string="Cash on Delivery")
    bo_cod_fee = fields.Float(string="COD Fee", digits="Product Price")

    @api.constrains("bo_cutoff_time")
    def _check_bo_cutoff_time(self):
        for carrier in self:
            if not 0 <= carrier.bo_cutoff_time < 24:
                raise ValidationError(self.env._("The pickup cut-off must be an hour of the day."))

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------

    def _bo_working_days(self, company):
        """Working-day arithmetic of the company's working calendar.

        Returns ``nth(day, n)``: the ``n``-th working day counting from ``day``
        itself (``n`` >= 1), as ``resource.calendar.plan_days`` finds it in the
        company's calendar (its attendances, less its public holidays). Memoized:
        a day of shipments asks for a handful of (day, n) pairs, whatever the
        number of transfers. With no calendar (or one with no working time) every
        day counts.
        """
        calendar = company.resource_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        memo = {}

        def nth(day, n):
            if (day, n) not in memo:
                start = tz.localize(datetime.combine(day, time.min))
                planned = calendar and calendar.plan_days(n, start, compute_leaves=True)
                memo[day, n] = planned.date() if planned else day + timedelta(days=n - 1)
            return memo[day, n]

        return nth

    def _bo_service_table(self):
        """Everything the planner needs about these carriers, read once."""
        table = []
        for carrier in self:
            if carrier.delivery_type == "base_on_rule":
                rules = [
                    (
                        r.variable,
                        r.operator,
                        r.max_value,
                        r.list_base_price,
                        r.list_price,
                        r.variable_factor,
                    )
                    for r in carrier.price_rule_ids
                ]
            elif carrier.delivery_type == "fixed":
                rules = [("price", ">=", float("-inf"), carrier.fixed_price, 0.0, "price")]
            else:
                # NOTE: API providers price through their web service, not here.
                continue
            zones = [
                (z.country_id.id, z.state_id.id, z.zip_from, z.zip_to, z.transit_days)
                for z in carrier.bo_transit_ids
            ]
            services = carrier.bo_service_ids or [False]
            for service in services:
                table.append(
                    {
                        "carrier": carrier,
                        "service": service or self.env["bo.carrier.service"],
                        "rules": rules,
                        "zones": zones,
                        "delta": service.transit_days_delta if service else 0,
                        "surcharge": service.surcharge if service else 0.0,
                        "max_weight": (service.max_weight if service else 0.0)
                        or carrier.max_weight,
                        "country_ids": set(carrier.country_ids.ids),
                        "state_ids": set(carrier.state_ids.ids),
                        "zip_prefixes": tuple(
                            p.upper() for p in carrier.zip_prefix_ids.mapped("name")
                        ),
                    }
                )
        return table

    @api.model
    def _bo_shipping_options(self, pickings, now=None):
        """Priced and dated options of every courier service for each transfer.

        Set-based: carriers, rules and zones are read once for all ``pickings``,
        working days are counted once per delay. Returns {picking id: [option
        dict]}, an option having carrier, service, price and expected_date; a
        transfer no courier can take gets an empty list.
        """
        result = {picking.id: [] for picking in pickings}
        if not pickings:
            return result
        now = now or fields.Datetime.now()
        by_company = defaultdict(lambda: self.env["stock.picking"])
        for picking in pickings:
            by_company[picking.company_id] |= picking
        for company, company_pickings in by_company.items():
            carriers = self.search(
                [
                    ("company_id", "in", [company.id, False]),
                    ("delivery_type", "in", ["fixed", "base_on_rule"]),
                ]
            )
            table = carriers._bo_service_table()
            tz = pytz.timezone(company.partner_id.tz or self.env.user.tz or "Europe/Rome")
            local_now = pytz.utc.localize(now).astimezone(tz).replace(tzinfo=None)
            nth_working_day = self._bo_working_days(company)
            # Many transfers share a zone and a delay: compute each once.
            transit_memo, date_memo = {}, {}
            for picking in company_pickings:
                partner = picking.partner_id
                country_id, state_id = partner.country_id.id, partner.state_id.id
                zip_code = (partner.zip or "").strip().upper()
                values = picking._bo_price_values()
                cod = bool(picking.bo_cod_amount)
                options = result[picking.id]
                for index, row in enumerate(table):
                    carrier = row["carrier"]
                    if cod and not carrier.bo_cod_available:
                        continue
                    if row["country_ids"] and country_id not in row["country_ids"]:
                        continue
                    if row["state_ids"] and state_id not in row["state_ids"]:
                        continue
                    if row["zip_prefixes"] and not zip_code.startswith(row["zip_prefixes"]):
                        continue
                    if row["max_weight"] and values["weight"] > row["max_weight"]:
                        continue
                    zone_key = (index, country_id, state_id, zip_code)
                    if zone_key not in transit_memo:
                        transit_memo[zone_key] = planner.transit_days(
                            row["zones"], country_id, state_id, zip_code
                        )
                    days = transit_memo[zone_key]
                    if days is None:
                        continue
                    price = planner.rule_price(row["rules"], values)
                    if price is None:
                        continue
                    if carrier.delivery_type == "base_on_rule":
                        price = price * (1.0 + carrier.margin) + carrier.fixed_margin
                    price += row["surcharge"] + (carrier.bo_cod_fee if cod else 0.0)
                    date_key = (carrier.id, max(days + row["delta"], 0))
                    if date_key not in date_memo:
                        # The pickup is the first working day from there on, the
                        # delivery ``days`` working days after it.
                        ready = planner.pickup_from(local_now, carrier.bo_cutoff_time)
                        date_memo[date_key] = nth_working_day(ready, date_key[1] + 1)
                    expected = date_memo[date_key]
                    options.append(
                        {
                            "carrier": carrier,
                            "service": row["service"],
                            "price": company.currency_id.round(price),
                            "expected_date": expected,
                        }
                    )
        return result
