from . import (
    account_invoice_report,
    bo_periodic_report,
    bo_periodic_report_run,
    bo_report_kind,
    bo_report_kind_agents,
    bo_report_kind_deliveries,
    bo_report_kind_quality,
    bo_report_kind_receivables,
    bo_report_kind_sales,
    bo_report_sales_figures,
    bo_sales_target,
    sale_report,
)
