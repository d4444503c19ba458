"""The daily reminders and invitations by e-mail (``tasks.daily_reminders``).

``send_due`` reads the running procedures, valid certificates and running compliance cases, asks the
pure ``reminders.due`` which e-mails are due today, and for each one not sent before writes a
``ReminderSent`` row and enqueues the e-mail (``tasks.send_reminder``) in one transaction: the e-mail
exists only if the row does, and the row's unique (subject, kind, deadline) makes the job idempotent.

Recipients are the department's active managers. The e-mail says what is due and when, and links to
the page where the manager acts; it carries nothing from the dossier or the report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import Role

from . import procedure as p
from . import reminders as r
from . import rules
from .mail import send_reminder
from .models import Certificate, ComplianceCase, Procedure, ReminderSent

logger = logging.getLogger(__name__)


@dataclass
class SentReport:
    due: int = 0
    sent: int = 0
    already_sent: int = 0


def _facts(today: date) -> dict:
    procedures = [
        r.ProcedureFacts(id=x.pk, department_id=x.department_id, state=x.state, dossier_due=x.dossier_due,
                         hearing_sent_on=x.hearing_sent_on, hearing_due=x.hearing_due)
        for x in Procedure.objects.filter(state__in=[p.DOSSIER_DUE, p.HEARING])
    ]
    certificates = [
        r.CertificateFacts(id=c.pk, department_id=c.department_id, valid_until=c.valid_until,
                           valid_today=c.state_on(today) == rules.VALID)
        for c in Certificate.objects.filter(valid_from__lte=today, valid_until__gte=today, withdrawn_on__isnull=True)
        .prefetch_related("events")
    ]
    cases = [
        r.CaseFacts(id=c.pk, department_id=c.department_id, state=c.state, since=c.since,
                    notification_due=c.notification_due, recovery_due=c.recovery_due)
        for c in ComplianceCase.objects.filter(state__in=[ComplianceCase.State.OPEN, ComplianceCase.State.REPORTED])
    ]
    return {"procedures": procedures, "certificates": certificates, "cases": cases}


def manager_addresses(department_id: int) -> list[str]:
    users = User.objects.filter(
        memberships__department_id=department_id, role=Role.DEPARTMENT_MANAGER, is_active=True
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _link(reminder: r.Reminder) -> str:
    path = reverse("certification:dossiers")
    if reminder.subject == r.PROCEDURE:
        path = reverse("certification:procedure", args=[reminder.subject_id])
    elif reminder.subject == r.CASE:
        path = reverse("certification:compliance_case", args=[reminder.subject_id])
    elif reminder.subject == r.CERTIFICATE:
        renewal = (
            Procedure.objects.filter(department_id=reminder.department_id, kind=Procedure.Kind.RENEWAL)
            .order_by("-applied_on", "-pk").first()
        )
        if renewal is not None:
            path = reverse("certification:procedure", args=[renewal.pk])
    return settings.SITE_URL.rstrip("/") + path


def _day(value: date) -> str:
    return date_format(value, "j F Y")


# kind -> (subject, text) of its e-mail; %(department)s and %(date)s are filled in (reminders.py names the kinds).
MESSAGES = {
    r.DOSSIER_SOON: (
        gettext_lazy("Dossier voor de visitatie uiterlijk %(date)s"),
        gettext_lazy("Het dossier van %(department)s voor de visitatie moet uiterlijk %(date)s zijn ingediend."),
    ),
    r.DOSSIER_OVERDUE: (
        gettext_lazy("Dossier voor de visitatie is te laat"),
        gettext_lazy("Het dossier van %(department)s voor de visitatie had uiterlijk %(date)s ingediend moeten zijn. "
                     "Dien het zo snel mogelijk in."),
    ),
    r.HEARING_OPEN: (
        gettext_lazy("Conceptrapport van de visitatie: reageer uiterlijk %(date)s"),
        gettext_lazy("Het conceptrapport van de visitatie van %(department)s staat klaar (hoor en wederhoor). "
                     "U kunt reageren tot en met %(date)s."),
    ),
    r.HEARING_SOON: (
        gettext_lazy("Herinnering: reageer uiterlijk %(date)s op het conceptrapport"),
        gettext_lazy("De reactie van %(department)s op het conceptrapport van de visitatie moet uiterlijk %(date)s "
                     "zijn ingediend."),
    ),
    r.RENEWAL_INVITATION: (
        gettext_lazy("Uitnodiging: hercertificering van het keurmerk"),
        gettext_lazy("Het keurmerk van %(department)s is geldig tot en met %(date)s. U bent uitgenodigd om de "
                     "hervisitatie te starten en het nieuwe dossier op te stellen."),
    ),
    r.CASE_OPENED: (
        gettext_lazy("Wijziging melden uiterlijk %(date)s"),
        gettext_lazy("%(department)s voldoet niet meer aan een criterium van het keurmerk. Meld de wijziging met "
                     "een herstelplan uiterlijk %(date)s."),
    ),
    r.NOTIFICATION_SOON: (
        gettext_lazy("Herinnering: wijziging melden uiterlijk %(date)s"),
        gettext_lazy("De melding van de wijziging bij %(department)s, met een herstelplan, moet uiterlijk %(date)s "
                     "binnen zijn."),
    ),
    r.NOTIFICATION_OVERDUE: (
        gettext_lazy("Melding van wijziging is te laat"),
        gettext_lazy("De melding van de wijziging bij %(department)s had uiterlijk %(date)s binnen moeten zijn. "
                     "Meld de wijziging zo snel mogelijk."),
    ),
    r.RECOVERY_SOON: (
        gettext_lazy("Herinnering: herstel uiterlijk %(date)s"),
        gettext_lazy("%(department)s moet uiterlijk %(date)s weer aan het keurmerk voldoen. Lukt dat niet, dan "
                     "beslist het bestuur."),
    ),
}


def message(reminder: r.Reminder, department_name: str, link: str) -> tuple[str, str]:
    """The e-mail's subject and body (Dutch): what is due and when, and a link; no content."""
    names = {"department": department_name, "date": _day(reminder.deadline)}
    # the dossier's reminders carry their number of days: dossier_soon_14, dossier_soon_7
    kind = r.DOSSIER_SOON if reminder.kind.startswith(r.DOSSIER_SOON) else reminder.kind
    subject, text = MESSAGES[kind]
    body = _("%(text)s\n\nLog in om verder te gaan: %(link)s\n\nOm privacyredenen staat de inhoud niet in deze e-mail.") % {
        "text": text % names, "link": link
    }
    return subject % names, body


def _department_names(reminders: list[r.Reminder]) -> dict[int, str]:
    from register.models import Department

    ids = {x.department_id for x in reminders}
    return dict(Department.objects.filter(pk__in=ids).values_list("pk", "name"))


def send_due(*, today: date | None = None) -> SentReport:
    """Send every reminder due today that was not sent before (idempotent: a second run sends nothing)."""
    today = today or timezone.localdate()
    report = SentReport()
    due = r.due(today, **_facts(today))
    report.due = len(due)
    names = _department_names(due)
    for reminder in due:
        key = {"subject": reminder.subject, "subject_id": reminder.subject_id, "kind": reminder.kind,
               "deadline": reminder.deadline}
        if ReminderSent.objects.filter(**key).exists():
            report.already_sent += 1
            continue
        addresses = manager_addresses(reminder.department_id)
        try:
            with transaction.atomic():
                ReminderSent.objects.create(**key, department_id=reminder.department_id, sent_on=today,
                                            recipients=len(addresses))
                if addresses:
                    subject, body = message(reminder, names.get(reminder.department_id, ""), _link(reminder))
                    send_reminder.enqueue(addresses=addresses, subject=subject, body=body)
        except IntegrityError:
            report.already_sent += 1  # another run sent it a moment ago
            continue
        if not addresses:
            logger.warning("Reminder %s for %s %s: the department has no active manager with an e-mail address",
                           reminder.kind, reminder.subject, reminder.subject_id)
        report.sent += 1
    return report
