from . import res_partner
from . import bo_order_import
from . import sale_order
