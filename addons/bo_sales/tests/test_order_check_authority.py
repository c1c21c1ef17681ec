# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who may change the checks of an order, and what an override covers (issue 16)."""

from stdnum import luhn

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import BoSalesCommon


@tagged("post_install", "-at_install")
class TestOrderCheckAuthority(BoSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        base = "0123456002"
        cls.customer.write(
            {
                "vat": "IT" + base + luhn.calc_check_digit(base),
                "email": "ordini@cliente-agente.example.com",
                "street": "Via Emilia 10",
                "zip": "40100",
                "city": "Bologna",
                "state_id": cls.env.ref("base.state_it_bo").id,
                "l10n_it_pa_index": "ABC1234",
                "property_payment_term_id": cls.env.ref("account.account_payment_term_30days").id,
            }
        )
        cls.product.product_tmpl_id.write(
            {"bo_floor_price": 150.0, "list_price": 189.0, "standard_price": 60.0}
        )
        cls.accountant = new_test_user(
            cls.env,
            login="bo_ro_accountant",
            name="Read-only Accountant",
            groups="base.group_user,account.group_account_readonly",
        )

    def _order(self, qty=6.0, discount=25.0, user=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.agent_user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": qty,
                                "price_unit": 189.0,
                                "discount": discount,
                            }
                        )
                    ],
                }
            )
        )

    def _overridden(self, reason="sconto 25% autorizzato"):
        order = self._order()
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertIn("price_floor", order.bo_check_finding_ids.mapped("code"))
        order.with_user(self.bo_manager)._bo_override_checks(reason)
        self.assertEqual(order.bo_check_state, "overridden")
        return order

    # ------------------------------------------------------------------
    # An override covers the order as it was checked
    # ------------------------------------------------------------------

    def test_discount_after_override_withdraws_it(self):
        """S00027: override, then discount 95 on the line, then confirm."""
        order = self._overridden()
        self.assertIn(order.order_line.id, [f[1] for f in order.bo_override_snapshot["findings"]])
        order.write({"order_line": [Command.update(order.order_line.id, {"discount": 95})]})
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertFalse(order.bo_override_user_id)
        self.assertFalse(order.bo_override_reason)
        self.assertFalse(order.bo_check_finding_ids.filtered("overridden"))
        self.assertIn("Override withdrawn", order.message_ids[0].body)
        self.assertIn("discount of [T-DRILL] Test Drill: 25.0 → 95.0", order.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_quantity_after_override_withdraws_it(self):
        """S00118: override, then quantity 6 → 1, then confirm."""
        order = self._overridden()
        order.order_line.write({"product_uom_qty": 1})
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertIn("quantity of [T-DRILL] Test Drill: 6.0 → 1.0", order.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            order.action_confirm()

    def test_skipping_the_checks_does_not_keep_the_override(self):
        order = self._overridden()
        order.order_line.with_context(bo_check_skip=True).write({"discount": 95})
        self.assertEqual(order.bo_check_state, "blocked")
        order = self._overridden()
        order.with_context(bo_check_skip=True).write(
            {"order_line": [Command.create({"product_id": self.product.id, "price_unit": 1})]}
        )
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertIn("line [T-DRILL] Test Drill added", order.message_ids[0].body)

    def test_unchanged_order_keeps_its_override(self):
        order = self._overridden()
        order.write({"note": "Consegna al mattino", "client_order_ref": "PO-9"})
        order.action_bo_check()
        self.assertEqual(order.bo_check_state, "overridden")
        self.assertEqual(order.bo_override_user_id, self.bo_manager)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    # ------------------------------------------------------------------
    # Check state, findings and overrides: the engine's only
    # ------------------------------------------------------------------

    def test_forged_override_refused_for_every_group(self):
        order = self._order()
        forged = {
            "bo_check_state": "overridden",
            "bo_override_user_id": self.bo_manager.id,
            "bo_override_reason": "...",
        }
        for user in (
            self.agent_user,
            self.bo_user,
            self.bo_manager,
            self.env.ref("base.user_admin"),
        ):
            with self.subTest(user=user.login), self.assertRaisesRegex(AccessError, "only by"):
                order.with_user(user).write(forged)
        with self.assertRaisesRegex(AccessError, "only by"):
            order.sudo().write({"bo_check_state": "ok"})
        finding = order.bo_check_finding_ids[:1]
        for attempt in (
            lambda f: f.write({"overridden": True}),
            lambda f: f.unlink(),
            lambda f: f.create({"order_id": order.id, "rule_id": f.rule_id.id, "message": "x"}),
            lambda f: f.order_id.write({"bo_check_finding_ids": [Command.delete(f.id)]}),
            lambda f: f.line_id.write({"bo_check_finding_ids": [Command.unlink(f.id)]}),
        ):
            with self.assertRaises(AccessError):
                attempt(finding.sudo())
        with self.assertRaisesRegex(AccessError, "only by"):
            self.env["sale.order"].with_user(self.bo_manager).create(
                {"partner_id": self.customer.id, **forged}
            )
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertFalse(order.bo_override_user_id)

    def test_new_order_may_carry_the_defaults(self):
        order = (
            self.env["sale.order"]
            .with_user(self.bo_user)
            .create({"partner_id": self.customer.id, "bo_check_state": "to_check"})
        )
        self.assertEqual(order.bo_check_state, "ok")

    def test_override_records_real_user_and_date(self):
        order = self._overridden()
        self.assertEqual(order.bo_override_user_id, self.bo_manager)
        self.assertTrue(order.bo_override_date)
        self.assertEqual(order.bo_check_finding_ids.override_user_id, self.bo_manager)

    def test_read_only_user_cannot_run_the_checks(self):
        order = self._order()
        before = order.bo_check_finding_ids.ids
        with self.assertRaises(AccessError):
            order.with_user(self.accountant).action_bo_check()
        self.assertEqual(order.bo_check_finding_ids.ids, before)

    # ------------------------------------------------------------------
    # Agents work on their own customers
    # ------------------------------------------------------------------

    def test_agent_cannot_order_for_another_agents_customer(self):
        Order = self.env["sale.order"].with_user(self.agent_user)
        with self.assertRaisesRegex(AccessError, "only for your own customers"):
            Order.create({"partner_id": self.other_customer.id})
        with self.assertRaisesRegex(AccessError, "another agent"):
            Order.create(
                {"partner_id": self.customer.id, "bo_agent_id": self.other_agent_partner.id}
            )
        order = self._order(user=self.agent_user)
        with self.assertRaisesRegex(AccessError, "another agent"):
            order.write({"bo_agent_id": self.other_agent_partner.id})
        with self.assertRaisesRegex(AccessError, "only for your own customers"):
            order.write({"partner_id": self.other_customer.id})
        # an order of another agent's customer with the agent as salesperson
        foreign = self.env["sale.order"].create(
            {"partner_id": self.other_customer.id, "user_id": self.agent_user.id}
        )
        with self.assertRaisesRegex(AccessError, "only for your own customers"):
            foreign.with_user(self.agent_user).write({"client_order_ref": "X"})

    def test_agent_cannot_give_a_customer_to_another_agent(self):
        customer = self.customer.with_user(self.agent_user)
        with self.assertRaisesRegex(AccessError, "another agent"):
            customer.write({"bo_agent_id": self.other_agent_partner.id})
        self.assertEqual(self.customer.bo_agent_id, self.agent_partner)
        # the back office reassigns (here an administrator with the Contact Creation right)
        self.customer.write({"bo_agent_id": self.other_agent_partner.id})
        self.assertEqual(self.customer.bo_agent_id, self.other_agent_partner)


@tagged("post_install", "-at_install")
class TestDuplicatePartnerScope(BoSalesCommon):
    def test_duplicates_of_another_company_are_not_flagged(self):
        other_company = self.env["res.company"].create({"name": "Altra Azienda S.r.l."})
        base = "0765432009"
        vat = "IT" + base + luhn.calc_check_digit(base)
        Partner = self.env["res.partner"]
        hidden = Partner.create(
            {
                "name": "Gemella Nascosta S.r.l.",
                "is_company": True,
                "vat": vat,
                "company_id": other_company.id,
            }
        )
        mine = Partner.create(
            {
                "name": "Gemella Nascosta S.r.l.",
                "is_company": True,
                "vat": vat,
                "company_id": self.company.id,
            }
        )
        codes = set(mine.bo_data_issue_ids.mapped("code"))
        self.assertFalse(codes & {"duplicate_vat", "duplicate_name"}, codes)
        shared = Partner.create({"name": "Gemella Nascosta S.r.l.", "is_company": True})
        Partner._cron_bo_check_partner_data()
        self.assertIn("duplicate_name", mine.bo_data_issue_ids.mapped("code"))
        self.assertIn("duplicate_name", hidden.bo_data_issue_ids.mapped("code"))
        self.assertNotIn("duplicate_vat", mine.bo_data_issue_ids.mapped("code"))
        # a partner shared by every company is not flagged by one company's partners
        self.assertNotIn("duplicate_name", shared.bo_data_issue_ids.mapped("code"))
