"""The desk's scheduled work (``topggz.jobs``): thin wrappers around services, idempotent."""

from datetime import timedelta

from django_tasks import task

from topggz.jobs import periodic

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
