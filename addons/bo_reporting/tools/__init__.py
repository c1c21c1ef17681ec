from . import periods
from . import charts
from . import xlsx
