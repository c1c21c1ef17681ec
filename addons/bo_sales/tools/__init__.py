from . import tax_codes
