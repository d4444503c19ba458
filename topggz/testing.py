"""Test helpers for scheduled and deferred work (topggz.jobs).

    from topggz.testing import run_queued_tasks

    def test_a_new_message_sends_a_notification(...):
        services.send_message(...)          # enqueues a task inside its transaction
        [result] = run_queued_tasks()       # runs it now, as the worker would
        assert result.status == "SUCCESSFUL" and len(mail.outbox) == 1
"""

from contextlib import contextmanager
from unittest import mock

from . import jobs


@contextmanager
def worker_in_test_transaction():
    """Let django-tasks-db's worker run inside a test's transaction.

    Between tasks the worker drops a database connection that is not in autocommit mode (as Django
    does between requests); in a test, that transaction is the test's own, so the step is left out.
    Everything else (claiming, running, recording success or failure) is the worker's own code.
    A test with ``django_db(transaction=True)`` needs none of this.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        yield


def run_queued_tasks() -> list:
    """Run every queued task now, in the test's transaction; return the results (DBTaskResult), oldest first."""
    with worker_in_test_transaction():
        return jobs.run_queued()
