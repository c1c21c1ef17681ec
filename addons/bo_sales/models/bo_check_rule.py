# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict, namedtuple
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from ..tools import tax_codes
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
# A product line that a line rule flags: prices and limits in the order's
# currency, quantities in the product's unit, and one flag per rule.
LineFacts = namedtuple(
    "LineFacts",
    "id order_id product_id currency_id net_price floor_price cost qty minimum packs discount "
    "max_discount agent_maximum below_floor below_cost below_minimum off_packaging "
    "over_discount",
)


class BoCheckRule(models.Model):
    """A check run on quotations before they are confirmed.

    Shipped rules carry a technical ``code``; their logic is the method
    ``_bo_check_<code>(orders)``, which evaluates ALL the given orders at once
    (one or a few SQL queries) and returns a list of finding values
    ``{"order_id", "line_id", "message_key", "message_params"}`` (the message
    is written when read, in the reader's language: see bo.check.finding), or
    ``{"order_id", "line_id", "message"}`` with a text shown as is. Another
    addon adds a rule with a data record and such a method. Rules without code
    are the managers' own: an Odoo domain on orders or on order lines.
    """

    _name = "bo.check.rule"
    _description = "Order Check Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
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

    def _bo_evaluate(self, orders):
        """Finding values of this rule on ``orders`` (all of one company)."""
        self.ensure_one()
        if self.code:
            method = getattr(self, f"_bo_check_{self.code}", None)
            return method(orders) if method else []
        return self._bo_check_custom_domain(orders)

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

    def _bo_run_shared(self, key, compute):
        """``compute()``, once per check run: the facts several rules read are
        kept on the cursor for the run (``action_bo_check`` names it in the
        context) and dropped after it. Outside a run, computed each time."""
        shared = self.env.cr.cache.get(self.env.context.get("bo_check_run"))
        if shared is None:
            return compute()
        if key not in shared:
            shared[key] = compute()
        return shared[key]

    def _bo_order_facts(self, orders):
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

        return self._bo_run_shared(("order_facts", tuple(orders.ids)), compute)

    def _bo_customer_contacts(self, orders):
        """{partner id: commercial partner id} of every contact of the orders'
        customers (the customer itself included), shared by the rules that read
        the customers' other orders.

        NOTE: those rules look the orders up by these ids, a list of constants:
        the plan is then an index scan whatever the statistics say. Joining on
        the customers instead let the planner walk the whole order table when
        the customers were newer than its statistics (0.4 s per rule on a
        database of 100 000 orders)."""

        def compute():
            partner_ids = {f.partner_id for f in self._bo_order_facts(orders).values()}
            return dict(
                self._bo_query(
                    SQL(
                        "SELECT id, commercial_partner_id FROM res_partner"
                        " WHERE commercial_partner_id = ANY(%s)",
                        int_array(partner_ids),
                    )
                )
            )

        return self._bo_run_shared(("customer_contacts", tuple(orders.ids)), compute)

    def _bo_currency_rates(self, currency_ids):
        """{currency id: rate from the company currency}, today's rate (the
        limits kept on products are in the company currency)."""
        company = self.env.company
        today = fields.Date.context_today(self)
        return {
            currency.id: company.currency_id._get_conversion_rate(
                company.currency_id, currency, company, today
            )
            for currency in self.env["res.currency"].browse(currency_ids)
        }

    def _bo_line_facts(self, orders):
        """LineFacts of the product lines of ``orders`` that at least one line
        rule flags, in order and line order.

        The conditions are evaluated in the database, in one query shared by
        the price, discount and quantity rules of a run: out of thousands of
        lines only the few with a problem travel to Python, and each rule reads
        its own flag and writes the message. Prices and limits are in the
        order's currency, quantities in the product's unit.
        """

        def compute():
            self.env.cr.execute(
                SQL(
                    "SELECT DISTINCT currency_id FROM sale_order WHERE id = ANY(%s)",
                    int_array(orders.ids),
                )
            )
            rates = self._bo_currency_rates([row[0] for row in self.env.cr.fetchall()])
            if not rates:
                return []
            # NOTE: cost is company-dependent: Odoo's own SQL for it (with its default).
            cost = self.env["product.product"]._field_to_sql("pp", "standard_price")
            rows = self._bo_query(
                SQL(
                    """
                    WITH line AS (
                        SELECT id, order_id, product_id, product_uom, price_unit, discount,
                               product_uom_qty
                          FROM sale_order_line
                         WHERE order_id = ANY(%(ids)s) AND display_type IS NULL
                    ), product AS MATERIALIZED (
                        -- what the rules compare, once per product (not per line)
                        SELECT pp.id, pu.factor::float8 AS uom_factor,
                               COALESCE(pt.bo_floor_price, 0)::float8 AS floor_price,
                               COALESCE(%(cost)s, 0)::float8 AS cost,
                               COALESCE(pt.bo_min_order_qty, 0)::float8 AS minimum,
                               (SELECT ARRAY_AGG(pk.qty::float8 ORDER BY pk.qty)
                                  FROM product_packaging pk
                                 WHERE pk.product_id = pp.id AND pk.sales AND pk.qty > 0
                               ) AS packs
                          FROM product_product pp
                          JOIN product_template pt ON pt.id = pp.product_tmpl_id
                          JOIN uom_uom pu ON pu.id = pt.uom_id
                         WHERE pp.id IN (SELECT product_id FROM line)
                    ), ord AS MATERIALIZED (
                        -- what the rules compare, once per order: the currency
                        -- rate and the maximum discount (the agent's if set,
                        -- else the salesperson's)
                        SELECT so.id, so.currency_id, rate.rate,
                               (CASE WHEN COALESCE(a.bo_max_discount, 0) > 0
                                     THEN a.bo_max_discount
                                     ELSE COALESCE(NULLIF(u.bo_max_discount, 0), 100)
                                END)::float8 AS max_discount,
                               COALESCE(a.bo_max_discount, 0) > 0 AS agent_maximum
                          FROM sale_order so
                          JOIN UNNEST(%(currencies)s::int[], %(rates)s::float8[])
                               AS rate(currency_id, rate) ON rate.currency_id = so.currency_id
                          LEFT JOIN res_partner a ON a.id = so.bo_agent_id
                          LEFT JOIN res_users u ON u.id = so.user_id
                         WHERE so.id = ANY(%(ids)s)
                    ), fact AS (
                        SELECT line.id, line.order_id, line.product_id, ord.currency_id,
                               line.price_unit::float8
                                   * (1 - COALESCE(line.discount, 0)::float8 / 100) AS net_price,
                               product.floor_price * ord.rate AS floor_price,
                               product.cost * ord.rate AS cost,
                               line.product_uom_qty::float8 / lu.factor::float8
                                   * product.uom_factor AS qty,
                               product.minimum, product.packs,
                               COALESCE(line.discount, 0)::float8 AS discount,
                               ord.max_discount, ord.agent_maximum
                          FROM line
                          JOIN ord ON ord.id = line.order_id
                          JOIN product ON product.id = line.product_id
                          JOIN uom_uom lu ON lu.id = line.product_uom
                    ), flagged AS (
                        SELECT fact.*,
                               floor_price > 0 AND net_price < floor_price - 1e-6 AS below_floor,
                               cost > 0 AND net_price < cost - 1e-6 AS below_cost,
                               minimum > 0 AND qty < minimum AS below_minimum,
                               COALESCE(packs IS NOT NULL AND qty > 0 AND NOT EXISTS (
                                   SELECT FROM UNNEST(packs) AS pack_qty
                                    WHERE ABS(qty / pack_qty - ROUND(qty / pack_qty)) < 1e-6
                               ), FALSE) AS off_packaging,
                               discount > 0 AND discount > max_discount + 1e-6 AS over_discount
                          FROM fact
                    )
                    SELECT id, order_id, product_id, currency_id, net_price, floor_price, cost,
                           qty, minimum, packs, discount, max_discount, agent_maximum,
                           below_floor, below_cost, below_minimum, off_packaging, over_discount
                      FROM flagged
                     WHERE below_floor OR below_cost OR below_minimum OR off_packaging
                           OR over_discount
                     ORDER BY order_id, id
                    """,
                    currencies=list(rates),
                    rates=list(rates.values()),
                    cost=cost,
                    ids=int_array(orders.ids),
                )
            )
            return [LineFacts(*row) for row in rows]

        return self._bo_run_shared(("line_facts", tuple(orders.ids)), compute)

    # ------------------------------------------------------------------
    # Shipped rules: customer data
    # ------------------------------------------------------------------

    def _bo_check_vat_missing(self, orders):
        """EU businesses need a VAT number, Italian private customers a fiscal code;
        with Italian e-invoicing every customer needs one or the other."""
        einvoicing = self.env["res.partner"]._bo_italian_einvoicing()
        findings = []
        for facts in self._bo_order_facts(orders).values():
            if facts.is_company and facts.country_code in tax_codes.EU_COUNTRY_CODES:
                if facts.vat:
                    continue
                key = "vat_missing"
            elif not facts.is_company and facts.country_code == "IT":
                if facts.fiscal_code or facts.vat:
                    continue
                key = "fiscal_code_missing"
            elif einvoicing and not (facts.fiscal_code or facts.vat):
                key = "no_tax_code_einvoice"
            else:
                continue
            findings.append(
                {
                    "order_id": facts.id,
                    "message_key": key,
                    "message_params": {"partner": facts.partner_name},
                }
            )
        return findings

    def _bo_check_vat_invalid(self, orders):
        """VAT number and Italian fiscal code checked with python-stdnum."""
        findings = []
        for facts in self._bo_order_facts(orders).values():
            if facts.vat and not tax_codes.is_valid_vat(facts.vat, facts.country_code):
                key, params = "vat_invalid", {"vat": facts.vat}
            elif facts.fiscal_code and not tax_codes.is_valid_fiscal_code(facts.fiscal_code):
                key, params = "fiscal_code_invalid", {"code": facts.fiscal_code}
            else:
                continue
            findings.append(
                {
                    "order_id": facts.id,
                    "message_key": key,
                    "message_params": dict(params, partner=facts.partner_name),
                }
            )
        return findings

    def _bo_check_einvoice(self, orders):
        """Italian businesses receive e-invoices through an SDI code or a PEC
        address; with Italian e-invoicing installed, the invoice is refused when
        the customer's address is incomplete (as ``l10n_it_edi`` checks it)."""
        einvoicing = self.env["res.partner"]._bo_italian_einvoicing()
        findings = []
        for facts in self._bo_order_facts(orders).values():
            params = {"partner": facts.partner_name}
            if (
                facts.country_code == "IT"
                and facts.is_company
                and (facts.sdi_code or "") in ("", "0000000")
                and not facts.pec
            ):
                findings.append(
                    {"order_id": facts.id, "message_key": "einvoice", "message_params": params}
                )
            if einvoicing and not facts.address_complete:
                findings.append(
                    {
                        "order_id": facts.id,
                        "message_key": "address_einvoice",
                        "message_params": params,
                    }
                )
        return findings

    def _bo_check_delivery_address(self, orders):
        findings = []
        for facts in self._bo_order_facts(orders).values():
            missing = [
                key
                for key, value in (
                    ("street", facts.ship_street),
                    ("zip", facts.ship_zip),
                    ("city", facts.ship_city),
                    ("country", facts.ship_country_id),
                    ("state", not facts.ship_no_province),
                )
                if not value
            ]
            if missing:
                findings.append(
                    {
                        "order_id": facts.id,
                        "message_key": "delivery_address",
                        "message_params": {"missing": {"labels": missing}},
                    }
                )
        return findings

    def _bo_check_payment_term(self, orders):
        return [
            {"order_id": facts.id, "message_key": "payment_term", "message_params": {}}
            for facts in self._bo_order_facts(orders).values()
            if not facts.payment_term_id
        ]

    def _bo_check_client_ref(self, orders):
        return [
            {
                "order_id": facts.id,
                "message_key": "client_ref",
                "message_params": {"partner": facts.partner_name},
            }
            for facts in self._bo_order_facts(orders).values()
            if facts.requires_ref and not (facts.client_ref or "").strip()
        ]

    def _bo_check_agent_missing(self, orders):
        return [
            {
                "order_id": facts.id,
                "message_key": "agent_missing",
                "message_params": {"partner": facts.partner_name},
            }
            for facts in self._bo_order_facts(orders).values()
            if facts.partner_agent_id and not facts.agent_id
        ]

    # ------------------------------------------------------------------
    # Shipped rules: prices, discounts, quantities
    # ------------------------------------------------------------------

    def _bo_check_price_floor(self, orders):
        return self._bo_check_price_limit(orders, use_cost=False)

    def _bo_check_price_cost(self, orders):
        return self._bo_check_price_limit(orders, use_cost=True)

    def _bo_check_price_limit(self, orders, use_cost):
        """Net unit price (after discount) below the product's floor price or cost,
        both kept in the company currency and converted to the order's."""
        flag = "below_cost" if use_cost else "below_floor"
        return [
            {
                "order_id": line.order_id,
                "line_id": line.id,
                "message_key": "price_cost" if use_cost else "price_floor",
                "message_params": {
                    "product": {"product": line.product_id},
                    "price": {"amount": line.net_price, "currency": line.currency_id},
                    "limit": {
                        "amount": line.cost if use_cost else line.floor_price,
                        "currency": line.currency_id,
                    },
                },
            }
            for line in self._bo_line_facts(orders)
            if getattr(line, flag)
        ]

    def _bo_check_discount_max(self, orders):
        """The agent's maximum discount applies to the orders they bring; otherwise
        the salesperson's. A maximum of 0 means no maximum is set."""
        return [
            {
                "order_id": line.order_id,
                "line_id": line.id,
                "message_key": ("discount_agent" if line.agent_maximum else "discount_salesperson"),
                "message_params": {
                    "discount": {"number": line.discount},
                    "maximum": {"number": line.max_discount},
                },
            }
            for line in self._bo_line_facts(orders)
            if line.over_discount
        ]

    def _bo_check_min_qty(self, orders):
        return [
            {
                "order_id": line.order_id,
                "line_id": line.id,
                "message_key": "min_qty",
                "message_params": {
                    "qty": {"number": line.qty},
                    "product": {"product": line.product_id},
                    "minimum": {"number": line.minimum},
                },
            }
            for line in self._bo_line_facts(orders)
            if line.below_minimum
        ]

    def _bo_check_packaging(self, orders):
        return [
            {
                "order_id": line.order_id,
                "line_id": line.id,
                "message_key": "packaging",
                "message_params": {
                    "qty": {"number": line.qty},
                    "product": {"product": line.product_id},
                    "packs": {"numbers": list(line.packs)},
                },
            }
            for line in self._bo_line_facts(orders)
            if line.off_packaging
        ]

    # ------------------------------------------------------------------
    # Shipped rules: credit and payments
    # ------------------------------------------------------------------

    def _bo_receivables(self, partner_ids, extra_condition):
        """{commercial partner id: (amount, count, oldest due date)} of the open
        receivable items of the current company."""
        rows = self._bo_query(
            SQL(
                """
                SELECT aml.partner_id, SUM(aml.amount_residual), COUNT(*), MIN(aml.date_maturity)
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                 WHERE aml.partner_id = ANY(%s) AND aml.company_id = %s
                   AND aml.parent_state = 'posted' AND acc.account_type = 'asset_receivable'
                   AND NOT aml.reconciled AND aml.amount_residual > 0 AND %s
                 GROUP BY aml.partner_id
                """,
                list(partner_ids),
                self.env.company.id,
                extra_condition,
            )
        )
        return {row[0]: row[1:] for row in rows}

    def _bo_check_credit_limit(self, orders):
        """Open receivables + confirmed orders not invoiced yet + this order,
        in company currency, against the customer's credit limit (Odoo's field)."""
        facts = [f for f in self._bo_order_facts(orders).values() if f.credit_limit > 0]
        if not facts:
            return []
        partner_ids = {f.partner_id for f in facts}
        receivables = self._bo_receivables(partner_ids, SQL("TRUE"))
        uninvoiced = dict(
            self._bo_query(
                SQL(
                    """
                    SELECT p.commercial_partner_id,
                           SUM(l.untaxed_amount_to_invoice
                               * CASE WHEN l.price_subtotal <> 0
                                      THEN l.price_total / l.price_subtotal ELSE 1 END
                               / COALESCE(NULLIF(so.currency_rate, 0), 1))
                      FROM sale_order_line l
                      JOIN sale_order so ON so.id = l.order_id
                      JOIN res_partner p ON p.id = so.partner_invoice_id
                     WHERE so.partner_invoice_id = ANY(%s) AND so.company_id = %s
                       AND so.state = 'sale' AND l.untaxed_amount_to_invoice > 0
                     GROUP BY p.commercial_partner_id
                    """,
                    int_array(
                        contact
                        for contact, customer in self._bo_customer_contacts(orders).items()
                        if customer in partner_ids
                    ),
                    self.env.company.id,
                )
            )
        )
        currency = self.env.company.currency_id
        findings = []
        for order in facts:
            exposure = (
                (receivables.get(order.partner_id, (0.0,))[0] or 0.0)
                + (uninvoiced.get(order.partner_id) or 0.0)
                + (order.total_company or 0.0)
            )
            if currency.compare_amounts(exposure, order.credit_limit) > 0:
                findings.append(
                    {
                        "order_id": order.id,
                        "message_key": "credit_limit",
                        "message_params": {
                            "exposure": {"amount": exposure, "currency": currency.id},
                            "limit": {"amount": order.credit_limit, "currency": currency.id},
                        },
                    }
                )
        return findings

    def _bo_check_overdue(self, orders):
        days = self.param_days or 0
        limit_date = fields.Date.context_today(self) - timedelta(days=days)
        facts = self._bo_order_facts(orders).values()
        overdue = self._bo_receivables(
            {f.partner_id for f in facts}, SQL("aml.date_maturity < %s", limit_date)
        )
        if not overdue:
            return []
        currency = self.env.company.currency_id
        findings = []
        for order in facts:
            if order.partner_id not in overdue:
                continue
            amount, count, oldest = overdue[order.partner_id]
            findings.append(
                {
                    "order_id": order.id,
                    "message_key": "overdue",
                    "message_params": {
                        "count": {"number": count},
                        "days": {"number": days},
                        "amount": {"amount": amount, "currency": currency.id},
                        "date": {"date": fields.Date.to_string(oldest)},
                    },
                }
            )
        return findings

    # ------------------------------------------------------------------
    # Shipped rules: duplicates, dates, stock, usual amounts
    # ------------------------------------------------------------------

    def _bo_check_duplicate(self, orders):
        """Same customer and same customer reference, or same products and
        quantities within N days: self-joins of the customers' orders (as Odoo
        finds duplicate vendor bills), with a signature of the lines per order."""
        days = self.param_days or 0
        rows = self._bo_query(
            SQL(
                """
                WITH candidate AS MATERIALIZED (
                    -- the customers' orders, the checked ones among them
                    SELECT so.id, so.name, so.company_id, p.commercial_partner_id AS partner_id,
                           so.date_order, UPPER(TRIM(so.client_order_ref)) AS ref
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.partner_id = ANY(%(contacts)s) AND so.state != 'cancel'
                ), target AS (
                    SELECT * FROM candidate WHERE id = ANY(%(ids)s)
                ), signature AS (
                    SELECT c.id AS order_id, c.partner_id, c.company_id,
                           MD5(STRING_AGG(l.product_id || ':' || l.product_uom_qty, ','
                                          ORDER BY l.product_id, l.product_uom_qty)) AS lines
                      FROM candidate c
                      JOIN sale_order_line l ON l.order_id = c.id
                     WHERE l.display_type IS NULL AND l.product_id IS NOT NULL
                     GROUP BY c.id, c.partner_id, c.company_id
                )
                -- NOTE: two equality joins (same reference; same signature), so
                -- that a customer with many orders costs no pairwise comparison.
                SELECT t.id, c.name, TRUE
                  FROM target t
                  JOIN candidate c ON c.partner_id = t.partner_id AND c.company_id = t.company_id
                                  AND c.ref = t.ref AND c.id <> t.id
                 WHERE COALESCE(t.ref, '') <> ''
                 UNION ALL
                SELECT t.id, c.name, FALSE
                  FROM target t
                  JOIN signature ts ON ts.order_id = t.id
                  JOIN signature cs ON cs.lines = ts.lines AND cs.partner_id = ts.partner_id
                                   AND cs.company_id = ts.company_id AND cs.order_id <> t.id
                  JOIN candidate c ON c.id = cs.order_id
                 WHERE c.date_order BETWEEN t.date_order - MAKE_INTERVAL(days => %(days)s)
                                        AND t.date_order + MAKE_INTERVAL(days => %(days)s)
                 ORDER BY 1, 2
                """,
                ids=int_array(orders.ids),
                contacts=int_array(self._bo_customer_contacts(orders)),
                days=days,
            )
        )
        same_ref = defaultdict(list)
        same_lines = defaultdict(list)
        for order_id, other_name, is_same_ref in rows:
            (same_ref if is_same_ref else same_lines)[order_id].append(other_name)
        findings = [
            {
                "order_id": order_id,
                "message_key": "duplicate_ref",
                "message_params": {"orders": ", ".join(names)},
            }
            for order_id, names in same_ref.items()
        ]
        findings += [
            {
                "order_id": order_id,
                "message_key": "duplicate_lines",
                "message_params": {"orders": ", ".join(names), "days": {"number": days}},
            }
            for order_id, names in same_lines.items()
            if order_id not in same_ref
        ]
        return findings

    def _bo_check_delivery_date(self, orders):
        """Requested date (commitment_date) in the past or sooner than the
        longest lead time (sale_delay) of the order's products."""
        now = fields.Datetime.now()
        # NOTE: two small queries, not one join or a subquery per order: a date
        # beyond the catalogue's longest lead time is fine whatever the lines,
        # so only the few other orders have their lines read, through the
        # index. On orders created in the same transaction (no statistics yet)
        # the planner priced the one-query plans high enough to compile them
        # (JIT), which cost more than running them.
        dates = dict(
            self._bo_query(
                SQL(
                    """
                    SELECT id, commitment_date
                      FROM sale_order
                     WHERE id = ANY(%(ids)s)
                       AND commitment_date < %(now)s + INTERVAL '1 day' * (
                               SELECT COALESCE(MAX(sale_delay), 0) FROM product_template
                           )
                    """,
                    ids=int_array(orders.ids),
                    now=now,
                )
            )
        )
        if not dates:
            return []
        delays = dict(
            self._bo_query(
                SQL(
                    """
                    SELECT l.order_id, MAX(pt.sale_delay)
                      FROM sale_order_line l
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE l.order_id = ANY(%s) AND l.display_type IS NULL
                     GROUP BY l.order_id
                    """,
                    int_array(dates),
                )
            )
        )
        findings = []
        for order_id, requested in sorted(dates.items()):
            delay = delays.get(order_id) or 0
            # A datetime: shown as a date in the reader's time zone.
            params = {"date": {"date": fields.Datetime.to_string(requested)}}
            if requested < now:
                key = "delivery_date_past"
            elif requested < now + timedelta(days=delay):
                key = "delivery_date_lead_time"
                params["days"] = {"number": delay}
            else:
                continue
            findings.append({"order_id": order_id, "message_key": key, "message_params": params})
        return findings

    def _bo_check_availability(self, orders):
        """Forecast per product and warehouse at the needed date (the requested
        date, else today plus the product's lead time): quantity on hand plus
        the moves planned until then into or out of the warehouse's stock,
        against what the order asks for the product. One query for all orders;
        only the shortfalls come back."""
        now = fields.Datetime.now()
        rows = self._bo_query(
            SQL(
                """
                WITH line AS (
                    SELECT id, order_id, product_id, product_uom, product_uom_qty
                      FROM sale_order_line
                     WHERE order_id = ANY(%(ids)s) AND display_type IS NULL
                ), product AS MATERIALIZED (
                    SELECT pp.id, pu.factor::float8 AS uom_factor,
                           COALESCE(pt.sale_delay, 0) AS sale_delay
                      FROM product_product pp
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      JOIN uom_uom pu ON pu.id = pt.uom_id
                     WHERE pp.id IN (SELECT product_id FROM line) AND pt.is_storable
                ), ord AS MATERIALIZED (
                    SELECT id, warehouse_id, commitment_date
                      FROM sale_order
                     WHERE id = ANY(%(ids)s) AND warehouse_id IS NOT NULL
                ), need AS MATERIALIZED (
                    -- what each order asks of each storable product, and by when
                    SELECT line.order_id, line.product_id, ord.warehouse_id,
                           MIN(line.id) AS line_id,
                           SUM(line.product_uom_qty::float8 / lu.factor::float8
                               * product.uom_factor) AS qty,
                           COALESCE(ord.commitment_date,
                                    %(now)s + INTERVAL '1 day' * product.sale_delay) AS needed
                      FROM line
                      JOIN product ON product.id = line.product_id
                      JOIN ord ON ord.id = line.order_id
                      JOIN uom_uom lu ON lu.id = line.product_uom
                     GROUP BY line.order_id, line.product_id, ord.warehouse_id,
                              ord.commitment_date, product.sale_delay
                ), stock_key AS MATERIALIZED (
                    SELECT DISTINCT product_id, warehouse_id FROM need
                ), on_hand AS (
                    SELECT q.product_id, loc.warehouse_id, SUM(q.quantity)::float8 AS qty
                      FROM stock_quant q
                      JOIN stock_location loc ON loc.id = q.location_id
                      JOIN stock_key ON stock_key.product_id = q.product_id
                                    AND stock_key.warehouse_id = loc.warehouse_id
                     WHERE loc.usage = 'internal'
                     GROUP BY q.product_id, loc.warehouse_id
                ), planned AS MATERIALIZED (
                    -- moves not done yet into (+) or out of (-) a warehouse's stock;
                    -- moves inside one warehouse change nothing
                    SELECT m.product_id, loc.warehouse_id, m.date,
                           CASE WHEN loc.id = m.location_dest_id THEN m.product_qty
                                ELSE -m.product_qty END::float8 AS qty
                      FROM stock_move m
                      JOIN stock_location src ON src.id = m.location_id
                      JOIN stock_location dst ON dst.id = m.location_dest_id
                      JOIN stock_location loc ON loc.id IN (src.id, dst.id)
                      JOIN stock_key ON stock_key.product_id = m.product_id
                                    AND stock_key.warehouse_id = loc.warehouse_id
                     WHERE m.state NOT IN ('draft', 'done', 'cancel')
                       AND loc.usage = 'internal'
                       AND NOT (src.usage = 'internal' AND dst.usage = 'internal'
                                AND src.warehouse_id IS NOT DISTINCT FROM dst.warehouse_id)
                ), planned_until AS (
                    SELECT need.order_id, need.product_id, SUM(planned.qty) AS qty
                      FROM need
                      JOIN planned ON planned.product_id = need.product_id
                                  AND planned.warehouse_id = need.warehouse_id
                                  AND planned.date <= need.needed
                     GROUP BY need.order_id, need.product_id
                )
                SELECT need.line_id, need.order_id, need.product_id, need.needed,
                       COALESCE(on_hand.qty, 0) + COALESCE(planned_until.qty, 0), need.qty
                  FROM need
                  LEFT JOIN on_hand ON on_hand.product_id = need.product_id
                                   AND on_hand.warehouse_id = need.warehouse_id
                  LEFT JOIN planned_until ON planned_until.order_id = need.order_id
                                         AND planned_until.product_id = need.product_id
                 WHERE COALESCE(on_hand.qty, 0) + COALESCE(planned_until.qty, 0)
                       < need.qty - 1e-6
                 ORDER BY need.order_id, need.line_id
                """,
                ids=int_array(orders.ids),
                now=now,
            )
        )
        return [
            {
                "order_id": order_id,
                "line_id": line_id,
                "message_key": "availability",
                "message_params": {
                    "available": {"number": round(max(forecast, 0.0), 4)},
                    "product": {"product": product_id},
                    "date": {"date": fields.Datetime.to_string(needed)},
                    "qty": {"number": round(wanted, 4)},
                },
            }
            for line_id, order_id, product_id, needed, forecast, wanted in rows
        ]

    def _bo_check_amount_range(self, orders):
        """Order total against the average of the customer's confirmed orders of
        the last N days (at least three of them)."""
        ratio = self.param_ratio if self.param_ratio > 1 else 3.0
        since = fields.Datetime.now() - timedelta(days=self.param_days or 365)
        rows = self._bo_query(
            SQL(
                """
                WITH target AS MATERIALIZED (
                    SELECT id, partner_id,
                           amount_untaxed / COALESCE(NULLIF(currency_rate, 0), 1) AS amount
                      FROM sale_order
                     WHERE id = ANY(%(ids)s)
                ), history AS (
                    SELECT p.commercial_partner_id AS partner_id,
                           AVG(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
                               AS average
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.partner_id = ANY(%(contacts)s) AND so.state = 'sale'
                       AND so.company_id = %(company)s AND so.date_order >= %(since)s
                     GROUP BY p.commercial_partner_id
                    HAVING COUNT(*) >= 3
                )
                SELECT t.id, t.amount, h.average
                  FROM target t
                  JOIN res_partner p ON p.id = t.partner_id
                  JOIN history h ON h.partner_id = p.commercial_partner_id
                 WHERE h.average > 0
                   AND (t.amount > h.average * %(ratio)s OR t.amount < h.average / %(ratio)s)
                """,
                ids=int_array(orders.ids),
                contacts=int_array(self._bo_customer_contacts(orders)),
                company=self.env.company.id,
                since=since,
                ratio=ratio,
            )
        )
        currency = self.env.company.currency_id
        return [
            {
                "order_id": order_id,
                "message_key": "amount_range",
                "message_params": {
                    "amount": {"amount": float(amount), "currency": currency.id},
                    "average": {"amount": float(average), "currency": currency.id},
                },
            }
            for order_id, amount, average in rows
        ]
