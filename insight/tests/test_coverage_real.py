"""Coverage on the real geography (4,067 postcode areas, 342 municipalities) for two target groups: the vectorised
computation gives each area's great-circle distance to the nearest qualifying location, the command prints the
page's numbers, and a change to the register is seen at once (the cache follows the finder's index stamp)."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from geo.distance import haversine_km
from geo.models import PostcodeArea
from geo.testing import load_small_geo
from insight import selectors
from register.models import Offer
from register.tests.factories import DepartmentFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 6)

UTRECHT = (52.0907, 5.1214)
GRONINGEN = (53.2194, 6.5665)
MAASTRICHT = (50.8514, 5.6910)


@pytest.fixture(autouse=True)
def fresh_cache():
    selectors.clear()
    yield
    selectors.clear()


def department(groups, *points, ages=("adults",), **kwargs):
    d = DepartmentFactory(target_groups=list(groups), age_groups=list(ages), **kwargs)
    OfferFactory(department=d)
    for lat, lon in points:
        LocationFactory(department=d, latitude=lat, longitude=lon)
    return d


@pytest.fixture
def register():
    load_small_geo()
    return {
        "autism": department(["autisme"], UTRECHT),
        "eating": department(["eetstoornissen"], GRONINGEN, MAASTRICHT, ages=("children", "adults")),
    }


def by_hand(points):
    """The definition, one area at a time: the great-circle distance to the nearest of `points`."""
    return {code: min(haversine_km(lat, lon, *p) for p in points)
            for code, lat, lon in PostcodeArea.objects.values_list("code", "lat", "lon")}


@pytest.mark.parametrize("group, points", [("autisme", [UTRECHT]), ("eetstoornissen", [GRONINGEN, MAASTRICHT])])
def test_every_postcode_area_s_distance_matches_the_definition(register, group, points):
    result = selectors.coverage(group, None, TODAY)
    geo = selectors.geography()
    expected = by_hand(points)
    assert len(geo.pc4_codes) == 4067
    for code, km in zip(geo.pc4_codes, result.pc4_km):
        assert km == pytest.approx(expected[code], abs=1e-6)


def test_the_share_within_100_km_is_the_population_of_the_areas_at_most_100_km_away(register):
    result = selectors.coverage("autisme", None, TODAY)
    expected = by_hand([UTRECHT])
    population = dict(PostcodeArea.objects.values_list("code", "population"))
    within = sum(population[c] for c, km in expected.items() if km <= 100)
    assert result.shares[100] == pytest.approx(within / sum(population.values()))


def test_the_utrecht_department_is_near_utrecht_and_far_from_groningen(register):
    result = selectors.coverage("autisme", None, TODAY)
    geo = selectors.geography()
    km = dict(zip(geo.municipality_codes, result.municipality_km))
    assert km["GM0344"] < 3 and 150 < km["GM0014"] < 160


def test_an_age_group_the_department_does_not_serve_leaves_no_location(register):
    assert selectors.coverage("autisme", "children", TODAY).locations == 0
    assert selectors.coverage("eetstoornissen", "children", TODAY).locations == 2


def test_pausing_the_treatment_offer_removes_the_locations_at_once(register):
    assert selectors.coverage("autisme", None, TODAY).locations == 1
    Offer.objects.filter(department=register["autism"]).update(
        status=Offer.Status.PAUSED, pause_reason="Te veel aanmeldingen", pause_expected_end=date(2027, 3, 1))
    assert selectors.coverage("autisme", None, TODAY).locations == 0


def test_an_expired_certificate_removes_the_locations(register):
    assert selectors.coverage("autisme", None, date(2028, 3, 1)).locations == 0


def test_the_command_prints_the_page_s_distances_and_shares_as_json(register):
    out = StringIO()
    call_command("insight", "coverage", "--target-group", "autisme", "--format", "json", "--date", TODAY.isoformat(), stdout=out)
    data = json.loads(out.getvalue())
    result = selectors.coverage("autisme", None, TODAY)
    group = data["target_groups"][0]
    assert group["shares"]["50"] == round(result.shares[50], 4)
    utrecht = next(m for m in group["municipalities"] if m["code"] == "GM0344")
    assert utrecht["km"] == round(float(result.municipality_km[selectors.geography().municipality_codes.index("GM0344")]), 1)


def test_the_command_prints_csv_with_one_decimal_and_the_shares_per_target_group(register):
    out = StringIO()
    call_command("insight", "coverage", "--date", TODAY.isoformat(), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "doelgroep;gemeentecode;gemeente;afstand_km"
    groningen = next(line for line in lines if line.startswith("autisme;GM0014;"))
    assert len(groningen.rsplit(";", 1)[1].split(".")[1]) == 1
    assert any(line.startswith("psychotrauma;GM0014;Groningen;") and line.endswith(";") for line in lines)  # no location
    shares = lines[lines.index("") + 1:]
    assert shares[0] == "doelgroep;locaties;binnen_25km;binnen_50km;binnen_100km"
    assert any(line.startswith("eetstoornissen;2;") for line in shares)


def test_the_command_refuses_an_unknown_target_group(register):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Onbekende doelgroep"):
        call_command("insight", "coverage", "--target-group", "bestaat-niet", stdout=StringIO())
