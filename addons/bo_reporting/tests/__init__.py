from . import (
    test_other_kinds,
    test_periodic_run,
    test_periods,
    test_receivables_report,
    test_sales_report,
    test_tours,
    test_turnover_analysis,
)
