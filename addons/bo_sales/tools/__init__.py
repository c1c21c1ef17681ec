# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import amount_words, check_engine, order_sheet, sql_values, tax_codes
