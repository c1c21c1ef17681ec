# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import datetime

import pytz
import vobject

from odoo import api, fields, models
from odoo.tools import html2plaintext


class BoAgendaDispatch(models.Model):
    """The weekly agenda mail of the agents (PDF and calendar file), and one row
    per agent and week whose agenda was queued: the unique key makes a re-run
    (or a concurrent run) of the weekly job send nothing twice."""

    _name = "bo.agenda.dispatch"
    _description = "Weekly Agenda Sent to an Agent"
    _order = "week_start desc, id desc"

    agent_id = fields.Many2one(
        comodel_name="res.partner", required=True, ondelete="cascade", index=True
    )
    week_start = fields.Date(required=True, help="Monday of the week of the agenda.")
    mail_id = fields.Many2one(comodel_name="mail.mail", string="E-mail", ondelete="set null")

    _sql_constraints = [
        (
            "agent_week_unique",
            "UNIQUE(agent_id, week_start)",
            "The agenda of this week was already sent to this agent.",
        ),
    ]

    # ------------------------------------------------------------
    # Weekly agenda mail
    # ------------------------------------------------------------

    @api.model
    def _cron_bo_send_weekly_agenda(self, batch_size=20):
        """Monday morning: each agent with an e-mail gets the agenda of this week.

        By batches of agents (see ``ir.cron._bo_process_in_batches``): the
        dispatch row of an agent and week is the mark, created with the queued
        mail; a run picked up after a kill sends to the agents left.
        :return: the queued mail.mail records
        """
        Partner = self.env["res.partner"]
        week_start = Partner._bo_week_start()
        mails = self.env["mail.mail"]

        def find():
            sent = self.search([("week_start", "=", week_start)])
            return Partner.search(
                [
                    ("bo_is_agent", "=", True),
                    ("email", "!=", False),
                    ("id", "not in", sent.agent_id.ids),
                ],
                order="id",
            )

        def process(agents):
            nonlocal mails
            mails |= self._bo_send_weekly_agenda(agents, week_start)

        self.env["ir.cron"]._bo_process_in_batches(find, process, batch_size)
        return mails

    @api.model
    def _bo_send_weekly_agenda(self, agents, week_start, once=True):
        """Queue the agenda mail of each agent in ``agents`` for the week.

        With ``once`` (the weekly cron), the dispatch record (unique per agent and
        week) is written in the same transaction as the queued mail: a re-run, or a
        run after a crash before the commit, sends nothing twice. Returns the
        queued mail.mail records.
        """
        done = agents.browse()
        if once:
            done = self.search(
                [("agent_id", "in", agents.ids), ("week_start", "=", week_start)]
            ).agent_id
        agents = (agents - done).filtered("email")
        if not agents:
            return self.env["mail.mail"]
        template = self.env.ref("bo_sales.bo_agenda_weekly_mail_template")
        report = self.env.ref("bo_sales.bo_agent_agenda_report")
        events = agents._bo_agenda_events(week_start)
        mails = self.env["mail.mail"]
        dispatch_vals = []
        for agent in agents:
            agent_events = events.filtered(lambda e, a=agent: e.bo_agent_id == a)
            pdf, _fmt = self.env["ir.actions.report"]._render_qweb_pdf(
                report, agent.ids, data={"week_start": fields.Date.to_string(week_start)}
            )
            week = week_start.strftime("%Y-%m-%d")
            # sudo: a clerk may send the agenda without the right to edit the
            # agent's contact, which attaching a file to it requires.
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": f"agenda-{week}.pdf",
                            "raw": pdf,
                            "mimetype": "application/pdf",
                            "res_model": "res.partner",
                            "res_id": agent.id,
                        },
                        {
                            "name": f"agenda-{week}.ics",
                            "datas": base64.b64encode(self._bo_agenda_ics(agent_events)),
                            "mimetype": "text/calendar",
                            "res_model": "res.partner",
                            "res_id": agent.id,
                        },
                    ]
                )
            )
            mail = mails.browse(
                template.with_context(bo_week_start=week_start).send_mail(
                    agent.id,
                    force_send=False,
                    email_values={"attachment_ids": [fields.Command.set(attachments.ids)]},
                )
            )
            mails |= mail
            dispatch_vals.append(
                {"agent_id": agent.id, "week_start": week_start, "mail_id": mail.id}
            )
        if once:
            self.create(dispatch_vals)
        return mails

    @api.model
    def _bo_agenda_ics(self, events):
        """The appointments as one iCalendar file (bytes) that calendar apps import."""
        cal = vobject.iCalendar()
        cal.add("prodid").value = "-//bo-suite//Back Office Agenda//EN"
        for event in events:
            vevent = cal.add("vevent")
            vevent.add("uid").value = f"bo-event-{event.id}@{self.env.cr.dbname}"
            vevent.add("dtstamp").value = datetime.now(pytz.utc)
            vevent.add("dtstart").value = pytz.utc.localize(event.start)
            vevent.add("dtend").value = pytz.utc.localize(event.stop)
            vevent.add("summary").value = event.name
            if event.bo_customer_id:
                address = event.bo_customer_id._display_address(without_company=True)
                vevent.add("location").value = ", ".join(
                    [event.bo_customer_id.name] + [line for line in address.split("\n") if line]
                )
            description = html2plaintext(event.description or "")
            if description:
                vevent.add("description").value = description
        return cal.serialize().encode()
