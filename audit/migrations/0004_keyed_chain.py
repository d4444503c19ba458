"""The key id of a keyed (HMAC-SHA256) entry; null for the unkeyed format-1 entries written before.

A nullable column without default is an ALTER TABLE ADD COLUMN on SQLite as on
PostgreSQL; a table rebuild would drop the append-only triggers of 0002.
Existing rows are not touched (they could not be: the triggers refuse UPDATE).

On SQLite, any migration that rebuilds an audit table (adding or removing a
constraint, such as new ``Action`` choices in the action check constraint,
does) silently drops that table's triggers; this migration re-creates any that
are missing (``IF NOT EXISTS``, same SQL as 0002), so run it after such a
migration, and do the same in any later one that rebuilds the tables.
"""

from django.db import migrations, models

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS audit_{table}_no_{operation} BEFORE {operation.upper()} ON audit_{table} "
    f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: {operation.upper()} on audit_{table} refused'); END"
    for table in ("auditentry", "auditanchor")
    for operation in ("update", "delete")
]


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in SQLITE_TRIGGERS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_login_steps"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="hash_key_id",
            field=models.CharField(blank=True, editable=False, max_length=32, null=True, verbose_name="sleutel-id"),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
