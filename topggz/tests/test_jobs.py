"""Scheduled and deferred work (topggz.jobs, run_jobs): each slot once, queued work runs, failures recorded."""

import os
import signal
import threading
from datetime import UTC, datetime, timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from topggz import jobs
from topggz.jobs import PeriodicJob, enqueue_due, periodic, prune_history, registered_jobs, slot_start
from topggz.management.commands.run_jobs import Command as RunJobs
from topggz.models import JobSlot
from topggz.testing import run_queued_tasks, worker_in_test_transaction

DAY = timedelta(days=1)


@task()
def say_done() -> str:
    return "done"


@task()
def break_down() -> None:
    raise ValueError("the service refused")


NIGHTLY = PeriodicJob(task=say_done, every=DAY, offset=timedelta(hours=2))
at = datetime(2026, 6, 1, 10, 0, tzinfo=UTC).replace


def results_of(some_task):
    return DBTaskResult.objects.filter(task_path=some_task.module_path)


# Slots: pure arithmetic.


def test_a_daily_slot_starts_at_midnight_utc_plus_the_offset():
    assert slot_start(at(hour=1, minute=59), every=DAY, offset=timedelta(hours=2)) == at(day=1, hour=2) - DAY
    assert slot_start(at(hour=2, minute=0), every=DAY, offset=timedelta(hours=2)) == at(hour=2)
    assert slot_start(at(hour=23, minute=59), every=DAY, offset=timedelta(hours=2)) == at(hour=2)


def test_a_weekly_slot_starts_on_monday():
    saturday = datetime(2026, 6, 6, 15, tzinfo=UTC)

    start = slot_start(saturday, every=timedelta(weeks=1))

    assert start == datetime(2026, 6, 1, tzinfo=UTC) and start.weekday() == 0


def test_periodic_refuses_a_plain_function_and_an_offset_outside_the_interval():
    with pytest.raises(TypeError):
        periodic(every=DAY)(lambda: None)
    with pytest.raises(ValueError):
        periodic(every=DAY, offset=DAY)
    with pytest.raises(ValueError):
        periodic(every=timedelta(0))


# The registry.


def test_the_registry_lists_the_audit_logs_retention_as_a_daily_job():
    job = {job.name: job for job in registered_jobs()}["audit.tasks.purge_expired_audit_entries"]

    assert job.every == DAY


def test_the_registry_lists_the_pruning_of_old_task_results():
    assert "topggz.tasks.prune_job_history" in {job.name for job in registered_jobs()}


# Claiming slots.


@pytest.mark.django_db
def test_a_due_job_is_enqueued_once_per_slot_even_when_the_scheduler_runs_twice():
    first = enqueue_due(now=at(hour=10), jobs=[NIGHTLY])
    second = enqueue_due(now=at(hour=10), jobs=[NIGHTLY])

    assert [(e.job.name, e.slot_start) for e in first] == [(NIGHTLY.name, at(hour=2))]
    assert second == []
    assert results_of(say_done).count() == 1
    assert JobSlot.objects.get().task_result_id == first[0].task_result_id


@pytest.mark.django_db
def test_a_job_whose_next_slot_has_not_begun_is_not_enqueued():
    enqueue_due(now=at(hour=10), jobs=[NIGHTLY])

    later_that_day = enqueue_due(now=at(day=2, hour=1, minute=59), jobs=[NIGHTLY])
    next_slot = enqueue_due(now=at(day=2, hour=2), jobs=[NIGHTLY])

    assert later_that_day == []
    assert [e.slot_start for e in next_slot] == [at(day=2, hour=2)]
    assert results_of(say_done).count() == 2


@pytest.mark.django_db
def test_a_scheduler_that_loses_the_race_for_a_slot_enqueues_nothing(monkeypatch):
    """Another scheduler claimed the slot between this one's look and its insert: the unique slot refuses it."""
    JobSlot.objects.create(job=NIGHTLY.name, slot_start=at(hour=2))
    monkeypatch.setattr(jobs, "is_claimed", lambda job, start: False)

    assert enqueue_due(now=at(hour=10), jobs=[NIGHTLY]) == []
    assert not results_of(say_done).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_schedulers_racing_on_postgresql_enqueue_a_slot_once():
    schedulers = 6
    start = threading.Barrier(schedulers)
    enqueued = []

    def scheduler():
        try:
            start.wait()
            enqueued.extend(enqueue_due(now=at(hour=10), jobs=[NIGHTLY]))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(schedulers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(enqueued) == 1
    assert results_of(say_done).count() == 1 and JobSlot.objects.count() == 1


# Deferred work: enqueued in the caller's transaction, run by the worker.


@pytest.mark.django_db
def test_a_task_enqueued_in_a_transaction_that_rolls_back_is_never_queued():
    with pytest.raises(RuntimeError), transaction.atomic():
        say_done.enqueue()
        raise RuntimeError("the service's change failed")

    assert not results_of(say_done).exists()


@pytest.mark.django_db
def test_a_deferred_task_waits_until_its_moment():
    say_done.using(run_after=datetime(2999, 1, 1, tzinfo=UTC)).enqueue()

    assert run_queued_tasks() == []
    assert results_of(say_done).get().status == TaskResultStatus.READY


@pytest.mark.django_db
def test_the_test_helper_runs_queued_tasks_inside_the_tests_transaction():
    say_done.enqueue()

    [result] = run_queued_tasks()

    assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, "done")


# run_jobs --once: what cron and the tests use.


@pytest.fixture
def worker_in_transaction():
    with worker_in_test_transaction():
        yield


def run_jobs(*args) -> str:
    out = StringIO()
    call_command("run_jobs", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_run_jobs_once_runs_the_queued_tasks():
    """The real thing: autocommit, as under cron (the other tests run the worker in their transaction)."""
    queued = say_done.enqueue()

    output = run_jobs("--once")

    queued.refresh()
    assert (queued.status, queued.return_value) == (TaskResultStatus.SUCCESSFUL, "done")
    assert "0 failed" in output


@pytest.mark.django_db
def test_run_jobs_once_enqueues_and_runs_every_due_periodic_job(worker_in_transaction):
    output = run_jobs("--once")

    names = {job.name for job in registered_jobs()}
    assert {slot.job for slot in JobSlot.objects.all()} == names
    assert {r.task_path for r in DBTaskResult.objects.successful()} == names
    assert f"Ran {len(names)} task(s): {len(names)} succeeded, 0 failed." in output


@pytest.mark.django_db
def test_a_failing_task_is_recorded_as_failed_and_the_others_still_run(worker_in_transaction):
    failing = break_down.enqueue()
    other = say_done.enqueue()

    with pytest.raises(CommandError) as refused:
        run_jobs("--once")

    failing.refresh()
    other.refresh()
    assert refused.value.returncode == 1
    assert failing.status == TaskResultStatus.FAILED
    assert failing.errors[0].exception_class is ValueError
    assert "the service refused" in failing.errors[0].traceback
    assert other.status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_run_jobs_once_without_the_worker_only_enqueues():
    run_jobs("--once", "--no-worker")

    assert JobSlot.objects.exists()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.READY}


@pytest.mark.django_db
def test_run_jobs_stops_at_once_when_the_process_that_started_it_has_ended():
    run_jobs("--parent-pid", str(os.getppid() + 1), "--interval", "60")  # returns instead of waiting a minute

    assert not JobSlot.objects.exists()


@pytest.mark.django_db
def test_the_running_scheduler_enqueues_the_due_jobs_and_runs_them_on_each_pass(worker_in_transaction, monkeypatch):
    monkeypatch.setattr(RunJobs, "wait", lambda self, interval, parent: True)  # stop after one pass
    monkeypatch.setattr("topggz.management.commands.run_jobs.close_old_connections", lambda: None)  # as the worker's

    run_jobs("--interval", "60")

    names = {job.name for job in registered_jobs()}
    assert {r.task_path for r in DBTaskResult.objects.successful()} == names


def test_a_stop_signal_during_a_task_lets_it_finish_and_a_second_stops_at_once():
    command = RunJobs()
    command.stopping, command.batch = False, SimpleNamespace(running_task=True, running=True)

    command.stop(signal.SIGTERM, None)

    assert command.stopping and command.batch.running is False
    with pytest.raises(SystemExit) as now:
        command.stop(signal.SIGTERM, None)
    assert now.value.code == 1


def test_a_stop_signal_between_tasks_stops_at_once():
    command = RunJobs()
    command.stopping, command.batch = False, None

    with pytest.raises(SystemExit) as stopped:
        command.stop(signal.SIGINT, None)

    assert stopped.value.code == 0


# Housekeeping.


@pytest.mark.django_db
@override_settings(JOBS_RESULT_RETENTION_DAYS=30)
def test_task_results_older_than_the_retention_period_are_pruned():
    now = datetime.now(UTC)
    old, recent = say_done.enqueue(), say_done.enqueue()
    run_queued_tasks()
    DBTaskResult.objects.filter(id=old.id).update(finished_at=now - timedelta(days=31))

    pruned = prune_history(now=now, jobs=[])

    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [recent.db_result.id]
    assert pruned["task_results"] == 1


@pytest.mark.django_db
@override_settings(JOBS_RESULT_RETENTION_DAYS=30)
def test_old_slots_are_pruned_but_a_slot_that_is_still_current_is_kept():
    now = datetime.now(UTC)
    yearly = PeriodicJob(task=break_down, every=timedelta(days=400))
    for job, days_ago in [(NIGHTLY.name, 32), (NIGHTLY.name, 1), (yearly.name, 100), ("a.removed.job", 31)]:
        JobSlot.objects.create(job=job, slot_start=now - timedelta(days=days_ago))

    pruned = prune_history(now=now, jobs=[NIGHTLY, yearly])

    kept = {(slot.job, (now - slot.slot_start).days) for slot in JobSlot.objects.all()}
    assert kept == {(NIGHTLY.name, 1), (yearly.name, 100)}
    assert pruned["slots"] == 2
