"""Database triggers that refuse UPDATE and DELETE on the audit tables.

The SQL is frozen here on purpose; ``audit.triggers`` documents the design and
holds the runtime helpers (presence check, the purge's way round). On
PostgreSQL a DELETE on the entry table passes only while the transaction-local
setting ``audit.allow_purge`` is 'on' (the retention purge). On SQLite the
purge drops and re-creates the delete trigger inside its transaction. Other
database vendors get no triggers (only PostgreSQL and SQLite are supported).
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_auditentry'
           AND coalesce(current_setting('audit.allow_purge', true), '') = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()
    """,
    """
    CREATE TRIGGER audit_auditanchor_append_only BEFORE UPDATE OR DELETE ON audit_auditanchor
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()
    """,
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_auditanchor_append_only ON audit_auditanchor",
    "DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_refuse_change()",
]

SQLITE_FORWARD = [
    f"CREATE TRIGGER audit_{table}_no_{operation} BEFORE {operation.upper()} ON audit_{table} "
    f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: {operation.upper()} on audit_{table} refused'); END"
    for table in ("auditentry", "auditanchor")
    for operation in ("update", "delete")
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS audit_{table}_no_{operation}"
    for table in ("auditentry", "auditanchor")
    for operation in ("update", "delete")
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
