from . import planner, tracking_csv
