"""The fictional demo register (register.demo, `manage.py load_demo`).

The demo is loaded once per module (about 1 s) inside a transaction that is
rolled back afterwards; each test runs in its own savepoint on top of it.
"""

import re
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import CommandError, call_command
from django.db import transaction

from accounts.models import User
from geo.models import PostcodeArea, Province
from register import rules, validators
from register.demo import (
    DEMO_ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD,
    demo_counts,
    demo_departments,
    demo_institutions,
    load_demo,
)
from register.demo.data import REAL_INSTITUTION_NAMES
from register.models import AgeGroup, Department, DepartmentExclusion, Location, Offer, TargetGroup
from register.vocabulary import AGE_GROUPS, TARGET_GROUPS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

TODAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        result = load_demo(today=TODAY)
        yield result
        transaction.set_rollback(True)


def departments():
    return demo_departments().prefetch_related(
        "institutions", "target_groups", "age_groups", "locations__care_functions", "offers", "exclusions"
    )


def snapshot() -> list[tuple]:
    """The demo content without database ids or timestamps."""
    rows = []
    for d in departments().order_by("slug"):
        rows.append(
            (
                d.slug, d.name, d.description, d.status, d.certified_from, d.specialised_since,
                d.last_confirmed_on, d.phone, d.reach,
                sorted(i.name for i in d.institutions.all()),
                sorted(t.code for t in d.target_groups.all()),
                sorted((loc.name, loc.street_address, loc.postcode, sorted(c.code for c in loc.care_functions.all()))
                       for loc in d.locations.all()),
                sorted((o.kind, o.status, tuple(o.requesters), o.how_to_request) for o in d.offers.all()),
                sorted((e.criterion_id, e.note) for e in d.exclusions.all()),
            )
        )
    return rows


# --- size and spread -----------------------------------------------------------


def test_the_demo_has_at_least_60_departments_at_at_least_25_institutions():
    assert demo_departments().count() >= 60
    assert demo_institutions().count() >= 25


def test_some_departments_are_networks_of_two_institutions():
    sizes = Counter(d.institutions.count() for d in departments())

    assert set(sizes) == {1, 2}
    assert sizes[2] >= 2


def test_every_province_has_a_department_location():
    provinces = set(Location.objects.values_list("municipality__province__name", flat=True))

    assert provinces == set(Province.objects.values_list("name", flat=True))
    assert len(provinces) == 12


def test_every_target_group_is_covered_by_a_department():
    covered = set(TargetGroup.objects.filter(departments__in=demo_departments()).values_list("code", flat=True))

    assert covered == {row[0] for row in TARGET_GROUPS}


def test_every_age_group_is_covered_by_a_department():
    covered = set(AgeGroup.objects.filter(departments__in=demo_departments()).values_list("code", flat=True))

    assert covered == {row[0] for row in AGE_GROUPS}


# --- locations ---------------------------------------------------------------------


def test_every_department_has_one_to_four_locations():
    counts = [d.locations.count() for d in departments()]

    assert min(counts) == 1
    assert max(counts) <= 4
    assert len(set(counts)) >= 3  # not all the same


def test_every_location_lies_at_a_real_pc4_area_with_its_centroid_municipality_and_place():
    areas = PostcodeArea.objects.in_bulk()
    for location in Location.objects.all():
        area = areas[location.postcode[:4]]
        assert re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", location.postcode)
        assert (location.latitude, location.longitude) == (area.lat, area.lon)
        assert location.municipality_id == area.municipality_id
        assert location.city == area.place_name != ""
        assert re.fullmatch(r"[A-Z][A-Za-z' -]+[a-z] [1-9][0-9]*", location.street_address)


def test_every_location_has_one_to_three_care_functions():
    counts = Counter(loc.care_functions.count() for d in departments() for loc in d.locations.all())

    assert set(counts) <= {1, 2, 3}
    assert counts[1] and counts[2]


# --- offers, pauses, exclusions ------------------------------------------------------


def test_every_department_offers_treatment_and_many_also_consultation_and_second_opinion():
    kinds = Counter(kind for d in departments() for kind in {o.kind for o in d.offers.all()})
    total = demo_departments().count()

    assert kinds[Offer.Kind.TREATMENT] == total
    assert kinds[Offer.Kind.CONSULTATION] > total / 2
    assert kinds[Offer.Kind.SECOND_OPINION] > total / 3
    assert 0 < kinds[Offer.Kind.CO_TREATMENT] < total / 2
    assert 0 < kinds[Offer.Kind.REMOTE_SUPERVISION] < total / 2


def test_offers_say_who_may_request_them_with_known_codes_and_how_in_words():
    known = set(Offer.Requester.values)
    for offer in Offer.objects.filter(department__in=demo_departments()):
        assert offer.requesters and set(offer.requesters) <= known
        assert len(offer.how_to_request.split()) >= 8


def test_a_few_offers_are_paused_with_a_reason_and_an_expected_end_after_today():
    paused = Offer.objects.filter(department__in=demo_departments(), status=Offer.Status.PAUSED)

    assert 3 <= paused.count() <= 8
    for offer in paused:
        assert len(offer.pause_reason) > 20
        assert offer.pause_expected_end > TODAY


def test_every_department_has_one_to_four_exclusion_criteria_with_a_short_note():
    counts = [d.exclusions.count() for d in departments()]
    notes = DepartmentExclusion.objects.filter(department__in=demo_departments()).values_list("note", flat=True)

    assert min(counts) >= 1 and max(counts) <= 4
    assert all(0 < len(note) <= 120 for note in notes)


# --- status and dates -------------------------------------------------------------------


def test_most_departments_are_certified_for_four_years_and_in_force_today():
    certified = demo_departments().filter(status=Department.Status.CERTIFIED)

    assert certified.count() > 0.8 * demo_departments().count()
    for d in certified:
        assert date(2022, 1, 1) <= d.certified_from <= TODAY
        assert d.certified_until == rules.certificate_valid_until(d.certified_from)
        assert rules.is_certified_on(d.status, d.certified_from, d.certified_until, TODAY)


def test_a_few_departments_are_in_procedure_and_one_or_two_have_expired():
    in_procedure = demo_departments().filter(status=Department.Status.IN_PROCEDURE)
    expired = demo_departments().filter(status=Department.Status.EXPIRED)

    assert 2 <= in_procedure.count() <= 8
    assert all(d.certified_from is None for d in in_procedure)
    assert 1 <= expired.count() <= 2
    assert all(d.certified_until < TODAY for d in expired)


def test_both_reaches_occur_and_networks_are_national():
    reaches = Counter(demo_departments().values_list("reach", flat=True))
    networks = [d for d in departments() if d.institutions.count() == 2]

    assert reaches[Department.Reach.SUPRA_REGIONAL] and reaches[Department.Reach.NATIONAL]
    assert {d.reach for d in networks} == {Department.Reach.NATIONAL}


def test_some_departments_specialised_less_than_three_years_ago():
    three_years_ago = TODAY - relativedelta(years=3)
    since = list(demo_departments().values_list("specialised_since", flat=True))

    assert all(day is not None and day <= TODAY for day in since)
    assert 3 <= sum(day > three_years_ago for day in since) <= 10


def test_most_departments_confirmed_their_data_recently_and_some_did_not():
    fresh = [d.is_fresh(today=TODAY) for d in demo_departments()]

    assert sum(fresh) > 0.75 * len(fresh)
    assert fresh.count(False) >= 5


# --- texts and contact details -----------------------------------------------------------


def test_descriptions_have_two_to_four_sentences_that_name_the_target_group():
    for d in departments():
        sentences = re.findall(r"[^.!?]+[.!?](?:\s|$)", d.description)
        assert 2 <= len(sentences) <= 4, d.description
        terms = [term.lower() for group in d.target_groups.all() for term in group.all_terms()]
        assert any(term in d.description.lower() for term in terms), d.description


def test_contact_details_use_dutch_phone_numbers_and_the_example_domain():
    for d in demo_departments():
        assert re.match(validators.PHONE_PATTERN, d.phone)
        assert d.email.endswith(".example")
        assert re.match(r"https://[a-z0-9.-]+\.example(/|$)", d.website)
    for institution in demo_institutions():
        assert re.fullmatch(r"https://www\.[a-z0-9-]+\.example", institution.website)


def test_no_demo_name_contains_a_real_institution_name():
    names = list(demo_institutions().values_list("name", flat=True)) + list(
        demo_departments().values_list("name", flat=True)
    )
    for real in REAL_INSTITUTION_NAMES:
        pattern = re.compile(rf"(?<![a-z]){re.escape(real.lower())}(?![a-z])")
        assert not [name for name in names if pattern.search(name.lower())], real


def test_every_demo_row_passes_the_model_validation():
    rows = [
        *demo_institutions(),
        *demo_departments(),
        *Location.objects.filter(department__in=demo_departments()),
        *Offer.objects.filter(department__in=demo_departments()),
        *DepartmentExclusion.objects.filter(department__in=demo_departments()),
    ]
    for row in rows:
        row.full_clean()


# --- loading again, history ------------------------------------------------------------------


def test_loading_the_demo_twice_does_not_duplicate_it(demo):
    again = load_demo(today=TODAY)

    assert not again.loaded
    assert demo_counts() == demo.counts


def test_reloading_with_reset_gives_exactly_the_same_data(demo):
    before = snapshot()

    again = load_demo(today=TODAY, reset=True)

    assert again.loaded and again.removed
    assert again.counts == demo.counts
    assert snapshot() == before


def test_each_demo_row_has_one_creation_record_in_its_history():
    department = departments().filter(institutions__isnull=False).first()
    records = list(department.history.all())

    assert [(r.history_type, r.history_change_reason) for r in records] == [("+", "Demogegevens geladen")]
    assert sorted(records[0].target_groups.values_list("targetgroup__code", flat=True)) == sorted(
        department.target_groups.values_list("code", flat=True)
    )
    assert all(loc.history.count() == 1 for loc in department.locations.all())


def test_a_later_edit_of_a_demo_department_shows_only_the_changed_field():
    department = demo_departments().first()
    department.phone = "030 199 99 99"
    department.save()

    latest, created = department.history.all()[:2]

    assert latest.diff_against(created).changed_fields == ["phone"]


# --- the management command --------------------------------------------------------------------


@pytest.fixture
def debug(settings):
    """pytest-django runs tests with DEBUG off; the command wants a development setting."""
    settings.DEBUG = True


def test_the_command_prints_the_counts_and_the_admin_login(debug):
    out = StringIO()

    call_command("load_demo", stdout=out)

    text = out.getvalue()
    assert "instellingen" in text and "afdelingen" in text and "locaties" in text
    assert DEMO_ADMIN_EMAIL in text and DEMO_ADMIN_PASSWORD in text


def test_the_command_creates_a_superuser_who_can_log_in(debug):
    call_command("load_demo", stdout=StringIO())

    user = User.objects.get(email=DEMO_ADMIN_EMAIL)
    assert user.check_password(DEMO_ADMIN_PASSWORD)
    assert user.is_active and user.is_staff and user.is_superuser


def test_the_command_keeps_an_existing_admin_password_unless_reset(debug):
    User.objects.create_user(DEMO_ADMIN_EMAIL, "Een-eigen-wachtwoord-1")

    call_command("load_demo", stdout=StringIO())
    assert User.objects.get(email=DEMO_ADMIN_EMAIL).check_password("Een-eigen-wachtwoord-1")

    call_command("load_demo", "--reset", stdout=StringIO())
    user = User.objects.get(email=DEMO_ADMIN_EMAIL)
    assert user.check_password(DEMO_ADMIN_PASSWORD) and user.is_superuser


def test_the_command_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
