"""Run the platform's scheduled and deferred work (topggz.jobs).

    python manage.py run_jobs                      # scheduler and worker, until stopped (Ctrl+C, SIGTERM)
    python manage.py run_jobs --once               # enqueue what is due, run all queued tasks, exit (cron)
    python manage.py run_jobs --no-worker          # scheduler only; run `manage.py db_worker` beside it
    python manage.py run_jobs --parent-pid PID     # as make run starts it: stops when process PID ends

Any number may run at once, on one machine or several: a periodic job's slot is claimed in the
database by one scheduler only, and a queued task by one worker only. A first Ctrl+C or SIGTERM
lets a running task finish, then stops; a second stops at once. ``--once`` exits with code 1 when
a task it ran failed (the task results in the admin, "Achtergrondtaken", say why).
"""

import logging
import os
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django_tasks import TaskResultStatus

from topggz import jobs

logger = logging.getLogger("topggz.jobs")


def seconds(value: str) -> float:
    number = float(value)
    if not 0 < number < 24 * 3600:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs whose slot is due and run queued tasks (scheduler and worker in one "
        "process); with --once do it once and exit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Enqueue the periodic jobs that are due, run every queued task, then exit "
            "(for cron and tests); exit code 1 if a task failed.",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Only enqueue due periodic jobs; run no tasks (run `manage.py db_worker` processes for that).",
        )
        parser.add_argument(
            "--interval",
            type=seconds,
            default=settings.JOBS_INTERVAL_SECONDS,
            metavar="SECONDS",
            help="How long to wait, when there is nothing to do, before looking again "
            "(default: JOBS_INTERVAL_SECONDS, %(default)s).",
        )
        parser.add_argument(
            "--parent-pid",
            type=int,
            metavar="PID",
            help="Stop as soon as process PID is no longer this one's parent: make run starts it from the "
            "process that becomes runserver, so it never outlives the server.",
        )

    def handle(self, *args, once, no_worker, interval, parent_pid, **options):
        self.stopping = False
        self.batch = None
        previous = {number: signal.signal(number, self.stop) for number in (signal.SIGINT, signal.SIGTERM)}
        try:
            if once:
                self.once(worker=not no_worker)
            else:
                self.loop(worker=not no_worker, interval=interval, parent=parent_pid)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    def stop(self, signum, frame):
        if self.stopping:
            raise SystemExit(1)
        self.stopping = True
        batch = self.batch
        if batch is not None and batch.running_task:
            batch.running = False
            logger.warning(
                "%s: finishing the running task, then stopping (again to stop at once).", signal.strsignal(signum)
            )
            return
        raise SystemExit(0)

    def once(self, *, worker: bool):
        for enqueued in jobs.enqueue_due():
            self.stdout.write(f"Enqueued {enqueued.job.name} (slot from {enqueued.slot_start:%Y-%m-%d %H:%M} UTC).")
        if not worker:
            return
        results = self.run_queued()
        failed = [result for result in results if result.status == TaskResultStatus.FAILED]
        self.stdout.write(f"Ran {len(results)} task(s): {len(results) - len(failed)} succeeded, {len(failed)} failed.")
        for result in failed:
            self.stderr.write(f"Failed: {result.task_path} (task {result.id}): {result.exception_class_path}")
        if failed:
            raise CommandError(f"{len(failed)} task(s) failed; their results say why.", returncode=1)

    def loop(self, *, worker: bool, interval: float, parent: int | None):
        logger.info(
            "Scheduled work: %d periodic job(s) (%s)%s; looking every %s s.",
            len(jobs.registered_jobs()),
            ", ".join(job.name for job in jobs.registered_jobs()),
            ", running queued tasks" if worker else ", scheduling only",
            interval,
        )
        while not self.stopping and not self.orphaned(parent):
            close_old_connections()
            try:
                jobs.enqueue_due()
                if worker:
                    self.run_queued()
            except DatabaseError:
                # A database restart or a long SQLite lock: try again later rather than die.
                logger.exception("Scheduled work: database error; trying again in %s s.", interval)
                close_old_connections()
            if self.wait(interval, parent):
                return

    def run_queued(self):
        self.batch = jobs.worker()
        try:
            return jobs.run_queued(batch=self.batch)
        finally:
            self.batch = None

    def orphaned(self, parent: int | None) -> bool:
        if parent is None or os.getppid() == parent:
            return False
        logger.info("Scheduled work: process %s, which started this one, has ended; stopping.", parent)
        return True

    def wait(self, interval: float, parent: int | None) -> bool:
        """Sleep ``interval`` seconds; True when it is time to stop (stopping, or the parent ended)."""
        deadline = time.monotonic() + interval
        while not self.stopping:
            if self.orphaned(parent):
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(left, 1.0))
        return True
