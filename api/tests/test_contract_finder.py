"""The contract: the same query gives the same departments, in the same order, as the finder page."""

import re

import pytest

from api.tests.conftest import make_department
from register.models import Offer
from register.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'id="afdeling-\d+"><a [^>]*href="/afdelingen/([^/"]+)/"')

QUERIES = [
    "",
    "q=psychotrauma",
    "q=PTSS",
    "q=dwang",
    "q=trauma+jongeren",
    "doelgroep=psychotrauma",
    "doelgroep=psychotrauma&doelgroep=dwang",
    "aanbod=consultation",
    "zorgfunctie=outpatient",
    "provincie=PV26",
    "plaats=3511",
    "plaats=3511&sorteer=distance",
    "plaats=Groningen&afstand=50",
    "q=psychotrauma&plaats=1011&sorteer=distance",
    "q=psychotrauma&niet=psychotrauma",
    "pagina=2",
]


@pytest.fixture
def register_of_twelve(departments):
    """Twelve departments: more than one finder page, in three cities, with several target groups."""
    places = [(52.0907, 5.1214, "Utrecht"), (52.3731, 4.8922, "Amsterdam"), (53.2194, 6.5665, "Groningen")]
    for number in range(9):
        lat, lon, city = places[number % 3]
        department = make_department(
            f"Afdeling {number} {city}", f"afdeling-{number}", target_groups=(["psychotrauma", "dwang"][number % 2],),
            lat=lat + number / 1000, lon=lon, city=city,
        )
        if number % 3 == 0:
            OfferFactory(department=department, kind=Offer.Kind.CONSULTATION)
    return departments


def finder_slugs(client, querystring):
    html = client.get(f"/zoeken/?{querystring}").content.decode()
    return CARD_TITLE.findall(html)


def api_slugs(client, querystring):
    response = client.get(f"/api/v1/afdelingen?{querystring}&aantal=10")
    assert response.status_code == 200, response.content
    return [hit["slug"] for hit in response.json()["results"]]


@pytest.mark.parametrize("querystring", QUERIES)
def test_the_api_gives_the_departments_of_the_finder_page_in_its_order(client, register_of_twelve, querystring):
    expected = finder_slugs(client, querystring)
    assert expected or querystring == "pagina=2"
    assert api_slugs(client, querystring) == expected
