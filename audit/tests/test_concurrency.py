"""Writers in parallel still produce one gap-free, intact chain (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from audit.models import AuditEntry
from audit.selectors import verify_stored_log
from audit.services import record

THREADS = 8
PER_THREAD = 15


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_records_from_many_threads_form_one_gap_free_intact_chain():
    start = threading.Barrier(THREADS)
    errors = []

    def work():
        try:
            start.wait()
            for number in range(PER_THREAD):
                record(action="read", object_type="register.department", object_id=number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sequences = list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS * PER_THREAD + 1))
    assert verify_stored_log().ok
