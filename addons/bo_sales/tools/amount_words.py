# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Amounts in words for offers and cheques-style totals, without the ORM.

The Italian commercial habit writes the integer part in words and the cents
as digits: ``milleduecentotrentaquattro/56 euro``. The same shape is used for
the other languages the back office writes to.
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

#: Languages we write offers in, keyed by the first part of an Odoo lang code.
SUPPORTED_LANGUAGES = ("it", "en", "fr", "de", "es")

#: How "euro" is written after the amount, per language (French and Spanish
#: take the plural, German capitalises the noun).
EURO_LABELS = {"it": "euro", "en": "euro", "fr": "euros", "de": "Euro", "es": "euros"}

# NOTE: num2words 0.5.10 does not elide the vowel of "venti" before "uno"
# ("ventiuno"), while Italian writes "ventuno" (as it already does for
# "trentuno", "ventotto"...).
_ITALIAN_FIXES = (("ventiuno", "ventuno"),)


def language_of(lang_code):
    """Return the num2words language for an Odoo lang code ('it_IT' -> 'it').

    Unknown or empty codes fall back to English.
    """
    short = (lang_code or "").split("_")[0].lower()
    return short if short in SUPPORTED_LANGUAGES else "en"


def amount_to_words(amount, lang_code="it_IT", currency_label=None):
    """Write ``amount`` as "<integer part in words>/<cents> <currency>".

    :param amount: a non-negative number (float or Decimal); rounded half-up
        to the cent.
    :param lang_code: Odoo language code of the reader ('it_IT', 'en_US', ...).
    :param currency_label: word written after the amount; defaults to the
        euro in the reader's language.
    :returns: e.g. ``"milleduecentotrentaquattro/56 euro"``.
    :raises ValueError: on a negative amount (a refund is written as a
        positive amount on its own document).
    """
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        raise ValueError(f"Cannot write a negative amount in words: {amount}")
    lang = language_of(lang_code)
    units = int(value)
    cents = int((value - units) * 100)
    words = num2words(units, lang=lang)
    if lang == "it":
        for wrong, right in _ITALIAN_FIXES:
            words = words.replace(wrong, right)
    label = currency_label or EURO_LABELS[lang]
    return f"{words}/{cents:02d} {label}"
