"""Demo knowledge for ``make run``: the demo dossiers' records made public, through the dossier's
own service (audited, version-checked), and one publication shared by two departments (as a
network's joint article would be) so the knowledge base shows it once with both names.

Fictional content only; run after ``load_demo_dossiers``."""

from __future__ import annotations

from django.db import transaction

from certification.dossier import services
from certification.dossier.models import Dossier

from .rules import publishing
from .selectors import current_dossier_ids

KIND_SERVICE_NAMES = {
    "innovation": "innovations",
    "study": "studies",
    "publication": "publications",
    "presentation": "presentations",
    "training_place": "training_places",
    "participation": "patient_participation",
}
SHARED_TITLE = "Samen sterker: een netwerk voor hoogspecialistische ggz (fictief)"
SHARED_DOI = "10.5555/topggz.demo.2024.001"


@transaction.atomic
def publish_demo_knowledge(*, actor) -> int:
    """Mark every innovation, study, publication, presentation, training place and participation
    activity of the demo departments' current dossiers public; returns how many records changed."""
    changed = 0
    dossiers = list(Dossier.objects.filter(pk__in=current_dossier_ids()).order_by("department__name"))
    for dossier in dossiers:
        if not dossier.is_editable:
            continue
        version = dossier.version
        for kind, service_kind in KIND_SERVICE_NAMES.items():
            model = getattr(dossier, service_kind).model
            for pk in model.objects.filter(dossier=dossier, public=False).values_list("pk", flat=True):
                saved = services.save_record(
                    user=actor, dossier_id=dossier.pk, expected_version=version, kind=service_kind,
                    values={"public": True}, record_id=pk,
                )
                version = saved.version
                changed += 1
        if not dossier.publications.filter(doi=SHARED_DOI).exists():
            saved = services.save_record(
                user=actor, dossier_id=dossier.pk, expected_version=version, kind="publications",
                values={
                    "type": "article", "title": SHARED_TITLE, "date": "2024-03-15",
                    "authors": [{"name": "Jansen, P.", "unit_author": False}, {"name": "de Vries, M.", "unit_author": False}],
                    "journal": "Tijdschrift voor Psychiatrie", "peer_reviewed": True, "doi": SHARED_DOI,
                    "link": f"https://doi.org/{SHARED_DOI}", "public": True,
                },
            )
            changed += 1
    assert set(KIND_SERVICE_NAMES) == set(publishing.KINDS)
    return changed
