# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reading a supplier candidates file into a plan, writing nothing: each row
read and validated, matched with the known partners (one search each, whatever
the number of rows), duplicates in the file flagged, VIES asked where set.
Kept apart from ``bo_supplier_candidate_import.py`` (fields, actions, applying
the plan) for its size.
"""

import logging
import re
from collections import defaultdict

from stdnum.eu.vat import check_vies

from odoo import models
from odoo.tools import SQL, email_normalize, zeep
from odoo.tools.mail import single_email_re

from ..tools import tax_codes

_logger = logging.getLogger(__name__)


def _flat(text):
    """Lower case letters and digits only: for names and cities compared."""
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


# pylint: disable=consider-merging-classes-inherited
class BoSupplierCandidateImport(models.Model):  # one model, its reading in its own file
    _inherit = "bo.supplier.candidate.import"

    def _bo_lookups(self, sheet_rows):
        """Countries, provinces and product categories the file names, each
        fetched with one search: dicts from flattened name or code to records."""
        texts = defaultdict(set)
        for sheet_row in sheet_rows:
            for key in ("country", "state"):
                if sheet_row.values.get(key):
                    texts[key].add(sheet_row.values[key].strip())
            for name in self._bo_split_categories(sheet_row.values.get("category")):
                texts["category"].add(name)
        countries = {}
        if texts["country"]:
            for country in self.env["res.country"].search([]):
                for key in (country.code, country.name, country.with_context(lang="it_IT").name):
                    countries[_flat(key)] = country
        states = {}
        if texts["state"]:
            for state in self.env["res.country.state"].search(
                [
                    "|",
                    ("code", "in", [t.upper() for t in texts["state"]]),
                    ("name", "in", list(texts["state"])),
                ]
            ):
                states.setdefault((state.country_id.id, _flat(state.code)), state)
                states.setdefault((state.country_id.id, _flat(state.name)), state)
        categories = defaultdict(list)
        if texts["category"]:
            for category in self.env["product.category"].search(
                [
                    "|",
                    ("name", "in", list(texts["category"])),
                    ("complete_name", "in", list(texts["category"])),
                ]
            ):
                for key in {_flat(category.name), _flat(category.complete_name)}:
                    categories[key].append(category)
        return countries, states, categories

    @staticmethod
    def _bo_split_categories(text):
        return [part.strip() for part in re.split(r"[,;|\n]", text or "") if part.strip()]

    def _bo_read_row(self, sheet_row, default_country, countries, states, categories):
        """Partner values of one row, and its problems (text, blocking)."""
        values = sheet_row.values
        messages = []

        def error(text):
            messages.append((text, True))

        def warning(text):
            messages.append((text, False))

        name = " ".join((values.get("name") or "").split())
        if not name:
            error(self.env._("The company name is missing."))
        country = default_country
        if values.get("country"):
            country = countries.get(_flat(values["country"]))
            if not country:
                error(self.env._("Country %(country)s unknown.", country=values["country"]))
                country = default_country
        italian = country.code == "IT"
        vals = {
            "name": name,
            "country_id": country.id,
            "street": " ".join((values.get("street") or "").split()),
            "zip": tax_codes.compact(values.get("zip")),
            "city": " ".join((values.get("city") or "").split()),
            "website": (values.get("website") or "").strip(),
            "phone": (values.get("phone") or "").strip(),
            "bo_supplier_ateco_code": (values.get("ateco") or "").strip(),
        }
        if italian and vals["zip"].isdigit() and len(vals["zip"]) < 5:
            # NOTE: a postcode typed as a number loses its leading zeros (00184).
            vals["zip"] = vals["zip"].zfill(5)

        vat = tax_codes.compact(values.get("vat"))
        if vat:
            if vat.isdigit() and italian and len(vat) < 11:
                vat = vat.zfill(11)  # typed as a number in Excel
            if not vat[:2].isalpha():
                vat = (country.code or "") + vat
            if tax_codes.is_valid_vat(vat, country.code):
                vals["vat"] = vat
            else:
                error(self.env._("VAT number %(vat)s is not valid.", vat=values["vat"]))
        fiscal_code = tax_codes.compact(values.get("fiscal_code"))
        if fiscal_code:
            if fiscal_code.isdigit() and len(fiscal_code) < 11:
                fiscal_code = fiscal_code.zfill(11)
            if not italian:
                warning(
                    self.env._(
                        "Fiscal code %(code)s ignored: the company is not Italian.",
                        code=values["fiscal_code"],
                    )
                )
            elif tax_codes.is_valid_fiscal_code(fiscal_code):
                vals["l10n_it_codice_fiscale"] = fiscal_code
            else:
                error(self.env._("Fiscal code %(code)s is not valid.", code=values["fiscal_code"]))
        if italian and not vat and not fiscal_code:
            warning(
                self.env._(
                    "No VAT number nor fiscal code: the candidate is matched by name and city only."
                )
            )
        for key, field_name in (("email", "email"), ("pec", "l10n_it_pec_email")):
            text = (values.get(key) or "").strip()
            if not text:
                continue
            normalised = email_normalize(text)
            if normalised and single_email_re.match(normalised):
                vals[field_name] = normalised
            else:
                error(self.env._("%(email)s is not a valid email address.", email=text))
        if values.get("state"):
            state = states.get((country.id, _flat(values["state"])))
            if state:
                vals["state_id"] = state.id
            else:
                warning(
                    self.env._(
                        "Province %(province)s not found in %(country)s: left empty.",
                        province=values["state"],
                        country=country.name,
                    )
                )
        category_ids = []
        for text in self._bo_split_categories(values.get("category")):
            found = categories.get(_flat(text), [])
            if len(found) == 1:
                category_ids.append(found[0].id)
            elif found:
                warning(
                    self.env._(
                        "Product category %(category)s is ambiguous (%(count)s categories): "
                        "not set; write its full path (All / Hardware / Screws).",
                        category=text,
                        count=len(found),
                    )
                )
            else:
                warning(
                    self.env._("Product category %(category)s not found: not set.", category=text)
                )
        return {
            "row": sheet_row.row,
            "vals": {key: value for key, value in vals.items() if value},
            "category_ids": category_ids,
            "partner": self.env["res.partner"],
            "messages": messages,
            "vies": "",
        }

    def _bo_match_partners(self, rows):
        """Match each row with a known company: VAT number first, then fiscal
        code, then name and city (normalised). One query finds the candidates,
        one search keeps those the user may see in this company."""
        vats = {tax_codes.normalise_vat(r["vals"]["vat"]) for r in rows if r["vals"].get("vat")}
        codes = {
            r["vals"]["l10n_it_codice_fiscale"]
            for r in rows
            if r["vals"].get("l10n_it_codice_fiscale")
        }
        names = {
            (tax_codes.normalise_name(r["vals"].get("name")), _flat(r["vals"].get("city")))
            for r in rows
        }
        names = {(name, city) for name, city in names if name and city}
        for row in rows:
            row["action"] = "create"
        if not (vats or codes or names):
            return
        Partner = self.env["res.partner"]
        Partner.flush_model(["vat", "l10n_it_codice_fiscale", "name", "city", "parent_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM (
                    SELECT p.id, %(vat)s AS vat,
                           REGEXP_REPLACE(UPPER(COALESCE(p.l10n_it_codice_fiscale, '')),
                                          '[^A-Z0-9]', '', 'g') AS code,
                           %(name)s AS name,
                           REGEXP_REPLACE(LOWER(COALESCE(p.city, '')), '[^a-z0-9]', '', 'g')
                               AS city
                      FROM res_partner p
                     WHERE p.active AND p.parent_id IS NULL
                ) n
                WHERE n.vat = ANY(%(vats)s) OR n.code = ANY(%(codes)s)
                   OR (n.name || '|' || n.city) = ANY(%(names)s)
                """,
                vat=SQL(tax_codes.VAT_SQL),
                name=SQL(tax_codes.NAME_SQL),
                vats=list(vats),
                codes=list(codes),
                names=[f"{name}|{city}" for name, city in names],
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        partners = Partner.search(
            [("id", "in", ids), ("company_id", "in", [False, self.company_id.id])]
        )
        by_vat, by_code, by_name = defaultdict(list), defaultdict(list), defaultdict(list)
        for partner in partners:
            if partner.vat:
                by_vat[tax_codes.normalise_vat(partner.vat)].append(partner)
            if partner.l10n_it_codice_fiscale:
                by_code[tax_codes.compact(partner.l10n_it_codice_fiscale)].append(partner)
            by_name[tax_codes.normalise_name(partner.name), _flat(partner.city)].append(partner)
        for row in rows:
            vals = row["vals"]
            steps = [
                (by_vat, tax_codes.normalise_vat(vals.get("vat")), self.env._("VAT number")),
                (by_code, vals.get("l10n_it_codice_fiscale"), self.env._("fiscal code")),
                (
                    by_name,
                    (tax_codes.normalise_name(vals.get("name")), _flat(vals.get("city"))),
                    self.env._("name and city"),
                ),
            ]
            for index, key, label in steps:
                found = index.get(key, []) if key and all(key) else []
                if len(found) == 1:
                    row["partner"] = found[0]
                    row["matched_by"] = label
                    break
                if found:
                    row["messages"].append(
                        (
                            self.env._(
                                "Matches %(count)s companies by %(key)s (%(names)s): merge "
                                "them or complete the file.",
                                count=len(found),
                                key=label,
                                names=", ".join(p.display_name for p in found[:3]),
                            ),
                            True,
                        )
                    )
                    break
            partner = row["partner"]
            row["action"] = "update" if partner else "create"
            if partner and partner.sudo().bo_supplier_state == "rejected":
                row["messages"].append(
                    (
                        self.env._(
                            "%(partner)s was rejected as a supplier: its data are completed, "
                            "its status stays Rejected.",
                            partner=partner.display_name,
                        ),
                        False,
                    )
                )

    def _bo_flag_duplicates(self, rows):
        """The same company twice in the file (by VAT number, fiscal code,
        name and city, or the partner matched): an error on the later rows."""
        seen = {}
        for row in rows:
            vals = row["vals"]
            keys = [
                ("vat", tax_codes.normalise_vat(vals.get("vat"))),
                ("code", vals.get("l10n_it_codice_fiscale")),
                ("name", tax_codes.normalise_name(vals.get("name")), _flat(vals.get("city"))),
                ("partner", row["partner"].id),
            ]
            keys = [key for key in keys if all(key[1:])]
            first = next((seen[key] for key in keys if key in seen), None)
            if first:
                row["messages"].append(
                    (
                        self.env._(
                            "The same company as row %(row)s: keep one row per company.",
                            row=first,
                        ),
                        True,
                    )
                )
            for key in keys:
                seen.setdefault(key, row["row"])

    def _bo_check_vies(self, rows):
        """Where the company asks for it (Odoo's "Verify VAT Numbers" setting
        of base_vat), ask VIES about the European VAT numbers of the rows
        without errors. Never required: an answer "not registered" is a
        warning, a VIES out of reach a note."""
        if not self.company_id.vat_check_vies:
            return
        for row in rows:
            vat = row["vals"].get("vat")
            if not vat or any(blocking for _t, blocking in row["messages"]):
                continue
            if vat[:2] not in tax_codes.EU_COUNTRY_CODES and vat[:2] != "EL":
                continue
            try:
                valid = check_vies(vat, timeout=10)["valid"]
            except (OSError, zeep.exceptions.Error, ValueError) as failure:
                _logger.info("VIES not reached for %s: %s", vat, failure)
                row["vies"] = self.env._("VIES not reached: the VAT number was not checked.")
                continue
            if valid:
                row["vies"] = self.env._("VIES: registered for intra-EU trade.")
            else:
                row["vies"] = self.env._("VIES: not registered for intra-EU trade.")
                row["messages"].append(
                    (
                        self.env._(
                            "VIES does not know VAT number %(vat)s for intra-EU trade.",
                            vat=vat,
                        ),
                        False,
                    )
                )
