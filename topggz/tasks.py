"""The scheduler's own housekeeping, as a periodic job like any other."""

from datetime import timedelta

from django_tasks import task

from .jobs import periodic, prune_history


@periodic(every=timedelta(days=1), offset=timedelta(hours=2, minutes=30))
@task()
def prune_job_history() -> dict[str, int]:
    """Finished task results and claimed slots older than JOBS_RESULT_RETENTION_DAYS go."""
    return prune_history()
