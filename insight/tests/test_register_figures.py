"""The latest waiting times on the department page and on the finder's result cards: from the department's own
fields, so neither page gains a query; "niet actueel" after two months; the trend as SVG with its table."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from geo.testing import load_small_geo
from insight import services
from insight.models import CapacityReport
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


def test_the_department_page_draws_the_trend_as_svg_with_the_numbers_as_a_table(client):
    department = make()
    reported(department, (1, "3", "8"), (0, "6", "9"))
    html = client.get(f"/afdelingen/{department.slug}/").content.decode()
    assert '<svg class="topggz-sparkline"' in html and "<title id=\"wachttijd-trend-titel\">" in html
    assert "<polyline" in html
    assert "De cijfers als tabel" in html


def test_the_trend_uses_points_not_decimal_commas_in_the_svg_numbers(client):
    department = make()
    reported(department, (1, "3.5", "8"), (0, "6", "9.5"))
    html = client.get(f"/afdelingen/{department.slug}/").content.decode()
    circle = html.split("<circle", 1)[1].split("/>", 1)[0]
    assert "," not in circle


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
