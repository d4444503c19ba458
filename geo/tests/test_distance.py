import itertools
import math

import numpy as np
import pytest

from geo.distance import (
    EARTH_RADIUS_KM,
    bounding_box,
    haversine_km,
    haversine_km_many,
    haversine_km_matrix,
)
from geo.selectors import resolve_place

# Population-weighted centres are the reference points; compare the scalar
# function with the vectorised ones over a spread of Dutch locations.
POINTS = [(52.35956, 4.89391), (52.09293, 5.09292), (51.91646, 4.47778), (53.21802, 6.57364), (50.85, 5.69)]


def test_amsterdam_to_utrecht_is_about_35_km(geo_data):
    amsterdam, utrecht = resolve_place("Amsterdam"), resolve_place("Utrecht")

    km = haversine_km(amsterdam.lat, amsterdam.lon, utrecht.lat, utrecht.lon)

    assert km == pytest.approx(35, abs=3)  # 32.6 km between the population-weighted centres


def test_scalar_and_vectorised_distances_agree_for_amsterdam_to_utrecht(geo_data):
    amsterdam, utrecht = resolve_place("Amsterdam"), resolve_place("Utrecht")

    scalar = haversine_km(amsterdam.lat, amsterdam.lon, utrecht.lat, utrecht.lon)
    many = haversine_km_many(amsterdam.lat, amsterdam.lon, [utrecht.lat], [utrecht.lon])
    matrix = haversine_km_matrix([amsterdam.lat], [amsterdam.lon], [utrecht.lat], [utrecht.lon])

    assert abs(many[0] - scalar) < 1e-9
    assert abs(matrix[0, 0] - scalar) < 1e-9


def test_one_to_many_agrees_with_the_scalar_function_for_every_point():
    lats, lons = zip(*POINTS)
    origin = POINTS[0]

    distances = haversine_km_many(*origin, lats, lons)

    expected = [haversine_km(*origin, lat, lon) for lat, lon in POINTS]
    assert np.max(np.abs(distances - expected)) < 1e-9


def test_the_distance_matrix_has_one_row_per_origin_and_one_column_per_target():
    lats, lons = zip(*POINTS)

    matrix = haversine_km_matrix(lats[:2], lons[:2], lats, lons)

    assert matrix.shape == (2, 5)
    assert matrix[1, 3] == pytest.approx(haversine_km(*POINTS[1], *POINTS[3]), abs=1e-9)


def test_the_distance_matrix_of_a_set_with_itself_is_symmetric_with_a_zero_diagonal():
    lats, lons = zip(*POINTS)

    matrix = haversine_km_matrix(lats, lons, lats, lons)

    assert np.allclose(matrix, matrix.T, atol=1e-9)
    assert np.all(np.diag(matrix) == 0)


def test_mismatched_coordinate_arrays_are_refused():
    with pytest.raises(ValueError, match="equal length"):
        haversine_km_many(52.0, 5.0, [52.0, 53.0], [5.0])


def test_a_quarter_meridian_has_the_length_of_a_quarter_great_circle():
    assert haversine_km(0, 0, 90, 0) == pytest.approx(math.pi * EARTH_RADIUS_KM / 2, abs=1e-9)


def test_antipodal_points_are_half_a_circumference_apart():
    assert haversine_km(52, 5, -52, -175) == pytest.approx(math.pi * EARTH_RADIUS_KM, abs=1e-6)


@pytest.mark.parametrize("radius_km", [0.5, 5, 25, 80, 300])
@pytest.mark.parametrize("origin", [(52.09, 5.12), (50.76, 5.93), (53.47, 6.2), (0.0, 0.0)])
def test_the_bounding_box_contains_every_grid_point_within_the_radius(origin, radius_km):
    box = bounding_box(*origin, radius_km)
    # A regular grid 30 % wider than the box in every direction.
    half_lat = (box.max_lat - box.min_lat) / 2 * 1.3
    half_lon = (box.max_lon - box.min_lon) / 2 * 1.3
    lats = np.linspace(origin[0] - half_lat, origin[0] + half_lat, 121)
    lons = np.linspace(origin[1] - half_lon, origin[1] + half_lon, 121)
    grid = np.array(list(itertools.product(lats, lons)))

    inside = haversine_km_many(*origin, grid[:, 0], grid[:, 1]) <= radius_km

    assert inside.sum() > 100  # the grid really samples the circle
    assert all(box.contains(lat, lon) for lat, lon in grid[inside])


@pytest.mark.parametrize("origin", [(52.09, 5.12), (53.47, 6.2)])
def test_the_bounding_box_touches_the_circle_on_every_side(origin):
    lat, lon = origin
    box = bounding_box(lat, lon, 50)
    # The circle's widest point lies north of the origin's latitude.
    widest_lat = math.degrees(math.asin(math.sin(math.radians(lat)) / math.cos(50 / EARTH_RADIUS_KM)))

    assert haversine_km(lat, lon, box.max_lat, lon) == pytest.approx(50, abs=1e-6)
    assert haversine_km(lat, lon, box.min_lat, lon) == pytest.approx(50, abs=1e-6)
    assert haversine_km(lat, lon, widest_lat, box.max_lon) == pytest.approx(50, abs=1e-6)
    assert haversine_km(lat, lon, widest_lat, box.min_lon) == pytest.approx(50, abs=1e-6)


def test_the_bounding_box_spans_all_longitudes_near_a_pole_or_the_date_line():
    assert (bounding_box(89.9, 10, 50).min_lon, bounding_box(89.9, 10, 50).max_lon) == (-180, 180)
    assert (bounding_box(0, 179.9, 50).min_lon, bounding_box(0, 179.9, 50).max_lon) == (-180, 180)


def test_the_bounding_box_gives_django_filter_lookups():
    box = bounding_box(52.09, 5.12, 10)

    assert box.lookups("pop_weighted_lat", "pop_weighted_lon") == {
        "pop_weighted_lat__gte": box.min_lat,
        "pop_weighted_lat__lte": box.max_lat,
        "pop_weighted_lon__gte": box.min_lon,
        "pop_weighted_lon__lte": box.max_lon,
    }


def test_a_negative_radius_is_refused():
    with pytest.raises(ValueError):
        bounding_box(52, 5, -1)
