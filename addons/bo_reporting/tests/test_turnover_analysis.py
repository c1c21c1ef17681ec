# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo.tests import tagged

from .common import BoReportingCommon


@tagged("post_install", "-at_install")
class TestTurnoverAnalysis(BoReportingCommon):
    def test_rows_carry_the_agent_and_the_sales_team(self):
        """The Invoiced Turnover analysis lists its rows, not only its pivot: the
        agent is the suite's column, the sales team sale's own (once)."""
        team = self.env["crm.team"].create({"name": "Report Team"})
        orders = self._bo_orders(
            [(self.customer, [(self.drill, 2, 100.0)], datetime.datetime(2024, 3, 5, 9, 0), None)]
        )
        orders.team_id = team
        invoice = self._bo_invoice(orders, datetime.date(2024, 3, 6))
        action = self.env.ref("bo_reporting.bo_turnover_analysis_action")
        Report = self.env[action.res_model]
        rows = Report.search_read(
            [("move_id", "=", invoice.id)], ["bo_agent_id", "team_id", "price_subtotal"]
        )
        self.assertTrue(rows)
        self.assertEqual({row["bo_agent_id"][0] for row in rows}, {self.agent_partner.id})
        self.assertEqual({row["team_id"][0] for row in rows}, {team.id})
        self.assertAlmostEqual(sum(row["price_subtotal"] for row in rows), 200.0)
