from . import (
    bo_agent_assign_wizard,
    bo_check_override_wizard,
    bo_supplier_rating_wizard,
    bo_supplier_state_wizard,
    bo_visit_planner_wizard,
)
