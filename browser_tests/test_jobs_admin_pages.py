"""The bureau's pages for the results of scheduled and deferred work: Dutch, branded, no axe violations."""

from __future__ import annotations

import pytest

from .test_admin_pages import check, staff
from .test_dossier_editor import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_bureau_sees_the_task_results_in_dutch_branded_and_without_axe_violations(page, live_server):
    from django.urls import reverse

    from accounts.roles import Role
    from topggz import jobs
    from topggz.tests.test_jobs import break_down, say_done

    failed = break_down.enqueue()
    say_done.enqueue()
    jobs.run_queued()
    log_in(live_server, staff(Role.BUREAU_ADMIN), page)
    listing = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    pages = {
        "achtergrondtaken (bureau)": listing,
        "mislukte taken (bureau)": listing + "?status=FAILED",
        "mislukte taak (bureau)": reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.id]),
    }
    for what, path in pages.items():
        check(page, live_server.url + path, what)
