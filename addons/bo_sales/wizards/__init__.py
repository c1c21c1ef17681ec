from . import bo_agent_assign_wizard
from . import bo_visit_planner_wizard
