# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo.tests import BaseCase, tagged

from ..tools import periods

D = datetime.date
P = periods.Period


@tagged("post_install", "-at_install")
class TestPeriods(BaseCase):
    def test_period_containing_month_ends_and_leap_years(self):
        self.assertEqual(
            periods.period_containing("monthly", D(2024, 2, 29)), P(D(2024, 2, 1), D(2024, 2, 29))
        )
        self.assertEqual(
            periods.period_containing("monthly", D(2023, 2, 28)), P(D(2023, 2, 1), D(2023, 2, 28))
        )
        self.assertEqual(
            periods.period_containing("monthly", D(2024, 12, 31)),
            P(D(2024, 12, 1), D(2024, 12, 31)),
        )
        self.assertEqual(
            periods.period_containing("quarterly", D(2024, 3, 31)), P(D(2024, 1, 1), D(2024, 3, 31))
        )
        self.assertEqual(
            periods.period_containing("quarterly", D(2024, 11, 5)),
            P(D(2024, 10, 1), D(2024, 12, 31)),
        )
        self.assertEqual(
            periods.period_containing("yearly", D(2024, 6, 5)), P(D(2024, 1, 1), D(2024, 12, 31))
        )
        # 1 January 2025 is a Wednesday: its week starts in 2024.
        self.assertEqual(
            periods.period_containing("weekly", D(2025, 1, 1)), P(D(2024, 12, 30), D(2025, 1, 5))
        )

    def test_comparison_periods(self):
        feb = P(D(2024, 2, 1), D(2024, 2, 29))
        self.assertEqual(
            periods.comparison_period("monthly", feb, "previous"), P(D(2024, 1, 1), D(2024, 1, 31))
        )
        self.assertEqual(
            periods.comparison_period("monthly", feb, "last_year"), P(D(2023, 2, 1), D(2023, 2, 28))
        )
        feb25 = P(D(2025, 2, 1), D(2025, 2, 28))
        self.assertEqual(
            periods.comparison_period("monthly", feb25, "last_year"),
            P(D(2024, 2, 1), D(2024, 2, 29)),
        )
        mar = P(D(2024, 3, 1), D(2024, 3, 31))
        self.assertEqual(periods.comparison_period("monthly", mar, "previous"), feb)
        week = P(D(2024, 2, 26), D(2024, 3, 3))
        self.assertEqual(
            periods.comparison_period("weekly", week, "previous"), P(D(2024, 2, 19), D(2024, 2, 25))
        )
        self.assertEqual(
            periods.same_period_last_year(P(D(2024, 2, 29), D(2024, 2, 29))),
            P(D(2023, 2, 28), D(2023, 2, 28)),
        )
        self.assertIsNone(periods.comparison_period("monthly", mar, "none"))

    def test_due_period_and_run_day(self):
        # Monthly on day 2: on 1 March February is not due yet, January is.
        self.assertEqual(
            periods.due_period("monthly", 2, D(2024, 3, 1)), P(D(2024, 1, 1), D(2024, 1, 31))
        )
        self.assertEqual(
            periods.due_period("monthly", 2, D(2024, 3, 2)), P(D(2024, 2, 1), D(2024, 2, 29))
        )
        # Day 31 on a 30-day month means its last day.
        self.assertEqual(
            periods.run_date("monthly", P(D(2024, 3, 1), D(2024, 3, 31)), 31), D(2024, 4, 30)
        )
        self.assertEqual(
            periods.due_period("quarterly", 1, D(2024, 4, 1)), P(D(2024, 1, 1), D(2024, 3, 31))
        )
        self.assertEqual(
            periods.due_period("yearly", 1, D(2025, 1, 1)), P(D(2024, 1, 1), D(2024, 12, 31))
        )
        # Weekly on Monday (1): on Monday 4 March the week of 26 February is due.
        self.assertEqual(
            periods.due_period("weekly", 1, D(2024, 3, 4)), P(D(2024, 2, 26), D(2024, 3, 3))
        )
        self.assertEqual(
            periods.due_period("weekly", 3, D(2024, 3, 5)), P(D(2024, 2, 19), D(2024, 2, 25))
        )

    def test_time_zones(self):
        # 23:30 UTC on 29 February is already 1 March in Rome, still 29 February in New York.
        moment = datetime.datetime(2024, 2, 29, 23, 30)
        self.assertEqual(periods.local_today(moment, "Europe/Rome"), D(2024, 3, 1))
        self.assertEqual(periods.local_today(moment, "America/New_York"), D(2024, 2, 29))
        self.assertEqual(periods.local_today(moment, False), D(2024, 2, 29))
        start, stop = periods.utc_bounds(P(D(2024, 3, 1), D(2024, 3, 31)), "Europe/Rome")
        # March 2024 in Rome: from 23:00 UTC on 29 February to 22:00 UTC on 31 March (summer time).
        self.assertEqual(start, datetime.datetime(2024, 2, 29, 23, 0))
        self.assertEqual(stop, datetime.datetime(2024, 3, 31, 22, 0))

    def test_last_periods_and_labels(self):
        trend = periods.last_periods("monthly", P(D(2024, 3, 1), D(2024, 3, 31)), 12)
        self.assertEqual(len(trend), 12)
        self.assertEqual(trend[0], P(D(2023, 4, 1), D(2023, 4, 30)))
        self.assertEqual(periods.period_label("monthly", trend[-1]), "2024-03")
        self.assertEqual(
            periods.period_label("quarterly", P(D(2024, 4, 1), D(2024, 6, 30))), "2024-Q2"
        )
