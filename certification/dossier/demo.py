"""Demo dossiers for ``make run``: the example files imported for the demo staff's departments.

Fictional content only. The first department gets the example that meets
every criterion, the second the example whose figurehead has left; the demo
committee member and secretary are assigned to the first.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from certification.dossier import services
from .models import CommitteeAssignment, Dossier

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DEMO_FILES = ("voldoet-aan-alle-criteria.json", "boegbeeld-vertrokken.json")


def _example(name: str) -> dict:
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    data["department"].pop("register_slug", None)  # imported into a demo department instead
    return data


@transaction.atomic
def create_demo_dossiers(*, actor, departments, committee=()) -> list[Dossier]:
    """Import the examples for ``departments`` (skipping dossiers that exist) and assign ``committee`` to the first."""
    made = []
    for department, name in zip(departments, DEMO_FILES):
        data = _example(name)
        dossier = Dossier.objects.filter(department=department, visitation_date=data["visitation_date"]).first()
        if dossier is None:
            data["department"]["name"] = department.name
            dossier = services.import_dossier_json(user=actor, data=data, department=department, file_name=name)
        made.append(dossier)
    if made:
        for member in committee:
            if not CommitteeAssignment.objects.filter(dossier=made[0], user=member).exists():
                role = "secretary" if member.role == "committee_secretary" else "member"
                services.assign_committee_member(user=actor, dossier_id=made[0].pk, member=member, role=role)
    return made
