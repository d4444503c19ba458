"""The finder's page /zoeken/: form, results, htmx fragment, paging and errors."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from geo.testing import load_small_geo
from register.models import Offer
from register.tests.factories import DepartmentFactory, InstitutionFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def dutch():
    """Start in Dutch, and leave no language active behind (a request to /en/ activates English for the thread)."""
    with translation.override("nl"):
        yield


@pytest.fixture
def geo():
    return load_small_geo()


def make_department(name, slug, target_groups=("psychotrauma",), lat=52.0907, lon=5.1214, city="Utrecht", **kwargs):
    department = DepartmentFactory(name=name, slug=slug, target_groups=list(target_groups), **kwargs)
    OfferFactory(department=department)
    LocationFactory(department=department, name=f"Locatie {name}", city=city, latitude=lat, longitude=lon)
    return department


@pytest.fixture
def departments(geo):
    return [
        make_department("Centrum Psychotrauma Utrecht", "centrum-psychotrauma-utrecht"),
        make_department(
            "Expertisecentrum Dwang Groningen", "dwang-groningen", target_groups=("dwang",),
            lat=53.2194, lon=6.5665, city="Groningen",
        ),
    ]


def get(client, querystring="", **headers):
    response = client.get(f"/zoeken/?{querystring}" if querystring else "/zoeken/", **headers)
    assert response.status_code == 200
    return response


def html_of(response):
    return response.content.decode()


# ---- The page and its form -------------------------------------------------------


def test_the_search_page_renders_without_parameters(client, departments):
    html = html_of(get(client))

    assert '<h1 class="utrecht-heading-1">Zoek een afdeling</h1>' in html
    assert "2 afdelingen gevonden" in html


def test_the_search_form_is_a_get_form_to_the_search_page_with_a_submit_button(client, departments):
    html = html_of(get(client))

    form = re.search(r'<form id="zoekformulier"[^>]*>', html).group(0)
    assert 'role="search"' in form
    assert 'action="/zoeken/"' in form and 'method="get"' in form
    assert '<button class="utrecht-button utrecht-button--primary-action" type="submit">Zoeken</button>' in html


def test_the_search_form_asks_where_people_look_for_help(client, departments):
    html = html_of(get(client))

    assert '<label class="utrecht-form-label" for="zoek-q">Waar zoekt u hulp bij?</label>' in html
    assert '<label class="utrecht-form-label" for="zoek-plaats">Postcode of plaats</label>' in html


def test_the_filters_are_checkbox_groups_in_fieldsets_with_legends(client, departments):
    html = html_of(get(client))

    legends = re.findall(r"<legend[^>]*>([^<]+)</legend>", html)
    assert legends == ["Voor welke problemen?", "Leeftijd", "Soort hulp", "Vorm van zorg"]
    assert 'type="checkbox" id="doelgroep-psychotrauma" name="doelgroep" value="psychotrauma"' in html
    assert 'name="aanbod" value="second_opinion"' in html


def test_the_distance_select_offers_the_fixed_choices_and_the_whole_country(client, departments):
    html = html_of(get(client))

    select = re.search(r'<select [^>]*name="afstand".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="(\d*)"', select) == ["", "5", "10", "25", "50", "100"]
    assert ">Heel Nederland</option>" in select


def test_the_form_shows_the_current_query(client, departments):
    html = html_of(get(client, "q=angst&doelgroep=dwang&provincie=PV26&afstand=25&plaats=Utrecht"))

    assert 'name="q" value="angst"' in html
    assert 'value="dwang" checked' in html
    assert '<option value="PV26" selected>Utrecht</option>' in html
    assert '<option value="25" selected>' in html
    assert 'name="plaats" value="Utrecht"' in html


def test_the_search_page_credits_cbs_and_pdok_in_the_footer(client, departments):
    html = html_of(get(client))

    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    assert "Bron: CBS / PDOK" in footer


def test_the_result_count_is_in_a_polite_live_region(client, departments):
    html = html_of(get(client))

    status = re.search(r'<p id="zoekstatus"[^>]*>', html).group(0)
    assert 'aria-live="polite"' in status
    assert 'role="status"' in status


# ---- Results -----------------------------------------------------------------------


def test_a_search_by_abbreviation_finds_the_department_and_links_to_its_page(client, departments):
    html = html_of(get(client, "q=PTSS"))

    assert "1 afdeling gevonden" in html
    assert '<a class="utrecht-link utrecht-link--html-a" href="/afdelingen/centrum-psychotrauma-utrecht/">' in html
    assert "Expertisecentrum Dwang Groningen" not in html


def test_a_result_highlights_the_target_groups_that_match(client, departments):
    html = html_of(get(client, "q=PTSS"))

    assert re.search(r'<mark class="topggz-tag topggz-tag--match">Psychotrauma<span', html)


def test_a_result_shows_its_institution_and_certification(client, departments):
    html = html_of(get(client, "q=PTSS"))

    institution = departments[0].institutions.get().name
    assert institution in html
    assert "Gecertificeerd tot 29 februari 2028" in html


def test_a_result_marks_an_offer_with_a_registration_pause(client, departments):
    Offer.objects.filter(department=departments[0]).update(
        status=Offer.Status.PAUSED, pause_reason="Te weinig personeel.", pause_expected_end="2027-01-01"
    )

    html = html_of(get(client, "q=PTSS"))

    assert 'Hoogspecialistische behandeling <span class="topggz-badge topggz-badge--pause">aanmeldpauze</span>' in html


def test_a_place_shows_the_nearest_location_and_its_distance_in_km(client, departments):
    html = html_of(get(client, "plaats=Groningen&sorteer=distance"))

    assert re.search(r"Locatie Expertisecentrum Dwang Groningen, Groningen: <strong>\d+(,\d)? km</strong>", html)
    assert html.index("Expertisecentrum Dwang Groningen") < html.index("Centrum Psychotrauma Utrecht")


def test_no_results_are_reported_kindly_with_suggestions(client, departments):
    html = html_of(get(client, "q=PTSS&doelgroep=dwang"))

    assert "Geen afdelingen gevonden" in html
    assert "We hebben geen afdeling gevonden die past bij uw zoekopdracht." in html
    assert 'href="/zoeken/">Bekijk alle afdelingen</a>' in html


def test_an_unknown_postcode_is_reported_next_to_the_place_field(client, departments):
    html = html_of(get(client, "plaats=1099"))

    field = re.search(r'<input [^>]*id="zoek-plaats"[^>]*>', html).group(0)
    assert 'aria-describedby="zoek-plaats-uitleg fout-plaats"' in field
    assert 'aria-invalid="true"' in field
    error = re.search(r'<div id="fout-plaats"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "1099" in error and "onbekend" in error


def test_an_invalid_distance_is_reported_next_to_its_field_and_ignored(client, departments):
    html = html_of(get(client, "plaats=Utrecht&afstand=7"))

    error = re.search(r'<div id="fout-afstand"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "Kies een afstand uit de lijst" in error
    assert "2 afdelingen gevonden" in html


def test_sorting_by_distance_without_a_place_explains_itself(client, departments):
    html = html_of(get(client, "sorteer=distance"))

    error = re.search(r'<div id="fout-sorteer"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "Vul een postcode of plaats in om op afstand te sorteren." in error


@pytest.mark.parametrize(
    "querystring",
    [
        "pagina=abc",
        "pagina=999",
        "afstand=-1",
        "doelgroep=%00",
        "provincie=<script>",
        "sorteer=distance&plaats=xyzzy",
        "q=" + "x" * 5000,
        "leeftijd=adults&leeftijd=adults&leeftijd=nope",
    ],
)
def test_odd_parameters_never_break_the_page(client, departments, querystring):
    get(client, querystring)


# ---- Paging --------------------------------------------------------------------


@pytest.fixture
def many_departments(geo):
    institution = InstitutionFactory()
    return [
        make_department(f"Afdeling {number:02d}", f"afdeling-{number:02d}", institutions=[institution])
        for number in range(23)
    ]


def test_paging_is_a_labelled_navigation_that_marks_the_current_page(client, many_departments):
    html = html_of(get(client, "pagina=2"))

    nav = re.search(r"<nav [^>]*utrecht-pagination[^>]*>.*?</nav>", html, re.S).group(0)
    assert 'aria-label="Pagina’s met zoekresultaten"' in nav
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>(.*?)</a>', nav)
    assert len(current) == 1 and current[0].endswith("2")
    assert 'href="/zoeken/?pagina=3"' in nav
    assert 'href="/zoeken/"' in nav  # page 1 has no pagina parameter


def test_paging_links_keep_the_whole_query(client, many_departments):
    html = html_of(get(client, "doelgroep=psychotrauma&leeftijd=adults"))

    assert 'href="/zoeken/?doelgroep=psychotrauma&amp;leeftijd=adults&amp;pagina=2"' in html


# ---- htmx ------------------------------------------------------------------------


def test_an_htmx_request_gets_only_the_results_fragment(client, departments):
    html = html_of(get(client, "q=PTSS", **HTMX))

    assert "<html" not in html and "<form" not in html
    assert '<div id="results" class="topggz-results">' in html
    assert "Centrum Psychotrauma Utrecht" in html


def test_the_fragment_updates_the_live_count_and_field_errors_out_of_band(client, departments):
    html = html_of(get(client, "q=PTSS&afstand=7", **HTMX))

    assert re.search(r'<div id="zoekstatus" hx-swap-oob="innerHTML">\s*1 afdeling gevonden', html)
    assert re.search(r'<div id="fout-afstand" [^>]*hx-swap-oob="innerHTML"><p [^>]*>Kies een afstand', html)
    assert '<div id="fout-plaats" class="utrecht-form-field__error-message topggz-field-error" hx-swap-oob="innerHTML"></div>' in html


def test_the_page_and_the_fragment_vary_on_the_htmx_header(client, departments):
    for response in [get(client), get(client, **HTMX)]:
        assert "HX-Request" in response["Vary"]


def test_an_htmx_answer_pushes_the_canonical_url(client, departments):
    response = get(client, "q=PTSS&plaats=&afstand=&sorteer=relevance&doelgroep=psychotrauma", **HTMX)

    assert response["HX-Push-Url"] == "/zoeken/?q=PTSS&doelgroep=psychotrauma"


def test_a_history_restore_gets_the_whole_page(client, departments):
    html = html_of(get(client, "q=PTSS", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"))

    assert "<html" in html
    assert '<form id="zoekformulier"' in html
    assert 'hx-swap-oob' not in html


def test_the_form_updates_the_results_with_htmx_and_pushes_the_url(client, departments):
    html = html_of(get(client))

    form = re.search(r'<form id="zoekformulier"[^>]*>', html).group(0)
    assert 'hx-get="/zoeken/"' in form
    assert 'hx-trigger="submit, change from:.topggz-finder__auto"' in form
    assert 'class="topggz-finder__auto utrecht-checkbox' in html
    assert 'hx-target="#results"' in form
    assert 'hx-push-url="true"' in form


def test_htmx_keeps_no_snapshot_so_back_asks_the_server(client, departments):
    html = html_of(get(client))

    assert 'hx-history="false"' in html


# ---- Query count -------------------------------------------------------------------


def count_queries(client, querystring):
    get(client, querystring)  # warm up: the engine refreshes its index and caches after a change
    with CaptureQueriesContext(connection) as context:
        get(client, querystring)
    return len(context.captured_queries)


def test_the_number_of_queries_is_the_same_for_one_and_for_fifty_results(client, geo):
    make_department("Eerste afdeling", "eerste-afdeling")
    one = count_queries(client, "doelgroep=psychotrauma&plaats=Utrecht")
    institution = InstitutionFactory()
    for number in range(49):
        department = make_department(
            f"Afdeling {number:02d}", f"afdeling-{number:02d}", target_groups=("psychotrauma", "dwang"),
            institutions=[institution],
        )
        OfferFactory(department=department, kind=Offer.Kind.CONSULTATION)

    fifty = count_queries(client, "doelgroep=psychotrauma&plaats=Utrecht")

    assert one == fifty


# ---- Home page and languages ---------------------------------------------------------


def test_the_home_page_has_a_search_box_that_sends_people_to_the_finder(client, departments):
    html = client.get("/").content.decode()

    form = re.search(r'<form class="topggz-search-box"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'action="/zoeken/"' in form and 'method="get"' in form
    assert 'name="q"' in form and 'name="plaats"' in form


def test_the_search_page_works_in_english(client, departments):
    html = client.get("/en/zoeken/").content.decode()

    assert '<html lang="en"' in html
    assert "Where are you looking for help?" in html


# ---- Templates ---------------------------------------------------------------------

REGISTER_TEMPLATES = sorted((Path(settings.BASE_DIR) / "register" / "templates" / "register").glob("*.html"))


@pytest.mark.parametrize("path", REGISTER_TEMPLATES, ids=lambda path: path.name)
def test_the_finder_templates_have_no_inline_scripts_styles_or_event_handlers(path):
    text = path.read_text(encoding="utf-8")

    assert not re.search(r"<script\b", text, re.I)
    assert not re.search(r"\sstyle\s*=|<style\b", text, re.I)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", text, re.I)


@pytest.mark.parametrize("page", ["register:search", "home"])
def test_the_search_box_takes_as_many_characters_as_the_finder_reads(client, departments, page):
    from django.urls import reverse

    from register.search.querystring import MAX_TEXT_LENGTH

    html = client.get(reverse(page)).content.decode()
    box = re.search(r'<input[^>]*name="q"[^>]*>', html).group(0)
    assert f'maxlength="{MAX_TEXT_LENGTH}"' in box
