# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo.tests import BaseCase, tagged

from ..tools import planner, tracking_csv


@tagged("post_install", "-at_install")
class TestPlanner(BaseCase):
    def test_pickup_after_cutoff_is_next_day(self):
        """The courier's working days come later, from the company's calendar
        (test_courier_choice)."""
        thursday, friday = date(2026, 3, 5), date(2026, 3, 6)
        self.assertEqual(planner.pickup_from(datetime(2026, 3, 5, 15, 59), 16.0), thursday)
        self.assertEqual(planner.pickup_from(datetime(2026, 3, 5, 16, 0), 16.0), friday)
        self.assertEqual(planner.pickup_from(datetime(2026, 3, 5, 23, 0), 0.0), thursday)

    def test_most_specific_zone_wins(self):
        zones = [
            (1, False, "", "", 3),
            (1, 7, "", "", 2),
            (1, False, "40000", "40999", 1),
            (2, False, "", "", 5),
        ]
        self.assertEqual(planner.transit_days(zones, 1, False, "20100"), 3)
        self.assertEqual(planner.transit_days(zones, 1, 7, "20100"), 2)
        self.assertEqual(planner.transit_days(zones, 1, 7, "40121"), 1)
        self.assertEqual(planner.transit_days(zones, 2, False, "10115"), 5)
        self.assertIsNone(planner.transit_days(zones, 3, False, "75001"))

    def test_price_rules_like_odoo(self):
        rules = [
            ("weight", "<=", 3.0, 6.0, 0.0, "weight"),
            ("weight", "<=", 100.0, 10.0, 0.5, "weight"),
        ]
        self.assertEqual(planner.rule_price(rules, {"weight": 2.0}), 6.0)
        self.assertEqual(planner.rule_price(rules, {"weight": 20.0}), 20.0)
        self.assertIsNone(planner.rule_price(rules, {"weight": 200.0}))

    def test_choose_cheapest_in_time_else_earliest(self):
        slow = {"price": 5.0, "expected_date": date(2026, 3, 10)}
        fast = {"price": 12.0, "expected_date": date(2026, 3, 6)}
        self.assertIs(planner.choose([slow, fast], date(2026, 3, 10)), slow)
        self.assertIs(planner.choose([slow, fast], date(2026, 3, 9)), fast)
        self.assertIs(planner.choose([slow, fast], date(2026, 3, 1)), fast)
        self.assertIs(planner.choose([slow, fast], None), slow)
        self.assertIsNone(planner.choose([], None))

    def test_tracking_file_rows_and_errors(self):
        content = (
            b"tracking;status;date\n"
            b"TRK1;consegnato;05/03/2026 10:30\n"
            b"TRK2;teleported;2026-03-05\n"
            b"TRK3;in transit;not a date\n"
            b"only-one-cell\n"
        )
        rows, errors = tracking_csv.parse(content)
        self.assertEqual(rows, [(2, "TRK1", "delivered", datetime(2026, 3, 5, 10, 30))])
        self.assertEqual(
            [(e[0], e[1]) for e in errors], [(3, "status"), (4, "date"), (5, "columns")]
        )
