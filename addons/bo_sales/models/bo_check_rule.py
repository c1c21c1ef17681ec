# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from ..tools.sql_values import int_array

# What the rules of a check run read about each order (its customer is the
# commercial entity; total_company is in the company currency).
OrderFacts = namedtuple(
    "OrderFacts",
    "id partner_id partner_name is_company vat fiscal_code country_code sdi_code pec "
    "requires_ref partner_agent_id credit_limit ship_street ship_zip ship_city "
    "ship_country_id ship_no_province payment_term_id client_ref agent_id total_company "
    "address_complete",
)


class CheckFacts:
    """What the rules of one check run share about its orders: rows several
    rules read (the orders' customers, their lines...), read once, by the
    first rule that needs them, and dropped with the run.

    The engine makes one for the orders of each company it checks and gives
    it to every rule (``bo.check.rule._bo_evaluate(orders, facts)``).
    """

    def __init__(self):
        self._facts = {}

    def get(self, name, read):
        """The fact ``name`` of the run's orders: ``read()`` the first time."""
        if name not in self._facts:
            self._facts[name] = read()
        return self._facts[name]


class BoCheckRule(models.Model):
    """A check run on quotations before they are confirmed.

    Shipped rules carry a technical ``code``, a value of the selection that
    each family of rules extends in its own file (``bo_check_rule_<family>.py``:
    partner data, prices, credit, stock, duplicates); their logic is the
    method ``_bo_check_<code>(orders, facts)`` of that file, which evaluates
    ALL the given orders at once (one or a few SQL queries; the rows several
    rules read come from ``facts``, see ``CheckFacts``) and returns a list of
    finding values
    ``{"order_id", "line_id", "message_key", "message_params"}`` (the message
    is written when read, in the reader's language: see bo.check.finding), or
    ``{"order_id", "line_id", "message"}`` with a text shown as is. Another
    addon adds a rule with a data record, its code (``selection_add``) and
    such a method. Rules without code are the managers' own: an Odoo domain
    on orders or on order lines.
    """

    _name = "bo.check.rule"
    _description = "Order Check Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    # NOTE: each family of shipped rules adds its codes (selection_add) in its
    # own file, bo_check_rule_<family>.py, with the method of each code.
    code = fields.Selection(
        selection=[],
        string="Technical Code",
        readonly=True,
        copy=False,
        help="Set on the rules shipped with the application: their logic is in the code. "
        "Rules you create have no code and use the domain below.",
    )
    severity = fields.Selection(
        selection=[("blocking", "Blocking"), ("warning", "Warning")],
        required=True,
        default="warning",
        help="Blocking findings prevent the confirmation of the order until a manager "
        "overrides them; warnings are only shown.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(comodel_name="res.company", index=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    domain_model = fields.Selection(
        selection=[("sale.order", "Orders"), ("sale.order.line", "Order Lines")],
        string="Applies To",
        default="sale.order",
        help="Custom rules: the domain selects the orders (or the lines) that have the problem.",
    )
    domain = fields.Char(
        default="[]",
        help="Custom rules: orders or lines matching this domain get a finding.",
    )
    param_days = fields.Integer(
        string="Days",
        help="Overdue invoices: days past due; duplicates: window in days; "
        "usual order range: history in days.",
    )
    param_ratio = fields.Float(
        string="Ratio",
        help="Usual order range: an order total more than this many times above "
        "(or below) the customer's average is reported.",
    )
    finding_count = fields.Integer(string="Findings", compute="_compute_finding_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A shipped check rule exists only once per company.",
        ),
    ]

    def _compute_finding_count(self):
        counts = dict(
            self.env["bo.check.finding"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.finding_count = counts.get(rule, 0)

    @api.constrains("code", "domain", "domain_model")
    def _check_domain(self):
        for rule in self.filtered(lambda r: not r.code):
            if not rule.domain_model:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s needs to say whether it applies to orders or lines.",
                        rule=rule.name,
                    )
                )
            try:
                self.env[rule.domain_model].search(rule._bo_get_domain(), limit=1)
            except (ValueError, SyntaxError, NameError, TypeError, KeyError) as error:
                raise ValidationError(
                    self.env._(
                        "The domain of rule %(rule)s is not valid: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shipped(self):
        if any(rule.code for rule in self):
            raise ValidationError(
                self.env._("Shipped check rules cannot be deleted; archive them instead.")
            )

    def action_bo_view_findings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_check_finding_action")
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Evaluation
    # ------------------------------------------------------------------

    def _bo_get_domain(self):
        """The custom domain, evaluated with the usual variables of a filter
        (no Python beyond a domain expression can be entered)."""
        self.ensure_one()
        return safe_eval(
            self.domain or "[]",
            {
                "uid": self.env.uid,
                "user": self.env.user,
                "datetime": safe_datetime,
                "context_today": lambda: fields.Date.context_today(self),
            },
        )

    def _bo_evaluate(self, orders, facts=None):
        """Finding values of this rule on ``orders`` (all of one company).

        :param facts: the ``CheckFacts`` of ``orders`` the rules of the run
            share (a new one when None: the rule reads its facts alone)
        """
        self.ensure_one()
        if not self.code:
            return self._bo_check_custom_domain(orders)
        method = getattr(self, f"_bo_check_{self.code}", None)
        if method is None:
            # NOTE: a shipped rule without its logic would pass every order.
            raise NotImplementedError(
                f"Check rule {self.code!r} has no method _bo_check_{self.code}(orders, facts)."
            )
        return method(orders, CheckFacts() if facts is None else facts)

    def _bo_check_custom_domain(self, orders):
        # NOTE: no message stored: the finding shows the rule's description (or
        # name) in the reader's language.
        if self.domain_model == "sale.order.line":
            lines = self.env["sale.order.line"].search(
                [
                    ("order_id", "in", orders.ids),
                    ("display_type", "=", False),
                    *self._bo_get_domain(),
                ]
            )
            return [{"order_id": line.order_id.id, "line_id": line.id} for line in lines]
        matching = orders.search([("id", "in", orders.ids), *self._bo_get_domain()])
        return [{"order_id": order.id} for order in matching]

    def _bo_query(self, query):
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------
    # Facts shared by the rules of a run
    # ------------------------------------------------------------------

    def _bo_order_facts(self, orders, facts):
        """{order id: OrderFacts} of ``orders``: the order, its customer (the
        commercial entity) and its delivery address, in one query shared by the
        rules of a run. Amounts are in the company currency."""

        def compute():
            partners = self.env["res.partner"].sudo()
            rows = self._bo_query(
                SQL(
                    """
                    -- NOTE: the orders first, by their ids, then their partners:
                    -- joined at once, the planner may walk the partners' index
                    -- of every order when the statistics are older than them.
                    WITH so AS MATERIALIZED (
                        SELECT id, partner_id, partner_shipping_id, payment_term_id,
                               client_order_ref, bo_agent_id, amount_total, currency_rate
                          FROM sale_order
                         WHERE id = ANY(%(ids)s)
                    )
                    SELECT so.id, cp.id, cp.name, cp.is_company, cp.vat,
                           cp.l10n_it_codice_fiscale, c.code, cp.l10n_it_pa_index,
                           cp.l10n_it_pec_email, cp.bo_requires_client_ref, cp.bo_agent_id,
                           COALESCE(%(credit_limit)s, 0)::float8,
                           sp.street, sp.zip, sp.city, sp.country_id,
                           COALESCE(sc.code = 'IT' AND sp.state_id IS NULL, FALSE),
                           so.payment_term_id, so.client_order_ref, so.bo_agent_id,
                           (so.amount_total / COALESCE(NULLIF(so.currency_rate, 0), 1))::float8,
                           -- the customer's own address, as Italian e-invoicing wants it
                           COALESCE(NULLIF(cp.street, ''), NULLIF(cp.street2, '')) IS NOT NULL
                               AND COALESCE(cp.zip, '') <> '' AND COALESCE(cp.city, '') <> ''
                               AND cp.country_id IS NOT NULL
                      FROM so
                      JOIN res_partner p ON p.id = so.partner_id
                      JOIN res_partner cp ON cp.id = p.commercial_partner_id
                      LEFT JOIN res_country c ON c.id = cp.country_id
                      JOIN res_partner sp ON sp.id = so.partner_shipping_id
                      LEFT JOIN res_country sc ON sc.id = sp.country_id
                     ORDER BY so.id
                    """,
                    # NOTE: the credit limit is an accountant's field; checks only read it.
                    credit_limit=partners._field_to_sql("cp", "credit_limit"),
                    ids=int_array(orders.ids),
                )
            )
            return {row[0]: OrderFacts(*row) for row in rows}

        return facts.get("order_facts", compute)

    def _bo_customer_contacts(self, orders, facts):
        """{partner id: commercial partner id} of every contact of the orders'
        customers (the customer itself included), shared by the rules that read
        the customers' other orders.

        NOTE: those rules look the orders up by these ids, a list of constants:
        the plan is then an index scan whatever the statistics say. Joining on
        the customers instead let the planner walk the whole order table when
        the customers were newer than its statistics (0.4 s per rule on a
        database of 100 000 orders)."""

        def compute():
            partner_ids = {f.partner_id for f in self._bo_order_facts(orders, facts).values()}
            return dict(
                self._bo_query(
                    SQL(
                        "SELECT id, commercial_partner_id FROM res_partner"
                        " WHERE commercial_partner_id = ANY(%s)",
                        int_array(partner_ids),
                    )
                )
            )

        return facts.get("customer_contacts", compute)
