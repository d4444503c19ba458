"""The capacity write of the API (POST /api/v1/afdeling/{slug}/capaciteit): a department's own system
sends its monthly capacity report with a token that has the "capacity" scope. The same rules as the
report form and the CSV upload, all or nothing, every call audited, another department refused."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from api import services
from api.tests.conftest import make_department
from audit.models import AuditEntry
from consultation.tests.builders import staff_of
from insight.models import CapacityReport
from register.models import Department, Offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

PROBLEM = "application/problem+json"
OBJECT = "insight.capacity_report"


def make_token(manager, department, scopes=("capacity",), **kwargs):
    _row, token = services.create_token(actor=manager, department=department, name="Ons EPD", scopes=list(scopes), **kwargs)
    return token


def last_month():
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def a_report(**changes):
    month = last_month()
    values = {
        "month": f"{month:%Y-%m}", "offer_kind": "treatment", "measured_on": (month + timedelta(days=27)).isoformat(),
        "intake_weeks": 5.5, "treatment_weeks": 8, "waiting_count": 42, "paused": False,
    }
    values.update(changes)
    return values


def post(client, token, body, slug="trauma-utrecht"):
    return client.post(f"/api/v1/afdeling/{slug}/capaciteit", data=json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}")


def uses(**filters):
    return AuditEntry.objects.filter(object_type=OBJECT, actor_role="api-token", **filters)


def invalid(response) -> dict:
    return {item["name"]: item["reason"] for item in response.json()["invalid_params"]}


# --- who may write ------------------------------------------------------------------------------


def test_a_valid_report_is_stored_and_answered_with_201(client, manager, department):
    response = post(client, make_token(manager, department), a_report())
    assert response.status_code == 201
    assert response.json()["saved"] == 1 and response.json()["reports"][0]["intake_weeks"] == 5.5
    assert CapacityReport.objects.get(department=department).waiting_count == 42


def test_a_token_without_the_capacity_scope_is_refused_and_audited(client, manager, department):
    response = post(client, make_token(manager, department, scopes=("consultation-inbox",)), a_report())
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM
    assert "capacity" in response.json()["detail"]
    assert not CapacityReport.objects.exists()
    assert uses(outcome="denied", action="create", detail__reason="scope").exists()


def test_another_departments_report_is_refused_with_403_and_audited(client, manager, department, other_department):
    response = post(client, make_token(manager, department), a_report(), slug="dwang-groningen")
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM
    assert not CapacityReport.objects.exists()
    entry = uses(outcome="denied", detail__reason="other-department").get()
    assert entry.detail["asked"] == "dwang-groningen" and entry.on_behalf_of == f"register.department:{department.pk}"


def test_another_departments_refusal_comes_before_the_body_is_read(client, manager, department, other_department):
    response = client.post("/api/v1/afdeling/dwang-groningen/capaciteit", data="{not json", content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {make_token(manager, department)}")
    assert response.status_code == 403


def test_a_revoked_token_gets_401_and_stores_nothing(client, manager, department):
    token = make_token(manager, department)
    services.revoke_token(actor=manager, token=department.api_tokens.get())
    response = post(client, token, a_report())
    assert response.status_code == 401 and response["Content-Type"] == PROBLEM
    assert not CapacityReport.objects.exists()
    assert AuditEntry.objects.filter(object_type="api.token", outcome="denied", detail__reason="revoked").exists()


def test_an_expired_token_gets_401(client, manager, department):
    token = make_token(manager, department, expires_at=timezone.now() - timedelta(minutes=1))
    assert post(client, token, a_report()).status_code == 401
    assert not CapacityReport.objects.exists()


def test_no_token_gets_401_with_a_bearer_challenge(client, department):
    response = client.post("/api/v1/afdeling/trauma-utrecht/capaciteit", data=json.dumps(a_report()),
                           content_type="application/json")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_writes_over_the_token_rate_get_429_and_are_audited(client, manager, department, settings):
    settings.API_TOKEN_RATE = "1/min"
    token = make_token(manager, department)
    assert post(client, token, a_report()).status_code == 201
    response = post(client, token, a_report())
    assert response.status_code == 429 and "Retry-After" in response
    assert uses(outcome="denied", detail__reason="rate").exists()


def test_a_stored_report_is_audited_with_the_token_and_the_month(client, manager, department):
    post(client, make_token(manager, department), a_report())
    entry = uses(outcome="success", action="create").get()
    assert entry.detail["prefix"] == department.api_tokens.get().prefix
    assert entry.detail["months"] == [f"{last_month():%Y-%m}:treatment"]
    assert entry.detail["reports"] == [CapacityReport.objects.get().pk]


# --- the form's rules, all or nothing ----------------------------------------------------------


def test_a_bad_number_of_weeks_gives_422_with_the_forms_message_and_stores_nothing(client, manager, department):
    response = post(client, make_token(manager, department), a_report(intake_weeks=4.55))
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert invalid(response) == {"intake_weeks": "Vul een aantal weken in van 0 tot 99,9, met hoogstens één decimaal."}
    assert not CapacityReport.objects.exists()
    assert uses(outcome="failure", detail__reason="invalid").exists()


def test_a_month_in_the_future_is_refused_by_the_forms_rule(client, manager, department):
    next_month = (timezone.localdate().replace(day=28) + timedelta(days=10)).replace(day=1)
    response = post(client, make_token(manager, department), a_report(month=f"{next_month:%Y-%m}"))
    assert invalid(response)["month"] == "De maand ligt in de toekomst."


def test_an_offer_the_department_does_not_have_is_refused(client, manager, department):
    response = post(client, make_token(manager, department), a_report(offer_kind="clinical"))
    assert response.status_code == 422 and invalid(response)["offer_kind"].startswith("De afdeling heeft geen aanbod 'clinical'")


def test_more_free_beds_than_beds_is_refused(client, manager, department):
    response = post(client, make_token(manager, department), a_report(beds_free=5, beds_total=3))
    assert invalid(response) == {"beds_free": "Er zijn meer vrije bedden dan bedden in totaal."}


def test_an_unknown_field_is_named(client, manager, department):
    response = post(client, make_token(manager, department), a_report(wachttijd=3))
    assert response.status_code == 422 and "wachttijd" in invalid(response)


def test_one_bad_report_in_a_list_stores_none_of_them(client, manager, department):
    good = a_report()
    bad = a_report(offer_kind="consultation", waiting_count=-1)
    response = post(client, make_token(manager, department), [good, bad])
    assert response.status_code == 422
    assert invalid(response) == {"[1].waiting_count": "Vul het aantal wachtenden in als heel getal (0 of meer)."}
    assert not CapacityReport.objects.exists()


def test_the_same_month_and_offer_twice_in_a_list_is_refused(client, manager, department):
    response = post(client, make_token(manager, department), [a_report(), a_report()])
    assert invalid(response) == {"[1].month": "Deze maand en dit aanbod staan ook op rapportage 0."}


def test_a_list_of_valid_reports_is_stored_together(client, manager, department):
    response = post(client, make_token(manager, department), [a_report(), a_report(offer_kind="consultation")])
    assert response.status_code == 201 and response.json()["saved"] == 2
    assert CapacityReport.objects.filter(department=department).count() == 2


def test_a_body_that_is_not_json_gives_400(client, manager, department):
    response = client.post("/api/v1/afdeling/trauma-utrecht/capaciteit", data="{month", content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {make_token(manager, department)}")
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert not CapacityReport.objects.exists()


def test_an_empty_list_gives_422(client, manager, department):
    response = post(client, make_token(manager, department), [])
    assert response.status_code == 422 and invalid(response) == {"body": "De lijst bevat geen rapportages."}


def test_numbers_written_as_dutch_text_are_read_as_the_form_reads_them(client, manager, department):
    assert post(client, make_token(manager, department), a_report(intake_weeks="4,5")).status_code == 201
    assert str(CapacityReport.objects.get().intake_weeks) == "4.5"


# --- what the register shows afterwards -----------------------------------------------------------


def test_a_stored_report_shows_on_the_department_page_and_in_the_api(client, manager, department):
    post(client, make_token(manager, department), a_report(intake_weeks=6.5))
    department.refresh_from_db()
    assert str(department.waiting_intake_weeks) == "6.5"
    page = client.get(reverse("register:department_detail", args=[department.slug])).content.decode()
    assert "6,5 weken" in page
    assert client.get(f"/api/v1/afdelingen/{department.slug}").json()["waiting_times"]["intake_weeks"] == 6.5


def test_a_stored_report_shows_in_the_finder(client, geo):
    department = make_department("Centrum Psychotrauma Utrecht", "centrum-psychotrauma-utrecht")
    manager = staff_of(department, role=Role.DEPARTMENT_MANAGER)
    assert post(client, make_token(manager, department), a_report(intake_weeks=7.5), slug=department.slug).status_code == 201
    hits = client.get("/api/v1/afdelingen?q=psychotrauma").json()["results"]
    assert [hit["waiting_times"]["intake_weeks"] for hit in hits] == [7.5]
    assert "15,5 weken" in client.get("/zoeken/?q=psychotrauma").content.decode()  # the card: intake + treatment


def test_a_reported_pause_pauses_the_offer_in_the_register(client, manager, department):
    post(client, make_token(manager, department), a_report(paused=True))
    assert Offer.objects.get(department=department, kind="treatment").status == Offer.Status.PAUSED
    assert Department.objects.get(pk=department.pk).offers.filter(status="paused").count() == 1
