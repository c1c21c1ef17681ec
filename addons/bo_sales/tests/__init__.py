from . import test_security
from . import test_order_checks
from . import test_order_checks_bench
from . import test_partner_data
