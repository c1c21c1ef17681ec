from . import stock_return_picking
from . import bo_courier_choice_wizard
from . import bo_tracking_import_wizard
