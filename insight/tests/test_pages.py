"""The public insight pages: what they show, small counts hidden for the public (not for analysts), the what-if,
the dashboard filters, and exports with the page's numbers (CSV, XLSX, SVG, PNG), each audited."""

import io
import itertools
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from accounts.testing import login_verified
from audit.models import AuditEntry
from consultation.models import ConsultationRequest, Event
from geo.models import HealthRegion, Municipality
from geo.testing import load_small_geo
from insight import selectors
from insight.models import CapacityReport
from insight.services import sync_department
from register.models import AgeGroup, Department, Offer
from register.tests.factories import DepartmentFactory, LocationFactory, OfferFactory
from triage.tests.builders import person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup():
    selectors.clear()
    with translation.override("nl"):
        yield
    selectors.clear()


@pytest.fixture
def register():
    load_small_geo()
    utrecht = DepartmentFactory(name="Autismecentrum Utrecht", slug="autisme-utrecht", target_groups=["autisme"])
    OfferFactory(department=utrecht)
    LocationFactory(department=utrecht)
    groningen = DepartmentFactory(name="Autismeteam Groningen", slug="autisme-groningen", target_groups=["autisme"],
                                  reach=Department.Reach.NATIONAL)
    OfferFactory(department=groningen, status=Offer.Status.PAUSED, pause_reason="Vol", pause_expected_end=date(2027, 2, 1))
    LocationFactory(department=groningen, latitude=53.2194, longitude=6.5665, city="Groningen",
                    municipality=Municipality.objects.get(code="GM0014"))
    return utrecht, groningen


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_coverage_page_has_a_map_with_a_legend_and_the_same_numbers_as_a_table(client, register):
    page = html(client, reverse("insight:coverage"), doelgroep="autisme")
    assert 'class="topggz-map"' in page and "<title id=\"kaart-titel\">" in page
    assert "geen locatie" in page and "100 km of meer" in page  # the legend
    assert re.search(r"<title>Utrecht: \d+,\d km</title>", page)  # a municipality's title in the map
    assert "<title>Groningen: geen locatie</title>" not in page and re.search(r"<title>Groningen: \d+,\d km</title>", page)
    assert "Per gemeente" in page and "Per provincie" in page and "Per ggd-regio" in page and "Per zorgkantoorregio" in page
    assert "Bron: CBS / PDOK" in page


def test_a_paused_department_does_not_count_for_coverage(client, register):
    page = html(client, reverse("insight:coverage"), doelgroep="autisme")
    # only Utrecht counts: Groningen is paused, so Groningen municipality is a white spot (over 50 km)
    spots = page.split('id="tabel-witte-vlekken"', 1)[1].split("</section>", 1)[0]
    assert ">Groningen<" in spots and ">Utrecht<" not in spots


def test_the_what_if_of_a_stopping_department_shows_the_loss(client, register):
    utrecht, _groningen = register
    page = html(client, reverse("insight:what_if"), doelgroep="autisme", stopt=utrecht.pk)
    assert "Als Autismecentrum Utrecht stopt" in page
    table = page.split('id="tabel-wat-als"', 1)[1].split("</table>", 1)[0]
    assert "0,0" in table  # nobody is within reach any more


def test_the_what_if_of_a_new_location_shows_the_municipalities_that_come_closer(client, register):
    page = html(client, reverse("insight:what_if"), doelgroep="autisme", opent="GM0014")
    assert "Als er een locatie opent in Groningen" in page
    assert "Gemeenten waar de afstand verandert" in page


def test_the_what_if_refuses_a_department_that_does_not_count(client, register):
    _utrecht, groningen = register
    response = client.get(reverse("insight:what_if"), {"doelgroep": "autisme", "stopt": groningen.pk})
    assert response.status_code == 400 and "Kies een afdeling die nu meetelt" in response.content.decode()


def report(department, months_back, intake="5"):
    today = timezone.localdate()
    month = (today.replace(day=1) - timedelta(days=31 * months_back)).replace(day=1)
    CapacityReport.objects.create(department=department, month=month, measured_on=month + timedelta(days=20),
                                  intake_weeks=intake, treatment_weeks="9", waiting_count=12, beds_free=2, beds_total=10)
    sync_department(department.pk)


def test_the_dashboard_shows_each_offer_s_waiting_time_pause_beds_and_date(client, register):
    utrecht, groningen = register
    report(utrecht, 0)
    report(groningen, 4, intake="7")
    page = html(client, reverse("insight:dashboard"))
    rows = page.split("<tbody", 1)[1]
    utrecht_row = rows.split("Autismecentrum Utrecht", 1)[1].split("</tr>", 1)[0]
    groningen_row = rows.split("Autismeteam Groningen", 1)[1].split("</tr>", 1)[0]
    assert ">5,0<" in utrecht_row and "2 van 10" in utrecht_row and ">actueel<" in utrecht_row
    assert "ja, tot 2027-02-01" in groningen_row and "niet actueel" in groningen_row


def test_the_dashboard_filters_by_province_of_a_location(client, register):
    page = html(client, reverse("insight:dashboard"), provincie="PV20")  # Groningen
    assert "Autismeteam Groningen" in page and "Autismecentrum Utrecht" not in page


def test_the_dashboard_leaves_out_departments_that_are_not_certified(client, register):
    DepartmentFactory(name="Nog in procedure", status=Department.Status.IN_PROCEDURE, certified_from=None, certified_until=None)
    assert "Nog in procedure" not in html(client, reverse("insight:dashboard"))


def _many_certified(count):
    for i in range(count):
        department = DepartmentFactory(name=f"Afdeling {i:02d}", slug=f"afdeling-{i:02d}", target_groups=["autisme"])
        OfferFactory(department=department)
        LocationFactory(department=department)


def test_the_dashboard_shows_one_page_of_departments_with_links_to_the_next(client, register, monkeypatch):
    monkeypatch.setattr("insight.presenters.DASHBOARD_PER_PAGE", 3)
    _many_certified(5)  # 7 certified departments in all: pages of 3, 3 and 1
    page = html(client, reverse("insight:dashboard"), doelgroep="autisme")
    assert "7 afdelingen" in page and "Pagina 1 van 3" in page
    assert page.count('<th class="utrecht-table__cell" scope="row">') == 3
    assert 'href="/inzicht/wachttijden/?doelgroep=autisme&amp;pagina=2"' in page
    assert "hx-boost" not in page.split('aria-label="Pagina’s met afdelingen"', 1)[1].split(">", 1)[0]


def test_the_dashboard_s_last_page_holds_the_remaining_departments(client, register, monkeypatch):
    monkeypatch.setattr("insight.presenters.DASHBOARD_PER_PAGE", 3)
    _many_certified(5)
    page = html(client, reverse("insight:dashboard"), pagina="3")
    assert page.count('<th class="utrecht-table__cell" scope="row">') == 1
    assert "Autismeteam Groningen" in page  # sorted by name: "Afdeling 00".."04", "Autismecentrum", "Autismeteam"


def test_the_dashboard_export_holds_every_department_not_only_one_page(client, register, monkeypatch):
    monkeypatch.setattr("insight.presenters.DASHBOARD_PER_PAGE", 3)
    _many_certified(5)
    response = client.get(reverse("insight:export_table", args=["wachttijden", "aanbod", "csv"]))
    assert response.content.decode("utf-8-sig").count("\n") == 1 + 7


def test_the_dashboard_s_queries_do_not_grow_with_the_number_of_departments(client, register, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("insight.presenters.DASHBOARD_PER_PAGE", 50)
    with CaptureQueriesContext(connection) as few:
        html(client, reverse("insight:dashboard"))
    _many_certified(20)
    with CaptureQueriesContext(connection) as many:
        html(client, reverse("insight:dashboard"))
    assert len(many) == len(few)


NUMBERS = itertools.count(1)


def requests(region, n, reason=None):
    department = Department.objects.first()
    for i in range(n):
        request = ConsultationRequest.objects.create(
            reference=f"T{next(NUMBERS):06d}", profession="gp", kind="consultation", patient_pc4="3511",
            patient_region=region, consent=True, age_group=AgeGroup.objects.get(code="adults"), waiting_since=date(2026, 1, 1), department=department,
            received_on=date(2026, 2, 1), status="declined" if reason else "new",
        )
        if reason:
            Event.objects.create(request=request, kind=Event.Kind.DECLINED, on=date(2026, 2, 2), data={"reason": reason})


@pytest.fixture
def demand(register):
    utrecht = HealthRegion.objects.get(code="ZK23") if HealthRegion.objects.filter(code="ZK23").exists() else HealthRegion.objects.filter(kind="zorgkantoor").first()
    requests(utrecht, 7)
    requests(utrecht, 3, reason="registration_pause")
    return utrecht


def test_the_public_sees_small_counts_as_less_than_five(client, demand):
    page = html(client, reverse("insight:demand"))
    reasons = page.split('id="tabel-afwijzingen"', 1)[1].split("</table>", 1)[0]
    assert "&lt;5" in reasons and ">3<" not in reasons
    region = page.split('id="tabel-vragen-region"', 1)[1].split("</table>", 1)[0]
    assert ">10<" in region


def test_an_analyst_sees_small_counts(client, demand):
    login_verified(client, person(Role.ANALYST))
    page = html(client, reverse("insight:demand"))
    reasons = page.split('id="tabel-afwijzingen"', 1)[1].split("</table>", 1)[0]
    assert ">3<" in reasons


def test_the_csv_export_of_a_public_table_hides_small_counts_too(client, demand):
    text = client.get(reverse("insight:export_table", args=["vraag-en-aanbod", "afwijzingen", "csv"])).content.decode("utf-8-sig")
    assert "registration_pause;<5" in text


def test_the_xlsx_export_has_the_numbers_of_the_page(client, register):
    from openpyxl import load_workbook

    response = client.get(reverse("insight:export_table", args=["dekking", "nederland", "xlsx"]), {"doelgroep": "autisme"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    page = html(client, reverse("insight:coverage"), doelgroep="autisme")
    share = f"{rows[1][1]:.1f}".replace(".", ",")
    assert rows[0] == ("Afstand", "Inwoners (%)") and share in page.split('id="tabel-nederland"', 1)[1].split("</table>")[0]


def test_exports_are_audited(client, register):
    client.get(reverse("insight:export_table", args=["dekking", "gemeenten", "csv"]), {"doelgroep": "autisme"})
    assert AuditEntry.objects.filter(action="export", object_type="insight.export", object_id="dekking/gemeenten.csv").exists()


def test_the_map_exports_as_standalone_svg_with_title_and_description(client, register):
    response = client.get(reverse("insight:export_chart", args=["dekking", "kaart", "svg"]), {"doelgroep": "autisme"})
    svg = response.content.decode()
    assert response["Content-Type"].startswith("image/svg+xml")
    assert svg.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in svg and "<title" in svg and "<desc" in svg
    assert "<style>" in svg


def test_a_chart_exports_as_png(client, register):
    response = client.get(reverse("insight:export_chart", args=["overzicht", "doelgroepen-50km", "png"]))
    assert response["Content-Type"] == "image/png" and response.content.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("url", ["/inzicht/export/dekking/bestaat-niet.csv", "/inzicht/export/dekking/gemeenten.pdf",
                                 "/inzicht/grafiek/dekking/kaart.gif", "/inzicht/export/onbekend/x.csv"])
def test_unknown_exports_answer_404(client, register, url):
    assert client.get(url).status_code == 404


def test_the_overview_lists_every_target_group_with_its_reach(client, register):
    page = html(client, reverse("insight:index"))
    assert "Autisme" in page and "Bereik per doelgroep" in page
    assert '<img src="/inzicht/afbeelding/overzicht/doelgroepen-50km.svg?v=' in page
    assert 'alt="Inwoners binnen 50 km, per doelgroep"' in page


def test_a_bar_chart_on_a_page_is_an_image_of_the_page_s_numbers(client, register):
    page = html(client, reverse("insight:coverage"), doelgroep="autisme")
    src = re.search(r'<img src="([^"]*provincies-50km\.svg[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "doelgroep=autisme" in src
    response = client.get(src)
    svg = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert 'role="img"' in svg and "<title id=\"titel\">Inwoners binnen 50 km, per provincie</title>" in svg
    provinces = page.split('id="tabel-province"', 1)[1].split("</table>", 1)[0]
    first = re.search(r'<th class="utrecht-table__cell" scope="row">([^<]+)</th>', provinces).group(1)
    assert f">{first}</text>" in svg


def test_the_chart_image_is_not_audited_and_not_a_download(client, register):
    response = client.get(reverse("insight:chart_image", args=["overzicht", "doelgroepen-50km"]))
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert not AuditEntry.objects.filter(action="export").exists()


def test_the_chart_download_is_audited_and_an_attachment(client, register):
    response = client.get(reverse("insight:export_chart", args=["overzicht", "doelgroepen-50km", "svg"]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEntry.objects.filter(action="export", object_id="overzicht/doelgroepen-50km.svg").exists()


def test_the_chart_image_has_its_own_csp_and_the_page_keeps_the_strict_one(client, register):
    image = client.get(reverse("insight:chart_image", args=["overzicht", "doelgroepen-50km"]))
    assert "style-src 'unsafe-inline'" in image["Content-Security-Policy"]
    assert "default-src 'none'" in image["Content-Security-Policy"]
    page = client.get(reverse("insight:index"))["Content-Security-Policy"]
    assert "style-src 'self'" in page and "unsafe-inline" not in page


def test_an_analyst_s_chart_image_with_small_counts_is_private(client, demand):
    login_verified(client, person(Role.ANALYST))
    response = client.get(reverse("insight:chart_image", args=["vraag-en-aanbod", "afwijzingen"]))
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_the_public_chart_image_may_be_kept_by_shared_caches(client, register):
    response = client.get(reverse("insight:chart_image", args=["overzicht", "doelgroepen-50km"]))
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/inzicht/afbeelding/dekking/kaart.svg?doelgroep=autisme", "/inzicht/afbeelding/wachttijden/aanbod.svg",
                                 "/inzicht/afbeelding/overzicht/bestaat-niet.svg"])
def test_the_map_a_table_or_an_unknown_chart_has_no_chart_image(client, register, url):
    assert client.get(url).status_code == 404
