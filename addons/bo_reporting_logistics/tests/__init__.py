from . import test_deliveries_report
