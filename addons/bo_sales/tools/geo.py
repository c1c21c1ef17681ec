# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Distances between places given by their coordinates (no ORM)."""

from math import asin, cos, radians, sin, sqrt

#: Mean radius of the Earth (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088


def has_coordinates(latitude, longitude):
    """Whether a partner's coordinates are set: Odoo stores unset ones as 0, 0
    (a point in the Gulf of Guinea no supplier lives at)."""
    return bool(latitude or longitude)


def great_circle_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between two points in decimal degrees
    (haversine formula, on a sphere: within 0.5 % of the real distance)."""
    phi1, phi2 = radians(lat1), radians(lat2)
    dphi, dlambda = phi2 - phi1, radians(lon2 - lon1)
    h = sin(dphi / 2) ** 2 + cos(phi1) * cos(phi2) * sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))
