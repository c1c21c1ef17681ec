# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The pure planning algorithm, on plain data."""

from datetime import date, datetime, timedelta
from unittest import TestCase

from odoo.addons.bo_sales.tools.visit_planner import (
    PlanAgent,
    PlanCustomer,
    area_of,
    plan_visits,
)

MONDAY = date(2030, 3, 4)


def windows(days=5, start=date(2030, 3, 4)):
    """Mon-Fri 8-12 and 13-17 (naive UTC) from start."""
    result = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        base = datetime.combine(day, datetime.min.time())
        result.append((base + timedelta(hours=8), base + timedelta(hours=12)))
        result.append((base + timedelta(hours=13), base + timedelta(hours=17)))
    return result


def customer(cid, due=MONDAY, last=None, town="modena", zip_code="41100"):
    return PlanCustomer(
        id=cid,
        agent_id=1,
        due_date=due,
        last_visit=last,
        town=town,
        area=area_of(zip_code, town),
    )


class TestVisitPlanner(TestCase):
    def test_area_of(self):
        self.assertEqual(area_of("41121", "Modena"), "411")
        self.assertEqual(area_of("", " Modena "), "modena")

    def test_never_visited_first_then_most_overdue(self):
        customers = [
            customer(1, due=MONDAY, last=date(2030, 2, 1)),
            customer(2, due=MONDAY - timedelta(days=20), last=date(2030, 1, 1)),
            customer(3),
        ]
        agent = PlanAgent(id=1, windows=windows(1))
        proposals = plan_visits([agent], customers, MONDAY, MONDAY, max_per_day=3)
        self.assertEqual([p.customer_id for p in proposals], [3, 2, 1])

    def test_not_due_customers_wait(self):
        customers = [customer(1, due=MONDAY + timedelta(days=2), last=date(2030, 2, 1))]
        agent = PlanAgent(id=1, windows=windows(5))
        proposals = plan_visits([agent], customers, MONDAY, MONDAY + timedelta(days=4))
        self.assertEqual(len(proposals), 1)
        self.assertEqual(proposals[0].start.date(), MONDAY + timedelta(days=2))
        # Due after the period: not planned at all.
        late = [customer(2, due=MONDAY + timedelta(days=30), last=date(2030, 2, 1))]
        self.assertEqual(plan_visits([agent], late, MONDAY, MONDAY + timedelta(days=4)), [])

    def test_max_per_day_and_slots_in_working_hours(self):
        customers = [customer(i) for i in range(1, 8)]
        agent = PlanAgent(id=1, windows=windows(5))
        proposals = plan_visits(
            [agent], customers, MONDAY, MONDAY + timedelta(days=4), max_per_day=3, buffer_minutes=30
        )
        by_day = {}
        for proposal in proposals:
            by_day.setdefault(proposal.start.date(), []).append(proposal)
        self.assertEqual([len(v) for _k, v in sorted(by_day.items())], [3, 3, 1])
        work = windows(5)
        for proposal in proposals:
            self.assertTrue(any(s <= proposal.start and proposal.stop <= e for s, e in work))
            self.assertEqual(proposal.stop - proposal.start, timedelta(minutes=60))
        # Same town: visits back to back, no travel buffer.
        monday = [p for p in proposals if p.start.date() == MONDAY]
        self.assertEqual(monday[1].start, monday[0].stop)

    def test_groups_same_area_on_same_day(self):
        customers = [
            customer(1, town="modena", zip_code="41121"),
            customer(2, town="milano", zip_code="20121"),
            customer(3, town="maranello", zip_code="41153"),
            customer(4, town="milano", zip_code="20143"),
            customer(5, town="modena", zip_code="41125"),
        ]
        agent = PlanAgent(id=1, windows=windows(5))
        proposals = plan_visits(
            [agent], customers, MONDAY, MONDAY + timedelta(days=4), max_per_day=3, buffer_minutes=30
        )
        days = {p.customer_id: p.start.date() for p in proposals}
        tuesday = MONDAY + timedelta(days=1)
        # The 411 area (Modena, Maranello) on Monday, Milan (201) on Tuesday,
        # although Milan customers rank before Modena ones by urgency.
        self.assertEqual(days, {1: MONDAY, 3: MONDAY, 5: MONDAY, 2: tuesday, 4: tuesday})
        monday = sorted((p for p in proposals if p.start.date() == MONDAY), key=lambda p: p.start)
        self.assertEqual([p.customer_id for p in monday], [1, 3, 5])
        # Maranello between two Modena visits: the travel buffer on both sides.
        self.assertEqual(monday[1].start - monday[0].stop, timedelta(minutes=30))
        self.assertEqual(monday[2].start - monday[1].stop, timedelta(minutes=30))
        milan = sorted((p for p in proposals if p.start.date() == tuesday), key=lambda p: p.start)
        self.assertEqual(milan[1].start, milan[0].stop, "same town: no buffer")

    def test_busy_periods_and_existing_visits_are_respected(self):
        base = datetime.combine(MONDAY, datetime.min.time())
        busy = [
            # an existing visit 8-9 counts in the daily limit and blocks + buffer
            (base + timedelta(hours=8), base + timedelta(hours=9), True),
            # an absence the whole Tuesday
            (base + timedelta(days=1), base + timedelta(days=2), False),
        ]
        agent = PlanAgent(id=1, windows=windows(2), busy=busy)
        customers = [customer(i) for i in range(1, 5)]
        proposals = plan_visits(
            [agent], customers, MONDAY, MONDAY + timedelta(days=1), max_per_day=3, buffer_minutes=30
        )
        self.assertEqual(len(proposals), 2, "one slot of three is taken by the existing visit")
        self.assertGreaterEqual(proposals[0].start, base + timedelta(hours=9, minutes=30))
        self.assertTrue(all(p.start.date() == MONDAY for p in proposals))

    def test_full_day_moves_to_next_day(self):
        one_hour = [
            (datetime(2030, 3, 4, 8), datetime(2030, 3, 4, 9)),
            (datetime(2030, 3, 5, 8), datetime(2030, 3, 5, 10)),
        ]
        agent = PlanAgent(id=1, windows=one_hour)
        proposals = plan_visits(
            [agent], [customer(1), customer(2)], MONDAY, MONDAY + timedelta(days=1), max_per_day=5
        )
        self.assertEqual(
            [p.start for p in proposals], [datetime(2030, 3, 4, 8), datetime(2030, 3, 5, 8)]
        )
