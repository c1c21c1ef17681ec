# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from freezegun import freeze_time
from stdnum import luhn

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import BoSalesCommon

NOW = datetime(2026, 6, 30, 9, 0)


def valid_partita_iva(base):
    """A valid Italian VAT number (check digit computed) from 10 digits."""
    return base + luhn.calc_check_digit(base)


@tagged("post_install", "-at_install")
class TestOrderChecks(BoSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.payment_term = cls.env.ref("account.account_payment_term_30days")
        cls.bologna = cls.env.ref("base.state_it_bo")
        cls.address = {
            "street": "Via Emilia 10",
            "zip": "40100",
            "city": "Bologna",
            "state_id": cls.bologna.id,
            "country_id": cls.italy.id,
        }
        cls.good_customer = cls.env["res.partner"].create(
            {
                "name": "Ferramenta Emiliana S.r.l.",
                "is_company": True,
                "vat": "IT" + valid_partita_iva("0123456001"),
                "email": "ordini@ferramenta-emiliana.example.com",
                "l10n_it_pa_index": "ABC1234",
                "property_payment_term_id": cls.payment_term.id,
                "bo_agent_id": cls.agent_partner.id,
                **cls.address,
            }
        )
        cls.good_product = cls.env["product.product"].create(
            {
                "name": "Cassetta Attrezzi",
                "default_code": "T-BOX",
                "list_price": 100.0,
                "standard_price": 40.0,
                "type": "consu",
            }
        )
        cls.salesperson = cls.bo_user

    def _order(self, partner=None, lines=None, **vals):
        lines = lines or [(self.good_product, 1.0, 100.0, 0.0)]
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.good_customer).id,
                "user_id": self.salesperson.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "discount": discount,
                        }
                    )
                    for product, qty, price, discount in lines
                ],
                **vals,
            }
        )

    def _codes(self, order):
        return set(order.bo_check_finding_ids.rule_id.mapped("code"))

    def _assert_fires(self, code, firing, quiet):
        self.assertIn(code, self._codes(firing))
        self.assertNotIn(code, self._codes(quiet))

    # ------------------------------------------------------------------
    # The engine
    # ------------------------------------------------------------------

    def test_clean_order_is_ok(self):
        order = self._order()
        self.assertEqual(order.bo_check_state, "ok")
        self.assertFalse(order.bo_check_finding_ids)
        self.assertEqual(order.bo_agent_id, self.agent_partner, "agent defaults from the customer")

    def test_checks_run_on_save_of_checked_field(self):
        self.good_customer.bo_requires_client_ref = True
        order = self._order()
        self.assertEqual(order.bo_check_state, "blocked")
        order.client_order_ref = "PO-77"
        self.assertEqual(order.bo_check_state, "ok")
        order.order_line.product_uom_qty = 3
        order.order_line.price_unit = 30.0  # below cost 40
        self.assertIn("price_cost", self._codes(order))

    def test_every_rule_code_has_its_method(self):
        """A shipped rule's code is a value of the selection, and each value
        names its method (_bo_check_<code>), found by grep from the code."""
        Rule = self.env["bo.check.rule"]
        codes = [code for code, _label in Rule._fields["code"].selection]
        self.assertEqual(len(codes), len(set(codes)), "a code added twice")
        for code in codes:
            with self.subTest(code=code):
                self.assertTrue(callable(getattr(Rule, f"_bo_check_{code}", None)))
        shipped = Rule.with_context(active_test=False).search([("code", "!=", False)])
        self.assertEqual(set(shipped.mapped("code")), set(codes), "a code without its rule")

    def test_rule_without_method_stops_the_check(self):
        """A rule whose code has no method stops the check instead of passing
        every order (only a database edited by hand can hold such a code)."""
        order = (
            self.env["sale.order"]
            .with_context(bo_check_skip=True)
            .create({"partner_id": self.good_customer.id})
        )
        rule = self.env.ref("bo_sales.bo_check_rule_payment_term")
        self.env.cr.execute(
            "UPDATE bo_check_rule SET code = 'no_such_rule' WHERE id = %s", [rule.id]
        )
        rule.invalidate_recordset(["code"])
        with self.assertRaisesRegex(NotImplementedError, "_bo_check_no_such_rule"):
            order.action_bo_check()

    def test_nightly_cron_checks_unchecked_quotations(self):
        order = (
            self.env["sale.order"]
            .with_context(bo_check_skip=True)
            .create({"partner_id": self.good_customer.id})
        )
        self.assertEqual(order.bo_check_state, "to_check")
        self.env["sale.order"]._cron_bo_check_open_quotations()
        self.assertEqual(order.bo_check_state, "ok")

    def test_query_count_does_not_grow_with_orders(self):
        """Every rule active: checking 50 orders costs the same queries as 5."""
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Cliente {index}",
                    "is_company": True,
                    "country_id": self.italy.id,
                    "bo_agent_id": self.agent_partner.id,
                }
                for index in range(50)
            ]
        )
        self.good_product.product_tmpl_id.write({"bo_floor_price": 50.0, "bo_min_order_qty": 2})
        Order = self.env["sale.order"].with_context(bo_check_skip=True)
        orders = Order.create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": self.salesperson.id,
                    "client_order_ref": "PO-1",
                    "commitment_date": NOW - timedelta(days=index % 3),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.good_product.id,
                                "product_uom_qty": 1,
                                "price_unit": 30,
                            }
                        ),
                        Command.create({"product_id": self.product.id, "product_uom_qty": 2}),
                    ],
                }
                for index, partner in enumerate(partners)
            ]
        )
        orders[:1].action_bo_check()  # warm the caches (rules, activity type, models)
        counts = []
        for subset in (orders[1:6], orders[6:]):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            subset.action_bo_check()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertTrue(all(state == "blocked" for state in subset.mapped("bo_check_state")))
        self.assertEqual(counts[0], counts[1], f"queries for 5 and 44 orders: {counts}")

    # ------------------------------------------------------------------
    # Confirmation, override, activities, access
    # ------------------------------------------------------------------

    def _blocked_order(self):
        self.customer.bo_requires_client_ref = True
        order = self._order(partner=self.customer)
        self.assertEqual(order.bo_check_state, "blocked")
        return order

    def test_confirmation_refused_with_findings_listed(self):
        order = self._blocked_order()
        with self.assertRaises(UserError) as error:
            order.action_confirm()
        self.assertIn("Customer order reference missing", str(error.exception))
        self.assertIn("requires its own order reference", str(error.exception))
        self.assertEqual(order.state, "draft")

    def test_manager_override_with_reason(self):
        order = self._blocked_order()
        with self.assertRaises(UserError):
            order.with_user(self.bo_manager)._bo_override_checks("  ")
        action = order.with_user(self.bo_manager).action_bo_override()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.bo_manager)
            .with_context(**action["context"])
        )
        # The manager reads what they override before confirming anything.
        blocking = order.bo_check_finding_ids.filtered(lambda f: f.severity == "blocking")
        self.assertTrue(blocking)
        self.assertEqual(sorted(f.id for f in wizard.finding_ids), sorted(blocking.ids))
        wizard.reason = "Customer confirmed the reference by phone"
        wizard.save().action_apply()
        self.assertEqual(order.bo_check_state, "overridden")
        self.assertEqual(order.bo_override_user_id, self.bo_manager)
        self.assertTrue(order.bo_override_date)
        finding = order.bo_check_finding_ids.filtered(lambda f: f.code == "client_ref")
        self.assertTrue(finding.overridden, order.bo_check_finding_ids.read(["code", "overridden"]))
        self.assertEqual(finding.override_user_id, self.bo_manager)
        self.assertIn("by phone", order.message_ids[0].body)
        # a re-check keeps the override and the finding, and confirmation goes through
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.bo_check_state, "overridden")
        self.assertTrue(order.bo_check_finding_ids.filtered("overridden"))

    def test_agent_cannot_override(self):
        order = self._blocked_order()
        agent_order = order.with_user(self.agent_user)
        self.assertEqual(agent_order.bo_check_state, "blocked", "the agent sees their order")
        with self.assertRaises(AccessError):
            agent_order._bo_override_checks("I say so")
        with self.assertRaises(AccessError):
            agent_order.action_bo_override()
        with self.assertRaises(AccessError):
            self.env["bo.check.override.wizard"].with_user(self.agent_user).create(
                {"order_ids": order.ids, "reason": "I say so"}
            )
        with self.assertRaises(AccessError):
            agent_order.bo_check_finding_ids.write({"overridden": True})
        self.assertEqual(order.bo_check_state, "blocked")

    def test_agent_sees_only_own_customers_orders(self):
        own = self._order(partner=self.customer)
        foreign = self._order(partner=self.other_customer)
        visible = (
            self.env["sale.order"]
            .with_user(self.agent_user)
            .search([("id", "in", (own | foreign).ids)])
        )
        self.assertEqual(visible, own)
        findings = (
            self.env["bo.check.finding"]
            .with_user(self.agent_user)
            .search([("order_id", "in", (own | foreign).ids)])
        )
        self.assertTrue(findings)
        self.assertEqual(findings.order_id, own)

    def test_blocked_order_gets_one_activity(self):
        order = self._blocked_order()
        activity_type = self.env.ref("bo_sales.mail_activity_type_bo_check")
        activities = order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.agent_user, "the agent with a login")
        order.action_bo_check()
        order.invalidate_recordset(["activity_ids"])
        self.assertEqual(
            len(order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)), 1
        )
        order.client_order_ref = "PO-9"
        order.invalidate_recordset(["activity_ids"])
        self.assertFalse(order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type))

    def test_findings_in_the_readers_language(self):
        """Checked by an English user (or the nightly job): an Italian clerk reads
        the findings in Italian, with Italian numbers, an English user in
        English; the activity is in its assignee's language."""
        self.env["res.lang"]._activate_lang("it_IT")
        italian = new_test_user(
            self.env,
            login="bo_lettore_it",
            groups="base.group_user,bo_sales.bo_sales_group_user",
            lang="it_IT",
        )
        self.agent_user.lang = "it_IT"
        self.agent_partner.bo_max_discount = 10.0
        self.good_product.bo_floor_price = 150.0
        self.good_customer.bo_requires_client_ref = True
        order = (
            self.env["sale.order"]
            .with_context(lang="en_US")
            .create(
                {
                    "partner_id": self.good_customer.id,
                    "user_id": self.salesperson.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.good_product.id,
                                "product_uom_qty": 1,
                                "price_unit": 189.0,
                                "discount": 25.0,
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(order.bo_check_state, "blocked")

        def messages(user, lang):
            findings = order.with_user(user).with_context(lang=lang).bo_check_finding_ids
            return {finding.code: finding.message for finding in findings}

        currency = order.currency_id

        def amount(text):
            if currency.position == "before":
                return f"{currency.symbol}\N{NO-BREAK SPACE}{text}"
            return f"{text}\N{NO-BREAK SPACE}{currency.symbol}"

        italian_text = messages(italian, "it_IT")
        self.assertEqual(
            italian_text["price_floor"],
            f"Il prezzo netto {amount('141,75')} di [T-BOX] Cassetta Attrezzi è "
            f"inferiore al prezzo minimo {amount('150,00')}.",
        )
        self.assertEqual(
            italian_text["discount_max"],
            "Lo sconto del 25% supera il massimo dell'agente del 10%.",
        )
        self.assertIn("richiede", italian_text["client_ref"])
        english_text = messages(self.bo_user, "en_US")
        self.assertEqual(
            english_text["price_floor"],
            f"Net price {amount('141.75')} of [T-BOX] Cassetta Attrezzi is below its "
            f"floor price {amount('150.00')}.",
        )
        self.assertEqual(
            english_text["discount_max"], "Discount 25% is above the agent's maximum of 10%."
        )
        # The refusal of a confirmation lists them in the language of who confirms.
        with self.assertRaises(UserError) as error:
            order.with_context(lang="it_IT").action_confirm()
        self.assertIn("Lo sconto del 25%", str(error.exception))
        activity_type = self.env.ref("bo_sales.mail_activity_type_bo_check")
        activity = order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(activity.user_id, self.agent_user)
        self.assertEqual(activity.summary, "Bloccato dai controlli ordine")

    def test_batch_check_leaves_activities_to_the_job(self):
        """Checking many orders at once (an import, the nightly run) gives the
        blocked ones their activity through a job triggered at once."""
        self.env["ir.config_parameter"].set_param("bo_sales.check_inline_activity_limit", 1)
        activity_type = self.env.ref("bo_sales.mail_activity_type_bo_check")
        cron = self.env.ref("bo_sales.ir_cron_bo_check_activities")
        self.customer.bo_requires_client_ref = True
        orders = self._order(partner=self.customer) | self._order(partner=self.customer)

        def activities():
            orders.invalidate_recordset(["activity_ids"])
            return orders.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

        activities().unlink()  # each order was checked alone when created
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        orders.action_bo_check()
        self.assertEqual(set(orders.mapped("bo_check_state")), {"blocked"})
        self.assertFalse(activities(), "left to the job")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers,
            "the job is asked to run now",
        )
        cron.method_direct_trigger()
        self.assertEqual(sorted(activities().mapped("res_id")), sorted(orders.ids))
        self.assertEqual(activities().user_id, self.agent_user)
        cron.method_direct_trigger()
        self.assertEqual(len(activities()), 2, "running the job again adds nothing")
        orders[0].with_context(bo_check_skip=True).client_order_ref = "PO-10"
        orders.action_bo_check()
        cron.method_direct_trigger()
        self.assertEqual(activities().mapped("res_id"), orders[1].ids)
        orders[1]._action_cancel()
        cron.method_direct_trigger()
        self.assertFalse(activities(), "a cancelled quotation needs no action")

    def test_custom_domain_rule(self):
        rule = self.env["bo.check.rule"].create(
            {
                "name": "Discount above 50%",
                "severity": "blocking",
                "domain_model": "sale.order.line",
                "domain": "[('discount', '>', 50)]",
            }
        )
        firing = self._order(lines=[(self.good_product, 1, 100, 60)])
        quiet = self._order(lines=[(self.good_product, 1, 100, 10)])
        self.assertIn(rule, firing.bo_check_finding_ids.rule_id)
        self.assertEqual(
            firing.bo_check_finding_ids.filtered(lambda f: f.rule_id == rule).line_id,
            firing.order_line,
        )
        self.assertNotIn(rule, quiet.bo_check_finding_ids.rule_id)
        self.assertEqual(firing.bo_check_state, "blocked")

    def test_switched_off_rule_does_not_run(self):
        self.env.ref("bo_sales.bo_check_rule_payment_term").active = False
        order = self._order(payment_term_id=False)
        self.assertNotIn("payment_term", self._codes(order))

    # ------------------------------------------------------------------
    # Each shipped rule: a firing and a quiet case
    # ------------------------------------------------------------------

    def test_rule_vat_missing(self):
        no_vat = self.good_customer.copy({"vat": False, "name": "Senza Partita IVA S.r.l."})
        self._assert_fires("vat_missing", self._order(partner=no_vat), self._order())

    def test_rule_vat_invalid(self):
        good = self.good_customer.copy(
            {
                "name": "Codice Giusto",
                "is_company": False,
                "vat": False,
                "l10n_it_codice_fiscale": "RSSMRA85T10A562S",
            }
        )
        bad = good.copy({"name": "Codice Errato"})
        if self.env["res.partner"]._bo_italian_einvoicing():
            # Italian e-invoicing refuses a wrong check letter on save; the rule
            # catches the codes that came in before it, e.g. from an old
            # system's customer file loaded in SQL.
            with self.assertRaises(UserError):
                bad.l10n_it_codice_fiscale = "RSSMRA85T10A562X"
            self.env.cr.execute(
                "UPDATE res_partner SET l10n_it_codice_fiscale = %s WHERE id = %s",
                ("RSSMRA85T10A562X", bad.id),
            )
            bad.invalidate_recordset(["l10n_it_codice_fiscale"])
        else:
            bad.l10n_it_codice_fiscale = "RSSMRA85T10A562X"
        self._assert_fires("vat_invalid", self._order(partner=bad), self._order(partner=good))

    def test_rules_agree_with_italian_einvoicing(self):
        """What Odoo's e-invoice export would refuse about the buyer (no VAT
        number nor fiscal code, incomplete address), the order checks report
        before the order is confirmed; what it accepts, they accept."""
        customers = {
            "complete": self.good_customer,
            "street2 only": self.good_customer.copy(
                {"name": "Solo Street2 S.r.l.", "street": False, "street2": "Via Emilia 10"}
            ),
            "no zip": self.good_customer.copy({"name": "Senza CAP S.r.l.", "zip": False}),
            "no city": self.good_customer.copy({"name": "Senza Citta S.r.l.", "city": False}),
            "no street": self.good_customer.copy({"name": "Senza Via S.r.l.", "street": False}),
            "foreign person": self.good_customer.copy(
                {
                    "name": "Hans Muster",
                    "is_company": False,
                    "vat": False,
                    "country_id": self.env.ref("base.ch").id,
                    "state_id": False,
                    "l10n_it_pa_index": False,
                }
            ),
        }
        if not self.env["res.partner"]._bo_italian_einvoicing():
            # Without it (plain profile), only EU businesses need a VAT number
            # and the delivery address is what the checks ask for.
            codes = self._codes(self._order(partner=customers["foreign person"]))
            self.assertFalse(codes & {"vat_missing", "einvoice"})
            codes = self._codes(self._order(partner=customers["street2 only"]))
            self.assertFalse(codes & {"vat_missing", "einvoice"})
            self.assertIn("delivery_address", codes)
            return
        for label, customer in customers.items():
            with self.subTest(customer=label):
                refused = customer._l10n_it_edi_export_check(
                    ["partner_vat_codice_fiscale_missing", "partner_address_missing"]
                )
                codes = self._codes(self._order(partner=customer))
                self.assertEqual(
                    bool(refused),
                    bool(codes & {"vat_missing", "einvoice"}),
                    f"e-invoicing says {sorted(refused)}, the checks say {sorted(codes)}",
                )

    def test_rule_einvoice(self):
        bare = self.good_customer.copy({"l10n_it_pa_index": False, "name": "Senza SDI S.r.l."})
        pec = bare.copy({"name": "Con PEC S.r.l.", "l10n_it_pec_email": "a@pec.example.com"})
        self._assert_fires("einvoice", self._order(partner=bare), self._order(partner=pec))

    def test_rule_delivery_address(self):
        site = self.env["res.partner"].create(
            {
                "name": "Cantiere",
                "type": "delivery",
                "parent_id": self.good_customer.id,
                "street": "Via Po 1",
                "city": "Bologna",
                "country_id": self.italy.id,
            }
        )
        firing = self._order(partner_shipping_id=site.id)
        quiet = self._order(partner_shipping_id=self.good_customer.id)
        self._assert_fires("delivery_address", firing, quiet)
        self.assertIn(
            "ZIP",
            firing.bo_check_finding_ids.filtered(lambda f: f.code == "delivery_address").message,
        )

    def test_rule_payment_term(self):
        self._assert_fires("payment_term", self._order(payment_term_id=False), self._order())

    def test_rule_client_ref(self):
        self.good_customer.bo_requires_client_ref = True
        self._assert_fires("client_ref", self._order(), self._order(client_order_ref="PO-1"))

    def test_rule_agent_missing(self):
        self._assert_fires("agent_missing", self._order(bo_agent_id=False), self._order())

    def test_rule_price_floor(self):
        self.good_product.bo_floor_price = 90.0
        firing = self._order(lines=[(self.good_product, 1, 100, 15)])  # net 85
        self._assert_fires(
            "price_floor", firing, self._order(lines=[(self.good_product, 1, 95, 0)])
        )
        self.assertEqual(firing.bo_check_state, "blocked")
        self.assertEqual(firing.bo_check_finding_ids.line_id, firing.order_line)

    def test_rule_price_cost(self):
        self._assert_fires(
            "price_cost",
            self._order(lines=[(self.good_product, 1, 39, 0)]),
            self._order(lines=[(self.good_product, 1, 41, 0)]),
        )

    def test_rule_discount_max(self):
        self.salesperson.bo_max_discount = 10.0
        customer = self.good_customer.copy({"name": "Senza Agente S.r.l.", "bo_agent_id": False})
        self._assert_fires(
            "discount_max",
            self._order(partner=customer, lines=[(self.good_product, 1, 100, 15)]),
            self._order(partner=customer, lines=[(self.good_product, 1, 100, 5)]),
        )
        # the agent's maximum governs the orders the agent brings
        self.agent_partner.bo_max_discount = 20.0
        self._assert_fires(
            "discount_max",
            self._order(lines=[(self.good_product, 1, 100, 25)]),
            self._order(lines=[(self.good_product, 1, 100, 15)]),
        )

    def test_rule_min_qty(self):
        self.good_product.bo_min_order_qty = 5
        self._assert_fires(
            "min_qty",
            self._order(lines=[(self.good_product, 3, 100, 0)]),
            self._order(lines=[(self.good_product, 5, 100, 0)]),
        )

    def test_rule_packaging(self):
        self.env["product.packaging"].create(
            {"name": "Box of 6", "product_id": self.good_product.id, "qty": 6}
        )
        self._assert_fires(
            "packaging",
            self._order(lines=[(self.good_product, 7, 100, 0)]),
            self._order(lines=[(self.good_product, 12, 100, 0)]),
        )

    def test_rule_credit_limit(self):
        tight = self.good_customer.copy({"name": "Fido Basso S.r.l."})
        tight.sudo().credit_limit = 500.0
        self.good_customer.sudo().credit_limit = 50000.0
        firing = self._order(partner=tight, lines=[(self.good_product, 10, 100, 0)])
        self._assert_fires(
            "credit_limit", firing, self._order(lines=[(self.good_product, 10, 100, 0)])
        )
        self.assertEqual(firing.bo_check_state, "blocked")

    def _invoice(self, partner, invoice_date):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_date_due": invoice_date,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Fornitura",
                            "quantity": 1,
                            "price_unit": 300.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    @freeze_time(NOW)
    def test_rule_overdue(self):
        late = self.good_customer.copy({"name": "Pagatore Lento S.r.l."})
        self._invoice(late, date(2026, 4, 1))
        self._invoice(self.good_customer, date(2026, 6, 20))  # overdue by 10 days only
        self._assert_fires("overdue", self._order(partner=late), self._order())

    @freeze_time(NOW)
    def test_rule_duplicate(self):
        first = self._order(client_order_ref="PO-2026-15")
        same_ref = self._order(client_order_ref="po-2026-15 ", lines=[(self.product, 2, 50, 0)])
        self.assertIn("duplicate", self._codes(same_ref))
        self.assertIn(
            first.name,
            same_ref.bo_check_finding_ids.filtered(lambda f: f.code == "duplicate").message,
        )
        other = self._order(client_order_ref="PO-2026-16", lines=[(self.product, 3, 50, 0)])
        self.assertNotIn("duplicate", self._codes(other))
        same_lines = self._order(client_order_ref="PO-2026-17", lines=[(self.product, 3, 50, 0)])
        self.assertIn("duplicate", self._codes(same_lines))

    @freeze_time(NOW)
    def test_rules_read_the_customer_through_its_contacts(self):
        """The duplicate, credit and usual-amount rules look at the orders of the
        whole customer, whichever of its contacts placed or receives them."""
        company = self.good_customer.copy({"name": "Gruppo Contatti S.p.A."})
        buyer, accounts = self.env["res.partner"].create(
            [
                {
                    "name": "Ufficio Acquisti",
                    "type": "contact",
                    "parent_id": company.id,
                    "property_payment_term_id": self.payment_term.id,
                },
                {"name": "Amministrazione", "type": "invoice", "parent_id": company.id},
            ]
        )
        first = self._order(partner=buyer, client_order_ref="PO-CONTACTS")
        again = self._order(partner=company, client_order_ref="po-contacts")
        message = again.bo_check_finding_ids.filtered(lambda f: f.code == "duplicate").message
        self.assertIn(first.name, message or "")
        other = self._order(partner=buyer, lines=[(self.good_product, 3, 100, 0)])
        self.assertNotIn("duplicate", self._codes(other))

        # Usual amounts: three confirmed orders of 100 through two contacts.
        history = self.env["sale.order"]
        for partner, ref in ((buyer, "H1"), (company, "H2"), (buyer, "H3")):
            history |= self._order(
                partner=partner,
                partner_invoice_id=accounts.id,
                client_order_ref=ref,
                lines=[(self.good_product, 1, 100, 0)],
            )
        history.action_confirm()
        self._assert_fires(
            "amount_range",
            self._order(partner=company, lines=[(self.good_product, 10, 100, 0)]),
            self._order(partner=buyer, lines=[(self.good_product, 2, 100, 0)]),
        )

        # Credit: the confirmed orders invoiced to the accounts office count.
        company.sudo().credit_limit = 450.0
        uninvoiced = sum(history.mapped("amount_total"))
        self.assertLess(uninvoiced, 450.0)
        small = self._order(partner=buyer, lines=[(self.good_product, 1, 100, 0)])
        self.assertGreater(uninvoiced + small.amount_total, 450.0)
        self.assertLess(small.amount_total, 450.0)
        self.assertIn("credit_limit", self._codes(small))
        company.sudo().credit_limit = uninvoiced + small.amount_total + 1
        small.action_bo_check()
        self.assertNotIn("credit_limit", self._codes(small))

    @freeze_time(NOW)
    def test_rule_delivery_date(self):
        self.good_product.sale_delay = 10
        self._assert_fires(
            "delivery_date",
            self._order(commitment_date=NOW - timedelta(days=1)),
            self._order(commitment_date=NOW + timedelta(days=30)),
        )
        self.assertIn(
            "delivery_date", self._codes(self._order(commitment_date=NOW + timedelta(days=5)))
        )

    def test_rule_availability(self):
        storable = self.env["product.product"].create(
            {"name": "Trapano a colonna", "type": "consu", "is_storable": True, "list_price": 500}
        )
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        firing = self._order(lines=[(storable, 4, 500, 0)], warehouse_id=warehouse.id)
        self.assertIn("availability", self._codes(firing))
        self.env["stock.quant"]._update_available_quantity(storable, warehouse.lot_stock_id, 10)
        quiet = self._order(lines=[(storable, 4, 500, 0)], warehouse_id=warehouse.id)
        firing.action_bo_check()
        self.assertNotIn("availability", self._codes(firing), "stock arrived meanwhile")
        self.assertNotIn("availability", self._codes(quiet))
        greedy = self._order(lines=[(storable, 11, 500, 0)], warehouse_id=warehouse.id)
        self.assertIn("availability", self._codes(greedy))

    @freeze_time(NOW)
    def test_rule_availability_counts_planned_moves(self):
        """The forecast at the needed date adds the receipts planned until then
        and takes away the deliveries; moves inside the warehouse change nothing."""
        storable = self.env["product.product"].create(
            {"name": "Mola da banco", "type": "consu", "is_storable": True, "list_price": 200}
        )
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        stock = warehouse.lot_stock_id
        shelf = self.env["stock.location"].create({"name": "Scaffale A", "location_id": stock.id})

        def plan(qty, source, destination, days):
            move = self.env["stock.move"].create(
                {
                    "name": storable.name,
                    "product_id": storable.id,
                    "product_uom_qty": qty,
                    "product_uom": storable.uom_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "date": NOW + timedelta(days=days),
                }
            )
            move._action_confirm()
            return move

        plan(10, self.env.ref("stock.stock_location_suppliers"), stock, 3)
        plan(10, stock, shelf, 1)  # an internal move: not a receipt nor a delivery
        before_receipt = self._order(
            lines=[(storable, 4, 200, 0)],
            warehouse_id=warehouse.id,
            commitment_date=NOW + timedelta(days=2),
        )
        after_receipt = self._order(
            lines=[(storable, 4, 200, 0)],
            warehouse_id=warehouse.id,
            commitment_date=NOW + timedelta(days=5),
        )
        self.assertIn("availability", self._codes(before_receipt))
        self.assertNotIn("availability", self._codes(after_receipt))
        plan(8, stock, self.env.ref("stock.stock_location_customers"), 4)
        after_receipt.action_bo_check()
        finding = after_receipt.bo_check_finding_ids.filtered(lambda f: f.code == "availability")
        self.assertEqual(finding.line_id, after_receipt.order_line)
        self.assertIn("Only 2 of", finding.message)

    def test_rule_price_floor_in_order_currency(self):
        """Floor prices are kept in the company currency and compared with the
        order's net price converted at today's rate."""
        company_currency = self.company.currency_id
        foreign = self.env.ref("base.USD" if company_currency.name != "USD" else "base.EUR")
        foreign.active = True
        self.env["res.currency.rate"].search([("currency_id", "=", foreign.id)]).unlink()
        self.env["res.currency.rate"].create(
            {
                "currency_id": foreign.id,
                "rate": 2.0,
                "name": date(2020, 1, 1),
                "company_id": self.company.id,
            }
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Listino estero", "currency_id": foreign.id}
        )
        self.good_product.bo_floor_price = 90.0  # 180 in the foreign currency
        firing = self._order(lines=[(self.good_product, 1, 150, 0)], pricelist_id=pricelist.id)
        quiet = self._order(lines=[(self.good_product, 1, 190, 0)], pricelist_id=pricelist.id)
        self.assertEqual(firing.currency_id, foreign)
        self._assert_fires("price_floor", firing, quiet)
        message = firing.bo_check_finding_ids.filtered(lambda f: f.code == "price_floor").message
        self.assertIn("180", message)

    @freeze_time(NOW)
    def test_rule_amount_range(self):
        history = self.env["sale.order"]
        for ref in ("H1", "H2", "H3"):
            history |= self._order(client_order_ref=ref, lines=[(self.good_product, 1, 100, 0)])
        history.action_confirm()
        self._assert_fires(
            "amount_range",
            self._order(client_order_ref="BIG", lines=[(self.good_product, 10, 100, 0)]),
            self._order(client_order_ref="USUAL", lines=[(self.good_product, 2, 100, 0)]),
        )
