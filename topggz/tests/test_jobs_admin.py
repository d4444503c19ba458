"""Results of scheduled and deferred work in the admin: the bureau sees them, failures with their error; nobody else."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts import services
from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from register.tests.factories import DepartmentFactory
from topggz.admin import TaskResultAdmin
from topggz.testing import run_queued_tasks

from .test_jobs import break_down, say_done

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, role, *departments):
    user = UserFactory(role=role)
    services.assign_role(user=user, role=role, departments=list(departments))
    return login_verified(client, user)


@pytest.fixture
def failed_and_succeeded():
    failed, succeeded = break_down.enqueue(), say_done.enqueue()
    run_queued_tasks()
    return failed, succeeded


def test_the_task_results_are_shown_by_the_platforms_dutch_admin():
    assert isinstance(admin.site._registry[DBTaskResult], TaskResultAdmin)


def test_the_bureau_finds_the_failed_tasks_in_the_admin(client, failed_and_succeeded):
    failed, _succeeded = failed_and_succeeded
    log_in(client, Role.BUREAU_ADMIN)

    page = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status": "FAILED"})

    assert page.status_code == 200
    assert [row.pk for row in page.context["cl"].result_list] == [failed.db_result.pk]
    assert "Achtergrondtaken" in page.content.decode() and "mislukt" in page.content.decode()


def test_a_failed_tasks_page_shows_its_error_and_traceback(client, failed_and_succeeded):
    failed, _succeeded = failed_and_succeeded
    log_in(client, Role.BUREAU_ADMIN)

    page = client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.id])).content.decode()

    assert "builtins.ValueError" in page
    assert "the service refused" in page
    assert "Verloop van de fout" in page
    assert "topggz.tests.test_jobs.break_down" in page and "DBTaskResult object" not in page


def test_nobody_adds_changes_or_deletes_task_results_in_the_admin(client, failed_and_succeeded):
    failed, _succeeded = failed_and_succeeded
    log_in(client, Role.BUREAU_ADMIN)

    add = client.get(reverse("admin:django_tasks_database_dbtaskresult_add"))
    delete = client.post(reverse("admin:django_tasks_database_dbtaskresult_delete", args=[failed.id]), {"post": "yes"})

    assert add.status_code == 403 and delete.status_code == 403
    assert DBTaskResult.objects.filter(pk=failed.db_result.pk).exists()


@pytest.mark.parametrize("role", [Role.DEPARTMENT_EDITOR, Role.DEPARTMENT_MANAGER])
def test_department_staff_do_not_see_the_task_results(client, role, failed_and_succeeded):
    failed, _succeeded = failed_and_succeeded
    log_in(client, role, DepartmentFactory())

    index = client.get(reverse("admin:index"))
    listing = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    detail = client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.id]))

    assert "django_tasks_database" not in {app["app_label"] for app in index.context["app_list"]}
    assert listing.status_code == 403 and detail.status_code in (403, 404)
