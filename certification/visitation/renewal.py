"""Re-certification: twelve months before a certificate expires the department is invited (a renewal
procedure is opened for it), and its manager starts the next dossier pre-filled from the previous cycle."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import Action, Outcome
from audit.services import record
from certification.dossier import services as dossier_services
from certification.dossier.models import Dossier

from . import procedure as p
from . import rules
from .models import Certificate, Procedure
from .procedure_services import OBJECT_TYPE, actor_roles

RUNNING = [s for s in Procedure.State.values if s not in p.FINAL and s != Procedure.State.REFUSED]


def invite_due(*, today: date | None = None) -> list[Procedure]:
    """Open a renewal procedure for every valid certificate whose invitation day has come (idempotent)."""
    today = today or timezone.localdate()
    invited = []
    for certificate in Certificate.objects.prefetch_related("events"):
        if certificate.state_on(today) != rules.VALID or today < p.invitation_date(certificate.valid_until):
            continue
        with transaction.atomic():
            if Procedure.objects.filter(
                department_id=certificate.department_id, kind=Procedure.Kind.RENEWAL, applied_on__gte=certificate.valid_from
            ).exists():
                continue
            previous = Dossier.objects.filter(department_id=certificate.department_id).order_by("-visitation_date").first()
            procedure = Procedure.objects.create(
                department_id=certificate.department_id, kind=Procedure.Kind.RENEWAL, applied_on=today, dossier=None
            )
            record(action=Action.CREATE, object_type=OBJECT_TYPE, object_id=str(procedure.pk),
                   on_behalf_of=str(certificate.department_id),
                   detail={"invitation": certificate.number, "previous_dossier": previous.pk if previous else None})
            invited.append(procedure)
    return invited


def start_next_dossier(*, user, procedure_id: int, visitation_date: date) -> Dossier:
    """A new draft dossier for the renewal, pre-filled from the department's previous dossier (or empty)."""
    procedure = Procedure.objects.get(pk=procedure_id)
    if not actor_roles(user, procedure) & {p.MANAGER, p.BUREAU}:
        record(action=Action.CREATE, actor=user, object_type=OBJECT_TYPE, object_id=str(procedure.pk),
               on_behalf_of=str(procedure.department_id), outcome=Outcome.DENIED, detail={"step": "start_next_dossier"})
        raise PermissionDenied
    if procedure.kind != Procedure.Kind.RENEWAL or procedure.dossier_id is not None:
        raise ValidationError("Deze procedure heeft al een dossier of is geen hervisitatie.")
    previous = (
        Dossier.objects.filter(department_id=procedure.department_id).exclude(visitation_date=visitation_date)
        .order_by("-visitation_date").first()
    )
    with transaction.atomic():
        if previous is None:
            dossier = dossier_services.create_dossier(
                user=user, department=procedure.department, visitation_date=visitation_date
            )
        else:
            data = dossier_services.export_dossier_json(user=user, dossier_id=previous.pk)
            data["visitation_date"] = visitation_date.isoformat()
            data.pop("criteria_set", None)  # the set in force on the new date
            dossier = dossier_services.import_dossier_json(
                user=user, data=data, department=procedure.department, file_name=f"vorige cyclus {previous.visitation_date}"
            )
        procedure.dossier = dossier
        procedure.save(update_fields=["dossier"])
    return dossier
