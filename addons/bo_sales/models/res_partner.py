# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
import vobject
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, html2plaintext

from ..tools import tax_codes


class ResPartner(models.Model):
    _inherit = "res.partner"

    # NOTE: the Italian e-invoicing data of a partner, declared exactly as
    # l10n_it_edi declares it (same names, same column), so that the suite works
    # without the Italian localization and shares its data when it is installed.
    l10n_it_codice_fiscale = fields.Char(string="Codice Fiscale", size=16)
    l10n_it_pa_index = fields.Char(
        string="Destination Code",
        size=7,
        help="SDI recipient code (codice destinatario) for electronic invoices: "
        "7 characters for businesses, 6 for the public administration.",
    )
    l10n_it_pec_email = fields.Char(string="PEC e-mail")

    bo_is_agent = fields.Boolean(
        string="Sales Agent",
        help="External agent (agente di commercio), representative or internal "
        "salesperson whose customers and agenda the back office follows.",
    )
    bo_agent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Agent",
        domain=[("bo_is_agent", "=", True)],
        index="btree_not_null",
        tracking=True,
        help="Agent who follows this customer.",
    )
    bo_agent_customer_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="bo_agent_id",
        string="Agent's Customers",
    )
    bo_max_discount = fields.Float(
        string="Maximum Discount (%)",
        help="Agents: highest line discount the agent may grant on the orders they bring; "
        "0 means no maximum. The order checks report larger discounts.",
    )
    bo_requires_client_ref = fields.Boolean(
        string="Requires Order Reference",
        help="The customer wants its own purchase order number on every order and invoice; "
        "the order checks block orders without it.",
    )
    bo_data_issue_ids = fields.Many2many(
        comodel_name="bo.partner.issue",
        string="Data Problems",
        compute="_compute_bo_data_issue_ids",
        store=True,
        help="Problems in the master data of this customer or supplier, to be fixed "
        "by the back office.",
    )
    bo_agent_customer_count = fields.Integer(
        string="Customers",
        compute="_compute_bo_agent_customer_count",
    )

    bo_visit_class_id = fields.Many2one(
        comodel_name="bo.visit.class",
        string="Visit Class",
        index="btree_not_null",
        help="How often the agent should visit this customer.",
    )
    bo_last_visit_date = fields.Date(
        string="Last Visit",
        compute="_compute_bo_last_visit_date",
        help="Date of the last visit done at this customer.",
    )
    # Agent's territory: every criterion that is set must match the customer.
    bo_territory_country_ids = fields.Many2many(
        comodel_name="res.country",
        relation="bo_agent_territory_country_rel",
        column1="partner_id",
        column2="country_id",
        string="Territory Countries",
    )
    bo_territory_state_ids = fields.Many2many(
        comodel_name="res.country.state",
        relation="bo_agent_territory_state_rel",
        column1="partner_id",
        column2="state_id",
        string="Territory Provinces",
    )
    bo_territory_zip_ranges = fields.Char(
        string="Territory Postcodes",
        help="Postcode ranges separated by commas, e.g. 40100-40199, 41012.",
    )
    bo_language_ids = fields.Many2many(
        comodel_name="res.lang",
        relation="bo_agent_language_rel",
        column1="partner_id",
        column2="lang_id",
        string="Languages Spoken",
    )
    bo_resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        help="Hours in which the agent takes appointments; holidays of this calendar "
        "and of the company apply.",
    )
    bo_leave_ids = fields.One2many(
        comodel_name="resource.calendar.leaves",
        inverse_name="bo_agent_id",
        string="Absences",
    )
    bo_home_base_id = fields.Many2one(
        comodel_name="res.partner",
        string="Home Base",
        help="Address the agent leaves from; empty means the agent's own address.",
    )
    bo_agent_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Agent's Login",
        compute="_compute_bo_agent_user_id",
        help="User of this agent when the agent has a login.",
    )
    bo_visit_done_month_count = fields.Integer(
        string="Visits Done (Month)", compute="_compute_bo_agent_figures"
    )
    bo_visit_planned_month_count = fields.Integer(
        string="Visits Planned (Month)", compute="_compute_bo_agent_figures"
    )
    bo_visit_coverage = fields.Float(
        string="Coverage (%)",
        compute="_compute_bo_agent_figures",
        help="Share of the agent's classified customers visited within their class frequency.",
    )
    bo_visit_order_count = fields.Integer(
        string="Orders from Visits", compute="_compute_bo_agent_figures"
    )
    bo_visit_turnover = fields.Float(
        string="Turnover from Visits",
        compute="_compute_bo_agent_figures",
        help="Untaxed amount of the confirmed orders taken at this agent's visits.",
    )

    @api.depends("bo_agent_customer_ids")
    def _compute_bo_agent_customer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("bo_agent_id", "in", self.ids)], ["bo_agent_id"], ["__count"]
            )
        )
        for partner in self:
            partner.bo_agent_customer_count = counts.get(partner, 0)

    @api.depends(
        "name",
        "vat",
        "l10n_it_codice_fiscale",
        "l10n_it_pa_index",
        "l10n_it_pec_email",
        "email",
        "street",
        "street2",
        "zip",
        "city",
        "country_id",
        "is_company",
        "parent_id",
        "customer_rank",
        "supplier_rank",
        "bo_is_agent",
        "property_payment_term_id",
        "property_supplier_payment_term_id",
    )
    def _compute_bo_data_issue_ids(self):
        """Set-based: the duplicates of all partners at once (one query), the
        other problems from the partner's own fields."""
        Issue = self.env["bo.partner.issue"]
        issues = {issue.code: issue for issue in Issue.search([])}
        checked = self.filtered(lambda p: p._bo_needs_data_check())
        duplicate_vats, duplicate_names = checked._bo_duplicate_keys()
        einvoicing = self._bo_italian_einvoicing()
        for partner in self:
            if partner not in checked:
                partner.bo_data_issue_ids = Issue
                continue
            codes = partner._bo_data_issue_codes(duplicate_vats, duplicate_names, einvoicing)
            # NOTE: a recordset, not a list: an empty list of ids is read as
            # "no command" and would leave the old problems in place.
            partner.bo_data_issue_ids = Issue.union(
                *(issues[code] for code in codes if code in issues)
            )

    @api.model
    def _bo_italian_einvoicing(self):
        """True where Odoo's Italian e-invoicing (``l10n_it_edi``) is installed:
        its buyer checks (VAT number or fiscal code, complete address) then
        apply to every customer, and the suite flags what it would refuse."""
        return hasattr(type(self), "_l10n_it_edi_export_check")

    def _bo_needs_data_check(self):
        self.ensure_one()
        return (
            not self.parent_id
            and not self.bo_is_agent
            and (self.is_company or self.customer_rank > 0 or self.supplier_rank > 0)
        )

    def _bo_duplicate_keys(self):
        """(partners with a duplicate VAT number, partners with a duplicate name)
        among these: another company-level partner shares the normalised key.

        Only partners this one may be seen with count: of its own company or
        shared by every company, and visible to the user (the SQL finds the
        candidates, an ORM search re-applies the record rules), so the flag never
        tells of a partner the user cannot see.
        """
        entries = [
            (
                partner,
                partner.company_id.id or None,
                tax_codes.normalise_vat(partner.vat),
                tax_codes.normalise_name(partner.name),
            )
            for partner in self
        ]
        vats = {vat for _p, _c, vat, _n in entries if vat}
        names = {name for _p, _c, _v, name in entries if name}
        others = []
        if vats or names:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT id, company_id, vat, name FROM (
                        SELECT p.id, p.company_id, %s AS vat, %s AS name
                          FROM res_partner p
                         WHERE p.active AND p.parent_id IS NULL AND p.id <> ALL(%s)
                    ) n
                    WHERE n.vat = ANY(%s) OR n.name = ANY(%s)
                    """,
                    SQL(tax_codes.VAT_SQL),
                    SQL(tax_codes.NAME_SQL),
                    [pid for pid in self._origin.ids if pid],
                    list(vats),
                    list(names),
                )
            )
            rows = self.env.cr.fetchall()
            # search() applies the record rules (companies included) to the candidates.
            visible = set(
                self.env["res.partner"].search([("id", "in", [row[0] for row in rows])]).ids
            )
            others = [
                (self.browse(row[0]), row[1], row[2], row[3]) for row in rows if row[0] in visible
            ]
        by_vat, by_name = defaultdict(list), defaultdict(list)
        for partner, company_id, vat, name in entries + others:
            if vat:
                by_vat[vat].append((partner, company_id))
            if name:
                by_name[name].append((partner, company_id))

        def shared(index, key, partner, company_id):
            return any(
                other != partner and other_company in (None, company_id)
                for other, other_company in index.get(key, [])
            )

        duplicate_vats, duplicate_names = set(), set()
        for partner, company_id, vat, name in entries:
            if vat and shared(by_vat, vat, partner, company_id):
                duplicate_vats.add(partner)
            if name and shared(by_name, name, partner, company_id):
                duplicate_names.add(partner)
        return duplicate_vats, duplicate_names

    def _bo_data_issue_codes(self, duplicate_vats, duplicate_names, einvoicing=False):
        self.ensure_one()
        country = self.country_id.code
        italian_business = country == "IT" and self.is_company
        codes = []
        is_supplier_only = self.supplier_rank > 0 and not self.customer_rank
        if self.vat and not tax_codes.is_valid_vat(self.vat, country):
            codes.append("vat_invalid")
        elif not self.vat and self.is_company and country in tax_codes.EU_COUNTRY_CODES:
            codes.append("vat_missing")
        elif (
            einvoicing
            and not is_supplier_only
            and not (self.vat or self.l10n_it_codice_fiscale)
            and country != "IT"
        ):
            # NOTE: Italian private customers get "fiscal code missing" below.
            codes.append("vat_missing")
        if self.l10n_it_codice_fiscale and not tax_codes.is_valid_fiscal_code(
            self.l10n_it_codice_fiscale
        ):
            codes.append("fiscal_code_invalid")
        elif country == "IT" and not self.is_company and not self.l10n_it_codice_fiscale:
            codes.append("fiscal_code_missing")
        if (
            italian_business
            and (self.l10n_it_pa_index or "0000000") == "0000000"
            and not (self.l10n_it_pec_email)
        ):
            codes.append("einvoice_missing")
        if not self.email:
            codes.append("email_missing")
        # NOTE: the address as Italian e-invoicing requires it (street or street2).
        if not ((self.street or self.street2) and self.zip and self.city and self.country_id):
            codes.append("address_missing")
        if not (
            self.property_supplier_payment_term_id
            if is_supplier_only
            else self.property_payment_term_id
        ):
            codes.append("payment_term_missing")
        if self in duplicate_vats:
            codes.append("duplicate_vat")
        if self in duplicate_names:
            codes.append("duplicate_name")
        return codes

    # ------------------------------------------------------------
    # CRUD: agents keep their customers
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_check_agent_assignment(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._bo_check_agent_assignment([vals])
        return super().write(vals)

    def _bo_check_agent_assignment(self, vals_list):
        """An agent who is not a back-office user cannot give a customer to
        another agent (the back office assigns customers)."""
        if self.env.su or not any("bo_agent_id" in vals for vals in vals_list):
            return
        user = self.env.user
        if user._bo_is_agent_only() and any(
            vals.get("bo_agent_id") not in (None, False, user.partner_id.id) for vals in vals_list
        ):
            raise AccessError(
                self.env._(
                    "You cannot assign a customer to another agent: ask the back office to "
                    "reassign it."
                )
            )

    @api.model
    def _cron_bo_check_partner_data(self):
        """Nightly (and on demand): re-evaluate every company-level partner, since a
        new partner can make an existing one a duplicate without touching it."""
        partners = self.with_context(active_test=False).search([("parent_id", "=", False)])
        self.env.add_to_compute(self._fields["bo_data_issue_ids"], partners)
        partners._recompute_recordset(["bo_data_issue_ids"])

    def action_bo_check_partner_data(self):
        # NOTE: the check rewrites the stored problems of every partner: a
        # back-office duty, refused to anybody else calling it over RPC.
        if not self.env.user.has_group("bo_sales.bo_sales_group_user"):
            raise AccessError(
                self.env._("Only the back office can check the partners' master data.")
            )
        self.env["res.partner"]._cron_bo_check_partner_data()
        return True

    def action_bo_view_agent_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_customer_action")
        action["domain"] = [("bo_agent_id", "=", self.id)]
        action["context"] = {"default_bo_agent_id": self.id}
        return action

    def _compute_bo_last_visit_date(self):
        last = self._bo_last_visit_dates()
        for partner in self:
            partner.bo_last_visit_date = last.get(partner.id, False)

    def _compute_bo_agent_user_id(self):
        for partner in self:
            partner.bo_agent_user_id = partner.user_ids[:1]

    def _compute_bo_agent_figures(self):
        """Figures of agents in a handful of grouped queries, whatever their number."""
        agents = self.filtered("bo_is_agent")
        (self - agents).update(
            {
                "bo_visit_done_month_count": 0,
                "bo_visit_planned_month_count": 0,
                "bo_visit_coverage": 0.0,
                "bo_visit_order_count": 0,
                "bo_visit_turnover": 0.0,
            }
        )
        if not agents:
            return
        today = fields.Date.context_today(self)
        month_start = datetime.combine(today.replace(day=1), time.min)
        month_end = month_start + relativedelta(months=1)
        Event = self.env["calendar.event"]
        visit_counts = {
            (agent.id, state): count
            for agent, state, count in Event._read_group(
                [
                    ("bo_agent_id", "in", agents.ids),
                    ("bo_state", "in", ("done", "planned")),
                    ("start", ">=", month_start),
                    ("start", "<", month_end),
                ],
                ["bo_agent_id", "bo_state"],
                ["__count"],
            )
        }
        orders = {
            agent.id: (count, amount)
            for agent, count, amount in self.env["sale.order"]._read_group(
                [
                    ("bo_agent_id", "in", agents.ids),
                    ("bo_visit_id", "!=", False),
                    ("state", "=", "sale"),
                ],
                ["bo_agent_id"],
                ["__count", "amount_untaxed:sum"],
            )
        }
        customers = self.search(
            [("bo_agent_id", "in", agents.ids), ("bo_visit_class_id", "!=", False)]
        )
        last_visits = customers._bo_last_visit_dates()
        covered, total = {}, {}
        for customer in customers:
            agent_id = customer.bo_agent_id.id
            total[agent_id] = total.get(agent_id, 0) + 1
            last = last_visits.get(customer.id)
            frequency = customer.bo_visit_class_id.visit_frequency_days
            if last and (today - last).days <= frequency:
                covered[agent_id] = covered.get(agent_id, 0) + 1
        for agent in agents:
            agent.bo_visit_done_month_count = visit_counts.get((agent.id, "done"), 0)
            agent.bo_visit_planned_month_count = visit_counts.get((agent.id, "planned"), 0)
            agent.bo_visit_order_count, agent.bo_visit_turnover = orders.get(agent.id, (0, 0.0))
            agent.bo_visit_coverage = (
                100.0 * covered.get(agent.id, 0) / total[agent.id] if total.get(agent.id) else 0.0
            )

    # ------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------

    def _bo_last_visit_dates(self):
        """{customer id: date of the last done visit} in one grouped query."""
        if not self.ids:
            return {}
        groups = self.env["calendar.event"]._read_group(
            [("bo_customer_id", "in", self.ids), ("bo_state", "=", "done")],
            ["bo_customer_id"],
            ["start:max"],
        )
        return {customer.id: last.date() for customer, last in groups if last}

    def _bo_agent_tz(self):
        """Time zone of the agent's day: working hours first, then the contact's."""
        self.ensure_one()
        return (
            self.bo_resource_calendar_id.tz
            or self.tz
            or self.env.user.tz
            or self.env.company.resource_calendar_id.tz
            or "Europe/Rome"
        )

    @api.model
    def _bo_parse_zip_ranges(self, text):
        """'40100-40199, 41012' -> [('40100', '40199'), ('41012', '41012')]."""
        ranges = []
        for chunk in (text or "").split(","):
            chunk = chunk.strip()
            if not chunk:
                continue
            low, _sep, high = chunk.partition("-")
            ranges.append((low.strip(), (high or low).strip()))
        return ranges

    def _bo_territory_score(self, customer):
        """How specifically this agent's territory covers the customer: 0 when it does
        not, else 1 (country), 2 (province) or 3 (postcode) for the finest criterion."""
        self.ensure_one()
        score = 0
        if self.bo_territory_country_ids:
            if customer.country_id not in self.bo_territory_country_ids:
                return 0
            score = 1
        if self.bo_territory_state_ids:
            if customer.state_id not in self.bo_territory_state_ids:
                return 0
            score = 2
        ranges = self._bo_parse_zip_ranges(self.bo_territory_zip_ranges)
        if ranges:
            zip_code = (customer.zip or "").strip()
            if not any(
                len(low) == len(zip_code) and low <= zip_code <= high for low, high in ranges
            ):
                return 0
            score = 3
        return score

    def _bo_assign_agents_by_territory(self, overwrite=False):
        """Give each customer of self the agent whose territory covers it most
        specifically. Returns the customers that got an agent."""
        agents = self.search([("bo_is_agent", "=", True)])
        customers = self.filtered(lambda p: not p.bo_is_agent and (overwrite or not p.bo_agent_id))
        by_agent = {}
        for customer in customers:
            best, best_score = None, 0
            for agent in agents:
                score = agent._bo_territory_score(customer)
                if score > best_score:
                    best, best_score = agent, score
            if best and best != customer.bo_agent_id:
                by_agent.setdefault(best, self.browse())
                by_agent[best] |= customer
        assigned = self.browse()
        for agent, agent_customers in by_agent.items():
            agent_customers.write({"bo_agent_id": agent.id})
            assigned |= agent_customers
        return assigned

    # ------------------------------------------------------------
    # Weekly agenda
    # ------------------------------------------------------------

    @api.model
    def _bo_week_start(self, day=None):
        day = day or fields.Date.context_today(self)
        return day - timedelta(days=day.weekday())

    def _bo_agenda_events(self, week_start):
        """Appointments of the agents in self during the week starting on week_start
        (a Monday, in the agent's time zone approximated by the user's)."""
        start = datetime.combine(week_start, time.min)
        return (
            self.env["calendar.event"]
            .search(
                [
                    ("bo_agent_id", "in", self.ids),
                    ("bo_state", "!=", "cancelled"),
                    ("start", ">=", start - timedelta(days=1)),
                    ("start", "<", start + timedelta(days=8)),
                ],
                order="start",
            )
            .filtered(
                lambda e: week_start <= e._bo_local_start().date() < week_start + timedelta(7)
            )
        )

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

    def _bo_send_weekly_agenda(self, week_start, once=True):
        """Queue the agenda mail of each agent in self for the week.

        With ``once`` (the weekly cron), the dispatch record (unique per agent and
        week) is written in the same transaction as the queued mail: a re-run, or a
        run after a crash before the commit, sends nothing twice. Returns the
        queued mail.mail records.
        """
        Dispatch = self.env["bo.agenda.dispatch"]
        done = self.browse()
        if once:
            done = Dispatch.search(
                [("agent_id", "in", self.ids), ("week_start", "=", week_start)]
            ).agent_id
        agents = (self - done).filtered("email")
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
                            "datas": base64.b64encode(agent._bo_agenda_ics(agent_events)),
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
            Dispatch.create(dispatch_vals)
        return mails

    @api.model
    def _cron_bo_send_weekly_agenda(self, batch_size=20):
        """Monday morning: each agent with an e-mail gets the agenda of this week.

        By batches of agents (see ``ir.cron._bo_process_in_batches``): the
        dispatch row of an agent and week is the mark, created with the queued
        mail; a run picked up after a kill sends to the agents left.
        :return: the queued mail.mail records
        """
        week_start = self._bo_week_start()
        mails = self.env["mail.mail"]

        def find():
            sent = self.env["bo.agenda.dispatch"].search([("week_start", "=", week_start)])
            return self.search(
                [
                    ("bo_is_agent", "=", True),
                    ("email", "!=", False),
                    ("id", "not in", sent.agent_id.ids),
                ],
                order="id",
            )

        def process(agents):
            nonlocal mails
            mails |= agents._bo_send_weekly_agenda(week_start)

        self.env["ir.cron"]._bo_process_in_batches(find, process, batch_size)
        return mails

    def action_bo_send_agenda(self):
        """Button on the agent's form: send this week's agenda now (again if the
        weekly mail already left: the agenda may have changed since)."""
        week_start = self._bo_week_start()
        missing = self.filtered(lambda p: not p.email)
        if missing:
            raise UserError(
                self.env._(
                    "Agent %(names)s has no e-mail address.",
                    names=", ".join(missing.mapped("display_name")),
                )
            )
        self._bo_send_weekly_agenda(week_start, once=False)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The agenda of this week was queued for sending."),
                "sticky": False,
            },
        }

    def action_bo_print_agenda(self):
        self.ensure_one()
        return self.env.ref("bo_sales.bo_agent_agenda_report").report_action(
            self, data={"week_start": fields.Date.to_string(self._bo_week_start())}
        )
