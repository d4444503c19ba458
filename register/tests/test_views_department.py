"""The public page of one department: /afdelingen/<slug>/."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from register.models import Department, ExclusionCriterion, Offer
from register.tests.factories import (
    DepartmentExclusionFactory,
    DepartmentFactory,
    InstitutionFactory,
    LocationFactory,
    OfferFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    """Start in Dutch, and leave no language active behind (a request to /en/ activates English for the thread)."""
    with translation.override("nl"):
        yield


def page(department, client):
    response = client.get(reverse("register:department_detail", args=[department.slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def department():
    department = DepartmentFactory(
        name="Centrum Psychotrauma Utrecht",
        slug="centrum-psychotrauma-utrecht",
        description="Wij helpen mensen met ernstige klachten na een schokkende gebeurtenis.",
        institutions=[InstitutionFactory(name="Stichting Voorbeeldzorg Midden")],
        target_groups=["psychotrauma", "dwang"],
        age_groups=["adults", "elderly"],
        phone="030 123 45 67",
        email="trauma@voorbeeldzorg.example",
        certified_from=datetime.date(2024, 3, 1),
        certified_until=datetime.date(2028, 2, 29),
        reach=Department.Reach.NATIONAL,
    )
    OfferFactory(department=department, kind=Offer.Kind.TREATMENT, requesters=["gp", "mental_health"])
    OfferFactory(
        department=department,
        kind=Offer.Kind.SECOND_OPINION,
        requesters=["medical_specialist"],
        how_to_request="Bel eerst met het secretariaat.",
        status=Offer.Status.PAUSED,
        pause_reason="Wij hebben te weinig behandelaars.",
        pause_expected_end=datetime.date(2027, 3, 1),
    )
    LocationFactory(department=department, name="Polikliniek Centrum", street_address="Oudegracht 1",
                    postcode="3511 AB", care_functions=["outpatient", "day_treatment"])
    LocationFactory(department=department, name="Kliniek Zuid", street_address="Kliniekweg 9",
                    postcode="3512 CD", latitude=52.07, longitude=5.10, care_functions=["inpatient_open"])
    DepartmentExclusionFactory(department=department, note="Na zes weken zonder gebruik kan het wel.")
    return department


def test_the_page_shows_the_name_description_and_institution(client, department):
    html = page(department, client)

    assert '<h1 class="utrecht-heading-1" id="afdeling-naam">Centrum Psychotrauma Utrecht</h1>' in html
    assert "Wij helpen mensen met ernstige klachten na een schokkende gebeurtenis." in html
    assert "Stichting Voorbeeldzorg Midden" in html


def test_the_page_shows_the_target_groups_and_age_groups(client, department):
    html = page(department, client)

    assert "Psychotrauma" in html and "Dwangstoornissen" in html
    assert "Volwassenen (18-65 jaar), Ouderen (65 jaar en ouder)" in html


def test_the_page_shows_who_may_request_each_offer_and_how(client, department):
    html = page(department, client)

    assert "Hoogspecialistische behandeling" in html
    assert "Huisarts, Ggz-behandelaar" in html
    assert "Stuur een verwijsbrief met de behandelgeschiedenis via Zorgdomein." in html
    assert "Medisch specialist" in html
    assert "Bel eerst met het secretariaat." in html


def test_the_page_shows_a_registration_pause_with_its_reason_and_expected_end(client, department):
    html = page(department, client)

    assert "aanmeldpauze" in html
    assert "Wij hebben te weinig behandelaars." in html
    assert "De pauze duurt naar verwachting tot 1 maart 2027." in html


def test_the_page_lists_every_location_with_address_and_care_functions(client, department):
    html = page(department, client)

    assert "Polikliniek Centrum" in html and "Oudegracht 1<br>3511 AB Utrecht" in html
    assert "Kliniek Zuid" in html and "Kliniekweg 9<br>3512 CD Utrecht" in html
    assert "Ambulant, Deeltijdbehandeling" in html
    assert "Klinisch, open afdeling" in html


def test_the_page_links_the_phone_number_and_e_mail_address(client, department):
    html = page(department, client)

    assert '<a class="utrecht-link utrecht-link--html-a utrecht-link--telephone" href="tel:0301234567">030 123 45 67</a>' in html
    assert 'href="mailto:trauma@voorbeeldzorg.example"' in html


def test_the_page_shows_until_when_the_department_is_certified(client, department):
    html = page(department, client)

    assert "Gecertificeerd tot 29 februari 2028" in html
    assert "Het keurmerk geldt vanaf 1 maart 2024." in html


def test_the_page_says_when_a_certificate_has_expired(client):
    department = DepartmentFactory(
        status=Department.Status.EXPIRED,
        certified_from=datetime.date(2020, 1, 1),
        certified_until=datetime.date(2023, 12, 31),
    )

    html = page(department, client)

    assert "Het keurmerk is verlopen op 31 december 2023." in html
    assert "Gecertificeerd tot" not in html


def test_the_page_says_when_a_department_is_still_in_procedure(client):
    department = DepartmentFactory(status=Department.Status.IN_PROCEDURE, certified_from=None, certified_until=None)

    html = page(department, client)

    assert "De afdeling is bezig om het keurmerk te krijgen." in html


def test_the_page_shows_the_reach_of_the_department(client, department):
    html = page(department, client)

    assert "Heel Nederland (landelijke functie)" in html


def test_the_page_shows_exclusion_criteria_with_their_notes(client, department):
    html = page(department, client)

    criterion = ExclusionCriterion.objects.get(code="active_addiction")
    assert f"<strong>{criterion.label_nl}</strong>. Na zes weken zonder gebruik kan het wel." in html


def test_the_page_shows_when_the_entry_was_last_confirmed(client, department):
    Department.objects.filter(pk=department.pk).update(last_confirmed_on=timezone.localdate())

    html = page(department, client)

    assert f"Laatst bevestigd op {timezone.localdate().day} " in html
    assert "niet recent bevestigd" not in html.lower()


def test_an_old_confirmation_is_marked_not_recently_confirmed(client, settings):
    settings.REGISTER_FRESHNESS_MONTHS = 6
    department = DepartmentFactory(last_confirmed_on=timezone.localdate() - datetime.timedelta(days=400))

    html = page(department, client)

    assert "niet recent bevestigd" in html
    assert "langer dan 6 maanden geleden bevestigd" in html


def test_the_page_has_a_map_with_one_marker_per_location(client, department):
    html = page(department, client)

    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg
    assert svg.count("<circle") == 2


def test_the_page_credits_cbs_and_pdok_in_the_footer(client, department):
    html = page(department, client)

    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    assert "Bron: CBS / PDOK" in footer


def test_an_unknown_slug_gives_404(client):
    response = client.get("/afdelingen/bestaat-niet/")

    assert response.status_code == 404


def test_the_page_is_available_in_english(client, department):
    html = client.get(f"/en/afdelingen/{department.slug}/").content.decode()

    assert '<html lang="en"' in html
    assert "Certified until 29 February 2028" in html


def count_queries(client, department):
    """The queries of the page once the process holds the register's card table (the first page
    after a register change loads it, like the finder's first search)."""
    page(department, client)
    with CaptureQueriesContext(connection) as context:
        page(department, client)
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_locations_offers_and_exclusions(client):
    small = DepartmentFactory()
    OfferFactory(department=small)
    LocationFactory(department=small)
    DepartmentExclusionFactory(department=small)
    large = DepartmentFactory(institutions=[InstitutionFactory(), InstitutionFactory()])
    for kind in Offer.Kind.values:
        OfferFactory(department=large, kind=kind)
    for number in range(5):
        LocationFactory(department=large, care_functions=["outpatient", "inpatient_open", "crisis"])
    for criterion in ExclusionCriterion.objects.all()[:4]:
        DepartmentExclusionFactory(department=large, criterion=criterion)

    assert count_queries(client, small) == count_queries(client, large)


def test_the_page_needs_eight_queries_once_the_register_is_loaded(client, department):
    # The index stamp, offers, locations and their care functions, exclusions, then the
    # certificate, a running recovery period and the knowledge section's dossiers.
    assert count_queries(client, department) == 8


def test_a_changed_description_shows_on_the_page_at_once(client, department):
    page(department, client)  # the process now holds the department in its card table
    department.description = "Wij helpen nu ook jongeren."
    department.save()

    assert "Wij helpen nu ook jongeren." in page(department, client)


def test_a_changed_institution_website_shows_on_the_page_at_once(client, department):
    page(department, client)
    institution = department.institutions.get()
    institution.website = "https://voorbeeldzorg.example/nieuw"
    institution.save()

    assert 'href="https://voorbeeldzorg.example/nieuw"' in page(department, client)


def test_a_changed_slug_answers_at_the_new_address_only(client, department):
    page(department, client)
    department.slug = "trauma-utrecht"
    department.save()

    assert client.get("/afdelingen/centrum-psychotrauma-utrecht/").status_code == 404
    assert client.get("/afdelingen/trauma-utrecht/").status_code == 200
