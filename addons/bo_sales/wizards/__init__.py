from . import bo_check_override_wizard
