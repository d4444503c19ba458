"""The audit admin is read-only for everyone and visible to bureau admins only; exports are audited."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from accounts.testing import login_verified
from audit.admin import AuditEntryAdmin
from audit.models import AuditEntry
from audit.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return User.objects.create_superuser("beheerder@topggz.example", "Een-lang-wachtwoord-1")


@pytest.fixture
def bureau_admin():
    user = User.objects.create_user("bureau@topggz.example", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_auditentry", content_type__app_label="audit"))
    return user


def test_a_superuser_has_no_add_change_or_delete_permission(superuser):
    from django.contrib import admin

    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = AuditEntryAdmin(AuditEntry, admin.site)
    entry = record(action="read")

    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert model_admin.get_actions(request) == {}


def test_the_add_page_is_refused_even_to_a_superuser(client, superuser):
    login_verified(client, superuser)

    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403


def test_a_staff_user_without_the_audit_permission_gets_403_on_the_changelist(client):
    login_verified(client, User.objects.create_user("redacteur@topggz.example", is_staff=True))

    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 403


def test_a_bureau_admin_can_search_the_changelist(client, bureau_admin):
    record(action="read", object_type="register.department", object_id="42")
    login_verified(client, bureau_admin)

    page = client.get(reverse("admin:audit_auditentry_changelist"), {"q": "register.department"})

    assert page.status_code == 200
    assert [entry.object_id for entry in page.context["cl"].result_list] == ["42"]


def test_the_detail_page_is_read_only(client, bureau_admin):
    entry = record(action="read", detail={"reden": "controle"})
    login_verified(client, bureau_admin)

    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert b"controle" in page.content


def test_export_writes_the_filtered_rows_as_csv_and_an_export_entry(client, bureau_admin):
    record(action="read", object_type="register.department", object_id="1")
    record(action="update", object_type="register.department", object_id="1")
    login_verified(client, bureau_admin)

    response = client.get(reverse("admin:audit_auditentry_export"), {"action__exact": "read"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["sequence"], row["action"]) for row in rows] == [("1", "read")]
    export = AuditEntry.objects.get(action="export")
    assert (export.actor_email, export.detail["rows"]) == (bureau_admin.email, 1)


def test_export_is_refused_to_a_staff_user_without_the_audit_permission(client):
    login_verified(client, User.objects.create_user("redacteur@topggz.example", is_staff=True))

    assert client.get(reverse("admin:audit_auditentry_export")).status_code == 403
    assert not AuditEntry.objects.filter(action="export").exists()
