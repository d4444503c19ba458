"""The audit log's scheduled work: thin wrappers around its services (see topggz.jobs)."""

from datetime import timedelta

from django_tasks import task

from topggz.jobs import periodic

from .retention import purge


@periodic(every=timedelta(days=1), offset=timedelta(hours=2))
@task()
def purge_expired_audit_entries() -> dict:
    """What ``manage.py audit_purge`` does, daily: entries past AUDIT_RETENTION_YEARS leave, the chain re-anchored.

    Idempotent: with nothing past the retention period it changes nothing and writes no entry. A broken
    log is never purged (PurgeRefused): the task fails, and its result shows why.
    """
    result = purge()
    return {
        "cutoff": result.cutoff.isoformat(),
        "purged_count": result.purged_count,
        "purged_up_to_sequence": result.purged_up_to_sequence,
    }
