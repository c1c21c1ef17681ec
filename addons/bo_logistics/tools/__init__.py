from . import planner
from . import tracking_csv
