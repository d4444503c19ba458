"""The demo knowledge that `make run` can load after the demo dossiers (load_demo_knowledge)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.demo import create_demo_users
from audit.models import AuditEntry
from knowledge import selectors
from knowledge.demo import SHARED_DOI
from register.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_dossiers(settings):
    settings.DEBUG = True
    departments = sorted([DepartmentFactory(), DepartmentFactory()], key=lambda d: d.name)
    create_demo_users(departments_for_staff=departments)
    call_command("load_demo_dossiers")
    return departments


def test_the_demo_makes_items_of_every_kind_public(demo_dossiers):
    call_command("load_demo_knowledge")

    kinds = {item.kind for item in selectors.published_items()}
    assert {"innovation", "study", "publication", "presentation"} <= kinds


def test_the_demo_shares_one_publication_between_the_two_departments(demo_dossiers):
    call_command("load_demo_knowledge")

    shared = [item for item in selectors.published_items() if item.values.get("doi") == SHARED_DOI]
    assert len(shared) == 1
    assert {dep[0] for dep in shared[0].departments} == {d.pk for d in demo_dossiers}


def test_loading_the_demo_knowledge_twice_changes_nothing_more(demo_dossiers):
    call_command("load_demo_knowledge")
    before = (len(selectors.published_items()), AuditEntry.objects.count())
    call_command("load_demo_knowledge")

    assert (len(selectors.published_items()), AuditEntry.objects.count()) == before


def test_the_demo_knowledge_refuses_without_debug(demo_dossiers, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("load_demo_knowledge")
