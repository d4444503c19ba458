"""Nothing changes or removes a stored entry: not the model, not the queryset, not raw SQL."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from audit.models import AppendOnlyError, AuditAnchor, AuditEntry
from audit.services import record

pytestmark = pytest.mark.django_db


def test_saving_a_stored_entry_again_raises():
    entry = record(action="read")
    entry.action = "delete"

    with pytest.raises(AppendOnlyError, match="append-only"):
        entry.save()


def test_queryset_update_raises():
    record(action="read")

    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="delete")


def test_queryset_delete_raises():
    record(action="read")

    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_base_manager_is_append_only_too():
    record(action="read")

    with pytest.raises(AppendOnlyError):
        AuditEntry._base_manager.update(action="delete")


def test_deleting_an_entry_instance_raises():
    entry = record(action="read")

    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_a_raw_sql_update_is_refused_by_the_database_trigger():
    record(action="read")

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'delete'")

    assert AuditEntry.objects.get().action == "read"


def test_a_raw_sql_delete_is_refused_by_the_database_trigger():
    record(action="read")

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")

    assert AuditEntry.objects.count() == 1


def test_a_raw_sql_delete_of_an_anchor_is_refused_by_the_database_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditanchor (created_at, cutoff, purged_up_to_sequence, last_purged_hash, "
            "purged_count, actor_id, actor_email) VALUES (%s, %s, 1, %s, 1, '', '')",
            ["2020-01-01 00:00:00+00:00", "2020-01-01 00:00:00+00:00", "a" * 64],
        )

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditanchor")

    assert AuditAnchor.objects.count() == 1


def test_flush_empties_the_audit_tables_and_keeps_the_guards():
    record(action="read")

    call_command("flush", interactive=False, verbosity=0)

    assert AuditEntry.objects.count() == 0
    record(action="read")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_with_audit_entries_tears_down_cleanly():
    """Teardown flushes the database; on SQLite that needs the flush override."""
    record(action="login")

    assert AuditEntry.objects.count() == 1
