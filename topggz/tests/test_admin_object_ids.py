"""Every URL that takes an id answers 404 for an id that is malformed, out of range or unknown:
never a 500, never a redirect. The admin's URLs are found by walking every registered ModelAdmin."""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, reverse

from accounts import services
from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from certification.tests.factories import DossierFactory
from register.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "99999999999999999999", "-99999999999999999999", "1.5", "1e3"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def admin_urls_with_ids():
    """(name, url) for every admin URL with a parameter, with each parameter replaced by a bad id.

    For URLs with two parameters (an old version), also: a real object with a bad version id.
    """
    department = DepartmentFactory()
    DossierFactory(department=department)
    urls = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"/beheer/{opts.app_label}/{opts.model_name}/"
        existing = model._default_manager.values_list("pk", flat=True).first()
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern):
                continue
            route = str(pattern.pattern)
            params = re.findall(r"<[^>]+>|\([^)]*\)", route)
            if not params:
                continue
            for bad in BAD_IDS:
                urls.append((f"{opts.label} {route} {bad}", base + _fill(route, [bad] * len(params))))
                if len(params) == 2 and existing is not None:
                    urls.append((f"{opts.label} {route} 1 {bad}", base + _fill(route, [existing, bad])))
    return urls


def _fill(route: str, values) -> str:
    values = iter(values)
    path = re.sub(r"<[^>]+>|\([^)]*\)", lambda m: str(next(values)), route)
    return path.lstrip("^").rstrip("$")


def log_in(client, role, department=None):
    user = UserFactory(role=role)
    services.assign_role(user=user, role=role, departments=[department] if department else [])
    return login_verified(client, user)


@pytest.mark.parametrize("role", [Role.BUREAU_ADMIN, Role.DEPARTMENT_EDITOR])
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_admin_url_with_a_bad_id_answers_404(client, role, method):
    urls = admin_urls_with_ids()
    log_in(client, role, DepartmentFactory() if role == Role.DEPARTMENT_EDITOR else None)
    client.raise_request_exception = False

    wrong = {}
    for name, url in urls:
        response = getattr(client, method)(url, follow=True)
        if response.status_code != 404:
            wrong[name] = response.status_code
    assert not wrong, f"{len(wrong)} of {len(urls)} URLs did not answer 404: {wrong}"


def test_the_walk_covers_the_history_and_revert_urls_of_the_department_admin():
    names = {" ".join(name.split(" ")[:2]) for name, _url in admin_urls_with_ids()}
    assert {
        "register.Department <path:object_id>/change/",
        "register.Department <path:object_id>/delete/",
        "register.Department <path:object_id>/history/",
        "register.Department ^([^/]+)/history/([^/]+)/$",
        "accounts.User <id>/password/",
    } <= names


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("certification:overview", {"pk": 99999999999999999999}),
        ("certification:criterion", {"pk": 99999999999999999999, "number": 99999999999999999999}),
        ("certification:record", {"pk": 99999999999999999999, "kind": "medewerkers", "record_id": 99999999999999999999}),
        ("certification:download_attachment", {"pk": 99999999999999999999, "record_id": 99999999999999999999}),
        ("certification:export_json", {"pk": 99999999999999999999}),
        ("accounts:confirm_email", {"uidb64": "!!", "token": "x"}),
        ("accounts:confirm_email", {"uidb64": "OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "token": "x"}),
        ("accounts:password_reset_confirm", {"uidb64": "OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "token": "x"}),
        ("accounts:accept_invitation", {"token": "abc"}),
        ("register:department_detail", {"slug": "99999999999999999999"}),
    ],
)
def test_a_site_url_with_a_bad_id_is_not_a_server_error(client, name, kwargs):
    """404, or the page's own answer for a link that does not work (a 400 "link not valid" page)."""
    log_in(client, Role.BUREAU_ADMIN)
    client.raise_request_exception = False

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code in {200, 400, 404}, response.status_code
