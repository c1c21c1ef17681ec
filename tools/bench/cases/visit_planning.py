# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the visit planner over four weeks for 20 agents and 2 000 customers."""

from datetime import date, datetime, timedelta

from odoo import Command

CASE = {"name": "visit_planning", "size": "4 weeks, 20 agents, 2000 customers", "target_s": 5.0}

TOWNS = [
    ("Modena", "41121"),
    ("Carpi", "41012"),
    ("Bologna", "40127"),
    ("Imola", "40026"),
    ("Reggio Emilia", "42124"),
    ("Parma", "43121"),
    ("Milano", "20121"),
    ("Monza", "20900"),
    ("Bergamo", "24125"),
    ("Brescia", "25123"),
]


def prepare(env, agents=20, customers=2000, date_from=date(2031, 3, 3)):
    """Agents on the company's working hours, customers of classes A/B/C spread
    over ten towns, half of them with a done visit in the past."""
    env = env(context=dict(env.context, no_mail_to_attendees=True, tracking_disable=True))
    calendar = env.company.resource_calendar_id
    classes = [
        env.ref("bo_sales.bo_visit_class_a"),
        env.ref("bo_sales.bo_visit_class_b"),
        env.ref("bo_sales.bo_visit_class_c"),
    ]
    agent_records = env["res.partner"].create(
        [
            {
                "name": f"Bench Agent {i:02d}",
                "bo_is_agent": True,
                "bo_resource_calendar_id": calendar.id,
                "tz": "Europe/Rome",
            }
            for i in range(agents)
        ]
    )
    per_agent = customers // agents
    customer_vals = []
    for a_index, agent in enumerate(agent_records):
        for c_index in range(per_agent):
            town, zip_code = TOWNS[(a_index + c_index) % len(TOWNS)]
            customer_vals.append(
                {
                    "name": f"Bench Customer {a_index:02d}-{c_index:03d}",
                    "is_company": True,
                    "city": town,
                    "zip": zip_code,
                    "bo_agent_id": agent.id,
                    "bo_visit_class_id": classes[c_index % 3].id,
                }
            )
    customer_records = env["res.partner"].create(customer_vals)
    # Half of the customers visited in the past, one visit a day per agent.
    start = datetime.combine(date_from, datetime.min.time())
    visits = []
    for index, customer in enumerate(customer_records):
        c_index = index % per_agent
        if c_index % 2:
            continue
        day = start - timedelta(days=1 + c_index // 2)
        visits.append(
            {
                "bo_agent_id": customer.bo_agent_id.id,
                "bo_customer_id": customer.id,
                "start": day + timedelta(hours=8),
                "stop": day + timedelta(hours=9),
                "bo_state": "done",
                "bo_force_conflicts": True,
                "partner_ids": [Command.set([])],
            }
        )
    env["calendar.event"].create(visits)
    env.flush_all()
    ctx = {
        "agent_ids": agent_records.ids,
        "date_from": date_from,
        "date_to": date_from + timedelta(days=25),  # Friday of the fourth week
    }
    # The visits the planner proposes, for the baseline to book by hand.
    wizard = _propose(env, ctx)
    ctx["slots"] = [
        (line.agent_id.id, line.customer_id.id, line.customer_id.name, line.start, line.stop)
        for line in wizard.line_ids
    ]
    return ctx


def _propose(env, ctx):
    wizard = env["bo.visit.planner.wizard"].create(
        {
            "agent_ids": [Command.set(ctx["agent_ids"])],
            "date_from": ctx["date_from"],
            "date_to": ctx["date_to"],
            "max_per_day": 6,
            "duration_minutes": 45,
        }
    )
    wizard.action_propose()
    env.flush_all()
    return wizard


def run(env, ctx):
    return len(_propose(env, ctx).line_ids)


def baseline(env, ctx):
    """Odoo's own way: no planner, so a clerk books the same visits in Odoo's
    calendar one at a time (one plain calendar.event per visit, with the agent
    and the customer as attendees), having chosen the slots by hand."""
    Event = env["calendar.event"].with_context(no_mail_to_attendees=True)
    for agent_id, customer_id, customer_name, start, stop in ctx["slots"]:
        Event.create(
            {
                "name": f"Visita {customer_name}",
                "start": start,
                "stop": stop,
                "partner_ids": [Command.set([agent_id, customer_id])],
            }
        )
    env.flush_all()
