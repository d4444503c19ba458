"""Test helpers: writing entries at a chosen moment, and playing an attacker with database access."""

from contextlib import contextmanager

from django.db import connection

from audit import services
from audit.models import AuditEntry


@contextmanager
def clock(monkeypatch, moment):
    monkeypatch.setattr(services, "now", lambda: moment)
    yield
    monkeypatch.undo()


def record_some(count, action=AuditEntry.Action.READ):
    return [
        services.record(action=action, object_type="register.department", object_id=number)
        for number in range(1, count + 1)
    ]


def drop_guard_triggers():
    """What an attacker with schema rights would do first (rolled back with the test's transaction)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_auditentry_append_only ON audit_auditentry")
        else:
            cursor.execute("DROP TRIGGER audit_auditentry_no_update")
            cursor.execute("DROP TRIGGER audit_auditentry_no_delete")


def tamper(sql, params=()):
    drop_guard_triggers()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
