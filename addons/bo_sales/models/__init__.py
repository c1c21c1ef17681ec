from . import bo_visit_class
from . import res_partner
from . import resource_calendar_leaves
from . import calendar_event
from . import sale_order
from . import bo_agenda_dispatch
