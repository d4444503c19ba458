"""The platform's one mechanism for scheduled and deferred work: no message broker, the same database.

Deferred work
    A task is a module-level function decorated with ``@task()`` (Django's tasks API, from the
    ``django-tasks`` backport; ``django.tasks`` from Django 6). ``some_task.enqueue(...)`` stores it
    as a row in this database (``django-tasks-db``), inside the caller's transaction: it exists only
    if the work that asked for it commits. A worker (``manage.py run_jobs``) runs it soon after;
    ``some_task.using(run_after=moment).enqueue(...)`` not before ``moment``. Arguments must be JSON
    (ids, not model instances).

Periodic work
    ``@periodic(every=timedelta(...))`` above ``@task()`` in an app's ``tasks.py`` registers the task
    as a periodic job. Time is cut into slots of length ``every``, counted from ``EPOCH`` (Monday
    2001-01-01 00:00 UTC) plus ``offset``; in every slot the job is enqueued once, as soon as a
    scheduler (``run_jobs``) sees that slot has begun. So a daily job with ``offset=timedelta(hours=2)``
    runs soon after 02:00 UTC, and a newly started scheduler runs each job at once for the slot
    it is in. A scheduler claims a slot by inserting (job, slot start) into ``JobSlot``, which the
    database keeps unique, in the same transaction as the enqueue: of several schedulers (one beside
    every app server, say) exactly one enqueues the slot, on PostgreSQL and on SQLite. A slot that
    no scheduler saw (none was running) is not made up afterwards: the next slot runs once.

Jobs are thin wrappers around services, idempotent and safe to run twice: a slot is enqueued once,
but a person may run the same service by hand, and a task whose worker died mid-run stays RUNNING
and is not retried by itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import autodiscover_modules
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks.base import Task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import JobSlot

logger = logging.getLogger(__name__)

# Slots are counted from here; a Monday, so weekly slots start on Mondays (00:00 UTC plus offset).
EPOCH = datetime(2001, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PeriodicJob:
    task: Task
    every: timedelta
    offset: timedelta = timedelta(0)

    @property
    def name(self) -> str:
        """The task's import path: the job's name in JobSlot and in the task results."""
        return self.task.module_path

    def slot_start(self, moment: datetime) -> datetime:
        return slot_start(moment, every=self.every, offset=self.offset)


_registry: dict[str, PeriodicJob] = {}


def periodic(*, every: timedelta, offset: timedelta = timedelta(0)):
    """Register a task (``@task()`` below this decorator) to be enqueued once in every slot of ``every``.

    ``offset`` moves the slots' start from 00:00 UTC (for a daily job: the time of day, in UTC).
    """
    if every <= timedelta(0):
        raise ValueError("every must be a positive duration.")
    if not timedelta(0) <= offset < every:
        raise ValueError("offset must be at least zero and shorter than every.")

    def register(task: Task) -> Task:
        if not isinstance(task, Task):
            raise TypeError("@periodic goes above @task(): it registers a task, not a plain function.")
        job = PeriodicJob(task=task, every=every, offset=offset)
        _registry[job.name] = job
        return task

    return register


def registered_jobs() -> list[PeriodicJob]:
    """Every periodic job, by name; each installed app's ``tasks`` module is imported first."""
    autodiscover_modules("tasks")
    return sorted(_registry.values(), key=lambda job: job.name)


def slot_start(moment: datetime, *, every: timedelta, offset: timedelta = timedelta(0)) -> datetime:
    """The start of the slot of length ``every`` that ``moment`` falls in (UTC)."""
    origin = EPOCH + offset
    return origin + ((moment - origin) // every) * every


@dataclass(frozen=True)
class Enqueued:
    job: PeriodicJob
    slot_start: datetime
    task_result_id: str


def is_claimed(job: PeriodicJob, start: datetime) -> bool:
    return JobSlot.objects.filter(job=job.name, slot_start=start).exists()


def enqueue_due(*, now: datetime | None = None, jobs: list[PeriodicJob] | None = None) -> list[Enqueued]:
    """Enqueue every periodic job whose current slot nobody has claimed yet; return what this call enqueued.

    Safe to call from several processes at once: the unique (job, slot start) of JobSlot lets one win.
    """
    now = now or timezone.now()
    enqueued = []
    for job in registered_jobs() if jobs is None else jobs:
        start = job.slot_start(now)
        # Read first, outside the transaction: a claimed slot (the usual case) costs no failed insert,
        # and on SQLite the transaction below starts with a write, so it waits for the lock instead of
        # failing to upgrade a read.
        if is_claimed(job, start):
            continue
        try:
            with transaction.atomic():
                slot = JobSlot.objects.create(job=job.name, slot_start=start)
                result = job.task.enqueue()
                slot.task_result_id = str(result.id)
                slot.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another scheduler claimed this slot first
        logger.info("Enqueued periodic job %s for the slot from %s (task %s)", job.name, start.isoformat(), result.id)
        enqueued.append(Enqueued(job=job, slot_start=start, task_result_id=str(result.id)))
    return enqueued


def worker(*, worker_id: str | None = None, backend: str = DEFAULT_TASK_BACKEND_ALIAS):
    """django-tasks-db's worker for every queue, in batch mode: it runs what is ready, then returns."""
    return Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id or get_random_string(32),
    )


def run_queued(*, batch=None) -> list:
    """Run every task that is ready now, in this process; return their results (DBTaskResult), oldest first.

    A task that raises is recorded as failed (exception and traceback) and the next one runs.
    ``batch``: the worker to run them with (default: a new ``worker()``).
    """
    started = timezone.now()
    batch = batch or worker()
    batch.run()
    ran = DBTaskResult.objects.filter(started_at__gte=started).order_by("started_at")
    return [result for result in ran if batch.worker_id in result.worker_ids]


def prune_history(*, now: datetime | None = None, jobs: list[PeriodicJob] | None = None) -> dict[str, int]:
    """Delete finished task results and claimed slots older than JOBS_RESULT_RETENTION_DAYS.

    A slot is kept until its whole length has passed the retention period too, so that no slot
    that could still be current is ever forgotten (and enqueued again).
    """
    now = now or timezone.now()
    keep = timedelta(days=settings.JOBS_RESULT_RETENTION_DAYS)
    results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=now - keep).delete()
    slots = 0
    jobs = registered_jobs() if jobs is None else jobs
    for job in jobs:
        slots += JobSlot.objects.filter(job=job.name, slot_start__lt=now - keep - job.every).delete()[0]
    gone = JobSlot.objects.exclude(job__in=[job.name for job in jobs]).filter(slot_start__lt=now - keep)
    slots += gone.delete()[0]
    return {"task_results": results, "slots": slots}
