# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BoLogisticsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-05 09:00:00")  # Thursday, 10:00 in Rome: before the cut-off
class TestCourierChoice(BoLogisticsCommon):
    def test_cheapest_courier_arriving_by_promised_date(self):
        # Bologna: slow courier 2 working days -> Monday 9th; promised Monday: slow and cheap wins.
        order = self._make_order(commitment_date=datetime(2026, 3, 9, 12, 0))
        picking = order.picking_ids
        self.assertEqual(picking.bo_promised_date, date(2026, 3, 9))
        picking.action_bo_choose_courier()
        self.assertEqual(picking.carrier_id, self.cheap_carrier)
        self.assertEqual(picking.carrier_price, 5.0)
        self.assertEqual(picking.bo_expected_date, date(2026, 3, 9))

    def test_tight_promise_takes_faster_service(self):
        # Promised tomorrow: only the fast courier's standard (1 day) arrives in time.
        order = self._make_order(commitment_date=datetime(2026, 3, 6, 12, 0))
        picking = order.picking_ids
        picking.action_bo_choose_courier()
        self.assertEqual(picking.carrier_id, self.fast_carrier)
        self.assertEqual(picking.bo_service_id.code, "STD")
        self.assertEqual(picking.bo_expected_date, date(2026, 3, 6))

    def test_after_cutoff_expected_date_moves(self):
        order = self._make_order(commitment_date=datetime(2026, 3, 6, 12, 0))
        with freeze_time("2026-03-05 16:30:00"):  # 17:30 in Rome, after the 16:00 cut-off
            order.picking_ids.action_bo_choose_courier()
        # Picked up Friday; the express service (0 days) arrives Friday, as promised.
        self.assertEqual(order.picking_ids.bo_service_id.code, "EXP")
        self.assertEqual(order.picking_ids.bo_expected_date, date(2026, 3, 6))

    def _public_holiday(self, day):
        """A public holiday (a global leave) of the company's working calendar."""
        calendar = self.company.resource_calendar_id
        start = pytz.timezone(calendar.tz).localize(datetime.combine(day, time.min))
        start = start.astimezone(pytz.utc).replace(tzinfo=None)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public Holiday",
                "calendar_id": calendar.id,
                "date_from": start,
                "date_to": start + timedelta(days=1, seconds=-1),
            }
        )

    def test_working_days_are_the_company_calendar_ones(self):
        friday, saturday, monday = date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 9)
        nth = self.env["delivery.carrier"]._bo_working_days(self.company)
        self.assertEqual(nth(friday, 1), friday)
        self.assertEqual(nth(friday, 2), monday)
        self.assertEqual(nth(saturday, 1), monday)
        self._public_holiday(monday)
        nth = self.env["delivery.carrier"]._bo_working_days(self.company)
        self.assertEqual(nth(friday, 2), date(2026, 3, 10), "the holiday is skipped")
        self.assertEqual(nth(saturday, 1), date(2026, 3, 10))
        self.company.resource_calendar_id = self._make_calendar("Monday to Saturday", range(6))
        nth = self.env["delivery.carrier"]._bo_working_days(self.company)
        self.assertEqual(nth(friday, 2), saturday)
        self.assertEqual(nth(saturday, 2), monday, "that calendar has no holiday")

    def test_saturday_is_a_working_day_where_the_calendar_says_so(self):
        # Picked up Thursday, two working days: Monday in a Monday-Friday week.
        self.company.resource_calendar_id = self._make_calendar("Monday to Saturday", range(6))
        order = self._make_order(commitment_date=datetime(2026, 3, 9, 12, 0))
        picking = order.picking_ids
        picking.action_bo_choose_courier()
        self.assertEqual(picking.carrier_id, self.cheap_carrier)
        self.assertEqual(picking.bo_expected_date, date(2026, 3, 7))

    def test_public_holiday_delays_the_delivery(self):
        self._public_holiday(date(2026, 3, 6))  # Friday
        order = self._make_order(commitment_date=datetime(2026, 3, 20))
        order.picking_ids.action_bo_choose_courier()
        self.assertEqual(order.picking_ids.carrier_id, self.cheap_carrier)
        # Picked up Thursday, two working days: Monday 9, Tuesday 10.
        self.assertEqual(order.picking_ids.bo_expected_date, date(2026, 3, 10))

    def test_weight_and_cod_filter_couriers(self):
        heavy = self._make_order(product=self.product_heavy, commitment_date=datetime(2026, 3, 20))
        heavy.picking_ids.action_bo_choose_courier()
        self.assertEqual(
            heavy.picking_ids.carrier_id, self.fast_carrier, "80 kg exceed the cheap rules"
        )
        self.assertEqual(heavy.picking_ids.carrier_price, 50.0)
        cod = self._make_order(commitment_date=datetime(2026, 3, 20))
        cod.picking_ids.bo_cod_amount = 122.0
        cod.picking_ids.action_bo_choose_courier()
        self.assertEqual(cod.picking_ids.carrier_id, self.fast_carrier)
        self.assertEqual(cod.picking_ids.carrier_price, 15.0, "12 + COD fee 3")

    def test_no_courier_is_reported(self):
        self.customer.country_id = self.env.ref("base.jp")
        order = self._make_order()
        with self.assertRaisesRegex(UserError, order.picking_ids.name):
            order.picking_ids.action_bo_choose_courier()

    def test_wizard_lists_alternatives_and_clerk_overrides(self):
        order = self._make_order(commitment_date=datetime(2026, 3, 9, 12, 0))
        picking = order.picking_ids
        action = picking.with_user(self.bo_user).action_bo_open_courier_choice()
        wizard = self.env["bo.courier.choice.wizard"].browse(action["res_id"])
        self.assertEqual(len(wizard.line_ids), 3)
        best = wizard.line_ids.filtered("recommended")
        self.assertEqual(best.carrier_id, self.cheap_carrier)
        express = wizard.line_ids.filtered(lambda line: line.service_id.code == "EXP")
        self.assertEqual((express.price, express.expected_date), (20.0, date(2026, 3, 5)))
        express.with_user(self.bo_user).action_select()
        self.assertEqual(picking.carrier_id, self.fast_carrier)
        self.assertEqual(picking.bo_service_id.code, "EXP")
        self.assertEqual(picking.carrier_price, 20.0)

    def test_courier_cost_on_order_when_customer_pays(self):
        order = self._make_order(commitment_date=datetime(2026, 3, 9, 12, 0))
        order.picking_ids.action_bo_choose_courier()
        line = order.order_line.filtered("is_delivery")
        self.assertEqual(line.product_id, self.cheap_carrier.product_id)
        self.assertEqual(line.price_unit, 5.0)
        self.other_customer.bo_pays_shipping = False
        free = self._make_order(partner=self.other_customer, commitment_date=datetime(2026, 3, 20))
        free.picking_ids.action_bo_choose_courier()
        self.assertTrue(free.picking_ids.carrier_id)
        self.assertFalse(free.order_line.filtered("is_delivery"))

    def test_choice_is_set_based(self):
        one = self._make_order(commitment_date=datetime(2026, 3, 20)).picking_ids
        many = self.env["stock.picking"]
        for _i in range(20):
            many |= self._make_order(commitment_date=datetime(2026, 3, 20)).picking_ids
        self.env.invalidate_all()
        Carrier = self.env["delivery.carrier"]
        start = self.env.cr.sql_log_count
        Carrier._bo_shipping_options(one)
        one_count = self.env.cr.sql_log_count - start
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        options = Carrier._bo_shipping_options(many)
        many_count = self.env.cr.sql_log_count - start
        self.assertEqual(len(options), 20)
        self.assertTrue(all(options.values()))
        # Reading 20 transfers costs a few prefetch queries more, not 20 times as many.
        self.assertLess(many_count, one_count + 10, (one_count, many_count))
