# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A clerk in the browser: imports an agent's spreadsheet, fixes a blocked order,
books a visit for an agent. Each tour is followed by checks of what it wrote."""

import base64
import io
from datetime import datetime, timedelta

import xlsxwriter

from odoo.tests import tagged

from odoo.addons.bo_sales.tools.order_sheet import TEMPLATE_COLUMNS

from .common_tours import BoTourCase

# The agenda tour types these local dates (static/tests/tours/bo_agenda_tour.js):
# the agent is away on the first, free on the second.
AWAY_DAY = datetime(2030, 3, 5)
FREE_DAY = datetime(2030, 3, 7)


def order_sheet_xlsx(rows):
    """An agent's .xlsx with the template's headers and ``rows`` (dicts by column key)."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet("Ordini")
    keys = [key for key, _label in TEMPLATE_COLUMNS]
    for column, (_key, label) in enumerate(TEMPLATE_COLUMNS):
        sheet.write(0, column, label)
    for index, values in enumerate(rows, start=1):
        for column, key in enumerate(keys):
            if values.get(key) not in (None, ""):
                sheet.write(index, column, values[key])
    book.close()
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestSalesTours(BoTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        address = {
            "is_company": True,
            "country_id": cls.italy.id,
            "street": "Via Emilia 10",
            "zip": "41121",
            "city": "Modena",
            "state_id": cls.env.ref("base.state_it_mo").id,
        }
        cls.agent = Partner.create(
            {"name": "Agente Tour", "bo_is_agent": True, "country_id": cls.italy.id}
        )
        cls.customer_one, cls.customer_two, cls.customer_ref = Partner.create(
            [
                dict(address, name="Ferramenta Tour Uno S.r.l.", ref="TOUR-C1"),
                dict(address, name="Ferramenta Tour Due S.r.l.", ref="TOUR-C2"),
                dict(
                    address,
                    name="Ferramenta Tour Tre S.r.l.",
                    bo_requires_client_ref=True,
                    bo_agent_id=cls.agent.id,
                ),
            ]
        )
        cls.visited = Partner.create(
            dict(address, name="Cliente Agenda Tour S.r.l.", bo_agent_id=cls.agent.id)
        )
        Product = cls.env["product.product"]
        cls.drill, cls.gloves = Product.create(
            [
                {
                    "name": "Trapano Tour",
                    "default_code": "TOUR-DRILL",
                    "list_price": 120.0,
                    "type": "consu",
                },
                {"name": "Guanti Tour", "default_code": "TOUR-GLOVE", "list_price": 4.0},
            ]
        )

    # ------------------------------------------------------------------
    # 1. Import an agent's spreadsheet
    # ------------------------------------------------------------------

    def test_order_import_tour(self):
        content = order_sheet_xlsx(
            [
                {
                    "customer_code": "TOUR-C1",
                    "client_order_ref": "PO-TOUR-1",
                    "product": "TOUR-DRILL",
                    "quantity": 10,
                    "price_unit": 95.0,
                },
                {
                    "customer_code": "TOUR-C1",
                    "client_order_ref": "PO-TOUR-1",
                    "product": "TOUR-GLOVE",
                    "quantity": 24,
                },
                {
                    "customer_code": "TOUR-C2",
                    "client_order_ref": "PO-TOUR-2",
                    "product": "TOUR-DRILL",
                    "quantity": 5,
                },
                {
                    "customer_code": "TOUR-C2",
                    "client_order_ref": "PO-TOUR-3",
                    "product": "TOUR-NOPE",
                    "quantity": 1,
                },
            ]
        )
        self.bo_start_upload_tour(
            "bo_sales_order_import_tour",
            self.clerk,
            "ordini_agente_tour.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            content,
        )
        batch = self.env["bo.order.import"].search([("file_name", "=", "ordini_agente_tour.xlsx")])
        self.assertEqual(batch.user_id, self.clerk)
        self.assertEqual(batch.state, "done")
        self.assertTrue(batch.import_valid_only)
        self.assertEqual((batch.row_count, batch.error_count), (4, 1))
        self.assertIn("TOUR-NOPE", batch.issue_ids.filtered(lambda i: i.row == 5).message)
        orders = batch.order_ids.sorted("client_order_ref")
        self.assertEqual(orders.mapped("client_order_ref"), ["PO-TOUR-1", "PO-TOUR-2"])
        self.assertEqual(orders.partner_id, self.customer_one | self.customer_two)
        self.assertEqual(set(orders.mapped("state")), {"draft"})
        self.assertEqual(orders.user_id, self.clerk)
        first, second = orders
        self.assertEqual(
            sorted(
                (line.product_id.default_code, line.product_uom_qty) for line in first.order_line
            ),
            [("TOUR-DRILL", 10.0), ("TOUR-GLOVE", 24.0)],
        )
        self.assertEqual(
            first.order_line.filtered(lambda line: line.product_id == self.drill).price_unit, 95.0
        )
        self.assertEqual(second.order_line.product_id, self.drill)
        self.assertEqual(second.order_line.product_uom_qty, 5.0)
        # The agent's file is kept on the import, not copied onto the orders.
        self.assertEqual(base64.b64decode(batch.file_data), content)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "sale.order"), ("res_id", "in", orders.ids)]
            )
        )

    # ------------------------------------------------------------------
    # 2. See and fix a blocked order
    # ------------------------------------------------------------------

    def test_blocked_order_tour(self):
        Order = self.env["sale.order"]
        self.assertFalse(Order.search([("partner_id", "=", self.customer_ref.id)]))

        self.bo_start_tour_from_home("bo_sales_blocked_order_tour", self.clerk)

        # The clerk keyed the order in (the tour saw the checks block it for the
        # missing customer reference), then fixed it and confirmed it.
        order = Order.search([("partner_id", "=", self.customer_ref.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.create_uid, self.clerk)
        self.assertEqual(
            [(line.product_id, line.product_uom_qty) for line in order.order_line],
            [(self.drill, 2)],
        )
        self.assertEqual(order.client_order_ref, "PO-4711")
        self.assertEqual(order.state, "sale")
        self.assertIn(order.bo_check_state, ("ok", "warning"))
        self.assertFalse(order.bo_check_finding_ids.filtered(lambda f: f.severity == "blocking"))
        self.assertFalse(order.bo_override_user_id, "fixed by the clerk, not overridden")
        activity_type = self.env.ref("bo_sales.mail_activity_type_bo_check")
        self.assertFalse(
            order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type),
            "the 'blocked order' activity goes once the order is fixed",
        )

    # ------------------------------------------------------------------
    # 3. Book a visit for an agent
    # ------------------------------------------------------------------

    def test_agenda_tour(self):
        # The agent's trade fair, as the manager records it in the agent's
        # absences: the clerk finds it there. Away the whole of AWAY_DAY whatever
        # the browser's time zone (UTC-12 to UTC+14).
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Fiera Tour",
                "bo_agent_id": self.agent.id,
                "date_from": AWAY_DAY - timedelta(hours=14),
                "date_to": AWAY_DAY + timedelta(hours=36),
            }
        )

        self.assertFalse(
            self.env["calendar.event"].search_count([("bo_customer_id", "=", self.visited.id)])
        )

        self.bo_start_tour_from_home("bo_sales_agenda_tour", self.clerk)

        event = self.env["calendar.event"].search([("bo_customer_id", "=", self.visited.id)])
        self.assertEqual(len(event), 1)
        self.assertEqual(event.create_uid, self.clerk)
        self.assertEqual(event.bo_agent_id, self.agent)
        self.assertEqual((event.bo_kind, event.bo_state), ("visit", "planned"))
        self.assertIn("Cliente Agenda Tour S.r.l.", event.name)
        # 10:00 on FREE_DAY in the browser's time zone.
        self.assertLessEqual(abs(event.start - FREE_DAY.replace(hour=10)), timedelta(hours=14))
        self.assertGreater(event.stop, event.start)
        self.assertFalse(event.bo_conflict_warning)
        self.assertEqual(event.partner_ids, self.agent | self.visited)
        self.assertEqual(event.user_id, self.clerk)
