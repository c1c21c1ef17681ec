# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

import pytz

from odoo import api, fields, models


class ReportBoAgentAgenda(models.AbstractModel):
    """Values of the weekly agenda PDF: the week comes from ``data['week_start']``
    (a Monday), this week when absent."""

    _name = "report.bo_sales.report_bo_agent_agenda"
    _description = "Agent's Weekly Agenda Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        agents = self.env["res.partner"].browse(docids)
        week_start = fields.Date.to_date((data or {}).get("week_start")) or agents._bo_week_start()
        events = agents._bo_agenda_events(week_start)
        days = {}
        for agent in agents:
            tz = pytz.timezone(agent._bo_agent_tz())
            rows = []
            for event in events.filtered(lambda e, a=agent: e.bo_agent_id == a):
                local_start = pytz.utc.localize(event.start).astimezone(tz)
                local_stop = pytz.utc.localize(event.stop).astimezone(tz)
                rows.append({"event": event, "start": local_start, "stop": local_stop})
            days[agent.id] = rows
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": agents,
            "week_start": week_start,
            "week_end": week_start + timedelta(days=6),
            "rows_by_agent": days,
        }
