# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Read an agent's order spreadsheet (.xls, .xlsx, .ods, .csv) into plain rows.

No ORM here: the module names the order columns and checks each row; reading
the file (formats, limits, header row, numbers and dates) is the job of
:mod:`.spreadsheet`. Matching the rows with customers and products is the job
of ``bo.order.import``.
"""

import datetime
from dataclasses import dataclass

from odoo.tools.translate import LazyTranslate

from .spreadsheet import Problem, Sheet, SheetError, SheetRow, TableOptions, read_table
from .spreadsheet.common import HEADER_SEARCH_ROWS
from .spreadsheet.values import header_index, normalize_header
from .spreadsheet.values import match_headers as _match_headers

__all__ = [
    "HEADERS",
    "TEMPLATE_COLUMNS",
    "Problem",
    "ReadOptions",
    "Sheet",
    "SheetError",
    "SheetRow",
    "column_labels",
    "match_headers",
    "read_order_sheet",
]

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)

# Column key -> header names (compared after normalize_header()).
HEADERS = {
    "customer_vat": ["P.IVA", "P. IVA", "Partita IVA", "PIVA", "VAT", "VAT number", "VAT no"],
    "customer_code": [
        "Cod. cliente",
        "Codice cliente",
        "Cod cli",
        "Customer code",
        "Customer ref",
        "Customer internal reference",
    ],
    "customer": ["Cliente", "Customer", "Ragione sociale", "Customer name", "Nome cliente"],
    "product": [
        "Codice articolo",
        "Cod. articolo",
        "Articolo",
        "Codice prodotto",
        "Prodotto",
        "SKU",
        "Product",
        "Product code",
        "Item",
        "Item code",
        "Internal reference",
    ],
    "barcode": ["Barcode", "EAN", "EAN13", "Codice a barre", "GTIN"],
    "quantity": ["Quantità", "Qtà", "Q.tà", "Qta", "Qty", "Quantity", "Pezzi", "Quantita"],
    "price_unit": ["Prezzo", "Prezzo unitario", "Prezzo unit.", "Unit price", "Price"],
    "discount": ["Sconto", "Sconto %", "Sconto (%)", "Discount", "Discount %", "Disc. %"],
    "commitment_date": [
        "Data consegna",
        "Data di consegna",
        "Consegna richiesta",
        "Data consegna richiesta",
        "Delivery date",
        "Requested date",
        "Requested delivery date",
    ],
    "client_order_ref": [
        "Rif. cliente",
        "Riferimento cliente",
        "Ordine cliente",
        "N. ordine cliente",
        "Numero ordine cliente",
        "PO",
        "PO number",
        "Customer reference",
        "Your reference",
    ],
    "agent": ["Agente", "Agent", "Rappresentante", "Sales agent"],
    "notes": ["Note", "Notes", "Nota", "Annotazioni", "Remarks"],
}
# Header names that only an English-speaking author writes; the names neither
# Italian nor English (codes, acronyms) tell nothing. Every other name is Italian.
ENGLISH_HEADERS = [
    "VAT", "VAT number", "VAT no", "Customer code", "Customer ref",
    "Customer internal reference", "Customer", "Customer name", "Product", "Product code",
    "Item", "Item code", "Internal reference", "Qty", "Quantity", "Unit price", "Price",
    "Discount", "Discount %", "Disc. %", "Delivery date", "Requested date",
    "Requested delivery date", "Customer reference", "Your reference", "Agent", "Sales agent",
    "Notes", "Remarks",
]  # fmt: skip
NEUTRAL_HEADERS = ["SKU", "Barcode", "EAN", "EAN13", "GTIN", "PO", "PO number"]
TEXT_KEYS = (
    "customer_vat",
    "customer_code",
    "customer",
    "product",
    "barcode",
    "client_order_ref",
    "agent",
    "notes",
)
NUMBER_KEYS = ("quantity", "price_unit", "discount")

# Column labels written in the downloadable template (first synonym wins too).
TEMPLATE_COLUMNS = [
    ("customer", "Cliente"),
    ("customer_vat", "Partita IVA"),
    ("customer_code", "Cod. cliente"),
    ("client_order_ref", "Rif. cliente"),
    ("product", "Codice articolo"),
    ("barcode", "EAN"),
    ("quantity", "Quantità"),
    ("price_unit", "Prezzo unitario"),
    ("discount", "Sconto %"),
    ("commitment_date", "Data consegna"),
    ("agent", "Agente"),
    ("notes", "Note"),
]


def column_labels():
    """Translatable names of the columns, for messages."""
    return {
        "customer_vat": _lt("VAT number"),
        "customer_code": _lt("Customer code"),
        "customer": _lt("Customer"),
        "product": _lt("Product code"),
        "barcode": _lt("Barcode"),
        "quantity": _lt("Quantity"),
        "price_unit": _lt("Unit price"),
        "discount": _lt("Discount %"),
        "commitment_date": _lt("Delivery date"),
        "client_order_ref": _lt("Customer reference"),
        "agent": _lt("Agent"),
        "notes": _lt("Notes"),
    }


@dataclass
class ReadOptions:
    """How to read a file: the clerk's answers and the bounds of a plausible row.

    ``decimal`` ("," or ".") and ``date_order`` ("dmy" or "mdy") are the
    clerk's answers when the file leaves them open; None lets the reader infer
    them from the file. ``format_number`` renders numbers in messages (the
    caller gives one in the user's language).
    """

    decimal: str | None = None
    date_order: str | None = None
    max_quantity: float = 1_000_000
    max_price_unit: float = 1_000_000
    latest_date: datetime.date | None = None
    today: datetime.date | None = None
    format_number: object = str


HEADER_INDEX = header_index(HEADERS)
_ENGLISH = {normalize_header(name) for name in ENGLISH_HEADERS}
_NEUTRAL = {normalize_header(name) for name in NEUTRAL_HEADERS}
HEADER_LANGUAGES = {
    name: "en" if normalize_header(name) in _ENGLISH else "it"
    for names in HEADERS.values()
    for name in names
    if normalize_header(name) not in _NEUTRAL
}


def match_headers(cells):
    """Map order column keys to indexes for a candidate header row.

    Returns (columns, duplicates): duplicates lists keys found twice.
    """
    return _match_headers(cells, HEADER_INDEX)


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def read_order_sheet(content, filename, options=None):
    """Read an order spreadsheet.

    :param bytes content: the uploaded file
    :param str filename: its name (used for messages and the expected type)
    :param ReadOptions options: the clerk's answers and the bounds of a row
    :return: :class:`Sheet` with typed rows (only rows with at least a value)
             and problems; row-level problems keep the sheet row number. When
             the file can be read two ways, ``questions`` names what to ask
             and a blocking problem of the whole file (row 0) says it.
    :raises SheetError: when nothing can be read (empty, damaged, protected,
             too large, no header row).
    """
    options = options or ReadOptions()
    options = options or ReadOptions()
    table_options = TableOptions(
        numbers=NUMBER_KEYS,
        dates=("commitment_date",),
        percents=("discount",),
        free_text=("notes",),
        header_keys=({"product", "barcode"}, {"quantity"}),
        labels=column_labels(),
        header_languages=HEADER_LANGUAGES,
        decimal=options.decimal,
        date_order=options.date_order,
        check_header=_check_header,
        check_row=lambda values, failed: _check_row(values, failed, options),
        no_header_message=_lt(
            "No header row found in the first %(count)s rows. The sheet needs at least a "
            "product column (Codice articolo, SKU or EAN) and a quantity column "
            "(Quantità, Qtà or Qty); download the template to see every column.",
            count=HEADER_SEARCH_ROWS,
        ),
        no_rows_message=_lt("The sheet has a header row but no order rows."),
        totals_row_message=_lt("A totals row: skipped, its figures are not an order line."),
    )
    return read_table(content, filename, HEADERS, table_options)


def _check_header(columns, row):
    """An order sheet names its customer."""
    if not {"customer", "customer_vat", "customer_code"} & set(columns):
        return _lt(
            "The header row %(row)s has no customer column: add Cliente, Cod. cliente "
            "or Partita IVA.",
            row=row,
        )
    return None


def _check_row(values, failed, options):
    """Row-level problems; ``failed`` are the columns already reported unreadable.

    Returns lazy messages (blocking problems of the row) and :class:`Problem`
    (row None: the caller sets it) for warnings.
    """
    problems = []
    fmt = options.format_number
    if not failed & {"product", "barcode"} and not (values.get("product") or values.get("barcode")):
        problems.append(_lt("The product code is missing."))
    customer_keys = {"customer", "customer_vat", "customer_code"}
    if not failed & customer_keys and not any(values.get(key) for key in customer_keys):
        problems.append(_lt("The customer is missing."))
    quantity = values.get("quantity")
    if quantity is None:
        if "quantity" not in failed:
            problems.append(_lt("The quantity is missing."))
    elif quantity <= 0:
        problems.append(_lt("The quantity must be greater than zero."))
    elif quantity > options.max_quantity:
        problems.append(
            _lt(
                "The quantity %(value)s is above %(max)s, the most an imported line may "
                "order: check the file (a manager can raise the limit).",
                value=fmt(quantity),
                max=fmt(options.max_quantity),
            )
        )
    price = values.get("price_unit")
    if price is not None and price < 0:
        problems.append(_lt("The unit price cannot be negative."))
    elif price is not None and price > options.max_price_unit:
        problems.append(
            _lt(
                "The unit price %(value)s is above %(max)s, the highest an imported line may "
                "have: check the file (a manager can raise the limit).",
                value=fmt(price),
                max=fmt(options.max_price_unit),
            )
        )
    discount = values.get("discount")
    if discount is not None and not 0 <= discount <= 100:
        problems.append(_lt("The discount must be between 0 and 100%."))
    date = values.get("commitment_date")
    if date and options.latest_date and date > options.latest_date:
        problems.append(
            _lt(
                "The delivery date %(date)s is later than %(latest)s, the latest an import "
                "accepts: check the file (a manager can raise the limit).",
                date=date.isoformat(),
                latest=options.latest_date.isoformat(),
            )
        )
    elif date and options.today and date < options.today:
        problems.append(
            Problem(
                None,
                _lt("The delivery date %(date)s is in the past.", date=date.isoformat()),
                blocking=False,
            )
        )
    return problems
