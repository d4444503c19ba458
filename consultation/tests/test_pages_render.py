"""Every desk page renders for the roles that use it, in Dutch and in English."""

import pytest
from django.urls import reverse

from accounts.testing import login_verified

from .factories import (  # noqa: F401 (fixtures)
    answered,
    bureau,
    coordinator,
    desk_department,
    escalated,
    fast_password_hashing,
    media_in_tmp,
    referrer,
    region_of,
    staff_of,
    submitted,
    with_geo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    with_geo()
    department = desk_department()
    return department, staff_of(department), referrer()


def test_the_request_form_renders_for_a_referrer(client, desk):
    _department, _staff, person = desk
    client.force_login(person)
    response = client.get(reverse("consultation:new"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nieuwe vraag" in body and "geen naam, adres, geboortedatum of BSN" in body


def test_the_referrers_list_shows_their_request_with_its_waiting_time(client, desk):
    department, _staff, person = desk
    request = submitted(person, department)
    client.force_login(person)
    body = client.get(reverse("consultation:mine")).content.decode()
    assert request.reference in body and "norm 14" in body


def test_the_inbox_renders_for_department_staff(client, desk):
    department, staff, person = desk
    request = submitted(person, department)
    login_verified(client, staff)
    response = client.get(reverse("consultation:inbox"))
    assert response.status_code == 200
    assert request.reference in response.content.decode()


def test_the_case_page_renders_for_the_referrer_and_the_department(client, desk):
    department, staff, person = desk
    request = answered(person, department, staff)
    client.force_login(person)
    assert "schematherapie" in client.get(reverse("consultation:case", args=[request.reference])).content.decode()
    client.logout()
    login_verified(client, staff)
    assert "schematherapie" in client.get(reverse("consultation:case", args=[request.reference])).content.decode()


def test_the_desk_renders_for_the_bureau(client, desk):
    _department, _staff, person = desk
    request = submitted(person, None)
    login_verified(client, bureau())
    body = client.get(reverse("consultation:desk")).content.decode()
    assert request.reference in body


def test_the_escalations_list_renders_for_a_coordinator_of_the_region(client, desk):
    department, _staff, person = desk
    request = escalated(person, department)
    login_verified(client, coordinator(1, region=region_of("3511")))
    body = client.get(reverse("consultation:escalations")).content.decode()
    assert request.reference in body


def test_the_start_page_links_each_role_to_its_pages(client, desk):
    _department, staff, _person = desk
    login_verified(client, staff)
    body = client.get(reverse("consultation:index")).content.decode()
    assert reverse("consultation:inbox") in body and reverse("consultation:new") in body


def test_the_case_page_is_in_english_under_en(client, desk):
    department, staff, person = desk
    request = submitted(person, department)
    login_verified(client, staff)
    body = client.get("/en" + reverse("consultation:case", args=[request.reference])).content.decode()
    assert "Where does the request stand?" in body and "Accept the request" in body and "Triage decision due" in body


def test_the_request_form_is_in_english_under_en(client, desk):
    _department, _staff, person = desk
    client.force_login(person)
    body = client.get("/en" + reverse("consultation:new")).content.decode()
    assert "The patient stays anonymous." in body and "Find matching departments" in body


def test_the_menu_shows_consultatie_to_people_who_use_the_desk(client, desk):
    _department, _staff, person = desk
    client.force_login(person)
    assert 'href="/consult/">Consultatie</a>' in client.get("/").content.decode()


def test_the_menu_has_no_consultatie_link_for_visitors(client, desk):
    assert "/consult/" not in client.get("/").content.decode()
