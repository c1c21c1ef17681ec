from . import (
    test_courier_choice,
    test_ddt_concurrency,
    test_delivery_notice,
    test_invoicing_returns,
    test_late_shipments,
    test_manifest,
    test_planner,
    test_security,
    test_tours,
    test_tracking_import,
    test_transport_document,
)
