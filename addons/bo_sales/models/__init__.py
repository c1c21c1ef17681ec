from . import (
    bo_check_finding,
    bo_check_rule,
    bo_partner_issue,
    product_template,
    res_partner,
    res_users,
    sale_order,
)
