# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast

from stdnum import luhn

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from ..tools import tax_codes
from .common import BoSalesCommon


@tagged("post_install", "-at_install")
class TestPartnerData(BoSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.term = cls.env.ref("account.account_payment_term_30days")
        cls.clean_vals = {
            "is_company": True,
            "vat": "IT" + "0765432001" + luhn.calc_check_digit("0765432001"),
            "email": "amministrazione@example.com",
            "street": "Via Indipendenza 5",
            "zip": "40121",
            "city": "Bologna",
            "country_id": cls.italy.id,
            "l10n_it_pa_index": "M5UXCR1",
            "property_payment_term_id": cls.term.id,
        }
        cls.clean = cls.env["res.partner"].create(
            {"name": "Officine Pulite S.p.A.", **cls.clean_vals}
        )

    def _codes(self, partner):
        return set(partner.bo_data_issue_ids.mapped("code"))

    def test_clean_partner_has_no_problem(self):
        self.assertFalse(self.clean.bo_data_issue_ids)

    def test_problems_are_listed(self):
        partner = self.env["res.partner"].create(
            {"name": "Mario Rossi", "country_id": self.italy.id, "customer_rank": 1}
        )
        self.assertEqual(
            self._codes(partner),
            {"fiscal_code_missing", "email_missing", "address_missing", "payment_term_missing"},
        )
        if self.env["res.partner"]._bo_italian_einvoicing():
            # Italian e-invoicing refuses a wrong codice fiscale on save; one
            # that came in before it (an old system's file loaded in SQL) is
            # listed.
            with self.assertRaises(UserError):
                partner.l10n_it_codice_fiscale = "RSSMRA85T10A562X"
            self.env.cr.execute(
                "UPDATE res_partner SET l10n_it_codice_fiscale = %s WHERE id = %s",
                ("RSSMRA85T10A562X", partner.id),
            )
            partner.invalidate_recordset(["l10n_it_codice_fiscale"])
            self.env["res.partner"]._cron_bo_check_partner_data()
        else:
            partner.l10n_it_codice_fiscale = "RSSMRA85T10A562X"
        self.assertEqual(
            self._codes(partner),
            {"fiscal_code_invalid", "email_missing", "address_missing", "payment_term_missing"},
        )
        partner.write(
            {
                "l10n_it_codice_fiscale": "RSSMRA85T10A562S",
                "email": "mario@example.com",
                "street": "Via Roma 1",
                "zip": "40100",
                "city": "Bologna",
                "property_payment_term_id": self.term.id,
            }
        )
        self.assertFalse(partner.bo_data_issue_ids)

    def test_problems_agree_with_italian_einvoicing(self):
        """A customer Odoo's e-invoice export would refuse (no VAT number nor
        fiscal code, incomplete address) is listed among the partners to fix;
        one it accepts is not listed for those reasons."""
        customers = {
            "clean": self.clean,
            "street2 only": self.clean.copy(
                {"name": "Via Due S.p.A.", "street": False, "street2": "Via Indipendenza 5"}
            ),
            "no zip": self.clean.copy({"name": "Senza CAP S.p.A.", "zip": False}),
            "no country": self.clean.copy({"name": "Senza Paese S.p.A.", "country_id": False}),
            "foreign person": self.env["res.partner"].create(
                {
                    "name": "Hans Muster",
                    "street": "Bahnhofstrasse 1",
                    "zip": "8001",
                    "city": "Zurich",
                    "country_id": self.env.ref("base.ch").id,
                    "customer_rank": 1,
                }
            ),
        }
        if not self.env["res.partner"]._bo_italian_einvoicing():
            # Without it (plain profile): a foreign private customer needs no
            # VAT number; street 2 alone makes an address, as with it.
            self.assertFalse(self._codes(customers["foreign person"]) & {"vat_missing"})
            self.assertFalse(self._codes(customers["street2 only"]) & {"address_missing"})
            return
        for label, customer in customers.items():
            with self.subTest(customer=label):
                refused = customer._l10n_it_edi_export_check(
                    ["partner_vat_codice_fiscale_missing", "partner_address_missing"]
                )
                flagged = self._codes(customer) & {
                    "vat_missing",
                    "fiscal_code_missing",
                    "address_missing",
                }
                self.assertEqual(bool(refused), bool(flagged), f"{sorted(refused)} / {flagged}")

    def test_italian_business_without_sdi_or_pec(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Senza Recapito S.r.l.",
                **self.clean_vals,
                "vat": False,
                "l10n_it_pa_index": False,
            }
        )
        self.assertEqual(self._codes(partner), {"vat_missing", "einvoice_missing"})
        partner.l10n_it_pec_email = "fatture@pec.example.com"
        self.assertEqual(self._codes(partner), {"vat_missing"})

    def test_duplicates_by_vat_and_name(self):
        twin = self.env["res.partner"].create({"name": "OFFICINE PULITE SPA", **self.clean_vals})
        self.assertEqual(self._codes(twin), {"duplicate_vat", "duplicate_name"})
        # the first partner learns it has a twin at the nightly re-check
        self.env["res.partner"]._cron_bo_check_partner_data()
        self.assertEqual(self._codes(self.clean), {"duplicate_vat", "duplicate_name"})
        other = self.env["res.partner"].create(
            {"name": "Officine Diverse S.r.l.", **self.clean_vals, "vat": False}
        )
        self.assertNotIn("duplicate_name", self._codes(other))

    def test_duplicate_vat_written_differently(self):
        number = self.clean.vat[2:]
        twin = self.env["res.partner"].create(
            {
                **self.clean_vals,
                "name": "Officine Gemelle S.r.l.",
                "vat": f"{number[:3]} {number[3:7]} {number[7:]}",
            }
        )
        self.assertEqual(self._codes(twin), {"duplicate_vat"})
        self.env["res.partner"]._cron_bo_check_partner_data()
        self.assertEqual(self._codes(self.clean), {"duplicate_vat"})

    def test_problems_are_searchable(self):
        bad = self.env["res.partner"].create(
            {"name": "Cliente Incompleto S.r.l.", "is_company": True}
        )
        self.env.flush_all()  # as at the end of the request that saved it
        found = self.env["res.partner"].search(
            [("bo_data_issue_ids.code", "=", "email_missing"), ("id", "in", (bad | self.clean).ids)]
        )
        self.assertEqual(found, bad)
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_partner_to_fix_action")
        to_fix = self.env["res.partner"].search(ast.literal_eval(action["domain"]))
        self.assertIn(bad, to_fix)
        self.assertNotIn(self.clean, to_fix)

    def test_agents_and_contacts_are_not_checked(self):
        contact = self.env["res.partner"].create(
            {"name": "Ufficio acquisti", "parent_id": self.clean.id}
        )
        self.assertFalse(contact.bo_data_issue_ids)
        self.assertFalse(self.agent_partner.bo_data_issue_ids)

    def test_tax_code_helpers(self):
        self.assertTrue(tax_codes.is_valid_vat("IT 00743110157"))
        self.assertTrue(tax_codes.is_valid_vat("00743110157", "IT"))
        self.assertFalse(tax_codes.is_valid_vat("IT00743110158"))
        self.assertTrue(tax_codes.is_valid_vat("DE123456788"))
        self.assertFalse(tax_codes.is_valid_vat("DE123456789"))
        self.assertTrue(tax_codes.is_valid_fiscal_code("rssmra85t10a562s"))
        self.assertFalse(tax_codes.is_valid_fiscal_code("RSSMRA85T10A562X"))
        self.assertEqual(tax_codes.normalise_name("Rossi & Figli S.r.l."), "rossifigli")
        self.assertEqual(tax_codes.normalise_vat("IT-00743110157"), "00743110157")

    def test_vat_key_same_in_memory_and_in_sql(self):
        """Duplicates are found by comparing normalise_vat in memory with VAT_SQL
        in the database: both give the same key for any text."""
        written = [
            "IT00743110157",
            "it 007.431-101/57",
            "IT\t00743110157",
            "IT\u00a000743110157",  # a non-breaking space, pasted from a PDF
            "(IT) 00743110157",
            "FRXX999999999",
            "DE 123 456 788",
            "ATU12345678",
            "Ü-12345",
            "",
        ]
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM unnest(%s::varchar[]) WITH ORDINALITY AS p(vat, n) ORDER BY n",
                SQL(tax_codes.VAT_SQL),
                written,
            )
        )
        in_sql = [row[0] for row in self.env.cr.fetchall()]
        self.assertEqual(in_sql, [tax_codes.normalise_vat(vat) for vat in written])
        self.assertEqual(in_sql[:5], ["00743110157"] * 5)
