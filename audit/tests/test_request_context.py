"""Entries made during a request carry the actor, the role and the client address (issue 10, finding 6)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from accounts.testing import login_verified
from audit.middleware import AuditContextMiddleware
from audit.models import AuditEntry
from audit.services import record
from certification.models import Dossier
from certification.tests.factories import DossierFactory, editor_of

pytestmark = pytest.mark.django_db

FIGUREHEAD = {
    "name": "Dr. A. Boegbeeld",
    "discipline": "psychiater",
    "function": "psychiater",
    "fte": "0.9",
    "hours_per_week": "36",
    "clinical_hours_per_week": "20",
    "research_hours_per_week": "8",
    "professor_hours_per_week": "0",
    "phd": "obtained",
    "start_date": "2010-01-01",
    "is_figurehead": "on",
    "figurehead_field": "dwangstoornissen",
}


def test_saving_a_dossier_record_in_the_editor_audits_the_client_address_and_role(client):
    dossier = DossierFactory()
    editor = editor_of(dossier.department)
    login_verified(client, editor)
    url = reverse("certification:new_record", args=[dossier.pk, "staff"]) + "?terug=4"

    response = client.post(url, {**FIGUREHEAD, "version": Dossier.objects.get(pk=dossier.pk).version},
                           REMOTE_ADDR="198.51.100.23")

    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update", object_id=str(dossier.pk)).get()
    assert (entry.actor_id, entry.actor_role, entry.client_ip) == (str(editor.pk), "department_editor", "198.51.100.23")


def test_an_entry_recorded_during_a_request_without_the_request_takes_actor_role_and_address_from_it():
    user = editor_of(DossierFactory().department)
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5")
    request.user = user

    recorded = []

    def view(request):
        recorded.append(record(action="read", object_type="register.department", object_id=1))
        return HttpResponse()

    AuditContextMiddleware(view)(request)
    entry = recorded[0]

    assert (entry.actor_id, entry.actor_role, entry.client_ip) == (str(user.pk), user.role, "203.0.113.5")


def test_an_entry_outside_a_request_has_no_address():
    assert record(action="read").client_ip is None


def test_a_failed_login_is_audited_with_the_client_address_and_the_anonymous_role(client):
    client.post(reverse("accounts:login"), {"username": "nobody@topggz.example", "password": "wrong"},
                REMOTE_ADDR="198.51.100.40")

    entry = AuditEntry.objects.filter(action="login_failed").get()
    assert (entry.actor_id, entry.actor_role, entry.client_ip) == ("", "anonymous", "198.51.100.40")
