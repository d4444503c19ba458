"""Reads for certificates: public facts (number, department, dates, state, history); nothing personal."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from . import rules
from .models import Certificate


def public_certificate(number: str) -> Certificate:
    """A certificate by its number with its department and events (404 if there is none)."""
    return get_object_or_404(
        Certificate.objects.select_related("department").prefetch_related("events"), number=number
    )


def certificates_of(department_id: int):
    return Certificate.objects.filter(department_id=department_id).prefetch_related("events")


def public_certificates():
    """Every certificate with its department and events (three queries for any number), by number."""
    return Certificate.objects.select_related("department").prefetch_related("events").order_by("number")


def certificates_prefetch(path: str = "certificates") -> Prefetch:
    """Prefetch a department's certificates with their events (two queries), for ``current_certificate``."""
    return Prefetch(path, queryset=Certificate.objects.prefetch_related("events").order_by("valid_from", "pk"))


def current_certificate(department, day) -> Certificate | None:
    """The certificate that tells the department's state on ``day`` (rules.current_index), from its
    prefetched certificates (``certificates_prefetch``): no query of its own."""
    certificates = list(department.certificates.all())
    index = rules.current_index([c.facts() for c in certificates], day)
    return certificates[index] if index is not None else None


def planning(today):
    """What the bureau plans with: expiring certificates per quarter, invitations due, visits, team load, board agendas."""
    from collections import Counter

    from .models import BoardMeeting, ComplianceCase, Procedure, TeamMember
    from .procedure import FINAL, invitation_date
    from .rules import VALID

    running_states = [s for s in Procedure.State.values if s not in FINAL and s != Procedure.State.REFUSED]
    certificates = [
        c for c in Certificate.objects.select_related("department").prefetch_related("events").order_by("valid_until")
        if c.state_on(today) == VALID
    ]
    renewing = set(
        Procedure.objects.filter(kind=Procedure.Kind.RENEWAL, state__in=running_states).values_list("department_id", flat=True)
    )
    quarters: dict[str, list] = {}
    for certificate in certificates:
        end = certificate.valid_until
        quarters.setdefault(f"{end.year} K{(end.month - 1) // 3 + 1}", []).append(certificate)
    load = Counter(
        TeamMember.objects.filter(procedure__state__in=running_states).values_list("user__email", flat=True)
    )
    return {
        "applications": Procedure.objects.filter(state=Procedure.State.APPLICATION).select_related("department")
        .order_by("applied_on", "pk"),
        "expiring": sorted(quarters.items()),
        "invitations": [
            c for c in certificates if invitation_date(c.valid_until) <= today and c.department_id not in renewing
        ],
        "visits": Procedure.objects.filter(visit_date__gte=today).select_related("department").order_by("visit_date"),
        "load": sorted(load.items(), key=lambda item: (-item[1], item[0])),
        "meetings": BoardMeeting.objects.filter(held_on__gte=today).prefetch_related("agenda__department"),
        "cases": ComplianceCase.objects.filter(
            state__in=[ComplianceCase.State.OPEN, ComplianceCase.State.REPORTED, ComplianceCase.State.TO_BOARD]
        ).select_related("department").order_by("recovery_due"),
    }
