# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The partner's Italian e-invoicing data (codice fiscale, SDI code, PEC)."""

from odoo import api, fields, models


class ResPartner(models.Model):
    # NOTE: res.partner is extended in one file per concern (res_partner.py
    # lists them): these extensions are meant apart, not to be merged.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # NOTE: the Italian e-invoicing data of a partner, declared exactly as
    # l10n_it_edi declares it (same names, same column), so that the suite works
    # without the Italian localization and shares its data when it is installed.
    l10n_it_codice_fiscale = fields.Char(string="Codice Fiscale", size=16)
    l10n_it_pa_index = fields.Char(
        string="Destination Code",
        size=7,
        help="SDI recipient code (codice destinatario) for electronic invoices: "
        "7 characters for businesses, 6 for the public administration.",
    )
    l10n_it_pec_email = fields.Char(string="PEC e-mail")

    # ------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------

    @api.model
    def _bo_italian_einvoicing(self):
        """True where Odoo's Italian e-invoicing (``l10n_it_edi``) is installed:
        its buyer checks (VAT number or fiscal code, complete address) then
        apply to every customer, and the suite flags what it would refuse."""
        return hasattr(type(self), "_l10n_it_edi_export_check")
