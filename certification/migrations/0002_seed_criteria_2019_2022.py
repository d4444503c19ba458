"""Seed the TOPGGz criteria 2019-2022 (all 14 criteria, their sub-items and norms).

The data is ``data/criteria_2019_2022.json``, frozen with this migration
(texts from the criteria document, seed 002). Update-or-create by code and
number, so re-running is safe; reversing removes the set.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "criteria_2019_2022.json"


def seed(apps, schema_editor):
    CriteriaSet = apps.get_model("certification", "CriteriaSet")
    Criterion = apps.get_model("certification", "Criterion")
    SubItem = apps.get_model("certification", "SubItem")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    general = data["general"]
    criteria_set, _ = CriteriaSet.objects.update_or_create(
        code=data["code"],
        defaults={
            "title": data["title"],
            "in_force_from": data["in_force_from"],
            "in_force_until": data["in_force_until"],
            "published": True,
            "general_text": general["text"],
            "general_norms": general["norms"],
            "general_evidence": general["required_evidence"],
            "general_review_points": general["review_points"],
        },
    )
    for c in data["criteria"]:
        criterion, _ = Criterion.objects.update_or_create(
            criteria_set=criteria_set,
            number=c["number"],
            defaults={
                "title": c["title"],
                "text": c["text"],
                "evidence_text": c["evidence_text"],
                "required_evidence": c["required_evidence"],
                "norms": c["norms"],
                "review_points": c["review_points"],
            },
        )
        for item in c["sub_items"]:
            SubItem.objects.update_or_create(
                criterion=criterion,
                letter=item["code"].removeprefix(str(c["number"])),
                defaults={"text": item["text"], "required_evidence": item["required_evidence"]},
            )


def unseed(apps, schema_editor):
    CriteriaSet = apps.get_model("certification", "CriteriaSet")
    CriteriaSet.objects.filter(code=json.loads(DATA.read_text(encoding="utf-8"))["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
