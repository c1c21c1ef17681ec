from . import bo_report_kind_deliveries
