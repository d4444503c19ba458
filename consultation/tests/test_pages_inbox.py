"""The inbox: its lists (new, triage due, in progress, waiting, answered, closed), the department filter, paging."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.testing import login_verified
from accounts.tests.factories import make_member
from consultation import selectors
from consultation.rules.calendar import dutch_calendar

from .factories import (  # noqa: F401 (fixtures)
    answered,
    desk_department,
    fast_password_hashing,
    in_progress,
    media_in_tmp,
    referrer,
    staff_of,
    step,
    submitted,
    with_geo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    with_geo()
    department = desk_department()
    return department, staff_of(department), referrer()


def listed(client, section="", **params) -> str:
    query = "&".join([f"lijst={section}"] + [f"{k}={v}" for k, v in params.items()])
    return client.get(reverse("consultation:inbox") + "?" + query).content.decode()


def working_days_before(day, n):
    calendar = dutch_calendar()
    while n:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def test_triage_due_lists_new_requests_due_within_two_working_days_but_not_those_due_later(desk):
    department, staff, person = desk
    today = timezone.localdate()
    soon = submitted(person, department, on=working_days_before(today, 4))
    later = submitted(person, department, on=today)
    body = listed(login_verified(Client(), staff), "triage")
    assert soon.reference in body and later.reference not in body


def test_each_list_holds_the_requests_in_its_state(desk):
    department, staff, person = desk
    new = submitted(person, department)
    busy = in_progress(person, department, staff)
    waiting = in_progress(person, department, staff)
    step(staff, waiting, "info_asked", waiting.received_on + timedelta(days=2), note="Welke medicatie?")
    done = answered(person, department, staff)
    client = login_verified(Client(), staff)
    expected = {"nieuw": new, "bezig": busy, "wacht": waiting, "beantwoord": done}
    for section, request in expected.items():
        body = listed(client, section)
        assert request.reference in body, section
        assert all(other.reference not in body for other in expected.values() if other != request), section


def test_the_lists_show_their_counts(desk):
    department, staff, person = desk
    submitted(person, department)
    submitted(person, department)
    body = listed(login_verified(Client(), staff), "nieuw")
    assert "Nieuw <span class=\"topggz-desk-tabs__count\">(2)</span>" in body


def test_a_staff_member_of_two_departments_filters_on_one(desk):
    department, staff, person = desk
    second = desk_department()
    make_member(staff, second)
    here, there = submitted(person, department), submitted(person, second)
    client = login_verified(Client(), staff)
    everything = listed(client, "nieuw")
    assert here.reference in everything and there.reference in everything and 'name="afdeling"' in everything
    only_second = listed(client, "nieuw", afdeling=second.pk)
    assert there.reference in only_second and here.reference not in only_second


def test_the_inbox_is_paged(desk, monkeypatch):
    department, staff, person = desk
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    for _n in range(3):
        submitted(person, department)
    client = login_verified(Client(), staff)
    first, second = listed(client, "nieuw"), listed(client, "nieuw", pagina=2)
    assert "Pagina 1 van 2" in first and 'rel="next"' in first
    assert "Pagina 2 van 2" in second and 'rel="prev"' in second
