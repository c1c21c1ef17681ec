from . import (
    bo_agenda_dispatch,
    bo_order_import,
    bo_visit_class,
    calendar_event,
    res_partner,
    resource_calendar_leaves,
    sale_order,
)
