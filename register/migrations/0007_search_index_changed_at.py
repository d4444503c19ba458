"""The index stamp gets the time it changed: the register's "last modified" for the open data (api).

An existing stamp is dated at the migration: its real time is unknown, and a later date only makes
clients fetch once more.
"""

from django.db import migrations, models
from django.utils import timezone


def date_existing_stamp(apps, schema_editor):
    apps.get_model("register", "SearchIndexState").objects.filter(changed_at__isnull=True).update(
        changed_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0006_seed_complaints"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchindexstate",
            name="changed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(date_existing_stamp, migrations.RunPython.noop),
    ]
