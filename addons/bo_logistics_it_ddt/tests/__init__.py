from . import test_ddt_number, test_fatturapa_ddt
