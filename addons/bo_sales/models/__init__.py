from . import bo_check_rule
from . import bo_check_finding
from . import bo_partner_issue
from . import product_template
from . import res_partner
from . import res_users
from . import sale_order
