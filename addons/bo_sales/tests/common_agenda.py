# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import Command

from .common import BoSalesCommon

# Monday 4 March 2030; Rome is UTC+1 then: 08:00 UTC is 09:00 in Rome.
MONDAY = datetime(2030, 3, 4)


class BoAgendaCommon(BoSalesCommon):
    """Agents with working hours (Mon-Fri 8-12, 13-17 Rome) and classified customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_mail_to_attendees=True))
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Agents 8-12 13-17",
                "tz": "Europe/Rome",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for hour_from, hour_to, period in ((8, 12, "morning"), (13, 17, "afternoon"))
                ],
            }
        )
        cls.class_a = cls.env["bo.visit.class"].create(
            {"name": "Test A", "visit_frequency_days": 14}
        )
        cls.class_c = cls.env["bo.visit.class"].create(
            {"name": "Test C", "visit_frequency_days": 90}
        )
        (cls.agent_partner | cls.other_agent_partner).write(
            {"bo_resource_calendar_id": cls.calendar.id, "tz": "Europe/Rome"}
        )
        cls.agent_partner.email = "agent@example.com"
        cls.customer.write({"city": "Modena", "zip": "41121", "bo_visit_class_id": cls.class_a.id})
        cls.other_customer.write({"city": "Milano", "zip": "20121"})
        cls.customer_carpi = cls.env["res.partner"].create(
            {
                "name": "Cliente Carpi S.r.l.",
                "is_company": True,
                "city": "Carpi",
                "zip": "41012",
                "bo_agent_id": cls.agent_partner.id,
                "bo_visit_class_id": cls.class_c.id,
            }
        )

    @classmethod
    def _appointment(cls, start, stop, customer=None, agent=None, **vals):
        return cls.env["calendar.event"].create(
            dict(
                {
                    "bo_agent_id": (agent or cls.agent_partner).id,
                    "bo_customer_id": (customer or cls.customer).id,
                    "start": start,
                    "stop": stop,
                },
                **vals,
            )
        )
