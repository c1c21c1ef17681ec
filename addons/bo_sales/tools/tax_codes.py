# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Validation and comparison of VAT numbers and Italian fiscal codes, without
the ORM.

Used by the order checks and by the partner master-data problems, so both
judge a customer's tax identity the same way. Validation is python-stdnum's,
which Odoo already ships. ``normalise_vat`` is the one way the suite compares
VAT numbers (``VAT_SQL`` is the same in SQL): Odoo's ``base_vat`` already
stores them compact, with their country prefix when the partner's country is
known; what is left to reconcile is a number written with or without that
prefix, or loaded past ``base_vat`` with other separators.
"""

import re
from functools import lru_cache

from stdnum import vatin
from stdnum.it import codicefiscale, iva

# Countries whose businesses must carry a VAT number on an invoice (EU).
EU_COUNTRY_CODES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)

_LEGAL_FORMS = re.compile(r"(srls|srl|spa|snc|sas|sapa|gmbh|ltd|sarl|bv)$")


def compact(code):
    """Upper-case code without spaces, dots and dashes ('' for empty): what the
    validators take (python-stdnum refuses any other character) and how the
    supplier candidates import writes fiscal codes and postcodes."""
    return re.sub(r"[\s.\-/]", "", code or "").upper()


def normalise_vat(vat):
    """The key two VAT numbers are compared by: ASCII letters and digits only,
    upper case, without the country prefix ('IT 00743110157' and '00743110157'
    give '00743110157'; '' for empty).

    ``VAT_SQL`` computes the same key in the database, character for character:
    a VAT number in memory and one in a table compare equal.
    """
    number = re.sub(r"[^A-Za-z0-9]", "", vat or "").upper()
    return re.sub(r"^[A-Z]{2}(?=[0-9])", "", number)


def vat_country_and_number(vat, default_country=""):
    """``(country, number)`` of a VAT number written with or without its
    country prefix: the prefix when there is one, else ``default_country``
    (upper case); the number as ``normalise_vat`` gives it. ``None`` for empty.
    Tells apart two companies of different countries whose numbers are the
    same digits, where ``normalise_vat`` alone would not."""
    number = normalise_vat(vat)
    if not number:
        return None
    compact = re.sub(r"[^A-Za-z0-9]", "", vat or "").upper()
    prefix = compact[:2] if compact != number else (default_country or "").upper()
    return prefix, number


@lru_cache(maxsize=4096)
def is_valid_vat(vat, country_code=None):
    """True when ``vat`` is a valid VAT number.

    An Italian number (country IT or prefix IT) is checked with its check digit;
    a number with a country prefix with VIES rules; a foreign number without a
    prefix gets the partner's country as prefix. Unknown countries pass.
    """
    vat = compact(vat)
    if not vat:
        return False
    prefix = vat[:2]
    if prefix.isalpha():
        if prefix == "IT":
            return iva.is_valid(vat[2:])
        return vatin.is_valid(vat) if prefix in EU_COUNTRY_CODES or prefix == "EL" else True
    if country_code == "IT" or not country_code:
        return iva.is_valid(vat)
    if country_code in EU_COUNTRY_CODES:
        return vatin.is_valid(country_code + vat)
    return True


@lru_cache(maxsize=4096)
def is_valid_fiscal_code(code):
    """True for a valid Italian codice fiscale: 16 characters for a person,
    11 digits (the VAT number) for a company.

    The very rule of Odoo's Italian e-invoicing (``l10n_it_edi`` refuses any
    other value on save): what the suite accepts, the e-invoice accepts.
    """
    code = compact(code)
    return codicefiscale.is_valid(code) or iva.is_valid(code)


def normalise_name(name):
    """Company name reduced for duplicate detection: lower case, ASCII letters
    and digits only, without the trailing legal form (S.r.l., S.p.A., GmbH...).

    Mirrors ``NAME_SQL`` so names in the database and in memory compare equal.
    """
    flat = re.sub(r"[^a-z0-9]", "", (name or "").lower())
    return _LEGAL_FORMS.sub("", flat)


# SQL expressions of the same normalisations, on a res_partner row aliased ``p``.
NAME_SQL = (
    "REGEXP_REPLACE(REGEXP_REPLACE(LOWER(COALESCE(p.name, '')), '[^a-z0-9]', '', 'g'), "
    "'(srls|srl|spa|snc|sas|sapa|gmbh|ltd|sarl|bv)$', '')"
)
# NOTE: the separators go before UPPER, which in some locales turns non-ASCII
# letters to other letters than Python does.
VAT_SQL = (
    "REGEXP_REPLACE(UPPER(REGEXP_REPLACE(COALESCE(p.vat, ''), '[^A-Za-z0-9]', '', 'g')), "
    "'^[A-Z]{2}(?=[0-9])', '')"
)
