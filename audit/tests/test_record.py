"""record() appends entries with gap-free sequence numbers and a chained SHA-256 hash."""

import pytest
from django.test import RequestFactory, override_settings

from accounts.models import User
from audit import chain
from audit.models import AuditEntry
from audit.services import record, record_for_request

pytestmark = pytest.mark.django_db


def test_record_appends_entries_with_consecutive_sequences_and_chained_hashes():
    first = record(action="read", object_type="register.department", object_id=7)
    second = record(action="update", object_type="register.department", object_id=7)

    assert (first.sequence, second.sequence) == (1, 2)
    assert first.previous_hash == chain.GENESIS_HASH
    assert second.previous_hash == first.entry_hash
    assert second.entry_hash == chain.compute_hash(AuditEntry.objects.get(sequence=2))


def test_the_actor_and_client_address_come_from_the_request():
    user = User.objects.create_user("redacteur@topggz.example")
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10")
    request.user = user

    entry = record_for_request(request, action="read", role="department_editor", on_behalf_of="afdeling 12")

    assert (entry.actor_id, entry.actor_email, entry.actor_role) == (str(user.pk), user.email, "department_editor")
    assert (entry.client_ip, entry.on_behalf_of) == ("192.0.2.10", "afdeling 12")


def test_x_forwarded_for_is_ignored_unless_trusted():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert record(action="read", request=request).client_ip == "10.0.0.1"


@override_settings(AUDIT_TRUST_X_FORWARDED_FOR=True)
def test_a_trusted_x_forwarded_for_gives_the_hop_the_proxy_appended():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")

    assert record(action="read", request=request).client_ip == "203.0.113.9"


def test_an_ipv6_address_and_unicode_detail_survive_the_database_round_trip():
    request = RequestFactory().get("/", REMOTE_ADDR="2001:DB8:0:0::1")
    record(action="read", request=request, detail={"zoekterm": "ééntje", "aantal": 3, "lijst": [True, None]})

    stored = AuditEntry.objects.get()

    assert stored.client_ip == "2001:db8::1"
    assert chain.compute_hash(stored) == stored.entry_hash


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError, match="Unknown audit action"):
        record(action="peek")


def test_floating_point_numbers_in_detail_are_refused():
    with pytest.raises(TypeError, match="floating-point"):
        record(action="read", detail={"score": 0.5})


def test_a_long_detail_is_refused():
    with pytest.raises(ValueError, match="too long"):
        record(action="read", detail={"text": "x" * 5000})


def test_deleting_a_user_leaves_their_entries_untouched():
    user = User.objects.create_user("vertrokken@topggz.example")
    entry = record(action="read", actor=user)

    user.delete()

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.actor_email == "vertrokken@topggz.example"
    assert chain.compute_hash(stored) == stored.entry_hash


def test_nul_characters_from_hostile_input_are_stored_replaced_and_the_hash_holds():
    record(action="login_failed", outcome="failure", detail={"attempted_email": "a\x00@b.example"})

    stored = AuditEntry.objects.get()

    assert stored.detail == {"attempted_email": "a\ufffd@b.example"}
    assert chain.compute_hash(stored) == stored.entry_hash
