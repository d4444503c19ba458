"""The latest waiting times on the department page and on the finder's result cards: from the department's own
fields, so neither page gains a query; "niet actueel" after two months; the trend as an <img> with its table, the
image drawn by its own view (cached, with its own CSP), not by the page."""

from datetime import date, timedelta
from decimal import Decimal
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from geo.testing import load_small_geo
from insight import services
from insight.models import CapacityReport
from topggz import charts
from register.models import Department
from register.tests.factories import DepartmentFactory, InstitutionFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def reported(department, *months):
    """Monthly reports (months back from this month, with intake and treatment weeks), copied onto the department."""
    today = timezone.localdate()
    for back, intake, treatment in months:
        first = (today.replace(day=1) - timedelta(days=1) * 31 * back).replace(day=1)
        CapacityReport.objects.create(
            department=department, month=first, measured_on=min(today, first + timedelta(days=27)),
            intake_weeks=Decimal(intake), treatment_weeks=Decimal(treatment), waiting_count=10,
        )
    services.sync_department(department.pk)


def make(name="Centrum Psychotrauma Utrecht", slug="centrum-psychotrauma-utrecht", **kwargs):
    department = DepartmentFactory(name=name, slug=slug, **kwargs)
    OfferFactory(department=department)
    LocationFactory(department=department)
    return department


def test_the_department_page_compares_each_waiting_time_with_the_norm(client):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    html = client.get(f"/afdelingen/{department.slug}/").content.decode()
    assert "Wachttijden" in html
    assert "2 weken langer dan de norm van 4 weken" in html
    assert "binnen de norm van 10 weken" in html
    assert "1 week langer dan de norm van 14 weken" in html
    assert "niet actueel" not in html


def test_the_department_page_shows_the_trend_as_an_image_with_alt_text_and_the_numbers_as_a_table(client):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    html = client.get(f"/afdelingen/{department.slug}/").content.decode()
    image = re.search(r'<img class="topggz-waiting__chart"[^>]*>', html).group(0)
    assert f'src="/inzicht/afdeling/{department.slug}/wachttijd.svg?v=' in image
    assert 'alt="Verloop van de totale wachttijd. Totale wachttijd per maand van' in image
    assert 'width="560" height="260"' in image
    assert "De cijfers als tabel" in html and ">15<" in html  # 6 + 9 weeks in the table


def test_the_department_page_does_not_draw_the_chart(client, monkeypatch):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    drawn = mock.Mock(side_effect=AssertionError("the page drew a chart"))
    monkeypatch.setattr("topggz.charts.render", drawn)
    html = client.get(f"/afdelingen/{department.slug}/").content.decode()
    assert "wachttijd.svg" in html and "<polyline" not in html


def trend_url(department, fmt="svg"):
    return f"/inzicht/afdeling/{department.slug}/wachttijd.{fmt}"


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_trend_image_is_an_svg_of_the_page_s_figures(client, empty_cache):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    response = client.get(trend_url(department))
    svg = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert "<title id=\"titel\">Verloop van de totale wachttijd</title>" in svg
    months = [row[0] for row in Department.objects.get(pk=department.pk).waiting_trend]
    assert len(months) == 2 and all(f">{month}</text>" in svg for month in months)


def test_the_trend_image_is_also_a_png(client, empty_cache):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    response = client.get(trend_url(department, "png"))
    assert response["Content-Type"] == "image/png" and response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_the_trend_image_of_an_unknown_department_is_404(client):
    assert client.get("/inzicht/afdeling/bestaat-niet/wachttijd.svg").status_code == 404


def test_the_trend_image_of_a_department_without_a_trend_is_404(client):
    department = make()
    reported(department, (0, "6", "9"))  # one month: no trend
    assert client.get(trend_url(department)).status_code == 404


def test_the_trend_image_in_another_format_is_404(client):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    assert client.get(trend_url(department, "gif")).status_code == 404


def test_the_svg_s_own_csp_allows_its_inline_styles_and_nothing_else(client, empty_cache):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    response = client.get(trend_url(department))
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["style-src"] == "'unsafe-inline'"
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_department_page_keeps_the_strict_csp(client):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    policy = client.get(f"/afdelingen/{department.slug}/")["Content-Security-Policy"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy


def test_the_trend_image_may_be_kept_by_caches_and_revalidated_by_its_etag(client, empty_cache):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    response = client.get(trend_url(department))
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    again = client.get(trend_url(department), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_the_same_figures_are_drawn_once_and_give_the_same_bytes(client, empty_cache, monkeypatch):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    render = mock.Mock(wraps=charts.render)
    monkeypatch.setattr("topggz.charts.render", render)
    first = client.get(trend_url(department)).content
    second = client.get(trend_url(department)).content
    assert first == second and render.call_count == 1


def test_new_figures_give_the_image_a_new_address(client):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    before = re.search(r'wachttijd\.svg\?v=(\w+)', client.get(f"/afdelingen/{department.slug}/").content.decode()).group(1)
    reported(department, (2, "7", "9"))
    after = re.search(r'wachttijd\.svg\?v=(\w+)', client.get(f"/afdelingen/{department.slug}/").content.decode()).group(1)
    assert before != after


def test_figures_older_than_two_months_show_as_not_current(client):
    department = make()
    reported(department, (4, "3", "8"))
    html = client.get(f"/afdelingen/{department.slug}/").content.decode()
    assert "niet actueel" in html


def test_a_department_without_reports_shows_no_waiting_section(client):
    department = make()
    assert "Wachttijden" not in client.get(f"/afdelingen/{department.slug}/").content.decode()


def test_a_result_card_shows_the_total_waiting_time_against_the_norm_and_its_date(client):
    load_small_geo()
    department = make()
    reported(department, (0, "6", "9"))
    html = client.get("/zoeken/?doelgroep=psychotrauma").content.decode()
    card = html.split(f'id="afdeling-{department.pk}"', 1)[1]
    assert "Wachttijd" in card and "15 weken" in card and "1 week langer dan de norm van 14 weken" in card
    assert "gemeten" in card


def test_a_new_report_reaches_the_cards_of_a_finder_that_cached_them(client):
    load_small_geo()
    department = make()
    client.get("/zoeken/?doelgroep=psychotrauma")  # the cards are now cached in this process
    reported(department, (0, "6", "9"))
    assert "15 weken" in client.get("/zoeken/?doelgroep=psychotrauma").content.decode()


def count_finder_queries(client):
    client.get("/zoeken/?doelgroep=psychotrauma&plaats=Utrecht")
    with CaptureQueriesContext(connection) as context:
        client.get("/zoeken/?doelgroep=psychotrauma&plaats=Utrecht")
    return len(context.captured_queries)


def test_waiting_times_on_the_cards_add_no_query_to_a_finder_page(client):
    load_small_geo()
    make()
    without = count_finder_queries(client)
    institution = InstitutionFactory()
    for number in range(20):
        department = make(f"Afdeling {number:02d}", f"afdeling-{number:02d}", institutions=[institution])
        reported(department, (1, "3", "8"), (0, "4", "9"))
    with_figures = count_finder_queries(client)
    assert with_figures == without


def count_page_queries(client, department):
    client.get(f"/afdelingen/{department.slug}/")  # the first page after a change loads the card table
    with CaptureQueriesContext(connection) as context:
        client.get(f"/afdelingen/{department.slug}/")
    return len(context.captured_queries)


def test_waiting_times_add_no_query_to_the_department_page(client):
    plain = make("Zonder cijfers", "zonder-cijfers")
    with_figures = make()
    reported(with_figures, (2, "3", "8"), (1, "3", "8"), (0, "6", "9"))
    assert count_page_queries(client, with_figures) == count_page_queries(client, plain)
