# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Courier planning arithmetic with no ORM: cut-off, price rules, zones, choice.

The model layer loads carriers, services, zones and price rules once for a whole
set of transfers and calls these functions, so choosing couriers for a day of
shipments costs a handful of queries instead of a few per transfer. Working days
are the company's working calendar's (``resource.calendar``), counted by the
model layer (``delivery.carrier._bo_working_days``).
"""

import operator
from datetime import timedelta

OPERATORS = {
    "==": operator.eq,
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
}


def pickup_from(now, cutoff_hours):
    """The first day the courier may collect a parcel ready at ``now`` (a naive local
    datetime): that day before the daily cut-off, the next one after it.

    The courier collects on the first working day from there on.
    """
    day = now.date()
    hours = now.hour + now.minute / 60.0
    if cutoff_hours and hours >= cutoff_hours:
        day += timedelta(days=1)
    return day


def rule_price(rules, values):
    """Price from Odoo's delivery.price.rule semantics, without safe_eval.

    ``rules``: ordered tuples (variable, operator, max_value, base_price, price, factor);
    ``values``: dict with price, weight, volume, wv, quantity. Returns None when no rule
    matches (the carrier cannot take the parcel).
    """
    for variable, op, max_value, base_price, price, factor in rules:
        if OPERATORS[op](values[variable], max_value):
            return base_price + price * values[factor]
    return None


def zip_in_range(zip_code, zip_from, zip_to):
    """Postcode inside [zip_from, zip_to]; numeric comparison when all are digits."""
    zip_code = (zip_code or "").strip().upper()
    if not zip_code:
        return False
    zip_from = (zip_from or "").strip().upper()
    zip_to = (zip_to or "").strip().upper() or zip_from
    if zip_code.isdigit() and zip_from.isdigit() and zip_to.isdigit():
        return int(zip_from) <= int(zip_code) <= int(zip_to)
    return zip_from <= zip_code <= zip_to


def transit_days(zones, country_id, state_id, zip_code):
    """Transit days of the most specific matching zone, or None when none matches.

    ``zones``: tuples (country_id, state_id, zip_from, zip_to, days); a postcode
    range beats a province, which beats a whole country.
    """
    best = None
    best_rank = -1
    for z_country, z_state, zip_from, zip_to, days in zones:
        if z_country and z_country != country_id:
            continue
        if z_state and z_state != state_id:
            continue
        if (zip_from or zip_to) and not zip_in_range(zip_code, zip_from, zip_to):
            continue
        rank = (2 if (zip_from or zip_to) else 0) + (1 if z_state else 0)
        if rank > best_rank:
            best, best_rank = days, rank
    return best


def choose(options, promised_date):
    """The cheapest option arriving by ``promised_date``; else the earliest arrival.

    With no promised date the cheapest option wins.

    ``options``: dicts with at least ``price`` and ``expected_date``. Returns the chosen
    dict or None when there is no option at all.
    """
    if not options:
        return None
    if not promised_date:
        return min(options, key=lambda o: (o["price"], o["expected_date"]))
    in_time = [o for o in options if o["expected_date"] <= promised_date]
    if in_time:
        return min(in_time, key=lambda o: (o["price"], o["expected_date"]))
    return min(options, key=lambda o: (o["expected_date"], o["price"]))
