# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date

from ..tools.check_engine import is_engine
from ..tools.number_format import number_formatter


class BoCheckFinding(models.Model):
    """A problem found on an order by a check rule.

    Findings are replaced as a whole each time the order is checked; an
    override given by a manager is carried over to the same finding (same rule
    and line) so it stays visible with its reason, author and date.

    The message is not stored as text: the finding keeps its message key and
    the values to show (``message_params``: amounts with their currency,
    dates, numbers, products), and ``message`` writes them in the language and
    number format of whoever reads it. Each value of ``message_params`` is
    either a text shown as is, or one of ``{"amount": x, "currency": id}``,
    ``{"number": x}``, ``{"numbers": [x, ...]}``, ``{"date": "YYYY-MM-DD"}``
    (or a UTC datetime, shown in the reader's time zone), ``{"product": id}``,
    ``{"labels": [key, ...]}`` (words of ``_bo_message_labels``).
    """

    _name = "bo.check.finding"
    _description = "Order Check Finding"
    _order = "order_id, severity, sequence, id"
    # NOTE: findings are derived data, rewritten by the engine at every check
    # (thousands of rows for a nightly run): no creator/date columns, and the
    # company is the order's, not a column of its own. Each foreign key costs a
    # trigger per inserted row, and these made up most of a check's SQL time.
    _log_access = False

    rule_id = fields.Many2one(
        comodel_name="bo.check.rule", required=True, ondelete="cascade", index=True
    )
    order_id = fields.Many2one(
        comodel_name="sale.order", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(
        comodel_name="sale.order.line", ondelete="cascade", index="btree_not_null"
    )
    severity = fields.Selection(
        selection=[("blocking", "Blocking"), ("warning", "Warning")], required=True
    )
    message_key = fields.Char(string="Message Type", readonly=True)
    message_params = fields.Json(string="Message Values", readonly=True)
    # Text given as is by a rule without message key (older findings, other addons).
    message_text = fields.Char(string="Message as Written", readonly=True)
    message = fields.Char(compute="_compute_message")
    company_id = fields.Many2one(related="order_id.company_id")
    sequence = fields.Integer(related="rule_id.sequence")
    code = fields.Selection(related="rule_id.code")
    partner_id = fields.Many2one(related="order_id.partner_id")
    user_id = fields.Many2one(related="order_id.user_id")
    order_state = fields.Selection(related="order_id.state")
    product_id = fields.Many2one(related="line_id.product_id")
    overridden = fields.Boolean(readonly=True)
    override_reason = fields.Text(readonly=True)
    override_user_id = fields.Many2one(comodel_name="res.users", readonly=True)
    override_date = fields.Datetime(readonly=True)

    @api.model
    def _bo_message_templates(self):
        """{message key: template} of the shipped rules, in the reader's
        language; another addon adds the messages of its rules.

        A finding stores the key and the values to fill in
        (``message_params``); the text is written when it is read, in the
        reader's language and number format (the check itself may have run as
        another user, or as the nightly job).
        """
        return {
            "vat_missing": self.env._("Customer %(partner)s has no VAT number."),
            "fiscal_code_missing": self.env._("Customer %(partner)s has no fiscal code."),
            "no_tax_code_einvoice": self.env._(
                "Customer %(partner)s has neither a VAT number nor a fiscal code: "
                "the electronic invoice (FatturaPA) would be refused."
            ),
            "vat_invalid": self.env._("VAT number %(vat)s of %(partner)s is not valid."),
            "fiscal_code_invalid": self.env._("Fiscal code %(code)s of %(partner)s is not valid."),
            "einvoice": self.env._(
                "Italian business %(partner)s has neither an SDI code nor a PEC address "
                "for electronic invoices."
            ),
            "address_einvoice": self.env._(
                "The address of %(partner)s is incomplete (street, ZIP code, city "
                "and country): the electronic invoice (FatturaPA) would be refused."
            ),
            "delivery_address": self.env._("The delivery address lacks: %(missing)s."),
            "payment_term": self.env._("The order has no payment terms."),
            "client_ref": self.env._(
                "%(partner)s requires its own order reference on every order."
            ),
            "agent_missing": self.env._(
                "%(partner)s is followed by an agent but the order has none."
            ),
            "price_floor": self.env._(
                "Net price %(price)s of %(product)s is below its floor price %(limit)s."
            ),
            "price_cost": self.env._(
                "Net price %(price)s of %(product)s is below its cost %(limit)s."
            ),
            "discount_agent": self.env._(
                "Discount %(discount)s%% is above the agent's maximum of %(maximum)s%%."
            ),
            "discount_salesperson": self.env._(
                "Discount %(discount)s%% is above the salesperson's maximum of %(maximum)s%%."
            ),
            "min_qty": self.env._(
                "Quantity %(qty)s of %(product)s is below its minimum order quantity %(minimum)s."
            ),
            "packaging": self.env._(
                "Quantity %(qty)s of %(product)s is not a multiple of its packaging (%(packs)s)."
            ),
            "credit_limit": self.env._(
                "Credit limit exceeded: open invoices, uninvoiced orders and this "
                "order make %(exposure)s against a limit of %(limit)s."
            ),
            "overdue": self.env._(
                "The customer has %(count)s invoice items overdue by more than %(days)s "
                "days, %(amount)s in all, the oldest due on %(date)s."
            ),
            "duplicate_ref": self.env._(
                "Probable duplicate: same customer reference as %(orders)s."
            ),
            "duplicate_lines": self.env._(
                "Probable duplicate: same products and quantities as %(orders)s "
                "within %(days)s days."
            ),
            "delivery_date_past": self.env._(
                "The requested delivery date %(date)s is in the past."
            ),
            "delivery_date_lead_time": self.env._(
                "The requested delivery date %(date)s is sooner than the lead time of "
                "%(days)s days."
            ),
            "availability": self.env._(
                "Only %(available)s of %(product)s expected by %(date)s; the order needs %(qty)s."
            ),
            "amount_range": self.env._(
                "The order total %(amount)s is far from this customer's usual orders "
                "(average %(average)s)."
            ),
        }

    @api.model
    def _bo_message_labels(self):
        """Words a message lists (``{"labels": [...]}``), such as the missing
        parts of an address, in the reader's language."""
        return {
            "street": self.env._("street"),
            "zip": self.env._("ZIP code"),
            "city": self.env._("city"),
            "country": self.env._("country"),
            "state": self.env._("province"),
        }

    @api.depends("message_key", "message_params", "message_text", "rule_id")
    @api.depends_context("lang", "tz")
    def _compute_message(self):
        templates = self._bo_message_templates()
        # Products and currencies of all the findings read at once.
        product_ids, currency_ids = set(), set()
        for finding in self:
            for value in (finding.message_params or {}).values():
                if isinstance(value, dict):
                    if value.get("product"):
                        product_ids.add(value["product"])
                    if value.get("currency"):
                        currency_ids.add(value["currency"])
        products = self.env["product.product"].sudo().browse(product_ids).exists()
        product_names = {product.id: product.display_name for product in products}
        currencies = {
            currency.id: currency
            for currency in self.env["res.currency"].browse(currency_ids).exists()
        }
        fmt = self._bo_number_formatter()
        labels = self._bo_message_labels()
        english = None
        for finding in self:
            template = templates.get(finding.message_key)
            if template is None:
                # Custom rules: their description (or name), in the reader's language.
                finding.message = finding.message_text or (
                    finding.rule_id.description or finding.rule_id.name
                )
                continue
            params = {
                name: finding._bo_format_param(value, fmt, product_names, currencies, labels)
                for name, value in (finding.message_params or {}).items()
            }
            try:
                finding.message = template % params
            except (KeyError, TypeError, ValueError):
                # A translation with a wrong placeholder: the English text.
                if english is None:
                    english = self.with_context(lang="en_US")._bo_message_templates()
                finding.message = english[finding.message_key] % params

    def _bo_number_formatter(self):
        """Number formatter in the reader's language: ``fmt(value, digits)``;
        ``digits=None`` shows up to 4 decimals without trailing zeros."""
        return number_formatter(self.env, self.env.lang or "en_US")

    def _bo_format_param(self, value, fmt, product_names, currencies, labels):
        if not isinstance(value, dict):
            return value
        if "amount" in value:
            currency = currencies.get(value.get("currency"))
            if not currency:
                return fmt(value["amount"], 2)
            text = fmt(value["amount"], currency.decimal_places)
            if currency.position == "before":
                return f"{currency.symbol}\N{NO-BREAK SPACE}{text}"
            return f"{text}\N{NO-BREAK SPACE}{currency.symbol}"
        if "number" in value:
            return fmt(value["number"])
        if "numbers" in value:
            return ", ".join(fmt(number) for number in value["numbers"])
        if "date" in value:
            return format_date(self.env, value["date"])
        if "product" in value:
            return product_names.get(value["product"], "")
        if "labels" in value:
            return ", ".join(labels.get(key, key) for key in value["labels"])
        return ""

    # ------------------------------------------------------------------
    # CRUD: the check engine and the override action only
    # ------------------------------------------------------------------

    def _bo_check_engine_only(self):
        # NOTE: whatever the group (administrators and sudo included): a finding
        # or its override written by hand would be a forged audit trail.
        if not is_engine(self.env):
            raise AccessError(
                self.env._(
                    "Order check findings are written by the order checks only: "
                    "run the checks again, or ask a Back Office Manager to override them."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_check_engine_only()
        return super().create(vals_list)

    def write(self, vals):
        self._bo_check_engine_only()
        return super().write(vals)

    def unlink(self):
        self._bo_check_engine_only()
        return super().unlink()
