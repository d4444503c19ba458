"""Ship the clearly marked example tool (triage/examples/voorbeeld-hoogspecialistisch.json), published.

The validated TOPGGz Decision Tools are not public; the bureau loads them (Beheer > Vragenlijsten >
JSON importeren). This example is built from the three characteristics of a high-specialist care
need in the strategic plan 2020-2025, and is marked "example" (not validated) wherever it is shown.
Reversible: removing it is allowed only while nothing was scored with it.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils import timezone

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "voorbeeld-hoogspecialistisch.json"


def load_example(apps, schema_editor):
    from triage.rules.tooljson import load_tools

    Tool = apps.get_model("triage", "Tool")
    ToolVersion = apps.get_model("triage", "ToolVersion")
    Item = apps.get_model("triage", "Item")
    TargetGroup = apps.get_model("register", "TargetGroup")
    tools, errors = load_tools(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    if errors:
        raise RuntimeError(f"The example tool is invalid: {errors}")
    for data in tools:
        tool, _created = Tool.objects.get_or_create(code=data.code)
        if ToolVersion.objects.filter(tool=tool).exists():
            continue
        version = ToolVersion.objects.create(
            tool=tool,
            number=1,
            name=data.name,
            status=data.status,
            specialist_cutoff=data.specialist_cutoff,
            high_specialist_cutoff=data.high_specialist_cutoff,
            requires_all_characteristics=data.requires_all_characteristics,
            explanation=data.explanation,
            source=data.source,
            published_at=timezone.now(),
        )
        version.target_groups.set(TargetGroup.objects.filter(code__in=data.target_groups))
        for position, item in enumerate(data.items, start=1):
            Item.objects.create(
                version=version,
                position=position,
                key=item.key,
                question=item.question,
                help_text=item.help_text,
                weight=item.weight,
                characteristic=item.characteristic,
            )


def remove_example(apps, schema_editor):
    Tool = apps.get_model("triage", "Tool")
    ToolVersion = apps.get_model("triage", "ToolVersion")
    Item = apps.get_model("triage", "Item")
    for tool in Tool.objects.filter(code="voorbeeld-hoogspecialistisch"):
        versions = ToolVersion.objects.filter(tool=tool)
        Item.objects.filter(version__in=versions).delete()
        versions.delete()  # refused (ProtectedError) once a result or registration uses it
        tool.delete()


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial")]

    operations = [migrations.RunPython(load_example, remove_example)]
