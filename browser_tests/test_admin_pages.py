"""The admin (/beheer/) as department staff and the bureau use it: Dutch, in the platform's
name and colours, only what the role can use, and no axe violations on the pages they use.

Staff need a password and a second factor; as in test_dossier_editor.py, a verified session
is made with Django's test client and its cookie handed to the browser.
"""

from __future__ import annotations

import re

import pytest

from .axe import assert_no_axe_violations
from .test_dossier_editor import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ENGLISH = re.compile(
    r"\b(Choose|selecting|Access attempts?|TOTP devices?|Static devices?|Django|History|Revert|"
    r"Add another|Save and|Welcome|View site|Log out|Changed by|Date/time)\b"
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def department():
    """A department with an older version, so that its history has something to show."""
    from register.models import DepartmentExclusion, ExclusionCriterion
    from register.tests.factories import DepartmentFactory, LocationFactory, OfferFactory

    department = DepartmentFactory(name="Centrum Dwang Utrecht")
    LocationFactory(department=department)
    OfferFactory(department=department)
    DepartmentExclusion.objects.create(department=department, criterion=ExclusionCriterion.objects.first())
    department.description = "Een nieuwere omschrijving in eenvoudig Nederlands."
    department.save()
    return department


def staff(role, *departments):
    from accounts import services
    from accounts.tests.factories import UserFactory

    user = UserFactory(role=role)
    services.assign_role(user=user, role=role, departments=list(departments))
    return user


def visible_text(page) -> str:
    return page.locator("body").inner_text()


def check(page, address: str, what: str) -> None:
    response = page.goto(address)
    assert response.status == 200, f"{what}: {response.status}"
    assert page.locator("html").get_attribute("lang") == "nl"
    english = sorted(set(ENGLISH.findall(visible_text(page))))
    assert not english, f"{what} shows English words: {english}"
    assert "TOPGGz-platform" in page.title(), f"{what}: title {page.title()!r}"
    assert_no_axe_violations(page, what)


def test_department_editors_see_their_admin_pages_in_dutch_branded_and_without_axe_violations(
    page, live_server, department
):
    from django.urls import reverse

    from accounts.roles import Role

    editor = staff(Role.DEPARTMENT_EDITOR, department)
    log_in(live_server, editor, page)
    version = department.history.earliest("history_date")
    pages = {
        "beheer (editor)": reverse("admin:index"),
        "afdelingen (editor)": reverse("admin:register_department_changelist"),
        "afdeling wijzigen (editor)": reverse("admin:register_department_change", args=[department.pk]),
        "geschiedenis (editor)": reverse("admin:register_department_history", args=[department.pk]),
        "eerdere versie (editor)": reverse(
            "admin:register_department_simple_history", args=[department.pk, version.history_id]
        ),
    }
    for what, path in pages.items():
        check(page, live_server.url + path, what)


def test_the_bureau_sees_its_main_admin_pages_in_dutch_branded_and_without_axe_violations(
    page, live_server, department
):
    from django.urls import reverse

    from accounts.roles import Role

    bureau = staff(Role.BUREAU_ADMIN)
    editor = staff(Role.DEPARTMENT_EDITOR, department)
    log_in(live_server, bureau, page)
    pages = {
        "beheer (bureau)": reverse("admin:index"),
        "afdeling wijzigen (bureau)": reverse("admin:register_department_change", args=[department.pk]),
        "gebruiker wijzigen (bureau)": reverse("admin:accounts_user_change", args=[editor.pk]),
        "authenticator-apps (bureau)": reverse("admin:otp_totp_totpdevice_changelist"),
        "inlogblokkades (bureau)": reverse("admin:axes_accessattempt_changelist"),
        "gebruikers (bureau)": reverse("admin:accounts_user_changelist"),
        "uitnodigen (bureau)": reverse("admin:accounts_invitation_add"),
        "register importeren (bureau)": reverse("admin:register_department_import"),
        "register exporteren (bureau)": reverse("admin:register_department_export"),
        "klachtenwoorden (bureau)": reverse("admin:register_complaintterm_changelist"),
        "klachtenwoorden importeren (bureau)": reverse("admin:register_complaintterm_import"),
        "klachtenwoorden exporteren (bureau)": reverse("admin:register_complaintterm_export"),
        "auditlog (bureau)": reverse("admin:audit_auditentry_changelist"),
        "geschiedenis (bureau)": reverse("admin:register_department_history", args=[department.pk]),
        "eerdere versie (bureau)": reverse(
            "admin:register_department_simple_history",
            args=[department.pk, department.history.earliest("history_date").history_id],
        ),
    }
    for what, path in pages.items():
        check(page, live_server.url + path, what)


def test_a_department_editor_sees_only_the_departments_section_of_the_admin(page, live_server, department):
    from django.urls import reverse

    from accounts.roles import Role

    log_in(live_server, staff(Role.DEPARTMENT_EDITOR, department), page)
    page.goto(live_server.url + reverse("admin:index"))

    sections = page.locator("#content-main .module caption").all_inner_texts()
    links = page.locator("#content-main .module th[scope=row] a").all_inner_texts()
    assert [s.strip().lower() for s in sections] == ["register"]
    assert [link.strip().lower() for link in links] == ["afdelingen"]


def test_target_groups_are_chosen_with_labelled_checkboxes(page, live_server, department):
    from django.urls import reverse

    from accounts.roles import Role

    log_in(live_server, staff(Role.DEPARTMENT_EDITOR, department), page)
    page.goto(live_server.url + reverse("admin:register_department_change", args=[department.pk]))

    chosen = department.target_groups.first()
    box = page.get_by_role("checkbox", name=chosen.label_nl, exact=True)
    assert box.is_checked()
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()
