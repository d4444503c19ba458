"""The key id of a keyed (HMAC-SHA256) entry; null for the unkeyed format-1 entries written before.

A nullable column without default is an ALTER TABLE ADD COLUMN on SQLite as on
PostgreSQL; a table rebuild would drop the append-only triggers of 0002.
Existing rows are not touched (they could not be: the triggers refuse UPDATE).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="hash_key_id",
            field=models.CharField(blank=True, editable=False, max_length=32, null=True, verbose_name="sleutel-id"),
        ),
    ]
