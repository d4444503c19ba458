"""API tokens of departments: made by the department's manager, stored hashed, scoped, revocable,
rate limited, and audited on every use; another department's data is refused and audited."""

import re

import pytest

from accounts.roles import Role
from accounts.testing import login_verified
from api import services
from api.models import ApiToken
from api.rules import tokens as rules
from audit.models import AuditEntry
from consultation.tests.builders import referrer, staff_of, submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

PROBLEM = "application/problem+json"


def make_token(manager, department, scopes=("consultation-inbox",)):
    return services.create_token(actor=manager, department=department, name="Ons EPD", scopes=list(scopes))


def inbox(client, token, slug="trauma-utrecht", query=""):
    return client.get(f"/api/v1/afdeling/{slug}/inbox{query}", HTTP_AUTHORIZATION=f"Bearer {token}")


def entries(**filters):
    return AuditEntry.objects.filter(**filters).order_by("sequence")


# --- making, storing, revoking ---------------------------------------------------------------


def test_only_the_hash_of_a_token_is_stored(manager, department):
    row, token = make_token(manager, department)
    assert token not in (row.token_hash, row.prefix)
    assert row.token_hash == rules.token_hash(token)
    assert token.startswith(f"topggz_{row.prefix}_")


def test_an_editor_may_not_make_a_token(department):
    editor = staff_of(department, role=Role.DEPARTMENT_EDITOR)
    with pytest.raises(services.PermissionDenied):
        make_token(editor, department)
    assert entries(object_type="api.token", outcome="denied").exists()


def test_a_manager_may_not_make_a_token_for_another_department(manager, other_department):
    with pytest.raises(services.PermissionDenied):
        make_token(manager, other_department)


def test_making_a_token_is_audited_with_its_scopes(manager, department):
    row, _token = make_token(manager, department)
    entry = entries(object_type="api.token", action="create").last()
    assert entry.object_id == str(row.pk) and entry.detail["scopes"] == ["consultation-inbox"]


def test_an_unknown_scope_is_refused(manager, department):
    with pytest.raises(services.ValidationError):
        make_token(manager, department, scopes=("alles",))


# --- using --------------------------------------------------------------------------------------


def test_a_token_reads_its_departments_inbox_list_without_content(client, manager, department):
    request = submitted(referrer(), department)
    _row, token = make_token(manager, department)
    body = inbox(client, token).json()
    assert [row["reference"] for row in body["results"]] == [request.reference]
    assert "question" not in body["results"][0]
    assert body["section"] == "nieuw"


def test_every_use_is_audited_with_the_requests_it_listed(client, manager, department):
    request = submitted(referrer(), department)
    row, token = make_token(manager, department)
    inbox(client, token)
    inbox(client, token)
    uses = entries(object_type="consultation.request", actor_role="api-token", outcome="success")
    assert uses.count() == 2
    assert uses.last().detail["requests"] == [request.pk]
    assert uses.last().on_behalf_of == f"register.department:{department.pk}"
    assert uses.last().detail["token"] == row.pk


def test_a_use_marks_the_token_as_used(client, manager, department):
    row, token = make_token(manager, department)
    inbox(client, token)
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_a_token_without_the_scope_is_refused_and_audited(client, manager, department):
    _row, token = make_token(manager, department, scopes=("capacity",))
    response = inbox(client, token)
    assert response.status_code == 403
    assert response["Content-Type"].startswith(PROBLEM)
    assert entries(actor_role="api-token", outcome="denied").last().detail["reason"] == "scope"


def test_another_departments_data_is_refused_and_audited(client, manager, department, other_department):
    submitted(referrer(), other_department)
    _row, token = make_token(manager, department)
    response = inbox(client, token, slug="dwang-groningen")
    assert response.status_code == 403
    refusal = entries(actor_role="api-token", outcome="denied").last()
    assert refusal.detail["reason"] == "other-department" and refusal.detail["asked"] == "dwang-groningen"
    assert refusal.on_behalf_of == f"register.department:{department.pk}"


def test_a_revoked_token_no_longer_works_and_the_attempt_is_audited(client, manager, department):
    row, token = make_token(manager, department)
    services.revoke_token(actor=manager, token=row)
    response = inbox(client, token)
    assert response.status_code == 401
    assert response["Content-Type"].startswith(PROBLEM)
    assert entries(object_type="api.token", outcome="denied").last().detail["reason"] == "revoked"


def test_a_forged_token_with_a_real_prefix_is_refused(client, manager, department):
    row, token = make_token(manager, department)
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert inbox(client, forged).status_code == 401


def test_no_token_is_a_401_problem(client, department):
    response = client.get("/api/v1/afdeling/trauma-utrecht/inbox")
    assert response.status_code == 401
    assert response["Content-Type"].startswith(PROBLEM)


def test_a_token_over_its_rate_gets_429(client, manager, department, settings):
    settings.API_TOKEN_RATE = "1/min"
    _row, token = make_token(manager, department)
    assert inbox(client, token).status_code == 200
    assert inbox(client, token).status_code == 429


def test_the_token_paths_allow_no_other_origin(client, manager, department):
    _row, token = make_token(manager, department)
    response = client.get("/api/v1/afdeling/trauma-utrecht/inbox", HTTP_AUTHORIZATION=f"Bearer {token}",
                          HTTP_ORIGIN="https://elders.example")
    assert "Access-Control-Allow-Origin" not in response


# --- the manager's page ----------------------------------------------------------------------------


def test_the_manager_makes_a_token_on_the_page_and_sees_it_once(client, manager, department):
    login_verified(client, manager)
    response = client.post("/api-sleutels/", {"department": department.pk, "name": "Ons EPD",
                                              "scopes": ["consultation-inbox"]})
    assert response.status_code == 200
    row = ApiToken.objects.get()
    shown = re.search(r"topggz_[a-z0-9]{8}_[A-Za-z0-9_-]{43}", response.content.decode()).group(0)
    assert rules.token_hash(shown) == row.token_hash
    assert response["Cache-Control"] == "no-store"
    again = client.get("/api-sleutels/").content.decode()
    assert f"topggz_{row.prefix}_…" in again and shown not in again


def test_a_page_form_without_scopes_says_what_is_missing(client, manager, department):
    login_verified(client, manager)
    response = client.post("/api-sleutels/", {"department": department.pk, "name": "Ons EPD"})
    assert response.status_code == 400
    assert "Kies minstens één bevoegdheid." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_manager_revokes_a_token_on_the_page(client, manager, department):
    row, _token = make_token(manager, department)
    login_verified(client, manager)
    client.post(f"/api-sleutels/{row.pk}/intrekken/")
    row.refresh_from_db()
    assert row.revoked_at is not None and row.revoked_by == manager


def test_a_referrer_gets_no_token_page_and_the_refusal_is_audited(client, department):
    person = referrer()
    client.force_login(person)
    assert client.get("/api-sleutels/").status_code == 404
    assert entries(object_type="api.token", outcome="denied").exists()


def test_another_departments_manager_cannot_revoke_and_is_audited(client, manager, department, other_department):
    row, _token = make_token(manager, department)
    outsider = staff_of(other_department, role=Role.DEPARTMENT_MANAGER)
    login_verified(client, outsider)
    assert client.post(f"/api-sleutels/{row.pk}/intrekken/").status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None
    assert entries(object_type="api.token", outcome="denied", object_id=str(row.pk)).exists()
