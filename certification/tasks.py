"""Certification's scheduled work (``topggz.jobs``): thin wrappers around services, idempotent."""

from datetime import timedelta

from django_tasks import task

from topggz.jobs import periodic

from .visitation import services as visitation_services


@periodic(every=timedelta(days=1), offset=timedelta(hours=1))
@task()
def daily_certificates() -> dict:
    """The register's certification status and dates follow the certificates (one that ran out yesterday expires today)."""
    return {"register_changed": visitation_services.sync_all()}
