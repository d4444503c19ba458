"""Certification's scheduled work (``topggz.jobs``): thin wrappers around services, idempotent."""

from datetime import timedelta

from django_tasks import task

from topggz.jobs import periodic

from .visitation import compliance_services, renewal
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
