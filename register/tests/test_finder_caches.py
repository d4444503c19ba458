"""The finder's process caches stay true: every change shows on the next search, in every process.

The vocabularies of the form, the filters' facets and the place lookup are
cached per process (register.search.context) and renewed when the index stamp
in the database changes.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from geo.models import Municipality, PostcodeArea
from geo.postcodes import MUNICIPALITY_ALIASES
from geo.selectors import resolve_place
from geo.testing import load_small_geo
from register.models import AgeGroup, CareFunction, Offer, SearchIndexState, TargetGroup
from register.search import FinderQuery, context, search
from register.tests.factories import DepartmentFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def department():
    department = DepartmentFactory(name="Centrum Psychotrauma", slug="centrum-psychotrauma")
    OfferFactory(department=department)
    LocationFactory(department=department)
    return department


def page(client, querystring=""):
    response = client.get(f"/zoeken/?{querystring}")
    assert response.status_code == 200
    return response.content.decode()


def slugs(query: FinderQuery) -> list[str]:
    return [hit.department.slug for hit in search(query).hits]


# --- vocabularies of the form and the cards -------------------------------------------------------


def test_renaming_a_target_group_shows_the_new_name_on_the_next_search_page(client, department):
    page(client, "q=trauma")
    group = TargetGroup.objects.get(code="psychotrauma")
    group.label_nl = "Trauma en PTSS"
    group.save()

    html = page(client, "q=trauma")

    assert 'for="doelgroep-psychotrauma">Trauma en PTSS</label>' in html
    assert '<mark class="topggz-tag topggz-tag--match">Trauma en PTSS<span' in html


def test_a_renamed_department_shows_its_new_name_on_the_next_search_page(client, department):
    assert ">Centrum Psychotrauma</a></h3>" in page(client, "q=trauma")
    department.name = "Kliniek Psychotrauma"
    department.save()

    html = page(client, "q=trauma")

    assert ">Kliniek Psychotrauma</a></h3>" in html and "Centrum Psychotrauma" not in html


def test_a_paused_offer_shows_its_pause_on_the_next_search_page(client, department):
    assert "topggz-badge--pause" not in page(client, "q=trauma")
    offer = department.offers.get()
    offer.status, offer.pause_reason, offer.pause_expected_end = Offer.Status.PAUSED, "Wachtlijst", "2027-01-01"
    offer.save()

    assert "topggz-badge--pause" in page(client, "q=trauma")


def test_a_card_is_in_english_on_the_english_page_after_the_dutch_one(client, department):
    dutch = page(client, "q=trauma")
    assert "Gecertificeerd tot" in dutch or "Niet recent bevestigd" in dutch
    html = client.get("/en/zoeken/?q=trauma").content.decode()
    assert "Certified until" in html or "Not recently confirmed" in html
    assert "Gecertificeerd tot" not in html and "Niet recent bevestigd" not in html


def test_a_new_age_group_shows_in_the_filter_form_on_the_next_search_page(client, department):
    page(client)
    AgeGroup.objects.create(code="students", label_nl="Studenten", label_en="Students", min_age=18, max_age=30)

    assert 'for="leeftijd-students">Studenten</label>' in page(client)


def test_renaming_a_care_function_shows_the_new_name_in_the_filter_form(client, department):
    page(client)
    function = CareFunction.objects.get(code="crisis")
    function.label_nl = "Crisisdienst"
    function.save()

    assert 'for="zorgfunctie-crisis">Crisisdienst</label>' in page(client)


def test_a_change_made_by_another_process_shows_once_the_stamp_changes(client, department):
    page(client)
    TargetGroup.objects.filter(code="dwang").update(label_nl="Dwang en twijfel")  # no signals in this process
    SearchIndexState.objects.update(stamp="written-by-another-process")  # what index.touch() there writes

    assert 'for="doelgroep-dwang">Dwang en twijfel</label>' in page(client)


def test_the_form_reads_its_vocabularies_from_the_cache_not_from_the_database(client, department):
    page(client)
    with CaptureQueriesContext(connection) as captured:
        page(client)
    tables = ("register_targetgroup", "register_agegroup", "register_carefunction", "geo_province")
    assert not [q["sql"] for q in captured if any(table in q["sql"] for table in tables)]


# --- the filters' facets --------------------------------------------------------------------------


def test_an_offer_added_to_a_department_counts_for_the_offer_filter_on_the_next_search(department):
    assert slugs(FinderQuery(offers=("second_opinion",))) == []
    OfferFactory(department=department, kind=Offer.Kind.SECOND_OPINION)

    assert slugs(FinderQuery(offers=("second_opinion",))) == ["centrum-psychotrauma"]


def test_an_offer_deleted_no_longer_counts_for_the_offer_filter(department):
    offer = OfferFactory(department=department, kind=Offer.Kind.CONSULTATION)
    assert slugs(FinderQuery(offers=("consultation",))) == ["centrum-psychotrauma"]
    offer.delete()

    assert slugs(FinderQuery(offers=("consultation",))) == []


def test_an_age_group_added_to_a_department_counts_for_the_age_filter_on_the_next_search(department):
    assert slugs(FinderQuery(age_groups=("elderly",))) == []
    department.age_groups.add(AgeGroup.objects.get(code="elderly"))

    assert slugs(FinderQuery(age_groups=("elderly",))) == ["centrum-psychotrauma"]


def test_an_age_group_removed_from_a_department_no_longer_counts_for_the_age_filter(department):
    assert slugs(FinderQuery(age_groups=("adults",))) == ["centrum-psychotrauma"]
    department.age_groups.remove(AgeGroup.objects.get(code="adults"))

    assert slugs(FinderQuery(age_groups=("adults",))) == []


def test_a_care_function_added_to_a_location_counts_for_the_care_function_filter(department):
    assert slugs(FinderQuery(care_functions=("home_treatment",))) == []
    department.locations.get().care_functions.add(CareFunction.objects.get(code="home_treatment"))

    assert slugs(FinderQuery(care_functions=("home_treatment",))) == ["centrum-psychotrauma"]


# --- places ---------------------------------------------------------------------------------------


def place_texts() -> list[str]:
    names = list(Municipality.objects.values_list("name", flat=True))
    texts = names + [name.upper() for name in names] + [re.sub(r"\s*\(.*\)$", "", name) for name in names]
    texts += ["Den Haag", "den bosch", "Nuenen", "The Hague", "Atlantis", "", "  ", "Bergen", "'s Gravenhage"]
    texts += [alias for alias in MUNICIPALITY_ALIASES]
    areas = list(PostcodeArea.objects.values_list("code", flat=True))
    texts += areas[::5] + [f"{code} AB" for code in areas[::17]] + ["9999", "0123", "1234 SS", "12", "3511AB"]
    return texts


def test_the_cached_place_lookup_answers_as_the_geography_does():
    load_small_geo()
    context.current()  # as every search does first: renews the caches after a change
    gazetteer = context.gazetteer()
    for text in place_texts():
        try:
            expected = resolve_place(text)
        except ValidationError as error:
            expected = " ".join(error.messages)
        try:
            answer = gazetteer.place(text) or resolve_place(text)
        except ValidationError as error:
            answer = " ".join(error.messages)
        assert answer == expected, text


def test_the_cached_place_lookup_answers_every_known_place_without_a_query():
    load_small_geo()
    context.current()  # as every search does first: renews the caches after a change
    gazetteer = context.gazetteer()
    texts = list(Municipality.objects.values_list("name", flat=True)) + ["Den Haag", "3511 AB", "9711"]
    with CaptureQueriesContext(connection) as captured:
        places = [gazetteer.place(text) for text in texts]
    assert None not in places
    assert len(captured) == 0


def test_an_unknown_place_gets_the_geographys_own_message():
    load_small_geo()
    with pytest.raises(ValidationError) as expected:
        resolve_place("Atlantis")

    assert search(FinderQuery(place="Atlantis")).errors["plaats"] == " ".join(expected.value.messages)
