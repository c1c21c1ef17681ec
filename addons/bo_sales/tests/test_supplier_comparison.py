# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Comparison of the suppliers' offers for a product or a category, against
figures computed here by hand (prices, conversion, distances)."""

import io
from datetime import date
from math import cos, radians, sqrt

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..tools.geo import great_circle_km
from .common_supplier import BoSupplierCommon

DAY = date(2026, 3, 2)
BOLOGNA = (44.4949, 11.3426)
MODENA = (44.6471, 10.9252)
MUNICH = (48.1351, 11.5820)


def flat_km(a, b):
    """Distance on the local flat map (equirectangular): another computation,
    within 0.5 % of the great circle at these distances."""
    mean_lat = radians((a[0] + b[0]) / 2)
    dx = radians(b[1] - a[1]) * cos(mean_lat) * 6371.0088
    dy = radians(b[0] - a[0]) * 6371.0088
    return sqrt(dx * dx + dy * dy)


@tagged("post_install", "-at_install")
class TestSupplierComparison(BoSupplierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company.partner_id.write(
            {
                "partner_latitude": BOLOGNA[0],
                "partner_longitude": BOLOGNA[1],
                "state_id": env.ref("base.state_it_bo").id,
                "country_id": cls.italy.id,
            }
        )
        # Rates of the day: 1 company currency = 1.25 of the other one.
        euro, dollar = env.ref("base.EUR"), env.ref("base.USD")
        cls.foreign = dollar if cls.company.currency_id != dollar else euro
        cls.foreign.active = True
        env["res.currency.rate"].create(
            [
                {
                    "currency_id": cls.company.currency_id.id,
                    "name": date(2026, 1, 1),
                    "rate": 1.0,
                    "company_id": cls.company.id,
                },
                {
                    "currency_id": cls.foreign.id,
                    "name": date(2026, 1, 1),
                    "rate": 1.25,
                    "company_id": cls.company.id,
                },
            ]
        )
        cls.bolts = env["product.category"].create(
            {"name": "Bulloni", "parent_id": cls.category.id}
        )
        cls.bolt, cls.screw = env["product.template"].create(
            [
                {"name": "Bullone M10", "categ_id": cls.bolts.id, "type": "consu"},
                {"name": "Vite M6", "categ_id": cls.category.id, "type": "consu"},
            ]
        )
        Partner = env["res.partner"].with_context(bo_supplier_workflow=True)

        def supplier(name, state, city, province=None, country=None, where=(0.0, 0.0)):
            return Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "city": city,
                    "state_id": province and env.ref(province).id,
                    "country_id": (country or cls.italy).id,
                    "partner_latitude": where[0],
                    "partner_longitude": where[1],
                    "bo_supplier_state": state,
                    "bo_supplier_category_ids": [Command.set(cls.category.ids)],
                }
            )

        cls.qualified = supplier(
            "Ferriera Modenese S.p.A.", "qualified", "Modena", "base.state_it_mo", where=MODENA
        )
        for doc_type in (cls.durc, cls.visura):
            env["bo.supplier.document"].create(
                {
                    "partner_id": cls.qualified.id,
                    "document_type_id": doc_type.id,
                    "date_issue": date(2026, 2, 1),
                    "date_expiry": date(2026, 12, 31),
                }
            )
        cls.qualified_contact = env["res.partner"].create(
            {"name": "Ufficio vendite", "parent_id": cls.qualified.id, "type": "contact"}
        )
        cls.candidate = supplier(
            "Viterie Scaligere S.r.l.", "candidate", "Verona", "base.state_it_vr"
        )
        cls.german = supplier(
            "Schrauben München GmbH",
            "evaluation",
            "München",
            country=env.ref("base.de"),
            where=MUNICH,
        )
        cls.suspended = supplier("Bulloneria Sospesa S.r.l.", "suspended", "Parma")
        cls.nearby = supplier(
            "Minuteria Felsinea S.n.c.", "candidate", "Bologna", "base.state_it_bo"
        )
        cls.outsider = env["res.partner"].create(
            {"name": "Rivenditore Qualunque", "is_company": True}
        )
        for period, grade in ((date(2025, 10, 1), "A"), (date(2026, 1, 1), "B")):
            env["bo.supplier.rating"].create(
                {
                    "partner_id": cls.qualified.id,
                    "company_id": cls.company.id,
                    "period_start": period,
                    "period_end": period.replace(month=period.month + 2, day=31),
                    "rating": grade,
                }
            )
        other_company = env["res.company"].create({"name": "Altra Società S.r.l."})
        Info = env["product.supplierinfo"]
        cls.offers = Info.create(
            [
                {
                    "partner_id": cls.qualified_contact.id,
                    "product_tmpl_id": cls.bolt.id,
                    "price": 10.0,
                    "discount": 10.0,
                    "min_qty": 100,
                    "delay": 5,
                    "product_code": "FM-M10",
                    "company_id": cls.company.id,
                },
                {
                    "partner_id": cls.candidate.id,
                    "product_tmpl_id": cls.bolt.id,
                    "price": 9.5,
                    "min_qty": 500,
                    "delay": 12,
                    "company_id": False,
                },
                {
                    "partner_id": cls.german.id,
                    "product_tmpl_id": cls.bolt.id,
                    "price": 11.0,
                    "currency_id": cls.foreign.id,
                    "min_qty": 1000,
                    "delay": 20,
                    "company_id": cls.company.id,
                },
                {
                    "partner_id": cls.qualified.id,
                    "product_tmpl_id": cls.screw.id,
                    "price": 0.2,
                    "min_qty": 1000,
                    "delay": 3,
                    "company_id": cls.company.id,
                },
            ]
        )
        cls.not_compared = Info.create(
            [
                # expired the day before
                {
                    "partner_id": cls.candidate.id,
                    "product_tmpl_id": cls.bolt.id,
                    "price": 8.0,
                    "date_end": date(2026, 3, 1),
                    "company_id": cls.company.id,
                },
                # another company's price
                {
                    "partner_id": cls.qualified.id,
                    "product_tmpl_id": cls.screw.id,
                    "price": 0.1,
                    "company_id": other_company.id,
                },
                # suspended and outside the register: only with "Every Supplier"
                {
                    "partner_id": cls.suspended.id,
                    "product_tmpl_id": cls.bolt.id,
                    "price": 7.0,
                    "company_id": cls.company.id,
                },
                {
                    "partner_id": cls.outsider.id,
                    "product_tmpl_id": cls.bolt.id,
                    "price": 7.5,
                    "company_id": cls.company.id,
                },
            ]
        )

    def _compare(self, user=None, **values):
        form = Form(self.env["bo.supplier.comparison"].with_user(user or self.bo_user))
        form.date = DAY
        for name, value in values.items():
            setattr(form, name, value)
        comparison = form.save()
        comparison.action_compare()
        return comparison

    def test_product_offers_side_by_side(self):
        comparison = self._compare(product_tmpl_id=self.bolt)
        offers = comparison.line_ids.filtered("has_offer")
        # Net prices in the company currency: 10 less 10 %, 9.50, 11 / 1.25.
        self.assertEqual(
            [(line.partner_id, line.price_company) for line in offers],
            [(self.german, 8.8), (self.qualified, 9.0), (self.candidate, 9.5)],
            "cheapest first",
        )
        by_supplier = {line.partner_id: line for line in offers}
        qualified = by_supplier[self.qualified]
        self.assertEqual(qualified.supplierinfo_id.partner_id, self.qualified_contact)
        self.assertEqual(
            (qualified.min_qty, qualified.delay, qualified.discount, qualified.product_code),
            (100, 5, 10.0, "FM-M10"),
        )
        self.assertEqual(qualified.supplier_state, "qualified")
        self.assertTrue(qualified.documents_valid)
        self.assertEqual(qualified.last_rating, "B", "the latest quarter's")
        self.assertTrue(qualified.distance_known)
        self.assertAlmostEqual(qualified.distance_km, flat_km(BOLOGNA, MODENA), delta=0.2)
        self.assertAlmostEqual(qualified.distance_km, 37.2, delta=0.2)
        self.assertEqual(qualified.proximity, "country")
        german = by_supplier[self.german]
        self.assertEqual((german.price, german.currency_id), (11.0, self.foreign))
        self.assertAlmostEqual(german.distance_km, flat_km(BOLOGNA, MUNICH), delta=1.5)
        self.assertEqual(german.proximity, "abroad")
        candidate = by_supplier[self.candidate]
        self.assertFalse(candidate.documents_valid)
        self.assertFalse(candidate.last_rating)
        self.assertFalse(candidate.distance_known, "no coordinates: no distance")
        self.assertEqual(candidate.proximity, "country")
        # Register suppliers of the category without a price yet, not the
        # suspended one nor the vendor outside the register.
        without = comparison.line_ids - offers
        self.assertEqual(without.partner_id, self.nearby | self.supplier)
        self.assertEqual(
            without.filtered(lambda line: line.partner_id == self.nearby).proximity, "province"
        )
        self.assertFalse(without.product_tmpl_id)
        self.assertEqual(comparison.line_count, 3)

    def test_category_and_every_supplier(self):
        comparison = self._compare(categ_id=self.category)
        offers = comparison.line_ids.filtered("has_offer")
        self.assertEqual(offers.supplierinfo_id, self.offers)
        screw = offers.filtered(lambda line: line.product_tmpl_id == self.screw)
        self.assertEqual((screw.partner_id, screw.price_company), (self.qualified, 0.2))
        comparison.all_suppliers = True
        comparison.action_compare()
        offers = comparison.line_ids.filtered("has_offer")
        self.assertEqual(
            offers.supplierinfo_id, self.offers | self.not_compared[2:], "not expired ones"
        )
        self.assertEqual(
            offers.filtered(lambda line: line.partner_id == self.outsider).supplier_state, False
        )

    def test_export_xlsx(self):
        comparison = self._compare(product_tmpl_id=self.bolt)
        action = comparison.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw), read_only=True)
        rows = list(book.active.iter_rows(values_only=True))
        start = next(index for index, row in enumerate(rows) if row and row[0] == "Supplier")
        header = rows[start]
        table = [dict(zip(header, row, strict=True)) for row in rows[start + 1 :]]
        self.assertEqual(
            [(row["Supplier"], row["Net Price"]) for row in table[:3]],
            [(self.german.name, 8.8), (self.qualified.name, 9.0), (self.candidate.name, 9.5)],
        )
        self.assertEqual(table[1]["Distance (km)"], comparison.line_ids[1].distance_km)
        self.assertIsNone(table[2]["Distance (km)"])
        self.assertEqual(table[1]["Supplier Status"], "Qualified")
        self.assertEqual(len(table), len(comparison.line_ids))

    def test_needs_a_product_or_category_and_back_office_rights(self):
        comparison = self.env["bo.supplier.comparison"].with_user(self.bo_user).create({})
        with self.assertRaises(UserError):
            comparison.action_compare()
        with self.assertRaises(AccessError):
            self.env["bo.supplier.comparison"].with_user(self.agent_user).create(
                {"product_tmpl_id": self.bolt.id}
            )

    def test_great_circle(self):
        # A quarter of a meridian, and the same point.
        self.assertAlmostEqual(great_circle_km(0, 0, 90, 0), 6371.0088 * 3.14159265 / 2, 3)
        self.assertEqual(great_circle_km(*BOLOGNA, *BOLOGNA), 0.0)
