"""The register's certification status and dates follow the certificates: only
certification.visitation.services.sync_register writes them (and the demo loaders, the benchmarks'
synthetic data and migrations). The admin shows them read-only to everyone; the import refuses to
change them (see test_import_export); and no other code assigns them (a scan of the source)."""

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts import services
from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from register.models import Department

from .factories import DepartmentFactory

ROOT = Path(__file__).resolve().parents[2]
DERIVED = ("status", "certified_from", "certified_until")
DATES = {"certified_from", "certified_until"}
# The only places that may write the dates: the derivation itself, and made-up data.
ALLOWED_WRITERS = {"certification/visitation/services.py", "register/demo/builder.py", "bench/finder/synth.py"}
SKIPPED_DIRS = {".venv", "node_modules", "migrations", "tests", "browser_tests", ".git"}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def department_admin():
    return admin.site._registry[Department]


def request_as(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


# ------------------------------------------------------------------ the admin


@pytest.mark.django_db
@pytest.mark.parametrize("make", [
    lambda: UserFactory(role=Role.BUREAU_ADMIN),
    lambda: UserFactory(role=Role.BUREAU_ADMIN, is_superuser=True),
    lambda: UserFactory(role=Role.DEPARTMENT_MANAGER),
])
def test_status_and_certificate_dates_are_read_only_in_the_admin_for_everyone(make):
    readonly = department_admin().get_readonly_fields(request_as(make()), DepartmentFactory())
    assert set(DERIVED) <= set(readonly)


@pytest.mark.django_db
def test_the_bureaus_change_form_has_no_inputs_for_status_and_dates():
    request = request_as(UserFactory(role=Role.BUREAU_ADMIN, is_superuser=True))
    form_class = department_admin().get_form(request, DepartmentFactory(), change=True)
    assert not set(DERIVED) & set(form_class.base_fields)


@pytest.mark.django_db
def test_the_change_page_shows_the_status_says_it_follows_the_certificate_and_links_to_it(client):
    from certification.visitation.models import Certificate, Procedure

    department = DepartmentFactory()
    day = datetime.date(2024, 3, 1)
    certificate = Certificate.objects.create(
        number="TOPGGZ-2024-0001", department=department, decided_on=day, valid_from=day,
        valid_until=datetime.date(2028, 2, 29),
    )
    procedure = Procedure.objects.create(department=department, applied_on=day, state="certified", certificate=certificate)
    user = UserFactory(role=Role.BUREAU_ADMIN)
    services.assign_role(user=user, role=Role.BUREAU_ADMIN, departments=[])
    login_verified(client, user)

    page = client.get(reverse("admin:register_department_change", args=[department.pk])).content.decode()

    assert 'name="status"' not in page and 'name="certified_until"' not in page
    assert "volgen uit de keurmerken" in page
    assert reverse("certification:certificate", args=["TOPGGZ-2024-0001"]) in page
    assert reverse("certification:procedure", args=[procedure.pk]) in page


@pytest.mark.django_db
def test_a_department_added_in_the_admin_starts_in_procedure():
    assert Department._meta.get_field("status").get_default() == Department.Status.IN_PROCEDURE


# ------------------------------------------------------------------ no other writer (source scan)


def writes_of_the_dates(tree: ast.AST) -> list[int]:
    """Lines that assign ``certified_from``/``certified_until``: ``x.certified_until = ...``, a keyword
    argument ``certified_until=...`` (create, update, a constructor) or a dict key in ``defaults``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Attribute) and sub.attr in DATES:
                        lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            values = [*node.args, *(keyword.value for keyword in node.keywords)]
            if any(keyword.arg in DATES for keyword in node.keywords) or any(
                isinstance(value, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in DATES for k in value.keys)
                for value in values
            ):
                lines.append(node.lineno)
    return lines


def python_sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS & set(relative.parts[:-1]):
            continue
        yield relative.as_posix(), path


def test_no_code_but_sync_register_and_the_demo_data_writes_the_certificate_dates():
    found = [
        f"{name}:{line}"
        for name, path in python_sources()
        if name not in ALLOWED_WRITERS
        for line in writes_of_the_dates(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert found == [], "only certification.visitation.services.sync_register writes these (issue 14)"


def test_the_scan_finds_an_assignment_a_keyword_and_an_update_dict():
    source = (
        "department.certified_until = day\n"
        "Department.objects.create(certified_from=day)\n"
        "Department.objects.filter(pk=1).update(**{'certified_until': day})\n"
        "Department.objects.update_or_create(pk=1, defaults={'certified_from': day})\n"
    )
    assert writes_of_the_dates(ast.parse(source)) == [1, 2, 3, 4]


def test_the_scan_reads_the_whole_project():
    names = {name for name, _ in python_sources()}
    assert {"certification/visitation/services.py", "register/admin.py", "register/importexport/resources.py"} <= names
