"""register.search.snapshot.LocationTable.nearest: pure numpy over a table made from rows."""

import numpy as np
import pytest

from geo.distance import haversine_km
from register.search.snapshot import LocationTable

UTRECHT = (52.0907, 5.1214)
AMERSFOORT = (52.1561, 5.3878)
GRONINGEN = (53.2194, 6.5665)

# (department id, location id, latitude, longitude), deliberately unsorted.
ROWS = [
    (20, 7, *GRONINGEN),
    (10, 3, *AMERSFOORT),
    (10, 1, *UTRECHT),
    (30, 9, *AMERSFOORT),
    (30, 5, *AMERSFOORT),  # the same place as location 9: the lower id wins
]
IDS = np.array([10, 20, 30], dtype=np.int64)


def test_each_department_gets_its_nearest_location_and_distance():
    km, locations = LocationTable.from_rows(ROWS).nearest(IDS, *UTRECHT)
    assert list(locations) == [1, 7, 5]
    assert km[1] == pytest.approx(haversine_km(*UTRECHT, *GRONINGEN), abs=1e-9)


def test_a_tie_goes_to_the_lowest_location_id():
    _km, locations = LocationTable.from_rows(ROWS).nearest(IDS, *UTRECHT)
    assert locations[2] == 5


def test_within_a_radius_a_department_without_a_location_inside_gets_none():
    km, locations = LocationTable.from_rows(ROWS).nearest(IDS, *UTRECHT, radius=50)
    assert list(locations) == [1, -1, 5]
    assert np.isinf(km[1])


def test_a_radius_with_nothing_inside_gives_nothing():
    km, locations = LocationTable.from_rows(ROWS).nearest(IDS, 51.0, 3.0, radius=5)
    assert list(locations) == [-1, -1, -1] and np.isinf(km).all()


def test_departments_outside_the_asked_ids_are_left_out():
    km, locations = LocationTable.from_rows(ROWS).nearest(np.array([20, 40], dtype=np.int64), *UTRECHT)
    assert list(locations) == [7, -1]


def test_the_answer_follows_a_new_ids_array():
    table = LocationTable.from_rows(ROWS)
    table.nearest(IDS, *UTRECHT)
    _km, locations = table.nearest(np.array([30], dtype=np.int64), *UTRECHT)
    assert list(locations) == [5]


def test_the_nearest_location_anywhere_is_the_one_haversine_finds_nearest():
    rng = np.random.default_rng(7)
    rows = [
        (int(department), location, float(lat), float(lon))
        for location, (department, lat, lon) in enumerate(
            zip(rng.integers(1, 40, 400), rng.uniform(50.8, 53.5, 400), rng.uniform(3.4, 7.2, 400)), start=1
        )
    ]
    table = LocationTable.from_rows(rows)
    ids = np.unique([row[0] for row in rows])
    for lat, lon in rng.uniform((50.8, 3.4), (53.5, 7.2), (20, 2)):
        km, locations = table.nearest(ids, lat, lon)
        for department, distance, location in zip(ids, km, locations):
            own = {row[1]: haversine_km(lat, lon, row[2], row[3]) for row in rows if row[0] == department}
            assert distance == pytest.approx(min(own.values()), abs=1e-9)
            assert own[location] == pytest.approx(min(own.values()), abs=1e-9)
