"""New audit actions for the steps of a log-in with a second factor (accounts).

The action check constraint lists every action, so it is replaced. On SQLite
that rebuilds the audit table, which drops the append-only triggers of
migration 0002; they are put back at the end (the SQL is frozen here too).
PostgreSQL alters the table in place and keeps its triggers.
"""

from django.db import migrations, models

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS audit_{table}_no_{operation} BEFORE {operation.upper()} ON audit_{table} "
    f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: {operation.upper()} on audit_{table} refused'); END"
    for table in ("auditentry", "auditanchor")
    for operation in ("update", "delete")
]


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_append_only_triggers'),
    ]

    operations = [
        # Unapplying rebuilds the table again; this puts the triggers back last.
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_triggers),
        migrations.RemoveConstraint(
            model_name='auditentry',
            name='audit_entry_action_valid',
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='action',
            field=models.CharField(choices=[('login', 'Inloggen'), ('login_failed', 'Mislukte inlogpoging'), ('logout', 'Uitloggen'), ('lockout', 'Account geblokkeerd'), ('password_accepted', 'Wachtwoord geaccepteerd (eerste stap)'), ('second_factor_failed', 'Verkeerde code (tweede stap)'), ('second_factor_lockout', 'Tweede stap geblokkeerd'), ('second_factor_unlock', 'Blokkade tweede stap opgeheven'), ('permission_change', 'Rechtenwijziging'), ('read', 'Inzage'), ('create', 'Aanmaken'), ('update', 'Wijzigen'), ('delete', 'Verwijderen'), ('export', 'Export'), ('import', 'Import'), ('verify', 'Controle van de auditlog'), ('purge', 'Opschoning na bewaartermijn')], max_length=32, verbose_name='handeling'),
        ),
        migrations.AddConstraint(
            model_name='auditentry',
            constraint=models.CheckConstraint(condition=models.Q(('action__in', ['login', 'login_failed', 'logout', 'lockout', 'password_accepted', 'second_factor_failed', 'second_factor_lockout', 'second_factor_unlock', 'permission_change', 'read', 'create', 'update', 'delete', 'export', 'import', 'verify', 'purge'])), name='audit_entry_action_valid'),
        ),
        migrations.RunPython(restore_sqlite_triggers, restore_sqlite_triggers),
    ]
