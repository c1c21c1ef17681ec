# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Duplicate detection: company-level partners that share a normalised VAT
number or name (``tools/tax_codes.py``), found set-based in one query."""

from collections import defaultdict

from odoo import models
from odoo.tools import SQL

from ..tools import tax_codes


class ResPartner(models.Model):
    # NOTE: res.partner is extended in one file per concern (res_partner.py
    # lists them): these extensions are meant apart, not to be merged.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------

    def _bo_duplicate_keys(self):
        """(partners with a duplicate VAT number, partners with a duplicate name)
        among these: another company-level partner shares the normalised key.

        Only partners this one may be seen with count: of its own company or
        shared by every company, and visible to the user (the SQL finds the
        candidates, an ORM search re-applies the record rules), so the flag never
        tells of a partner the user cannot see.
        """
        entries = [
            (
                partner,
                partner.company_id.id or None,
                tax_codes.normalise_vat(partner.vat),
                tax_codes.normalise_name(partner.name),
            )
            for partner in self
        ]
        vats = {vat for _p, _c, vat, _n in entries if vat}
        names = {name for _p, _c, _v, name in entries if name}
        others = []
        if vats or names:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT id, company_id, vat, name FROM (
                        SELECT p.id, p.company_id, %s AS vat, %s AS name
                          FROM res_partner p
                         WHERE p.active AND p.parent_id IS NULL AND p.id <> ALL(%s)
                    ) n
                    WHERE n.vat = ANY(%s) OR n.name = ANY(%s)
                    """,
                    SQL(tax_codes.VAT_SQL),
                    SQL(tax_codes.NAME_SQL),
                    [pid for pid in self._origin.ids if pid],
                    list(vats),
                    list(names),
                )
            )
            rows = self.env.cr.fetchall()
            # search() applies the record rules (companies included) to the candidates.
            visible = set(
                self.env["res.partner"].search([("id", "in", [row[0] for row in rows])]).ids
            )
            others = [
                (self.browse(row[0]), row[1], row[2], row[3]) for row in rows if row[0] in visible
            ]
        by_vat, by_name = defaultdict(list), defaultdict(list)
        for partner, company_id, vat, name in entries + others:
            if vat:
                by_vat[vat].append((partner, company_id))
            if name:
                by_name[name].append((partner, company_id))

        def shared(index, key, partner, company_id):
            return any(
                other != partner and other_company in (None, company_id)
                for other, other_company in index.get(key, [])
            )

        duplicate_vats, duplicate_names = set(), set()
        for partner, company_id, vat, name in entries:
            if vat and shared(by_vat, vat, partner, company_id):
                duplicate_vats.add(partner)
            if name and shared(by_name, name, partner, company_id):
                duplicate_names.add(partner)
        return duplicate_vats, duplicate_names
