"""Coverage on a small hand-computed geography (insight.rules.coverage).

Along the meridian at 5° east one degree of latitude is 2πR/360 = 111.195 km (R = 6371.0088 km), so a
location at 52.0° N is 11.12 km from 52.1°, 55.60 km from 52.5° and 111.20 km from 53.0°.
"""

from datetime import date

import numpy as np
import pytest

from insight.rules import coverage as rules

KM_PER_DEGREE = 111.195
TODAY = date(2026, 12, 6)


def geography():
    # four postcode areas, in two municipalities (A: the first two, B: the last two), one province
    return rules.Geography(
        pc4_codes=("1000", "1001", "1002", "1003"),
        pc4_lats=np.array([52.0, 52.1, 52.5, 53.0]),
        pc4_lons=np.array([5.0, 5.0, 5.0, 5.0]),
        pc4_population=np.array([100.0, 200.0, 300.0, 400.0]),
        pc4_municipality=np.array([0, 0, 1, 1]),
        municipality_codes=("GM0001", "GM0002"),
        municipality_names=("Aadorp", "Bedum"),
        municipality_lats=np.array([52.05, 52.9]),
        municipality_lons=np.array([5.0, 5.0]),
        municipality_population=np.array([300.0, 700.0]),
        regions={"province": (("PV99",), ("Proefland",), np.array([0, 0]))},
    )


def at(*points, department=1):
    return rules.Locations.of((department, lat, lon) for lat, lon in points)


def test_each_postcode_area_gets_the_great_circle_distance_to_the_nearest_location():
    km = rules.nearest_km([52.0, 52.1, 52.5, 53.0], [5.0] * 4, at((52.0, 5.0)))
    assert km == pytest.approx([0, 0.1 * KM_PER_DEGREE, 0.5 * KM_PER_DEGREE, KM_PER_DEGREE], abs=0.01)


def test_the_nearest_of_several_locations_counts():
    km = rules.nearest_km([53.0], [5.0], at((52.0, 5.0), (52.9, 5.0)))
    assert km[0] == pytest.approx(0.1 * KM_PER_DEGREE, abs=0.01)


def test_without_any_location_every_distance_is_infinite():
    assert np.isinf(rules.nearest_km([52.0], [5.0], at())).all()


def test_the_share_within_r_is_the_population_at_most_r_away_over_all_population():
    result = rules.coverage(geography(), at((52.0, 5.0)), "psychotrauma")
    # 0 and 11.1 km: 300 of 1000 within 25 and 50 km; 55.6 km joins within 100; 111.2 km never
    assert result.shares == pytest.approx({25: 0.3, 50: 0.3, 100: 0.6})


def test_a_region_s_share_counts_only_its_own_postcode_areas():
    result = rules.coverage(geography(), at((52.0, 5.0)), "psychotrauma")
    assert result.municipality_shares[0] == pytest.approx([1.0, 1.0, 1.0])
    assert result.municipality_shares[1] == pytest.approx([0.0, 0.0, 300 / 700])
    assert result.region_shares["province"][0] == pytest.approx([0.3, 0.3, 0.6])


def test_a_municipality_s_distance_is_from_its_population_weighted_centre():
    result = rules.coverage(geography(), at((52.0, 5.0)), "psychotrauma")
    assert result.municipality_km == pytest.approx([0.05 * KM_PER_DEGREE, 0.9 * KM_PER_DEGREE], abs=0.01)


def test_a_group_without_population_has_share_zero():
    shares = rules.shares_by(np.array([1.0]), np.array([0.0]), np.array([0]), 2)
    assert shares.tolist() == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]


def test_white_spots_are_the_municipalities_further_than_50_km_furthest_first():
    spots = rules.white_spots(("GM0001", "GM0002", "GM0003"), np.array([10.0, 60.04, np.inf]))
    assert spots == [("GM0003", None), ("GM0002", 60.0)]


def test_if_the_only_department_stops_nobody_is_within_reach():
    before = at((52.0, 5.0), department=7)
    result = rules.what_if(geography(), before, before.without(7))
    assert result.before[25] == pytest.approx(0.3) and result.after == {25: 0.0, 50: 0.0, 100: 0.0}
    assert [code for code, _b, after in result.changed_municipalities] == ["GM0001", "GM0002"]


def test_a_location_opening_in_the_far_municipality_brings_its_people_within_reach():
    before = at((52.0, 5.0))
    result = rules.what_if(geography(), before, before.plus(52.9, 5.0))
    # 53.0° is 11.1 km from 52.9°; 52.5° is 44.5 km from it (and 55.6 km from 52.0°)
    assert result.after == pytest.approx({25: 0.7, 50: 1.0, 100: 1.0})
    assert result.difference(25) == pytest.approx(0.4)


def facts(**overrides):
    base = dict(pk=1, status="certified", certified_from=date(2024, 1, 1), certified_until=date(2027, 12, 31),
                target_groups=frozenset({"autisme"}), age_groups=frozenset({"adults"}), treatment_open=True)
    base.update(overrides)
    return rules.DepartmentFacts(**base)


def test_a_certified_department_with_an_open_treatment_offer_for_the_group_qualifies():
    assert rules.qualifies(facts(), TODAY, "autisme")
    assert rules.qualifies(facts(), TODAY, "autisme", "adults")


@pytest.mark.parametrize("overrides, group, age", [
    ({"status": "in_procedure"}, "autisme", None),
    ({"certified_until": date(2026, 12, 5)}, "autisme", None),
    ({"certified_from": date(2026, 12, 7)}, "autisme", None),
    ({"treatment_open": False}, "autisme", None),
    ({}, "eetstoornissen", None),
    ({}, "autisme", "children"),
], ids=["in procedure", "certificate ended yesterday", "certificate starts tomorrow", "treatment paused or absent",
        "another target group", "another age group"])
def test_a_department_does_not_qualify(overrides, group, age):
    assert not rules.qualifies(facts(**overrides), TODAY, group, age)


def test_the_map_class_of_a_distance_follows_the_legend():
    assert [rules.distance_class(km) for km in (0, 24.9, 25, 49.9, 50, 99.9, 100, 400, np.inf)] == [0, 0, 1, 1, 2, 2, 3, 3, 4]
