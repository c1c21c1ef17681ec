from . import bo_order_import, res_partner, sale_order
