# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class BoSalesCommon(BaseCommon):
    """Users of each Back Office group, two agents and their customers.

    Tests build their own data here and never lean on demo records.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.italy = cls.env.ref("base.it")
        cls.bo_user = new_test_user(
            cls.env,
            login="bo_clerk",
            name="Clerk",
            groups="base.group_user,bo_sales.bo_sales_group_user",
        )
        cls.bo_manager = new_test_user(
            cls.env,
            login="bo_manager",
            name="Manager",
            groups="base.group_user,bo_sales.bo_sales_group_manager",
        )
        Partner = cls.env["res.partner"]
        cls.agent_partner, cls.other_agent_partner = Partner.create(
            [
                {"name": "Agent With Login", "bo_is_agent": True, "country_id": cls.italy.id},
                {"name": "External Agent", "bo_is_agent": True, "country_id": cls.italy.id},
            ]
        )
        cls.agent_user = new_test_user(
            cls.env,
            login="bo_agent",
            name="Agent With Login",
            groups="base.group_user,bo_sales.bo_sales_group_agent",
            partner_id=cls.agent_partner.id,
        )
        cls.customer, cls.other_customer = Partner.create(
            [
                {
                    "name": "Cliente Agente S.r.l.",
                    "is_company": True,
                    "country_id": cls.italy.id,
                    "bo_agent_id": cls.agent_partner.id,
                },
                {
                    "name": "Cliente Altro Agente S.r.l.",
                    "is_company": True,
                    "country_id": cls.italy.id,
                    "bo_agent_id": cls.other_agent_partner.id,
                },
            ]
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Test Drill", "default_code": "T-DRILL", "list_price": 100.0, "type": "consu"}
        )
