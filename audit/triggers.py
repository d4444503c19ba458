"""Database triggers that keep the audit tables append-only, and the sanctioned way round.

Migration 0002 creates the triggers (its SQL is frozen there):

- PostgreSQL: ``audit_auditentry_append_only`` and ``audit_auditanchor_append_only``,
  BEFORE UPDATE OR DELETE, FOR EACH ROW, calling ``audit_refuse_change()``. That
  function lets a DELETE on ``audit_auditentry`` through only while the
  transaction-local setting ``audit.allow_purge`` is ``on``.
- SQLite: ``audit_<table>_no_update`` and ``audit_<table>_no_delete`` that
  ``RAISE(ABORT, ...)``. SQLite has no session settings, so the purge drops the
  entry table's delete trigger and re-creates it (from its stored SQL) inside
  its own transaction; DDL is transactional in SQLite, so a failure restores it.

Both raise an integrity error mentioning "append-only". Neither is a defence
against someone who can alter the schema (they can drop a trigger); that is
what the hash chain and ``audit_verify`` are for, and ``audit_verify`` also
reports missing or disabled triggers. TRUNCATE is not guarded (Django's
``flush`` uses it on PostgreSQL); in production, run the application as a
database role that does not own the tables, so it cannot TRUNCATE, DROP or ALTER.
"""

from contextlib import contextmanager

ENTRY_TABLE = "audit_auditentry"
ANCHOR_TABLE = "audit_auditanchor"

POSTGRESQL_TRIGGERS = {
    ENTRY_TABLE: ["audit_auditentry_append_only"],
    ANCHOR_TABLE: ["audit_auditanchor_append_only"],
}
SQLITE_TRIGGERS = {
    ENTRY_TABLE: ["audit_auditentry_no_update", "audit_auditentry_no_delete"],
    ANCHOR_TABLE: ["audit_auditanchor_no_update", "audit_auditanchor_no_delete"],
}


def expected_triggers(vendor: str) -> list[str]:
    table_map = {"postgresql": POSTGRESQL_TRIGGERS, "sqlite": SQLITE_TRIGGERS}.get(vendor, {})
    return [name for names in table_map.values() for name in names]


def missing_triggers(connection) -> list[str]:
    """Names of the guard triggers that are absent (or, on PostgreSQL, disabled)."""
    expected = expected_triggers(connection.vendor)
    if not expected:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled IN ('O', 'A') "
                "AND tgrelid IN (%s::regclass, %s::regclass)",
                [ENTRY_TABLE, ANCHOR_TABLE],
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in expected if name not in present]


@contextmanager
def deletes_permitted(connection, tables=(ENTRY_TABLE,), require_guard=True):
    """Let DELETE through on ``tables`` for the rest of this block.

    Must run inside ``transaction.atomic()``: on PostgreSQL the permission is a
    transaction-local setting (entry table only); on SQLite the delete triggers
    are dropped and re-created inside the transaction. With ``require_guard``
    a missing trigger is an error: something already tampered with the schema.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("deletes_permitted() must be used inside transaction.atomic().")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('audit.allow_purge', 'on', true)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('audit.allow_purge', 'off', true)")
        return
    if connection.vendor != "sqlite":
        yield
        return
    names = [f"{table}_no_delete" for table in tables]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s)"
            % ", ".join("%s" for _ in names),
            names,
        )
        stored = dict(cursor.fetchall())
        absent = [name for name in names if name not in stored]
        if absent and require_guard:
            raise RuntimeError(f"Append-only trigger missing: {', '.join(absent)}. Refusing to continue.")
        for name in stored:
            cursor.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in stored.values():
                cursor.execute(sql)
