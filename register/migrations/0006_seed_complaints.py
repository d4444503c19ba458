"""Seed the complaints vocabulary from register/data/complaints.csv (update-or-create by term)."""

import uuid

from django.db import migrations


def seed(apps, schema_editor):
    from register import vocabulary

    TargetGroup = apps.get_model("register", "TargetGroup")
    ComplaintTerm = apps.get_model("register", "ComplaintTerm")
    ComplaintLink = apps.get_model("register", "ComplaintLink")
    groups = {group.code: group for group in TargetGroup.objects.all()}
    for term, language, weights in vocabulary.seed_complaints():
        missing = [code for code, _ in weights if code not in groups]
        if missing:
            raise ValueError(f"complaints.csv: {term}: unknown target group {', '.join(missing)}")
        complaint, _ = ComplaintTerm.objects.update_or_create(term=term, defaults={"language": language})
        for code, weight in weights:
            ComplaintLink.objects.update_or_create(
                complaint=complaint, target_group=groups[code], defaults={"weight": weight}
            )
    # Running app processes reload their cached vocabularies when the index stamp changes.
    apps.get_model("register", "SearchIndexState").objects.filter(pk=1).update(stamp=uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [("register", "0005_seed_target_group_specialisations")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
