# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Quarterly supplier rating from real receipts (validated pickings), complaints
and prices, against figures computed here by hand."""

from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common_supplier_rating import SupplierRatingCommon

Q1 = date(2026, 1, 1)


def accuracy(demand, received):
    """One receipt line's quantity accuracy, as the rating's help states it."""
    return max(0.0, 1 - abs(received - demand) / demand) if demand else 0.0


@tagged("post_install", "-at_install")
class TestSupplierRating(SupplierRatingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.steel, cls.quick, cls.faulty = Partner.create(
            [
                {"name": "Acciaierie Venete S.p.A.", "is_company": True},
                {"name": "Minuterie Rapide S.r.l.", "is_company": True},
                {"name": "Viteria Difettosa S.n.c.", "is_company": True},
            ]
        )
        cls.steel_contact = Partner.create(
            {"name": "Mario Rossi", "parent_id": cls.steel.id, "type": "contact"}
        )
        bolt, nut = cls.bolt, cls.nut
        # The quarter before (Q4 2025): the reference prices.
        cls._received(
            cls.steel,
            [(bolt, 20, 20, 5.0), (nut, 10, 10, 18.0)],
            scheduled=datetime(2025, 11, 15, 8),
            done_at=datetime(2025, 11, 15, 10),
        )
        # Q1 2026, in Rome's days:
        # R1 on the scheduled day (no deadline); the nuts short, no backorder.
        cls.r1_lines = [(bolt, 10, 10, 5.0), (nut, 4, 3, 20.0)]
        cls._received(
            cls.steel,
            cls.r1_lines,
            scheduled=datetime(2026, 1, 10, 10),
            done_at=datetime(2026, 1, 10, 15),
        )
        # R2 due on 1 February (deadline), done at 00:30 on the 2nd in Rome
        # (still the 1st in UTC): late. Two bolts too many. Sent by a contact.
        cls.r2_lines = [(bolt, 10, 12, 5.5)]
        cls._received(
            cls.steel_contact,
            cls.r2_lines,
            scheduled=datetime(2026, 1, 25, 9),
            deadline=datetime(2026, 2, 1, 9),
            done_at=datetime(2026, 2, 1, 23, 30),
        )
        # R3 a day early; 5 bolts of 8, the rest left to a backorder (still open).
        cls.r3 = cls._received(
            cls.steel,
            [(bolt, 8, 5, 5.5)],
            scheduled=datetime(2026, 3, 5, 8),
            done_at=datetime(2026, 3, 4, 16),
            backorder=True,
        )
        # R4 due on 31 December, done at 00:30 on 1 January in Rome: in Q1, late.
        cls.r4_lines = [(nut, 2, 2, 21.0)]
        cls._received(
            cls.steel,
            cls.r4_lines,
            scheduled=datetime(2025, 12, 31, 8),
            done_at=datetime(2025, 12, 31, 23, 30),
        )
        # Not in Q1: done at 00:30 on 1 April in Rome (31 March in UTC).
        cls._received(
            cls.steel,
            [(bolt, 1, 1, 9.0)],
            scheduled=datetime(2026, 3, 31, 8),
            done_at=datetime(2026, 3, 31, 22, 30),
        )
        # Not a receipt from a supplier: a customer's return on an incoming type.
        cls._validate(
            cls._receipt(
                cls.customer,
                [(bolt, 3, 3, 0.0)],
                datetime(2026, 2, 3, 8),
                source=cls.customer_location,
            ),
            datetime(2026, 2, 3, 9),
        )
        # Not validated: no figure.
        cls._receipt(cls.steel, [(bolt, 50, 50, 5.0)], datetime(2026, 2, 20, 8))
        # Minuterie Rapide: one exact receipt on time, nothing before.
        cls._received(
            cls.quick,
            [(bolt, 6, 6, 4.0)],
            scheduled=datetime(2026, 2, 10, 8),
            done_at=datetime(2026, 2, 9, 8),
        )
        # Complaints: two about the steel supplier's goods in Q1 (one named by
        # its contact), a rejected one, one in Q2; one about Viteria Difettosa.
        cls._claim(cls.steel, datetime(2026, 1, 20, 9))
        cls._claim(cls.steel_contact, datetime(2026, 3, 2, 9), state="in_progress")
        cls._claim(cls.steel, datetime(2026, 2, 2, 9), state="rejected")
        cls._claim(cls.steel, datetime(2026, 4, 2, 9))
        cls._claim(cls.faulty, datetime(2026, 2, 14, 9))
        cls.Rating = cls.env["bo.supplier.rating"]

    def _rating(self, partner, period_start=Q1):
        return self.Rating.search(
            [
                ("partner_id", "=", partner.id),
                ("period_start", "=", period_start),
                ("company_id", "=", self.company.id),
            ]
        )

    def test_rating_from_receipts_by_hand(self):
        ratings = self.Rating._bo_rate_quarter(Q1)
        self.assertEqual(ratings.partner_id, self.steel | self.quick | self.faulty)
        steel = self._rating(self.steel)
        self.assertEqual(len(steel), 1)
        self.assertEqual(steel.period_end, date(2026, 3, 31))

        # Receipts R1-R4; on time R1 (same day) and R3 (a day early).
        self.assertEqual(steel.receipt_count, 4)
        self.assertEqual(steel.on_time_count, 2)
        self.assertEqual(steel.on_time_rate, 50.0)
        # Lines: R1 bolts and nuts, R2 bolts, R3 bolts (5 of the 5 left after
        # the backorder took 3), R4 nuts.
        lines = [
            *[(demand, received) for __, demand, received, __ in self.r1_lines],
            *[(demand, received) for __, demand, received, __ in self.r2_lines],
            (5, 5),
            *[(demand, received) for __, demand, received, __ in self.r4_lines],
        ]
        expected_accuracy = round(100 * sum(accuracy(*line) for line in lines) / len(lines), 2)
        self.assertEqual(expected_accuracy, 91.0)  # (1 + 0.75 + 0.8 + 1 + 1) / 5
        self.assertEqual(steel.line_count, 5)
        self.assertEqual(steel.quantity_accuracy, expected_accuracy)
        # The backorder is there, open, and not counted.
        backorder = self.env["stock.picking"].search([("backorder_id", "=", self.r3.id)])
        self.assertEqual(backorder.move_ids.product_uom_qty, 3)
        self.assertNotEqual(backorder.state, "done")

        # Prices: Q1 bolts 10 x 5.0 + 12 x 5.5 + 5 x 5.5, nuts 3 x 20 + 2 x 21;
        # Q4 2025 bolts at 5.0, nuts at 18.0.
        now = {"bolt": (27, 10 * 5.0 + 12 * 5.5 + 5 * 5.5), "nut": (5, 3 * 20.0 + 2 * 21.0)}
        before = {"bolt": 5.0, "nut": 18.0}
        trend = sum(v for __, v in now.values()) / sum(q * before[p] for p, (q, __) in now.items())
        self.assertEqual(round((trend - 1) * 100, 2), 9.11)
        self.assertEqual(steel.price_trend, 9.11)
        self.assertEqual(steel.price_product_count, 2)

        self.assertEqual(steel.complaint_count, 2)
        # Default thresholds: on time 95 / 85, accuracy 98 / 90, complaints 0 / 2,
        # price trend 3 / 8.
        self.assertEqual(
            (steel.on_time_grade, steel.accuracy_grade, steel.complaint_grade, steel.price_grade),
            ("C", "B", "B", "C"),
        )
        self.assertEqual(steel.rating, "C")

        quick = self._rating(self.quick)
        self.assertEqual(
            (quick.receipt_count, quick.on_time_rate, quick.quantity_accuracy),
            (1, 100.0, 100.0),
        )
        self.assertEqual(quick.price_product_count, 0)
        self.assertFalse(quick.price_grade, "nothing to compare the price with")
        self.assertEqual(quick.rating, "A")

        faulty = self._rating(self.faulty)
        self.assertEqual((faulty.receipt_count, faulty.complaint_count), (0, 1))
        self.assertFalse(faulty.on_time_grade)
        self.assertFalse(faulty.accuracy_grade)
        self.assertEqual(faulty.rating, "B")

        # The customer's return made no rating; the quarter before has none yet.
        self.assertFalse(self._rating(self.customer))
        self.assertFalse(self._rating(self.steel, date(2025, 10, 1)))

    def test_thresholds_from_settings(self):
        settings = self.env["res.config.settings"].create(
            {"bo_supplier_on_time_b": 50.0, "bo_supplier_price_trend_b": 10.0}
        )
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(float(params.get_param("bo_sales.supplier_on_time_b")), 50.0)
        self.Rating._bo_rate_quarter(Q1)
        steel = self._rating(self.steel)
        self.assertEqual((steel.on_time_grade, steel.price_grade), ("B", "B"))
        self.assertEqual(steel.rating, "B")
        # A stricter A than B only.
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"bo_supplier_accuracy_a": 80.0, "bo_supplier_accuracy_b": 90.0}
            )
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"bo_supplier_complaints_a": 3, "bo_supplier_complaints_b": 1}
            )

    def test_one_rating_per_supplier_quarter_and_company(self):
        rating = self.Rating._bo_rate_quarter(Q1)[:1]
        values = {
            "partner_id": rating.partner_id.id,
            "company_id": rating.company_id.id,
            "period_start": Q1,
            "period_end": date(2026, 3, 31),
            "rating": "A",
        }
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Rating.create(values)
        # A period is a calendar quarter.
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Rating.create(
                dict(values, period_start=date(2026, 2, 1), period_end=date(2026, 4, 30))
            )

    @freeze_time("2026-05-10 09:00:00")
    def test_manager_rates_a_quarter_again(self):
        first = self.Rating._bo_rate_quarter(Q1)
        quick = self._rating(self.quick)
        self.assertEqual(quick.rating, "A")
        # A late receipt of Q1 validated afterwards, then Q1 rated again.
        self._received(
            self.quick,
            [(self.bolt, 4, 4, 4.0)],
            scheduled=datetime(2026, 3, 10, 8),
            done_at=datetime(2026, 3, 12, 8),
        )
        wizard = Form(self.env["bo.supplier.rating.wizard"].with_user(self.bo_manager))
        self.assertEqual((wizard.year, wizard.quarter), (2026, "1"), "the quarter before")
        action = wizard.save().action_rate()
        self.assertFalse(first.exists(), "the quarter's ratings are replaced")
        quick = self._rating(self.quick)
        self.assertEqual((quick.receipt_count, quick.on_time_rate), (2, 50.0))
        self.assertEqual(quick.rating, "C")
        self.assertEqual(len(self.Rating.search([("period_start", "=", Q1)])), 3)
        self.assertEqual(self.Rating.search(action["domain"]), self.Rating.search([]))
        # Not a quarter that has not started.
        wizard = Form(self.env["bo.supplier.rating.wizard"].with_user(self.bo_manager))
        wizard.quarter = "3"
        with self.assertRaises(UserError):
            wizard.save().action_rate()
        # Back-office users read ratings but cannot rate.
        with self.assertRaises(AccessError):
            self.env["bo.supplier.rating.wizard"].with_user(self.bo_user).create(
                {"year": 2026, "quarter": "1"}
            )

    @freeze_time("2026-04-01 03:00:00")
    def test_quarterly_job_rates_the_quarter_just_ended(self):
        self.env.ref("bo_sales.ir_cron_bo_supplier_rating").method_direct_trigger()
        self.assertEqual(self._rating(self.steel).rating, "C")
        self.assertFalse(self.Rating.search([("period_start", "=", date(2026, 4, 1))]))

    def test_other_company_rated_apart(self):
        self.Rating._bo_rate_quarter(Q1)
        other = self.env["res.company"].create({"name": "Fornitori Altrove S.r.l."})
        self.assertFalse(self.Rating._bo_rate_quarter(Q1, other))
        self.assertEqual(len(self.Rating.search([("period_start", "=", Q1)])), 3)

    def test_supplier_form_shows_last_rating(self):
        self.Rating._bo_rate_quarter(date(2025, 10, 1))
        self.Rating._bo_rate_quarter(Q1)
        steel = self.steel.with_user(self.bo_user)
        self.assertEqual(steel.bo_supplier_rating_count, 2)
        self.assertEqual(steel.bo_supplier_last_rating, "C")
        self.assertEqual(self.steel_contact.with_user(self.bo_user).bo_supplier_last_rating, "C")
        action = steel.action_bo_view_supplier_ratings()
        self.assertEqual(
            self.Rating.with_user(self.bo_user).search(action["domain"]).mapped("period_start"),
            [Q1, date(2025, 10, 1)],
        )
        # Agents see nothing of suppliers' ratings.
        with self.assertRaises(AccessError):
            self.steel.with_user(self.agent_user).read(["bo_supplier_last_rating"])
        with self.assertRaises(AccessError):
            self.Rating.with_user(self.agent_user).search([])


@tagged("post_install", "-at_install")
class TestSupplierRatingQueries(SupplierRatingCommon):
    def _suppliers_with_receipts(self, count, day):
        suppliers = self.env["res.partner"].create(
            [{"name": f"Fornitore {day:%Y%m} {n}", "is_company": True} for n in range(count)]
        )
        pickings = self.env["stock.picking"]
        for supplier in suppliers:
            pickings |= self._receipt(
                supplier,
                [(self.bolt, 10, 9, 5.0), (self.nut, 5, 5, 2.0)],
                datetime.combine(day, datetime.min.time()),
            )
        with freeze_time(datetime.combine(day, datetime.min.time())):
            pickings.with_context(
                skip_backorder=True, picking_ids_not_to_backorder=pickings.ids
            ).button_validate()
        self._claim(suppliers[0], datetime.combine(day, datetime.min.time()))
        return suppliers

    def _queries(self, period_start):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        ratings = self.env["bo.supplier.rating"]._bo_rate_quarter(period_start)
        return self.env.cr.sql_log_count - before, ratings

    def test_queries_do_not_grow_with_suppliers(self):
        few = self._suppliers_with_receipts(3, date(2025, 4, 10))
        many = self._suppliers_with_receipts(30, date(2025, 7, 10))
        self._queries(date(2024, 1, 1))  # system parameters and company read once
        queries_few, ratings_few = self._queries(date(2025, 4, 1))
        queries_many, ratings_many = self._queries(date(2025, 7, 1))
        self.assertEqual(ratings_few.partner_id, few)
        self.assertEqual(ratings_many.partner_id, many)
        self.assertEqual(queries_few, queries_many)
        self.assertLessEqual(queries_many, 3)
