from . import charts, periods, xlsx
