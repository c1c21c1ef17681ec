from . import test_order_checks, test_order_checks_bench, test_partner_data, test_security
