"""Great-circle distances between places on Earth (pure maths, no I/O)."""

import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def great_circle_path(
    lat1: float, lon1: float, lat2: float, lon2: float, *, points: int = 24
) -> tuple[list[float], list[float]]:
    """`points` evenly spaced (lat, lon) along the shorter great circle, ends included."""
    p1 = _unit(lat1, lon1)
    p2 = _unit(lat2, lon2)
    omega = math.acos(max(-1.0, min(1.0, sum(a * b for a, b in zip(p1, p2, strict=True)))))
    if omega < 1e-12:
        return [lat1, lat2], [lon1, lon2]
    lats, lons = [], []
    for i in range(points):
        t = i / (points - 1)
        s1 = math.sin((1 - t) * omega) / math.sin(omega)
        s2 = math.sin(t * omega) / math.sin(omega)
        x, y, z = (s1 * a + s2 * b for a, b in zip(p1, p2, strict=True))
        lats.append(math.degrees(math.atan2(z, math.hypot(x, y))))
        lons.append(math.degrees(math.atan2(y, x)))
    return lats, lons


def _unit(lat: float, lon: float) -> Sequence[float]:
    phi, lmb = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lmb), math.cos(phi) * math.sin(lmb), math.sin(phi))
