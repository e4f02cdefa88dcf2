"""Great-circle maths."""

import pytest

from analytics.geo import EARTH_RADIUS_KM, great_circle_path, haversine_km

ALMATY = (43.2525, 76.9115)
MILAN = (45.4643, 9.1895)


def test_almaty_to_milan_is_about_5230_km() -> None:
    assert haversine_km(*ALMATY, *MILAN) == pytest.approx(5230, abs=15)


def test_distance_is_symmetric_and_zero_to_itself() -> None:
    assert haversine_km(*ALMATY, *MILAN) == pytest.approx(haversine_km(*MILAN, *ALMATY))
    assert haversine_km(*ALMATY, *ALMATY) == 0


def test_antipodes_are_half_the_circumference_apart() -> None:
    assert haversine_km(0, 0, 0, 180) == pytest.approx(3.141592653589793 * EARTH_RADIUS_KM)


def test_path_runs_from_start_to_end_along_the_great_circle() -> None:
    lats, lons = great_circle_path(*ALMATY, *MILAN, points=11)
    assert len(lats) == len(lons) == 11
    assert (lats[0], lons[0]) == pytest.approx(ALMATY)
    assert (lats[-1], lons[-1]) == pytest.approx(MILAN)
    total = haversine_km(*ALMATY, *MILAN)
    assert haversine_km(*ALMATY, lats[5], lons[5]) == pytest.approx(total / 2, rel=1e-6)
    # A great circle from Almaty to Milan bends north of the straight line between them on a flat map.
    assert lats[5] > (ALMATY[0] + MILAN[0]) / 2


def test_path_between_identical_points_is_the_point() -> None:
    assert great_circle_path(10, 20, 10, 20) == ([10, 10], [20, 20])
