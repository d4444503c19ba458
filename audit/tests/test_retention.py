"""audit_purge removes entries past retention only by re-anchoring; the chain still verifies."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from audit.models import AuditAnchor, AuditEntry
from audit.selectors import verify_stored_log
from audit.services import record

from .helpers import clock, record_some, tamper

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2005, 3, 1, 12, tzinfo=UTC)
RECENTLY = datetime(2026, 1, 10, 12, tzinfo=UTC)
TODAY = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def old_and_new_entries(monkeypatch):
    with clock(monkeypatch, LONG_AGO):
        record_some(3)
    with clock(monkeypatch, RECENTLY):
        record_some(2)
    monkeypatch.setattr("audit.services.now", lambda: TODAY)


def purge(*args):
    out = StringIO()
    call_command("audit_purge", *args, stdout=out)
    return out.getvalue()


def test_purge_removes_entries_past_retention_and_the_log_still_verifies(old_and_new_entries):
    output = purge()

    assert "Purged 3 entries up to sequence 3" in output
    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == [4, 5, 6]
    assert verify_stored_log().ok


def test_purge_stores_an_anchor_with_the_hash_of_the_last_purged_entry(old_and_new_entries):
    third_hash = AuditEntry.objects.get(sequence=3).entry_hash

    purge()

    anchor = AuditAnchor.objects.get()
    assert (anchor.purged_up_to_sequence, anchor.last_purged_hash, anchor.purged_count) == (3, third_hash, 3)
    assert AuditEntry.objects.get(sequence=4).previous_hash == third_hash


def test_purge_appends_a_purge_entry_that_attests_the_anchor(old_and_new_entries):
    purge()

    last = AuditEntry.objects.order_by("-sequence").first()
    assert last.action == "purge"
    assert last.detail["purged_up_to_sequence"] == 3


def test_the_purging_actor_is_found_however_the_address_is_typed(old_and_new_entries):
    from accounts.tests.factories import UserFactory

    bureau = UserFactory(email="bureau@topggz.example")
    purge("--actor", " Bureau@TOPGGZ.example ")

    assert AuditAnchor.objects.get().actor_id == str(bureau.pk)


def test_a_dry_run_changes_nothing(old_and_new_entries):
    output = purge("--dry-run")

    assert "would purge 3 entries" in output
    assert AuditEntry.objects.count() == 5
    assert not AuditAnchor.objects.exists()


def test_before_later_than_the_retention_cutoff_is_refused(old_and_new_entries):
    with pytest.raises(CommandError, match="retention period"):
        purge("--before", "2026-01-01")

    assert AuditEntry.objects.count() == 5


def test_before_can_narrow_the_purge(old_and_new_entries):
    assert "Nothing to purge" in purge("--before", "2001-01-01")


def test_a_broken_log_is_never_purged(old_and_new_entries):
    tamper("UPDATE audit_auditentry SET object_id = '99' WHERE sequence = 2")

    with pytest.raises(CommandError, match="broken at sequence 2"):
        purge()


def test_the_delete_guard_is_back_after_a_purge(old_and_new_entries):
    purge()

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")


def test_after_purging_everything_the_next_entry_links_to_the_anchor(monkeypatch):
    with clock(monkeypatch, LONG_AGO):
        record_some(2)
    monkeypatch.setattr("audit.services.now", lambda: TODAY)

    purge()
    entry = record(action="read")

    assert entry.sequence == 4  # 1-2 purged, 3 is the purge entry
    assert verify_stored_log().ok


def test_a_forged_anchor_hiding_removed_entries_fails_verification(old_and_new_entries):
    second_hash = AuditEntry.objects.get(sequence=2).entry_hash
    tamper("DELETE FROM audit_auditentry WHERE sequence <= 2")
    AuditAnchor.objects.create(
        created_at=TODAY, cutoff=TODAY, purged_up_to_sequence=2, last_purged_hash=second_hash, purged_count=2
    )

    result = verify_stored_log()

    assert not result.ok
    assert "not attested" in result.reason
