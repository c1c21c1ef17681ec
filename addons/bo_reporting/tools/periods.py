# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Calendar periods of the periodic reports (pure Python, no ORM).

A period is a pair of dates ``(start, end)``, both included, in the company's
local calendar. Reports are about calendar periods (a month is a month, not
"the last 30 days" as Odoo's digest does) and a period is produced on its run
day, counted from the first day of the following period.
"""

import datetime
from collections import namedtuple

import pytz
from dateutil.relativedelta import relativedelta

Period = namedtuple("Period", ["start", "end"])

PERIODICITIES = ("weekly", "monthly", "quarterly", "yearly")


def local_today(now_utc, tz_name):
    """Return the local date of the naive UTC datetime ``now_utc`` in ``tz_name``."""
    tz = pytz.timezone(tz_name or "UTC")
    return pytz.utc.localize(now_utc).astimezone(tz).date()


def utc_bounds(period, tz_name):
    """Naive UTC datetimes ``[start, stop)`` covering the local days of ``period``.

    Order dates are stored in UTC: an order confirmed on 1 March at 00:30 in
    Rome is stored on 28/29 February at 23:30, and belongs to March.
    """
    tz = pytz.timezone(tz_name or "UTC")

    def to_utc(day):
        local = tz.localize(datetime.datetime.combine(day, datetime.time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return to_utc(period.start), to_utc(period.end + datetime.timedelta(days=1))


def period_containing(periodicity, day):
    """The calendar period of ``periodicity`` that contains ``day``."""
    if periodicity == "weekly":
        start = day - datetime.timedelta(days=day.weekday())
        return Period(start, start + datetime.timedelta(days=6))
    if periodicity == "monthly":
        start = day.replace(day=1)
        return Period(start, start + relativedelta(months=1, days=-1))
    if periodicity == "quarterly":
        start = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return Period(start, start + relativedelta(months=3, days=-1))
    if periodicity == "yearly":
        return Period(datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
    raise ValueError(f"Unknown periodicity {periodicity!r}")


def previous_period(periodicity, period):
    """The period of ``periodicity`` just before ``period``."""
    return period_containing(periodicity, period.start - datetime.timedelta(days=1))


def same_period_last_year(period):
    """``period`` one year earlier; 29 February becomes 28 February."""
    return Period(period.start - relativedelta(years=1), period.end - relativedelta(years=1))


def comparison_period(periodicity, period, comparison):
    """The period ``period`` is compared with: ``previous`` or ``last_year``."""
    if comparison == "previous":
        return previous_period(periodicity, period)
    if comparison == "last_year":
        if periodicity == "monthly" or periodicity == "quarterly" or periodicity == "yearly":
            # Calendar periods stay calendar periods: February 2025 is compared
            # with the whole of February 2024, 29th included.
            return period_containing(periodicity, period.start - relativedelta(years=1))
        return same_period_last_year(period)
    return None


def run_date(periodicity, period, run_day):
    """The local date on which ``period`` is due.

    ``run_day`` counts from 1 in the following period: the weekday (1 =
    Monday) for weekly reports, the day of the month otherwise (clamped to the
    length of the month, so 31 means the last day).
    """
    following = period.end + datetime.timedelta(days=1)
    run_day = max(int(run_day or 1), 1)
    if periodicity == "weekly":
        return following + datetime.timedelta(days=min(run_day, 7) - 1)
    last_day = (following + relativedelta(months=1, days=-1)).day
    return following.replace(day=min(run_day, last_day))


def due_period(periodicity, run_day, today):
    """The latest complete period whose run date is ``today`` or earlier."""
    period = previous_period(periodicity, period_containing(periodicity, today))
    if run_date(periodicity, period, run_day) > today:
        period = previous_period(periodicity, period)
    return period


def last_periods(periodicity, period, count):
    """``count`` periods ending with ``period``, oldest first."""
    periods = [period]
    for _i in range(count - 1):
        periods.append(previous_period(periodicity, periods[-1]))
    return list(reversed(periods))


def period_label(periodicity, period):
    """A short language-neutral label: 2026-03, 2026-Q1, 2026, 2026-03-02/08."""
    if periodicity == "monthly":
        return period.start.strftime("%Y-%m")
    if periodicity == "quarterly":
        return f"{period.start.year}-Q{(period.start.month - 1) // 3 + 1}"
    if periodicity == "yearly":
        return str(period.start.year)
    return f"{period.start.isoformat()}/{period.end.strftime('%d')}"
