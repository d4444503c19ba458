"""Certification's scheduled work (``topggz.jobs``): thin wrappers around services, idempotent."""

from datetime import timedelta

from django_tasks import task

from topggz.jobs import periodic

from .visitation import compliance_services, reminder_services, renewal
from .visitation import services as visitation_services


@periodic(every=timedelta(days=1), offset=timedelta(hours=1))
@task()
def daily_certificates() -> dict:
    """The register's certification status and dates follow the certificates (one that ran out yesterday expires today)."""
    return {"register_changed": visitation_services.sync_all()}


@periodic(every=timedelta(days=1), offset=timedelta(hours=1, minutes=30))
@task()
def daily_compliance() -> dict:
    """Judge each certified department's current dossier as of today; open, recover or escalate compliance cases."""
    report = compliance_services.run_daily()
    return {"judged": report.judged, "opened": report.opened, "recovered": report.recovered, "to_board": report.to_board}


@periodic(every=timedelta(days=1), offset=timedelta(hours=2))
@task()
def invite_for_renewal() -> dict:
    """Twelve months before a certificate expires: open the department's renewal procedure (its invitation)."""
    return {"invited": len(renewal.invite_due())}


@periodic(every=timedelta(days=1), offset=timedelta(hours=2, minutes=30))
@task()
def daily_reminders() -> dict:
    """Reminders (dossier, hearing, compliance case) and renewal invitations by e-mail, each once per deadline.

    Runs after ``invite_for_renewal``, so an invitation links to the renewal procedure opened that day.
    """
    report = reminder_services.send_due()
    return {"due": report.due, "sent": report.sent, "already_sent": report.already_sent}

