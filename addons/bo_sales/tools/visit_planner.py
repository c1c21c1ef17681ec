# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Visit planning on plain data (no ORM), so that it is fast and tested directly.

The caller (the planner wizard) prefetches agents' working windows, their busy
periods (appointments, absences, holidays) and the customers due for a visit,
then calls :func:`plan_visits`. All datetimes are naive UTC.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta


@dataclass
class PlanCustomer:
    id: int
    agent_id: int
    due_date: date
    last_visit: date | None = None
    town: str = ""
    area: str = ""

    def sort_key(self):
        # Never visited first, then the longest overdue, then a stable order.
        return (self.last_visit is not None, self.due_date, self.id)


@dataclass
class PlanAgent:
    id: int
    # Working windows (start, stop), any order, may span several days.
    windows: list = field(default_factory=list)
    # Busy periods (start, stop, counts_as_visit): appointments and leaves.
    busy: list = field(default_factory=list)


@dataclass
class PlanProposal:
    agent_id: int
    customer_id: int
    start: datetime
    stop: datetime


def area_of(zip_code, town):
    """Area used to group visits on one day: the 3-digit postcode prefix (an Italian
    province, roughly) or else the town."""
    zip_code = (zip_code or "").strip()
    if len(zip_code) >= 3:
        return zip_code[:3]
    return (town or "").strip().lower()


def _subtract(windows, busy):
    """Working windows minus busy periods, sorted."""
    free = []
    busy = sorted(busy)
    for w_start, w_stop in sorted(windows):
        cursor = w_start
        for b_start, b_stop in busy:
            if b_stop <= cursor or b_start >= w_stop:
                continue
            if b_start > cursor:
                free.append((cursor, b_start))
            cursor = max(cursor, b_stop)
            if cursor >= w_stop:
                break
        if cursor < w_stop:
            free.append((cursor, w_stop))
    return free


def _fit(free, earliest, duration):
    """First start >= earliest where duration fits in a free window, or None."""
    for f_start, f_stop in free:
        start = max(f_start, earliest)
        if start + duration <= f_stop:
            return start
    return None


def plan_visits(
    agents,
    customers,
    date_from,
    date_to,
    duration_minutes=60,
    buffer_minutes=30,
    max_per_day=5,
):
    """Propose visit slots.

    For each agent and each working day of [date_from, date_to], the day takes the
    most urgent due customer (never visited first, then by due date), then fills
    the day with the other due customers of the same area before moving to the next
    area; at most ``max_per_day`` visits a day counting existing ones; a travel
    buffer separates visits in different towns and existing busy periods.

    :return: list of PlanProposal sorted by agent and start
    """
    duration = timedelta(minutes=duration_minutes)
    buffer = timedelta(minutes=buffer_minutes)
    by_agent = defaultdict(list)
    for customer in customers:
        if customer.due_date <= date_to:
            by_agent[customer.agent_id].append(customer)

    proposals = []
    for agent in agents:
        queue = sorted(by_agent.get(agent.id, ()), key=PlanCustomer.sort_key)
        if not queue:
            continue
        by_area = defaultdict(list)
        for customer in queue:
            by_area[customer.area].append(customer)
        area_pos = dict.fromkeys(by_area, 0)
        planned = set()
        head = 0

        windows_by_day = defaultdict(list)
        for start, stop in agent.windows:
            if date_from <= start.date() <= date_to:
                windows_by_day[start.date()].append((start, stop))
        # Busy periods widened by the travel buffer: the agent must reach them.
        busy = [(b_start - buffer, b_stop + buffer) for b_start, b_stop, _v in agent.busy]
        visits_by_day = defaultdict(int)
        for b_start, _b_stop, is_visit in agent.busy:
            if is_visit:
                visits_by_day[b_start.date()] += 1

        for day in sorted(windows_by_day):
            slots_left = max_per_day - visits_by_day[day]
            if slots_left <= 0:
                continue
            free = _subtract(windows_by_day[day], busy)
            cursor, last_town = None, None
            while slots_left > 0:
                while head < len(queue) and queue[head].id in planned:
                    head += 1
                if head >= len(queue) or queue[head].due_date > day:
                    break  # nobody else is due on this day
                area = queue[head].area
                members = by_area[area]
                placed_any = False
                while slots_left > 0:
                    pos = area_pos[area]
                    while pos < len(members) and members[pos].id in planned:
                        pos += 1
                    area_pos[area] = pos
                    if pos >= len(members) or members[pos].due_date > day:
                        break
                    customer = members[pos]
                    earliest = free[0][0] if free else None
                    if earliest is None:
                        break
                    if cursor is not None:
                        earliest = cursor + (buffer if customer.town != last_town else timedelta())
                    start = _fit(free, earliest, duration)
                    if start is None:
                        break
                    proposals.append(PlanProposal(agent.id, customer.id, start, start + duration))
                    planned.add(customer.id)
                    cursor, last_town = start + duration, customer.town
                    slots_left -= 1
                    placed_any = True
                if not placed_any:
                    break  # the day is full
    proposals.sort(key=lambda p: (p.agent_id, p.start))
    return proposals
