# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date, get_lang
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from ..tools import tax_codes


class BoCheckRule(models.Model):
    """A check run on quotations before they are confirmed.

    Shipped rules carry a technical ``code``; their logic is the method
    ``_bo_check_<code>(orders)``, which evaluates ALL the given orders at once
    (one or a few SQL queries) and returns a list of finding values
    ``{"order_id", "line_id", "message"}``. Another addon adds a rule with a
    data record and such a method. Rules without code are the managers' own:
    an Odoo domain on orders or on order lines.
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
        message = self.description or self.name
        if self.domain_model == "sale.order.line":
            lines = self.env["sale.order.line"].search(
                [
                    ("order_id", "in", orders.ids),
                    ("display_type", "=", False),
                    *self._bo_get_domain(),
                ]
            )
            return [
                {"order_id": line.order_id.id, "line_id": line.id, "message": message}
                for line in lines
            ]
        matching = orders.search([("id", "in", orders.ids), *self._bo_get_domain()])
        return [{"order_id": order.id, "message": message} for order in matching]

    def _bo_query(self, query):
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    def _bo_order_partner_rows(self, orders):
        """(order id, commercial partner id) of each order."""
        return self._bo_query(
            SQL(
                """
                SELECT so.id, p.commercial_partner_id
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.id = ANY(%s)
                """,
                orders.ids,
            )
        )

    def _bo_formatters(self):
        """(amount formatter, date formatter) in the user's language, built once
        per rule call: Odoo's format_amount/format_date look the language up on
        every call, which cost seconds on 10 000 findings."""
        lang = self.env["res.lang"]._get_data(code=get_lang(self.env).code)
        decimal_point, thousands_sep = lang.decimal_point, lang.thousands_sep
        currencies = {}
        dates = {}

        def amount(value, currency):
            if currency.id not in currencies:
                currencies[currency.id] = (
                    currency.symbol,
                    currency.position,
                    currency.decimal_places,
                )
            symbol, position, digits = currencies[currency.id]
            text = (
                f"{value:,.{digits}f}".replace(",", "\x00")
                .replace(".", decimal_point)
                .replace("\x00", thousands_sep)
            )
            return (
                f"{symbol}\N{NO-BREAK SPACE}{text}"
                if position == "before"
                else (f"{text}\N{NO-BREAK SPACE}{symbol}")
            )

        def date(value):
            if value not in dates:
                dates[value] = format_date(self.env, value)
            return dates[value]

        return amount, date

    def _bo_product_names(self, product_ids):
        products = self.env["product.product"].browse(set(product_ids))
        return {product.id: product.display_name for product in products}

    # ------------------------------------------------------------------
    # Shipped rules: customer data
    # ------------------------------------------------------------------

    def _bo_customer_tax_rows(self, orders):
        return self._bo_query(
            SQL(
                """
                SELECT so.id, cp.name, cp.is_company, cp.vat, cp.l10n_it_codice_fiscale, c.code
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                  LEFT JOIN res_country c ON c.id = cp.country_id
                 WHERE so.id = ANY(%s)
                """,
                orders.ids,
            )
        )

    def _bo_check_vat_missing(self, orders):
        """EU businesses need a VAT number, Italian private customers a fiscal code."""
        findings = []
        for order_id, name, is_company, vat, fiscal_code, country in self._bo_customer_tax_rows(
            orders
        ):
            if is_company and country in tax_codes.EU_COUNTRY_CODES and not vat:
                message = self.env._("Customer %(partner)s has no VAT number.", partner=name)
            elif not is_company and country == "IT" and not fiscal_code and not vat:
                message = self.env._("Customer %(partner)s has no fiscal code.", partner=name)
            else:
                continue
            findings.append({"order_id": order_id, "message": message})
        return findings

    def _bo_check_vat_invalid(self, orders):
        """VAT number and Italian fiscal code checked with python-stdnum."""
        findings = []
        for order_id, name, _is_company, vat, fiscal_code, country in self._bo_customer_tax_rows(
            orders
        ):
            if vat and not tax_codes.is_valid_vat(vat, country):
                message = self.env._(
                    "VAT number %(vat)s of %(partner)s is not valid.", vat=vat, partner=name
                )
            elif fiscal_code and not tax_codes.is_valid_fiscal_code(fiscal_code):
                message = self.env._(
                    "Fiscal code %(code)s of %(partner)s is not valid.",
                    code=fiscal_code,
                    partner=name,
                )
            else:
                continue
            findings.append({"order_id": order_id, "message": message})
        return findings

    def _bo_check_einvoice(self, orders):
        """Italian businesses receive e-invoices through an SDI code or a PEC address."""
        rows = self._bo_query(
            SQL(
                """
                SELECT so.id, cp.name
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                  JOIN res_country c ON c.id = cp.country_id
                 WHERE so.id = ANY(%s)
                   AND c.code = 'IT' AND cp.is_company
                   AND COALESCE(cp.l10n_it_pa_index, '') IN ('', '0000000')
                   AND COALESCE(cp.l10n_it_pec_email, '') = ''
                """,
                orders.ids,
            )
        )
        return [
            {
                "order_id": order_id,
                "message": self.env._(
                    "Italian business %(partner)s has neither an SDI code nor a PEC address "
                    "for electronic invoices.",
                    partner=name,
                ),
            }
            for order_id, name in rows
        ]

    def _bo_check_delivery_address(self, orders):
        rows = self._bo_query(
            SQL(
                """
                SELECT so.id, sp.street, sp.zip, sp.city, sp.country_id,
                       (c.code = 'IT' AND sp.state_id IS NULL)
                  FROM sale_order so
                  JOIN res_partner sp ON sp.id = so.partner_shipping_id
                  LEFT JOIN res_country c ON c.id = sp.country_id
                 WHERE so.id = ANY(%s)
                """,
                orders.ids,
            )
        )
        labels = {
            "street": self.env._("street"),
            "zip": self.env._("ZIP code"),
            "city": self.env._("city"),
            "country": self.env._("country"),
            "state": self.env._("province"),
        }
        findings = []
        for order_id, street, zip_code, city, country, no_province in rows:
            missing = [
                labels[key]
                for key, value in (
                    ("street", street),
                    ("zip", zip_code),
                    ("city", city),
                    ("country", country),
                    ("state", not no_province),
                )
                if not value
            ]
            if missing:
                findings.append(
                    {
                        "order_id": order_id,
                        "message": self.env._(
                            "The delivery address lacks: %(missing)s.", missing=", ".join(missing)
                        ),
                    }
                )
        return findings

    def _bo_check_payment_term(self, orders):
        rows = self._bo_query(
            SQL(
                "SELECT id FROM sale_order WHERE id = ANY(%s) AND payment_term_id IS NULL",
                orders.ids,
            )
        )
        message = self.env._("The order has no payment terms.")
        return [{"order_id": order_id, "message": message} for (order_id,) in rows]

    def _bo_check_client_ref(self, orders):
        rows = self._bo_query(
            SQL(
                """
                SELECT so.id, cp.name
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE so.id = ANY(%s) AND cp.bo_requires_client_ref
                   AND COALESCE(TRIM(so.client_order_ref), '') = ''
                """,
                orders.ids,
            )
        )
        return [
            {
                "order_id": order_id,
                "message": self.env._(
                    "%(partner)s requires its own order reference on every order.", partner=name
                ),
            }
            for order_id, name in rows
        ]

    def _bo_check_agent_missing(self, orders):
        rows = self._bo_query(
            SQL(
                """
                SELECT so.id, cp.name
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE so.id = ANY(%s) AND cp.bo_agent_id IS NOT NULL AND so.bo_agent_id IS NULL
                """,
                orders.ids,
            )
        )
        return [
            {
                "order_id": order_id,
                "message": self.env._(
                    "%(partner)s is followed by an agent but the order has none.", partner=name
                ),
            }
            for order_id, name in rows
        ]

    # ------------------------------------------------------------------
    # Shipped rules: prices, discounts, quantities
    # ------------------------------------------------------------------

    def _bo_line_facts(self, orders):
        """Per product line of ``orders``, in order and line order: (line id,
        order id, product id, net unit price, floor price, order currency id,
        quantity in the product's unit, minimum order quantity, sales packaging
        quantities or None, discount, maximum discount (the agent's when set,
        else the salesperson's, else 100), whether that maximum is the agent's,
        warehouse id, storable, requested date, product lead time in days).

        Read in one query and shared by the price and quantity rules of the same
        check run (``action_bo_check`` names the run in the context).
        """
        shared = self.env.cr.cache.get(self.env.context.get("bo_check_run"))
        key = ("line_facts", tuple(orders.ids))
        if shared is not None and key in shared:
            return shared[key]
        rows = self._bo_query(
            SQL(
                """
                WITH line AS (
                    SELECT l.id, l.order_id, l.product_id,
                           (l.price_unit * (1 - COALESCE(l.discount, 0) / 100.0))::float8
                               AS net_price,
                           COALESCE(pt.bo_floor_price, 0) AS floor_price,
                           so.currency_id,
                           (l.product_uom_qty / lu.factor * pu.factor)::float8 AS qty,
                           COALESCE(pt.bo_min_order_qty, 0) AS minimum,
                           COALESCE(l.discount, 0)::float8 AS discount,
                           CASE WHEN COALESCE(a.bo_max_discount, 0) > 0 THEN a.bo_max_discount
                                ELSE COALESCE(NULLIF(u.bo_max_discount, 0), 100)
                           END AS max_discount,
                           COALESCE(a.bo_max_discount, 0) > 0 AS agent_maximum,
                           so.warehouse_id, pt.is_storable, so.commitment_date,
                           COALESCE(pt.sale_delay, 0) AS sale_delay
                      FROM sale_order_line l
                      JOIN sale_order so ON so.id = l.order_id
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      JOIN uom_uom lu ON lu.id = l.product_uom
                      JOIN uom_uom pu ON pu.id = pt.uom_id
                      LEFT JOIN res_partner a ON a.id = so.bo_agent_id
                      LEFT JOIN res_users u ON u.id = so.user_id
                     WHERE l.order_id = ANY(%s) AND l.display_type IS NULL
                ), pack AS (
                    SELECT pk.product_id, ARRAY_AGG(pk.qty) AS qtys
                      FROM product_packaging pk
                     WHERE pk.sales AND pk.qty > 0
                       AND pk.product_id IN (SELECT product_id FROM line)
                     GROUP BY pk.product_id
                )
                SELECT line.id, line.order_id, line.product_id, line.net_price,
                       line.floor_price, line.currency_id, line.qty, line.minimum, pack.qtys,
                       line.discount, line.max_discount, line.agent_maximum,
                       line.warehouse_id, line.is_storable, line.commitment_date,
                       line.sale_delay
                  FROM line
                  LEFT JOIN pack ON pack.product_id = line.product_id
                 ORDER BY line.order_id, line.id
                """,
                orders.ids,
            )
        )
        if shared is not None:
            shared[key] = rows
        return rows

    def _bo_check_price_floor(self, orders):
        return self._bo_check_price_limit(orders, use_cost=False)

    def _bo_check_price_cost(self, orders):
        return self._bo_check_price_limit(orders, use_cost=True)

    def _bo_check_price_limit(self, orders, use_cost):
        """Net unit price (after discount) below the product's floor price or cost,
        both kept in the company currency and converted to the order's."""
        fmt_amount, fmt_date = self._bo_formatters()
        rows = [row[:6] for row in self._bo_line_facts(orders) if use_cost or row[4] > 0]
        if not rows:
            return []
        company = self.env.company
        if use_cost:
            products = self.env["product.product"].browse({row[2] for row in rows})
            limits = {product.id: product.standard_price for product in products}
        else:
            limits = {row[2]: row[4] or 0.0 for row in rows}
        currencies = self.env["res.currency"].browse({row[5] for row in rows})
        today = fields.Date.context_today(self)
        rates = {
            currency.id: company.currency_id._get_conversion_rate(
                company.currency_id, currency, company, today
            )
            for currency in currencies
        }
        names = self._bo_product_names([row[2] for row in rows if limits.get(row[2])])
        # NOTE: translated once, filled per line (a translation lookup per line
        # is what made per-record rule engines slow).
        if use_cost:
            template = self.env._("Net price %(price)s of %(product)s is below its cost %(limit)s.")
        else:
            template = self.env._(
                "Net price %(price)s of %(product)s is below its floor price %(limit)s."
            )
        findings = []
        for line_id, order_id, product_id, net_price, _floor, currency_id in rows:
            limit = (limits.get(product_id) or 0.0) * rates[currency_id]
            if limit <= 0 or net_price >= limit - 1e-6:
                continue
            currency = currencies.browse(currency_id)
            message = template % {
                "product": names[product_id],
                "price": fmt_amount(net_price, currency),
                "limit": fmt_amount(limit, currency),
            }
            findings.append({"order_id": order_id, "line_id": line_id, "message": message})
        return findings

    def _bo_check_discount_max(self, orders):
        """The agent's maximum discount applies to the orders they bring; otherwise
        the salesperson's. A maximum of 0 means no maximum is set."""
        rows = [
            (row[0], row[1], row[9], row[10], row[11])
            for row in self._bo_line_facts(orders)
            if row[9] > 0 and row[9] > row[10] + 1e-6
        ]
        templates = {
            True: self.env._(
                "Discount %(discount)s%% is above the agent's maximum of %(maximum)s%%."
            ),
            False: self.env._(
                "Discount %(discount)s%% is above the salesperson's maximum of %(maximum)s%%."
            ),
        }
        return [
            {
                "order_id": order_id,
                "line_id": line_id,
                "message": templates[bool(is_agent)] % {"discount": discount, "maximum": maximum},
            }
            for line_id, order_id, discount, maximum, is_agent in rows
        ]

    def _bo_check_min_qty(self, orders):
        rows = [
            (line_id, order_id, product_id, qty, minimum, packs)
            for line_id, order_id, product_id, _n, _f, _c, qty, minimum, packs, *_rest in (
                self._bo_line_facts(orders)
            )
            if minimum > 0 and qty < minimum
        ]
        names = self._bo_product_names([row[2] for row in rows])
        template = self.env._(
            "Quantity %(qty)s of %(product)s is below its minimum order quantity %(minimum)s."
        )
        return [
            {
                "order_id": order_id,
                "line_id": line_id,
                "message": template
                % {"qty": qty, "product": names[product_id], "minimum": minimum},
            }
            for line_id, order_id, product_id, qty, minimum, _packs in rows
        ]

    def _bo_check_packaging(self, orders):
        def fits(qty, pack):
            return abs(qty / pack - round(qty / pack)) < 1e-6

        rows = [
            (line_id, order_id, product_id, qty, minimum, packs)
            for line_id, order_id, product_id, _n, _f, _c, qty, minimum, packs, *_rest in (
                self._bo_line_facts(orders)
            )
            if packs and qty > 0 and not any(fits(qty, pack) for pack in packs)
        ]
        names = self._bo_product_names([row[2] for row in rows])
        template = self.env._(
            "Quantity %(qty)s of %(product)s is not a multiple of its packaging (%(packs)s)."
        )
        return [
            {
                "order_id": order_id,
                "line_id": line_id,
                "message": template
                % {
                    "qty": qty,
                    "product": names[product_id],
                    "packs": ", ".join(str(pack) for pack in sorted(packs)),
                },
            }
            for line_id, order_id, product_id, qty, _minimum, packs in rows
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
        fmt_amount, fmt_date = self._bo_formatters()
        order_partner = dict(self._bo_order_partner_rows(orders))
        # NOTE: credit_limit is restricted to accountants; the check only reads it.
        partners = self.env["res.partner"].sudo().browse(set(order_partner.values()))
        limits = {
            partner.id: partner.credit_limit for partner in partners if partner.credit_limit > 0
        }
        if not limits:
            return []
        receivables = self._bo_receivables(limits, SQL("TRUE"))
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
                     WHERE p.commercial_partner_id = ANY(%s) AND so.company_id = %s
                       AND so.state = 'sale' AND l.untaxed_amount_to_invoice > 0
                     GROUP BY p.commercial_partner_id
                    """,
                    list(limits),
                    self.env.company.id,
                )
            )
        )
        totals = dict(
            self._bo_query(
                SQL(
                    """
                    SELECT id, amount_total / COALESCE(NULLIF(currency_rate, 0), 1)
                      FROM sale_order WHERE id = ANY(%s)
                    """,
                    orders.ids,
                )
            )
        )
        currency = self.env.company.currency_id
        findings = []
        for order_id, partner_id in order_partner.items():
            if partner_id not in limits:
                continue
            exposure = (
                (receivables.get(partner_id, (0.0,))[0] or 0.0)
                + (uninvoiced.get(partner_id) or 0.0)
                + (totals.get(order_id) or 0.0)
            )
            if currency.compare_amounts(exposure, limits[partner_id]) > 0:
                findings.append(
                    {
                        "order_id": order_id,
                        "message": self.env._(
                            "Credit limit exceeded: open invoices, uninvoiced orders and this "
                            "order make %(exposure)s against a limit of %(limit)s.",
                            exposure=fmt_amount(exposure, currency),
                            limit=fmt_amount(limits[partner_id], currency),
                        ),
                    }
                )
        return findings

    def _bo_check_overdue(self, orders):
        fmt_amount, fmt_date = self._bo_formatters()
        days = self.param_days or 0
        limit_date = fields.Date.context_today(self) - timedelta(days=days)
        order_partner = dict(self._bo_order_partner_rows(orders))
        overdue = self._bo_receivables(
            set(order_partner.values()), SQL("aml.date_maturity < %s", limit_date)
        )
        currency = self.env.company.currency_id
        findings = []
        for order_id, partner_id in order_partner.items():
            if partner_id not in overdue:
                continue
            amount, count, oldest = overdue[partner_id]
            findings.append(
                {
                    "order_id": order_id,
                    "message": self.env._(
                        "The customer has %(count)s invoice items overdue by more than %(days)s "
                        "days, %(amount)s in all, the oldest due on %(date)s.",
                        count=count,
                        days=days,
                        amount=fmt_amount(amount, currency),
                        date=fmt_date(oldest),
                    ),
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
                WITH target AS (
                    SELECT so.id, so.company_id, p.commercial_partner_id AS partner_id,
                           so.date_order, UPPER(TRIM(so.client_order_ref)) AS ref
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.id = ANY(%(ids)s)
                ), candidate AS (
                    SELECT so.id, so.name, so.company_id, p.commercial_partner_id AS partner_id,
                           so.date_order, UPPER(TRIM(so.client_order_ref)) AS ref
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.state != 'cancel'
                       AND p.commercial_partner_id IN (SELECT partner_id FROM target)
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
                ids=orders.ids,
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
                "message": self.env._(
                    "Probable duplicate: same customer reference as %(orders)s.",
                    orders=", ".join(names),
                ),
            }
            for order_id, names in same_ref.items()
        ]
        findings += [
            {
                "order_id": order_id,
                "message": self.env._(
                    "Probable duplicate: same products and quantities as %(orders)s "
                    "within %(days)s days.",
                    orders=", ".join(names),
                    days=days,
                ),
            }
            for order_id, names in same_lines.items()
            if order_id not in same_ref
        ]
        return findings

    def _bo_check_delivery_date(self, orders):
        """Requested date (commitment_date) in the past or sooner than the
        longest lead time (sale_delay) of the order's products."""
        fmt_amount, fmt_date = self._bo_formatters()
        now = fields.Datetime.now()
        rows = self._bo_query(
            SQL(
                """
                SELECT so.id, so.commitment_date, COALESCE(MAX(pt.sale_delay), 0)
                  FROM sale_order so
                  LEFT JOIN sale_order_line l ON l.order_id = so.id AND l.display_type IS NULL
                  LEFT JOIN product_product pp ON pp.id = l.product_id
                  LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE so.id = ANY(%s) AND so.commitment_date IS NOT NULL
                 GROUP BY so.id
                """,
                orders.ids,
            )
        )
        findings = []
        for order_id, requested, delay in rows:
            if requested < now:
                message = self.env._(
                    "The requested delivery date %(date)s is in the past.",
                    date=fmt_date(requested),
                )
            elif requested < now + timedelta(days=delay):
                message = self.env._(
                    "The requested delivery date %(date)s is sooner than the lead time of "
                    "%(days)s days.",
                    date=fmt_date(requested),
                    days=delay,
                )
            else:
                continue
            findings.append({"order_id": order_id, "message": message})
        return findings

    def _bo_check_availability(self, orders):
        """Forecast per product and warehouse at the needed date: quantity on hand
        plus incoming minus outgoing moves planned until then, against what the
        order asks. Two queries for all orders (and the lines' facts shared with
        the other line rules), no per-line forecast call."""
        fmt_amount, fmt_date = self._bo_formatters()
        now = fields.Datetime.now()
        lines = [
            (
                row[0],
                row[1],
                row[2],
                row[12],
                row[6],
                row[14] or now + timedelta(days=row[15]),
            )
            for row in self._bo_line_facts(orders)
            if row[13] and row[12]
        ]
        if not lines:
            return []
        product_ids = list({row[2] for row in lines})
        warehouse_ids = list({row[3] for row in lines})
        on_hand = {
            (product_id, warehouse_id): qty
            for product_id, warehouse_id, qty in self._bo_query(
                SQL(
                    """
                    SELECT q.product_id, loc.warehouse_id, SUM(q.quantity)
                      FROM stock_quant q
                      JOIN stock_location loc ON loc.id = q.location_id
                     WHERE q.product_id = ANY(%s) AND loc.warehouse_id = ANY(%s)
                       AND loc.usage = 'internal'
                     GROUP BY q.product_id, loc.warehouse_id
                    """,
                    product_ids,
                    warehouse_ids,
                )
            )
        }
        moves = defaultdict(list)
        for product_id, warehouse_id, date, qty in self._bo_query(
            SQL(
                """
                SELECT m.product_id, COALESCE(dst.warehouse_id, src.warehouse_id), m.date,
                       SUM(CASE WHEN COALESCE(dst.warehouse_id = ANY(%(wh)s)
                                              AND dst.usage = 'internal', FALSE)
                                THEN m.product_qty ELSE -m.product_qty END)
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dst ON dst.id = m.location_dest_id
                 WHERE m.product_id = ANY(%(products)s)
                   AND m.state NOT IN ('draft', 'done', 'cancel')
                   AND COALESCE(dst.warehouse_id = ANY(%(wh)s) AND dst.usage = 'internal', FALSE)
                       <> COALESCE(src.warehouse_id = ANY(%(wh)s) AND src.usage = 'internal', FALSE)
                 GROUP BY m.product_id, COALESCE(dst.warehouse_id, src.warehouse_id), m.date
                """,
                wh=warehouse_ids,
                products=product_ids,
            )
        ):
            moves[product_id, warehouse_id].append((date, qty))
        demand = defaultdict(float)
        for _line_id, order_id, product_id, _wh, qty, _date in lines:
            demand[order_id, product_id] += qty
        names = self._bo_product_names(product_ids)
        template = self.env._(
            "Only %(available)s of %(product)s expected by %(date)s; the order needs %(qty)s."
        )
        findings = []
        seen = set()
        for line_id, order_id, product_id, warehouse_id, _qty, needed in lines:
            if (order_id, product_id) in seen:
                continue
            seen.add((order_id, product_id))
            key = (product_id, warehouse_id)
            forecast = (on_hand.get(key) or 0.0) + sum(
                qty for date, qty in moves.get(key, ()) if date <= needed
            )
            wanted = demand[order_id, product_id]
            if forecast < wanted - 1e-6:
                findings.append(
                    {
                        "order_id": order_id,
                        "line_id": line_id,
                        "message": template
                        % {
                            "available": round(max(forecast, 0.0), 4),
                            "product": names[product_id],
                            "date": fmt_date(needed),
                            "qty": round(wanted, 4),
                        },
                    }
                )
        return findings

    def _bo_check_amount_range(self, orders):
        """Order total against the average of the customer's confirmed orders of
        the last N days (at least three of them)."""
        fmt_amount, fmt_date = self._bo_formatters()
        ratio = self.param_ratio if self.param_ratio > 1 else 3.0
        since = fields.Datetime.now() - timedelta(days=self.param_days or 365)
        rows = self._bo_query(
            SQL(
                """
                WITH target AS (
                    SELECT so.id, p.commercial_partner_id AS partner_id,
                           so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.id = ANY(%s)
                ), history AS (
                    SELECT p.commercial_partner_id AS partner_id,
                           AVG(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
                               AS average
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.state = 'sale' AND so.company_id = %s AND so.date_order >= %s
                       AND p.commercial_partner_id IN (SELECT partner_id FROM target)
                     GROUP BY p.commercial_partner_id
                    HAVING COUNT(*) >= 3
                )
                SELECT t.id, t.amount, h.average
                  FROM target t JOIN history h ON h.partner_id = t.partner_id
                 WHERE h.average > 0 AND (t.amount > h.average * %s OR t.amount < h.average / %s)
                """,
                orders.ids,
                self.env.company.id,
                since,
                ratio,
                ratio,
            )
        )
        currency = self.env.company.currency_id
        return [
            {
                "order_id": order_id,
                "message": self.env._(
                    "The order total %(amount)s is far from this customer's usual orders "
                    "(average %(average)s).",
                    amount=fmt_amount(amount, currency),
                    average=fmt_amount(average, currency),
                ),
            }
            for order_id, amount, average in rows
        ]
