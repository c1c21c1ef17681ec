from . import test_order_import, test_order_sheet, test_security
