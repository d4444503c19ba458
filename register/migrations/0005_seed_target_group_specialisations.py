"""Target groups that certified departments specialise in today: ADHD (also in adults and the elderly)
and severe behaviour problems in youth; "psychosomatiek" becomes a term of the somatic symptom
disorders. Update-or-create by code, as 0002 does; synonyms the bureau added are kept."""

import uuid

from django.db import migrations

NEW_CODES = ("adhd", "gedragsstoornissen")
ADDED_SYNONYMS = {"somatische_symptoomstoornissen": ["psychosomatiek", "psychosomatische klachten", "psychosomatisch"]}


def seed(apps, schema_editor):
    from register import vocabulary

    TargetGroup = apps.get_model("register", "TargetGroup")
    rows = {row[0]: (order, row) for order, row in enumerate(vocabulary.TARGET_GROUPS)}
    for code in NEW_CODES:
        order, (_, nl, en, synonyms, abbreviations) = rows[code]
        TargetGroup.objects.update_or_create(
            code=code,
            defaults={"label_nl": nl, "label_en": en, "synonyms": synonyms, "abbreviations": abbreviations, "order": order},
        )
    for code, added in ADDED_SYNONYMS.items():
        group = TargetGroup.objects.filter(code=code).first()
        if group is not None:
            group.synonyms = [*group.synonyms, *(term for term in added if term not in group.synonyms)]
            group.save(update_fields=["synonyms"])
    # Running app processes reload their cached vocabularies when the index stamp changes.
    apps.get_model("register", "SearchIndexState").objects.filter(pk=1).update(stamp=uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [("register", "0004_complaint_terms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
