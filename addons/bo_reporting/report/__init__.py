from . import bo_periodic_report_run_pdf
