"""The SQL queries per desk page do not grow with the number of rows, steps, messages or attachments."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.testing import login_verified
from certification.tests.files import PDF
from consultation import services
from consultation.models import Attachment

from .factories import (  # noqa: F401 (fixtures)
    MONDAY,
    coordinator,
    desk_department,
    escalated,
    fast_password_hashing,
    in_progress,
    media_in_tmp,
    referrer,
    region_of,
    staff_of,
    step,
    submitted,
    with_geo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    with_geo()
    small, large = desk_department(), desk_department()
    return small, large, referrer()


def count(client, url) -> int:
    client.get(url)  # warm the per-process caches (the finder's snapshot, the calendar)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def staff_client(department):
    return login_verified(Client(), staff_of(department))


def test_the_inbox_issues_the_same_number_of_queries_for_1_and_12_requests(desk):
    small, large, person = desk
    submitted(person, small, target_groups=["psychotrauma", "depressie"])
    for n in range(12):
        submitted(person, large, target_groups=["psychotrauma", "depressie"], on=MONDAY + timedelta(days=n % 3))
    url = reverse("consultation:inbox")
    assert count(staff_client(small), url) == count(staff_client(large), url)


def test_every_inbox_list_issues_the_same_number_of_queries_for_1_and_many_requests(desk):
    small, large, person = desk
    small_staff, large_staff = staff_of(small), staff_of(large)
    for department, staff, times in ((small, small_staff, 1), (large, large_staff, 6)):
        for n in range(times):
            in_progress(person, department, staff)
            submitted(person, department)
    small_client, large_client = login_verified(Client(), small_staff), login_verified(Client(), large_staff)
    for section in ("nieuw", "triage", "bezig", "gesloten"):
        url = reverse("consultation:inbox") + f"?lijst={section}"
        assert count(small_client, url) == count(large_client, url), section


def test_the_case_page_issues_the_same_number_of_queries_for_few_and_many_steps_messages_and_attachments(desk):
    small, _large, person = desk
    staff = staff_of(small)
    quiet = in_progress(person, small, staff)
    busy = in_progress(person, small, staff)
    day = MONDAY + timedelta(days=2)
    for n in range(4):
        step(staff, busy, "info_asked", day + timedelta(days=2 * n), note=f"Vraag {n}")
        step(person, busy, "info_given", day + timedelta(days=2 * n + 1), note=f"Antwoord {n}")
    for n in range(5):
        services.post_message(user=person, request_id=busy.pk, body=f"Bericht {n}")
        services._store_attachment(busy, SimpleUploadedFile(f"bijlage-{n}.pdf", PDF), Attachment.Purpose.REQUEST, person)
    client = login_verified(Client(), staff)
    assert count(client, reverse("consultation:case", args=[quiet.reference])) == count(
        client, reverse("consultation:case", args=[busy.reference]))


def test_the_referrers_list_issues_the_same_number_of_queries_for_1_and_10_requests(desk):
    small, large, _person = desk
    one, many = referrer(), referrer()
    submitted(one, small)
    for _n in range(10):
        submitted(many, large)

    def client_of(user):
        client = Client()
        client.force_login(user)
        return client

    url = reverse("consultation:mine")
    assert count(client_of(one), url) == count(client_of(many), url)


def test_the_escalations_list_issues_the_same_number_of_queries_for_1_and_6_cases(desk):
    small, _large, person = desk
    region = region_of("3511")
    first = coordinator(1, region=region)
    url = reverse("consultation:escalations")
    escalated(person, small)
    one = count(login_verified(Client(), first), url)
    for _n in range(5):
        escalated(person, small)
    assert count(login_verified(Client(), first), url) == one
