from . import test_periods
from . import test_sales_report
from . import test_receivables_report
from . import test_other_kinds
from . import test_periodic_run
from . import test_bench_case
