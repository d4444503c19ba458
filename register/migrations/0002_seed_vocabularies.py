from django.db import migrations


def seed(apps, schema_editor):
    from register import vocabulary

    TargetGroup = apps.get_model("register", "TargetGroup")
    AgeGroup = apps.get_model("register", "AgeGroup")
    CareFunction = apps.get_model("register", "CareFunction")
    ExclusionCriterion = apps.get_model("register", "ExclusionCriterion")

    for order, (code, nl, en, synonyms, abbreviations) in enumerate(vocabulary.TARGET_GROUPS):
        TargetGroup.objects.update_or_create(
            code=code,
            defaults={"label_nl": nl, "label_en": en, "synonyms": synonyms, "abbreviations": abbreviations, "order": order},
        )
    for order, (code, nl, en, min_age, max_age) in enumerate(vocabulary.AGE_GROUPS):
        AgeGroup.objects.update_or_create(
            code=code, defaults={"label_nl": nl, "label_en": en, "min_age": min_age, "max_age": max_age, "order": order}
        )
    for order, (code, nl, en) in enumerate(vocabulary.CARE_FUNCTIONS):
        CareFunction.objects.update_or_create(code=code, defaults={"label_nl": nl, "label_en": en, "order": order})
    for order, (code, nl, en, description) in enumerate(vocabulary.EXCLUSION_CRITERIA):
        ExclusionCriterion.objects.update_or_create(
            code=code, defaults={"label_nl": nl, "label_en": en, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
