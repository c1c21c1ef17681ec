from . import test_security
from . import test_agenda
from . import test_visit_planner
from . import test_visit_planner_wizard
