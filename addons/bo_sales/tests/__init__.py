from . import (
    test_agenda,
    test_bench_visit_planning,
    test_order_import,
    test_order_sheet,
    test_security,
    test_visit_planner,
    test_visit_planner_wizard,
)
