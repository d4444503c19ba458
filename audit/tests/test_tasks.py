"""The audit log's daily job: the retention purge, run by the scheduler like any other periodic job."""

from datetime import UTC, datetime

import pytest
from django_tasks import TaskResultStatus

from audit.models import AuditAnchor, AuditEntry
from audit.selectors import verify_stored_log
from audit.tasks import purge_expired_audit_entries
from topggz.testing import run_queued_tasks

from .helpers import clock, record_some, tamper

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2005, 3, 1, 12, tzinfo=UTC)
TODAY = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def old_and_new_entries(monkeypatch):
    with clock(monkeypatch, LONG_AGO):
        record_some(3)
    record_some(2)
    monkeypatch.setattr("audit.services.now", lambda: TODAY)


def test_the_daily_job_purges_entries_past_retention_and_the_log_still_verifies(old_and_new_entries):
    purge_expired_audit_entries.enqueue()

    [result] = run_queued_tasks()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["purged_count"] == 3
    assert AuditAnchor.objects.get().purged_up_to_sequence == 3
    assert verify_stored_log().ok


def test_the_daily_job_run_twice_purges_once(old_and_new_entries):
    purge_expired_audit_entries.enqueue()
    purge_expired_audit_entries.enqueue()

    first, second = run_queued_tasks()

    assert (first.return_value["purged_count"], second.return_value["purged_count"]) == (3, 0)
    assert AuditAnchor.objects.count() == 1


def test_the_daily_job_fails_visibly_on_a_broken_log_and_purges_nothing(old_and_new_entries):
    tamper("UPDATE audit_auditentry SET object_id = 'x' WHERE sequence = 2")
    purge_expired_audit_entries.enqueue()

    [result] = run_queued_tasks()

    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == "audit.retention.PurgeRefused"
    assert AuditEntry.objects.count() == 5 and not AuditAnchor.objects.exists()
