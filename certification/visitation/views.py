"""Public pages of a certificate: the verification page (with its history) and the printable certificate.

Public by design: a certificate is a public fact (who, which number, valid when). The pages show no
person and no reason text written for the committee beyond the reason the bureau gave for a
suspension or withdrawal.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.permissions import deny
from accounts.roles import sees_all_departments
from audit.models import Action
from audit.services import record_for_request

from . import rules, selectors
from .selectors import certificates_of, public_certificate


def _context(number: str) -> dict:
    certificate = public_certificate(number)
    today = timezone.localdate()
    return {
        "certificate": certificate,
        "department": certificate.department,
        "state": certificate.state_on(today),
        "today": today,
        "events": list(certificate.events.all()),
        "others": [c for c in certificates_of(certificate.department_id) if c.pk != certificate.pk],
        "VALID": rules.VALID,
        "SUSPENDED": rules.SUSPENDED,
        "WITHDRAWN": rules.WITHDRAWN,
        "EXPIRED": rules.EXPIRED,
    }


@require_GET
def verify(request, number):
    return render(request, "certification/certificate_verify.html", _context(number))


@require_GET
def print_certificate(request, number):
    return render(request, "certification/certificate_print.html", _context(number))


@login_required
@require_GET
def planning(request):
    """The bureau's planning view; anyone else gets 404 (and the refusal is audited)."""
    user = request.user
    if not sees_all_departments(user.role, user.is_superuser):
        return deny(request, object_type="certification.planning", object_id="")
    today = timezone.localdate()
    record_for_request(request, action=Action.READ, object_type="certification.planning")
    return render(request, "certification/planning.html", {"today": today, **selectors.planning(today)})
