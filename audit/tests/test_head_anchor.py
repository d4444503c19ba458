"""The head exported outside the database catches an emptied, cut-off or rewritten log (issue 10, finding 5)."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from audit.keys import key_ring
from audit.models import AuditAnchor, AuditEntry
from audit.selectors import verify_stored_log

from .helpers import clock, record_some, tamper
from .test_keyed_chain import alter_object, rewrite_from

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def exported_head():
    return run("audit_head", "--no-record").strip()


def test_audit_head_prints_the_last_sequence_and_hash():
    entries = record_some(3)

    assert exported_head() == f"3:{entries[-1].entry_hash}"


def test_audit_head_writes_the_head_as_json(tmp_path):
    entries = record_some(2)
    path = tmp_path / "head.json"

    run("audit_head", "--no-record", "--json", str(path))

    data = json.loads(path.read_text())
    assert (data["sequence"], data["hash"], data["key_id"]) == (2, entries[-1].entry_hash, key_ring()[0])


def test_audit_head_refuses_to_export_the_head_of_a_broken_log():
    record_some(3)
    tamper("UPDATE audit_auditentry SET object_id = '9' WHERE sequence = 2")

    with pytest.raises(CommandError, match="broken at sequence 2"):
        run("audit_head")


def test_audit_head_records_the_export_after_the_head_it_exports():
    record_some(2)

    head = run("audit_head")

    assert head.startswith("2:")
    assert AuditEntry.objects.order_by("-sequence").first().detail["head_sequence"] == 2


def test_a_log_that_still_reaches_the_exported_head_verifies():
    record_some(3)
    head = exported_head()
    record_some(2)

    assert "Audit-log intact: 5 entries checked" in run("audit_verify", "--no-record", "--expect-head", head)


def test_an_emptied_log_fails_against_the_exported_head():
    record_some(3)
    head = exported_head()
    tamper("DELETE FROM audit_auditentry")

    assert verify_stored_log().ok  # on its own an empty log looks intact
    with pytest.raises(CommandError, match="log truncated") as failure:
        run("audit_verify", "--no-record", "--expect-head", head)
    assert failure.value.returncode == 1


def test_a_log_cut_off_before_the_exported_head_fails():
    record_some(5)
    head = exported_head()
    tamper("DELETE FROM audit_auditentry WHERE sequence >= 4")

    with pytest.raises(CommandError, match="ends at sequence 3"):
        run("audit_verify", "--no-record", "--expect-head", head)


def test_a_log_rewritten_with_the_key_fails_against_a_head_exported_before():
    record_some(5)
    head = exported_head()
    key_id = AuditEntry.objects.get(sequence=3).hash_key_id
    rewrite_from(3, alter_object, keys=key_ring()[1], key_id=key_id)

    with pytest.raises(CommandError, match="does not have the exported hash"):
        run("audit_verify", "--no-record", "--expect-head", head)


def test_the_exported_head_can_be_given_as_the_json_file(tmp_path):
    record_some(3)
    path = tmp_path / "head.json"
    run("audit_head", "--no-record", "--json", str(path))
    tamper("DELETE FROM audit_auditentry WHERE sequence = 3")

    with pytest.raises(CommandError, match="log truncated"):
        run("audit_verify", "--no-record", "--expect-head-file", str(path))


def test_a_malformed_expected_head_is_refused():
    with pytest.raises(CommandError, match="SEQUENCE:HASH"):
        run("audit_verify", "--no-record", "--expect-head", "3:abc")


LONG_AGO = datetime(2005, 3, 1, 12, tzinfo=UTC)
TODAY = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def purged_log(monkeypatch):
    with clock(monkeypatch, LONG_AGO):
        record_some(3)
    monkeypatch.setattr("audit.services.now", lambda: TODAY)
    record_some(2)
    head = exported_head()
    run("audit_purge")
    return head


def test_a_head_exported_before_a_purge_still_verifies_after_it(purged_log):
    assert "Audit-log intact" in run("audit_verify", "--no-record", "--expect-head", purged_log)


def test_a_log_emptied_after_a_purge_fails_even_without_an_exported_head(purged_log):
    tamper("DELETE FROM audit_auditentry")

    result = verify_stored_log()

    assert not result.ok
    assert "log truncated: no entries after the anchor at sequence 3" in result.reason


def test_an_anchor_whose_count_does_not_match_the_sequences_it_covers_fails(purged_log):
    AuditAnchor.objects.create(
        created_at=TODAY, cutoff=TODAY, purged_up_to_sequence=2, last_purged_hash="0" * 64, purged_count=5
    )

    result = verify_stored_log()

    assert not result.ok
    assert "says 5 entries were purged, but it covers 2" in result.reason
