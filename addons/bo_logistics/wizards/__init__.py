from . import bo_courier_choice_wizard, bo_tracking_import_wizard, stock_return_picking
