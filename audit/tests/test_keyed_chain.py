"""The chain is keyed with a secret outside the database, with key ids for rotation (issue 10, finding 5)."""

import hashlib
import hmac
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from audit import chain
from audit.keys import DEVELOPMENT_SECRET, parse_key_list
from audit.models import AuditEntry
from audit.selectors import verify_stored_log

from .helpers import drop_guard_triggers, record_some

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
K1 = ("k1", "first-secret-of-at-least-32-characters-long")
K2 = ("k2", "second-secret-of-at-least-32-characters-long")


def rewrite_from(sequence, change, *, keys=None, key_id=None):
    """What someone with write access to the database does: alter a row, then recompute every later hash."""
    drop_guard_triggers()
    entries = list(AuditEntry.objects.filter(sequence__gte=sequence).order_by("sequence"))
    previous = AuditEntry.objects.filter(sequence=sequence - 1).values_list("entry_hash", flat=True).first()
    previous = previous or chain.GENESIS_HASH
    change(entries[0])
    with connection.cursor() as cursor:
        for entry in entries:
            entry.previous_hash = previous
            entry.hash_key_id = key_id
            entry.entry_hash = chain.compute_hash(entry, keys or {})
            cursor.execute(
                "UPDATE audit_auditentry SET object_id = %s, previous_hash = %s, entry_hash = %s, hash_key_id = %s "
                "WHERE sequence = %s",
                [entry.object_id, entry.previous_hash, entry.entry_hash, entry.hash_key_id, entry.sequence],
            )
            previous = entry.entry_hash


def alter_object(entry):
    entry.object_id = "999"


@override_settings(AUDIT_HMAC_KEYS=[K1, K2])
def test_new_entries_are_signed_with_the_first_configured_key_and_name_it():
    entry = record_some(1)[0]

    stored = AuditEntry.objects.get(sequence=entry.sequence)
    payload = chain.canonical_json(chain.hash_payload(stored)).encode()
    assert stored.hash_key_id == "k1"
    assert stored.entry_hash == hmac.new(K1[1].encode(), payload, hashlib.sha256).hexdigest()


def test_an_altered_row_with_every_later_hash_recomputed_by_the_public_algorithm_fails_verification():
    record_some(5)

    rewrite_from(3, alter_object)  # plain SHA-256, as anyone can compute it

    result = verify_stored_log()
    assert (result.ok, result.first_broken_sequence) == (False, 3)


def test_an_altered_row_rehashed_with_a_guessed_key_fails_verification():
    record_some(5)
    key_id = AuditEntry.objects.get(sequence=3).hash_key_id

    rewrite_from(3, alter_object, keys={key_id: b"a guess at the secret"}, key_id=key_id)

    result = verify_stored_log()
    assert (result.ok, result.first_broken_sequence) == (False, 3)
    assert "hash mismatch" in result.reason


def test_an_altered_row_rehashed_with_the_key_verifies_on_its_own():
    """The limit of keying: whoever holds the key can rewrite; only an exported head catches that."""
    record_some(5)
    key_id = AuditEntry.objects.get(sequence=3).hash_key_id

    from audit.keys import key_ring

    rewrite_from(3, alter_object, keys=key_ring()[1], key_id=key_id)

    assert verify_stored_log().ok


def insert_unkeyed(count):
    """Entries as the unkeyed format 1 wrote them before this change."""
    from audit import services

    previous = AuditEntry.objects.order_by("-sequence").values_list("entry_hash", flat=True).first()
    previous = previous or chain.GENESIS_HASH
    start = AuditEntry.objects.count()
    for number in range(start + 1, start + count + 1):
        entry = AuditEntry(
            sequence=number, timestamp=services.now(), action="read", outcome="success", previous_hash=previous
        )
        entry.entry_hash = previous = chain.compute_hash(entry)
        entry.save()


def test_entries_of_format_1_from_before_keying_still_verify_and_the_chain_continues_keyed():
    insert_unkeyed(3)
    record_some(2)

    result = verify_stored_log()

    assert (result.ok, result.checked, result.unkeyed, result.last_unkeyed_sequence) == (True, 5, 3, 3)
    assert AuditEntry.objects.get(sequence=4).previous_hash == AuditEntry.objects.get(sequence=3).entry_hash


def test_an_unkeyed_entry_after_a_keyed_one_is_a_downgrade():
    record_some(2)
    insert_unkeyed(1)

    result = verify_stored_log()

    assert (result.ok, result.first_broken_sequence) == (False, 3)
    assert "downgraded" in result.reason


def test_unkeyed_entries_beyond_audit_unkeyed_up_to_fail(settings):
    insert_unkeyed(3)
    settings.AUDIT_UNKEYED_UP_TO = 2

    result = verify_stored_log()

    assert (result.ok, result.first_broken_sequence) == (False, 3)


def test_after_a_key_rotation_old_and_new_entries_verify(settings):
    settings.AUDIT_HMAC_KEYS = [K1]
    record_some(2)
    settings.AUDIT_HMAC_KEYS = [K2, K1]
    record_some(2)

    assert verify_stored_log().ok
    assert list(AuditEntry.objects.order_by("sequence").values_list("hash_key_id", flat=True)) == [
        "k1",
        "k1",
        "k2",
        "k2",
    ]


def test_an_entry_signed_with_a_key_no_longer_configured_fails_with_its_key_id(settings):
    settings.AUDIT_HMAC_KEYS = [K1]
    record_some(1)
    settings.AUDIT_HMAC_KEYS = [K2]

    result = verify_stored_log()

    assert (result.ok, result.first_broken_sequence) == (False, 1)
    assert "unknown key id 'k1'" in result.reason


def test_the_development_key_is_used_only_with_debug_on():
    assert parse_key_list("", development=True)[0][1] == DEVELOPMENT_SECRET
    with pytest.raises(ImproperlyConfigured, match="AUDIT_HMAC_KEYS must be set"):
        parse_key_list("", development=False)
    with pytest.raises(ImproperlyConfigured, match="development key"):
        parse_key_list(f"dev:{DEVELOPMENT_SECRET}", development=False)


@pytest.mark.parametrize(
    "value,message",
    [
        ("k1:short", "shorter than 32"),
        ("no-separator", "key-id:secret"),
        ("bad id:" + "x" * 40, "key-id:secret"),
        (f"k1:{'x' * 40},k1:{'y' * 40}", "appears twice"),
    ],
)
def test_a_malformed_key_list_is_refused_at_start_up(value, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_key_list(value, development=False)


def test_a_key_list_keeps_its_order_so_the_first_key_signs():
    keys = parse_key_list(f" k2 : {'b' * 40} , k1:{'a' * 40}", development=False)

    assert [key_id for key_id, _secret in keys] == ["k2", "k1"]


def test_production_refuses_to_start_without_audit_keys():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "AUDIT_HMAC_KEYS"}}
    env.update(DEBUG="false", SECRET_KEY="x7#kP2$vQ9!mZ4@wL8^nB3&rT6*yH1%cF5(jD0)gS2-aE7+uM4=", ALLOWED_HOSTS="t.example")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode != 0
    assert "AUDIT_HMAC_KEYS must be set" in result.stderr
