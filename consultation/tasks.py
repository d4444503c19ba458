"""The desk's scheduled work (``topggz.jobs``): thin wrappers around services, idempotent."""

from datetime import timedelta

from django_tasks import task

from topggz.jobs import periodic

from django.conf import settings
from django.core.mail import send_mass_mail

from . import services


@periodic(every=timedelta(hours=1))
@task()
def tick_clocks() -> dict:
    """Recompute due dates and overdue marks, remind before deadlines, escalate stuck cases."""
    report = services.tick()
    return {"checked": report.checked, "reminded": report.reminded, "overdue": report.overdue,
            "escalated": report.escalated}


@periodic(every=timedelta(days=1), offset=timedelta(hours=3))
@task()
def remove_expired_content() -> dict:
    """Retention: the content of requests closed longer than CONSULTATION_RETENTION_MONTHS ago."""
    return {"requests": services.remove_expired_content()}


@task()
def send_notices(*, addresses: list[str], subject: str, body: str) -> int:
    """One e-mail per address (never content: ``notifications`` writes only a link)."""
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses])
