"""The number of SQL queries per triage page does not grow with the data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from register.tests.factories import DepartmentFactory
from triage import services
from triage.tests.builders import bureau, example_version, intake, person, stored_tool


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_tools(n, start=0):
    for i in range(start, start + n):
        stored_tool(code=f"lijst-{i}", name=f"Lijst {i}", target_groups=["psychotrauma", "autisme"])


@pytest.mark.django_db
def test_the_picker_reads_a_fixed_number_of_queries_whatever_the_number_of_tools(client):
    user = person(Role.REFERRER)
    client.force_login(user)
    add_tools(2)
    few = queries(client, reverse("triage:index") + "?doelgroep=psychotrauma")
    add_tools(6, start=2)
    for _ in range(5):
        services.record_result(user=user, version_id=example_version().pk, answers={}, target_group="psychotrauma")
    assert queries(client, reverse("triage:index") + "?doelgroep=psychotrauma") == few


@pytest.mark.django_db
def test_the_intake_page_reads_a_fixed_number_of_queries_whatever_the_number_of_registrations(client):
    department = DepartmentFactory()
    staff = person(Role.DEPARTMENT_EDITOR, departments=[department])
    login_verified(client, staff)
    version = stored_tool()

    def register(n, month):
        for day in range(1, n + 1):
            services.register_intake(user=staff, department_id=department.pk, intake=intake(
                date(2026, month, day), tool="proef-dt", tool_version=version.number, score=4, tool_outcome="specialist", own_criteria=""))
            services.register_intake(user=staff, department_id=department.pk, intake=intake(date(2026, month, day)))

    register(2, 1)
    url = reverse("triage:intake") + "?kwartaal=2026-Q1"
    few = queries(client, url)
    register(8, 1)
    register(3, 4)
    assert queries(client, url) == few


@pytest.mark.django_db
def test_the_analysis_reads_a_fixed_number_of_queries_whatever_the_data(client):
    login_verified(client, bureau())
    staff = bureau()

    def fill(departments, results):
        for d in range(departments):
            department = DepartmentFactory()
            for month in (1, 4, 7):
                services.register_intake(user=staff, department_id=department.pk, intake=intake(
                    date(2026, month, 3), tool="voorbeeld-hoogspecialistisch", tool_version=1, score=2, tool_outcome="none", own_criteria=""))
        for _ in range(results):
            services.record_result(user=staff, version_id=example_version().pk, answers={"zeldzaam": True}, target_group="autisme")

    fill(1, 1)
    few = queries(client, reverse("triage:analysis"))
    fill(4, 6)
    add_tools(2)
    assert queries(client, reverse("triage:analysis")) == few
