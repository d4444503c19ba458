"""audit_verify streams the stored log and names the first broken entry with exit code 1."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry

from .helpers import drop_guard_triggers, record_some, tamper

pytestmark = pytest.mark.django_db


def run_verify(*args):
    out = StringIO()
    call_command("audit_verify", *args, stdout=out)
    return out.getvalue()


def test_audit_verify_reports_an_intact_log():
    record_some(5)

    assert "Audit-log intact: 5 entries checked" in run_verify("--chunk-size", "2")


def test_audit_verify_exits_1_naming_an_entry_altered_in_the_database():
    record_some(5)
    tamper("UPDATE audit_auditentry SET action = 'delete' WHERE sequence = 3")

    with pytest.raises(CommandError) as failure:
        run_verify()

    assert failure.value.returncode == 1
    assert "sequence 3" in str(failure.value)
    assert "hash mismatch" in str(failure.value)


def test_audit_verify_detects_a_removed_middle_entry():
    record_some(5)
    tamper("DELETE FROM audit_auditentry WHERE sequence = 3")

    with pytest.raises(CommandError) as failure:
        run_verify()

    assert "sequence 4" in str(failure.value)
    assert "sequence gap: expected 3, found 4" in str(failure.value)


def test_audit_verify_reports_a_dropped_guard_trigger():
    record_some(2)
    drop_guard_triggers()

    with pytest.raises(CommandError, match="trigger missing"):
        run_verify()


def test_audit_verify_records_its_own_run():
    record_some(2)

    run_verify()

    assert AuditEntry.objects.order_by("-sequence").first().action == "verify"


def test_audit_verify_can_run_without_recording():
    record_some(2)

    run_verify("--no-record")

    assert AuditEntry.objects.count() == 2
