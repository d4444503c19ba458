"""E-mail notices from the desk: never any content, only that something happened and a link.

The mails are deferred work (``tasks.send_notices``), enqueued in the step's transaction: they go
out only if the step is stored, and a slow mail server never slows a page. Recipients: the department's staff (or the
bureau when a request waits at the desk) for what a referrer does, the referrer for what the
department does.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import DEPARTMENT_ROLES, Role

REFERRER_STEPS = frozenset({"info_given", "routed", "closed"})


def _link(request) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("consultation:case", args=[request.reference])


def _department_addresses(request) -> list[str]:
    if request.department_id is None:
        users = User.objects.filter(role=Role.BUREAU_ADMIN, is_active=True)
    else:
        users = User.objects.filter(memberships__department_id=request.department_id, role__in=DEPARTMENT_ROLES,
                                    is_active=True)
    return list(users.values_list("email", flat=True))


def _referrer_addresses(request) -> list[str]:
    referrer = request.referrer
    return [referrer.email] if referrer is not None and referrer.is_active else []


def _send(addresses: list[str], subject: str, request) -> None:
    if not addresses:
        return
    body = _(
        "Er is iets nieuws bij vraag %(reference)s op het TOPGGz-platform.\n\n"
        "Log in om het te lezen: %(link)s\n\n"
        "Om privacyredenen staat de inhoud niet in deze e-mail."
    ) % {"reference": request.reference, "link": _link(request)}
    from .tasks import send_notices

    send_notices.enqueue(addresses=addresses, subject=subject, body=body)


def request_arrived(request) -> None:
    _send(_department_addresses(request), _("Nieuwe vraag %(reference)s") % {"reference": request.reference}, request)


def step_taken(request, step: str, actor=None) -> None:
    subject = _("Vraag %(reference)s is bijgewerkt") % {"reference": request.reference}
    if step in REFERRER_STEPS:
        _send(_department_addresses(request), subject, request)
    else:
        _send(_referrer_addresses(request), subject, request)


def message_posted(request, side: str) -> None:
    subject = _("Nieuw bericht bij vraag %(reference)s") % {"reference": request.reference}
    _send(_referrer_addresses(request) if side != "referrer" else _department_addresses(request), subject, request)


def deadline_near(request, clock: str, due_on) -> None:
    subject = _("Termijn van vraag %(reference)s loopt af op %(date)s") % {"reference": request.reference,
                                                                           "date": due_on.strftime("%d-%m-%Y")}
    _send(_department_addresses(request), subject, request)
