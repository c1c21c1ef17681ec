# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BoSalesCommon


@tagged("post_install", "-at_install")
class TestBackOfficeSecurity(BoSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        order_vals = {"order_line": [Command.create({"product_id": cls.product.id})]}
        cls.own_order, cls.foreign_order = cls.env["sale.order"].create(
            [
                {**order_vals, "partner_id": cls.customer.id, "user_id": cls.bo_user.id},
                {**order_vals, "partner_id": cls.other_customer.id, "user_id": cls.bo_user.id},
            ]
        )

    def test_groups_form_a_chain(self):
        """Manager implies User, User implies Agent: one selection on the user form."""
        agent = self.env.ref("bo_sales.bo_sales_group_agent")
        user = self.env.ref("bo_sales.bo_sales_group_user")
        manager = self.env.ref("bo_sales.bo_sales_group_manager")
        self.assertIn(user, manager.implied_ids)
        self.assertIn(agent, user.implied_ids)
        self.assertTrue(self.bo_manager.has_group("bo_sales.bo_sales_group_user"))
        self.assertFalse(self.agent_user.has_group("bo_sales.bo_sales_group_user"))
        self.assertEqual(manager.category_id, self.env.ref("bo_sales.module_category_back_office"))

    def test_back_office_menu_visible_to_each_group(self):
        root = self.env.ref("bo_sales.bo_root_menu")
        for user in (self.agent_user, self.bo_user, self.bo_manager):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(root.id, visible, user.login)
        config = self.env.ref("bo_sales.bo_config_menu")
        self.assertEqual(config.groups_id, self.env.ref("bo_sales.bo_sales_group_manager"))
        # An employee outside the back office does not get the application.
        employee = new_test_user(self.env, login="bo_employee", groups="base.group_user")
        self.assertNotIn(root.id, self.env["ir.ui.menu"].with_user(employee)._visible_menu_ids())

    def test_agent_sees_only_own_customers_orders(self):
        orders = (
            self.env["sale.order"]
            .with_user(self.agent_user)
            .search([("id", "in", (self.own_order | self.foreign_order).ids)])
        )
        self.assertEqual(orders, self.own_order)
        with self.assertRaises(AccessError):
            self.foreign_order.with_user(self.agent_user).read(["name"])

    def test_agent_does_not_see_orders_without_salesperson_of_others(self):
        """Odoo's "own documents" rule shows orders without salesperson to every
        salesperson: an agent still sees only those of their own customers."""
        order_vals = {
            "user_id": False,
            "order_line": [Command.create({"product_id": self.product.id})],
        }
        own, foreign = self.env["sale.order"].create(
            [
                {**order_vals, "partner_id": self.customer.id},
                {**order_vals, "partner_id": self.other_customer.id},
            ]
        )
        Order = self.env["sale.order"].with_user(self.agent_user)
        self.assertEqual(Order.search([("id", "in", (own | foreign).ids)]), own)
        Line = self.env["sale.order.line"].with_user(self.agent_user)
        self.assertEqual(Line.search([("order_id", "in", (own | foreign).ids)]), own.order_line)
        with self.assertRaises(AccessError):
            foreign.order_line.with_user(self.agent_user).read(["price_unit"])
        # A clerk sees both, as before.
        self.assertEqual(
            self.env["sale.order"]
            .with_user(self.bo_user)
            .search_count([("id", "in", (own | foreign).ids)]),
            2,
        )

    def test_agent_reads_the_lines_of_own_customers_orders(self):
        """The clerk is the salesperson of the order: its lines are the agent's too."""
        lines = self.own_order.with_user(self.agent_user).order_line
        self.assertEqual(lines.mapped("product_id"), self.product)
        Line = self.env["sale.order.line"].with_user(self.agent_user)
        orders = self.own_order | self.foreign_order
        self.assertEqual(Line.search([("order_id", "in", orders.ids)]), self.own_order.order_line)

    def test_agent_sees_only_own_customers(self):
        contact, free = self.env["res.partner"].create(
            [
                {"name": "Buyer of the Other Agent", "parent_id": self.other_customer.id},
                {"name": "Customer Without Agent", "is_company": True},
            ]
        )
        candidates = self.customer | self.other_customer | contact | free | self.other_agent_partner
        Partner = self.env["res.partner"].with_user(self.agent_user)
        self.assertEqual(
            Partner.search([("id", "in", candidates.ids)]),
            self.customer | free | self.other_agent_partner,
        )
        self.assertFalse(Partner.name_search("Altro Agente"))
        with self.assertRaises(AccessError):
            self.other_customer.with_user(self.agent_user).read(["name"])
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.bo_user)
            .search_count([("id", "in", candidates.ids)]),
            5,
        )

    def test_clerk_sees_every_order(self):
        orders = (
            self.env["sale.order"]
            .with_user(self.bo_user)
            .search([("id", "in", (self.own_order | self.foreign_order).ids)])
        )
        self.assertEqual(orders, self.own_order | self.foreign_order)

    def test_agent_customers_counted_on_agent(self):
        self.assertEqual(self.agent_partner.bo_agent_customer_count, 1)
        action = self.agent_partner.action_bo_view_agent_customers()
        self.assertEqual(self.env["res.partner"].search(action["domain"]), self.customer)
