"""The finder's page as people use it (issue 11): remove a concept that was read from the text with
one link ("niet"), what to do when nothing was found, the towns of each result and what its labels mean."""

import html as html_lib
import re

import pytest
from django.conf import settings
from django.test.utils import override_settings
from django.utils import translation

from register.presenters import location_cities
from topggz.context_processors import DEFAULT_ACCESSIBILITY_CONTACT_EMAIL
from register.search import FinderQuery, search
from register.search.cards import LocationCard
from register.search.querystring import KnownCodes, parse_query, to_querystring
from register.tests.factories import LocationFactory
from register.tests.test_views_search import HTMX, get, html_of, make_department

pytestmark = pytest.mark.django_db

KNOWN = KnownCodes(target_groups=frozenset({"eetstoornissen", "dwang"}), age_groups=frozenset({"youth", "adults"}))


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def eating(db):
    return [
        make_department("Eetcentrum Utrecht", "eetcentrum-utrecht", target_groups=("eetstoornissen",)),
        make_department("Dwangkliniek Utrecht", "dwangkliniek-utrecht", target_groups=("dwang",)),
    ]


def slugs(result):
    return [hit.department.slug for hit in result.hits]


def understood_line(html):
    match = re.search(r'<div class="topggz-results__note topggz-concepts".*?</div>', html, re.S)
    return match.group(0) if match else ""


# ---- "niet": one concept left out -----------------------------------------------------------


def test_dropped_concepts_round_trip_through_the_url():
    query, messages = parse_query({"q": "eetstoornis jongeren", "niet": ["youth", "eetstoornissen"]}, known=KNOWN)

    assert query.dropped == ("eetstoornissen", "youth")
    assert messages == {}
    assert parse_query(dict(_pairs(to_querystring(query))), known=KNOWN)[0] == query


def _pairs(querystring):
    from urllib.parse import parse_qs

    return {name: values for name, values in parse_qs(querystring).items()}


def test_an_unknown_dropped_code_is_ignored_with_a_message():
    query, messages = parse_query({"q": "x", "niet": ["bestaat-niet", "dwang"]}, known=KNOWN)

    assert query.dropped == ("dwang",)
    assert "niet" in messages


def test_the_engine_no_longer_reads_a_dropped_target_group_from_the_text(eating):
    before = search(FinderQuery(text="eetstoornissen jongeren"))
    after = search(FinderQuery(text="eetstoornissen jongeren", dropped=("eetstoornissen",)))

    assert [g.code for g in before.interpreted_target_groups] == ["eetstoornissen"]
    assert slugs(before) == ["eetcentrum-utrecht"]
    assert after.interpreted_target_groups == []
    assert [a.code for a in after.interpreted_age_groups] == ["youth"]
    assert len({hit.score for hit in after.hits}) <= 1  # nothing ranks for eating disorders any more


def test_a_dropped_target_group_gives_no_points_to_the_departments_that_serve_it(eating):
    result = search(FinderQuery(text="eetstoornissen dwang", dropped=("eetstoornissen",)))

    assert [g.code for g in result.interpreted_target_groups] == ["dwang"]
    assert slugs(result) == ["dwangkliniek-utrecht"]


def test_the_engine_no_longer_reads_a_dropped_age_group_from_the_text(eating):
    result = search(FinderQuery(text="eetstoornissen jongeren", dropped=("youth",)))

    assert result.interpreted_age_groups == []
    assert [g.code for g in result.interpreted_target_groups] == ["eetstoornissen"]


def test_each_understood_concept_has_a_link_that_removes_it(client, eating):
    html = html_of(get(client, "q=eetstoornissen+jongeren"))
    line = understood_line(html)

    assert "Eetstoornissen weghalen uit de zoekopdracht" in line
    assert "Jongeren (12-17 jaar) weghalen uit de zoekopdracht" in line
    assert 'href="/zoeken/?q=eetstoornissen+jongeren&amp;niet=eetstoornissen"' in line
    assert 'hx-boost="true"' in line and 'hx-target="#results"' in line


def test_following_the_link_removes_the_concept_and_keeps_the_text(client, eating):
    html = html_of(get(client, "q=eetstoornissen+jongeren&niet=eetstoornissen"))
    line = understood_line(html)

    assert "<strong>Jongeren (12-17 jaar)</strong>" in line
    assert "<strong>Eetstoornissen</strong>" not in line
    assert 'value="eetstoornissen jongeren"' in html  # the text box
    assert '<input type="hidden" name="niet" value="eetstoornissen">' in html  # the form keeps it out
    assert 'href="/zoeken/?q=eetstoornissen+jongeren"' in line  # and it can be taken back
    assert "Eetstoornissen weer meenemen" in line


def test_an_htmx_answer_refreshes_the_forms_dropped_concepts_out_of_band(client, eating):
    html = html_of(get(client, "q=eetstoornissen+jongeren&niet=eetstoornissen", **HTMX))

    assert re.search(
        r'<div id="zoek-niet" hx-swap-oob="innerHTML">\s*(\{#.*?#\})?<input type="hidden" name="niet" value="eetstoornissen">',
        html, re.S,
    ) or '<div id="zoek-niet" hx-swap-oob="innerHTML"><input type="hidden" name="niet" value="eetstoornissen">' in html


# ---- nothing found: what next ----------------------------------------------------------------


def site_contact_email():
    return getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_ACCESSIBILITY_CONTACT_EMAIL)


def test_the_empty_result_says_to_ask_the_gp_contact_the_bureau_and_gives_crisis_numbers(client, eating):
    html = html_of(get(client, "q=eetstoornissen&doelgroep=dwang"))
    box = re.search(r'<div class="utrecht-alert utrecht-alert--info topggz-no-results">.*', html, re.S).group(0)

    assert "Vraag uw huisarts of uw behandelaar om mee te zoeken" in box
    assert "TOPGGz-bureau" in box and f'href="mailto:{site_contact_email()}"' in box
    assert "huisartsenpost" in box
    assert 'href="tel:112"' in box
    assert 'href="tel:08000113">0800-0113</a>' in box and "113 Zelfmoordpreventie" in box


def test_the_empty_result_advice_is_translated(client, eating):
    html = client.get("/en/zoeken/?q=eetstoornissen&doelgroep=dwang").content.decode()

    assert "Ask your GP" in html
    assert "113 Suicide Prevention" in html


# ---- the card: towns and labels ------------------------------------------------------------


def test_the_towns_of_the_locations_are_distinct_and_sorted():
    locations = [LocationCard(1, "A", "Utrecht"), LocationCard(2, "B", "amersfoort"), LocationCard(3, "C", "Utrecht"), LocationCard(4, "D", "")]

    assert location_cities(locations) == ("amersfoort", "Utrecht")


def test_a_card_shows_the_town_of_every_location_when_no_postcode_was_given(client, eating):
    LocationFactory(department=eating[0], name="Tweede locatie", city="Amersfoort", postcode="3811 AA")
    LocationFactory(department=eating[0], name="Derde locatie", city="Utrecht", postcode="3512 AA")
    html = html_of(get(client, "q=eetstoornissen"))

    assert "Dichtstbijzijnde locatie" not in html
    assert re.search(r"Locaties</dt>\s*<dd[^>]*>Amersfoort, Utrecht</dd>", html)


def test_the_labels_on_the_cards_are_explained_below_the_results(client, eating):
    html = html_of(get(client, "q=eetstoornissen"))
    legend = re.search(r'<details class="topggz-legend">.*?</details>', html, re.S).group(0)

    assert "Wat betekenen de labels?" in legend
    assert "patiënten uit heel Nederland" in html_lib.unescape(legend)
    assert f"meer dan {settings.REGISTER_FRESHNESS_MONTHS} maanden niet gecontroleerd" in legend
    assert "TOPGGz-keurmerk" in legend


@override_settings(REGISTER_FRESHNESS_MONTHS=6)
def test_the_freshness_label_explains_the_configured_number_of_months(client, eating):
    html = html_of(get(client, "q=eetstoornissen"))

    assert "meer dan 6 maanden niet gecontroleerd" in html
