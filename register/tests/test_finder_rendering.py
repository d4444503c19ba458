"""One way to render a page: Django's template engine, templates that print data, shared partials."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import Context, Template, engines
from django.utils import translation

from register.models import Department
from register.presenters import hit_cards
from register.search import context
from register.search.cards import CardTable
from register.tests.factories import DepartmentFactory, OfferFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


def test_every_page_renders_with_djangos_template_engine_only():
    assert [engine["BACKEND"] for engine in settings.TEMPLATES] == ["django.template.backends.django.DjangoTemplates"]
    assert [engine.name for engine in engines.all()] == ["django"]
    sources = [p for p in BASE_DIR.glob("*/**/*.py") if ".venv" not in p.parts and "node_modules" not in p.parts]
    assert not [p for p in sources if re.search(r"^\s*(import|from)\s+(jinja2|markupsafe)\b", p.read_text(), re.M)]
    assert not list(BASE_DIR.glob("*/jinja2")) and not list(BASE_DIR.glob("*/*/jinja2"))


@pytest.mark.parametrize(
    "path", ["register/presenters.py", "register/search/cards.py", "register/views.py", "register/templatetags/register_tags.py", "topggz/templatetags/site_tags.py"]
)
def test_no_presenter_builds_html_in_python(path):
    text = (BASE_DIR / path).read_text()
    assert not re.search(r"mark_safe|format_html|html\.escape|SafeString|Markup", text)


def card_table():
    context.clear()
    ctx = context.current()
    return CardTable.load(ctx)


def test_a_card_answers_every_field_of_the_department_as_the_model_does():
    department = DepartmentFactory(reach=Department.Reach.NATIONAL)
    card = card_table()[department.pk]
    department.refresh_from_db()
    for field in Department._meta.concrete_fields:
        assert getattr(card, field.attname) == getattr(department, field.attname), field.name
    with translation.override("en"):
        assert card.get_reach_display() == department.get_reach_display() == "National"
    assert card.is_fresh() == department.is_fresh()


def test_a_new_field_of_the_department_shows_on_the_card_by_its_name_alone():
    department = DepartmentFactory(phone="030 765 43 21")
    card = card_table()[department.pk]
    # What the card template would say for a field it has never used: {{ department.<field> }}.
    for field in Department._meta.concrete_fields:
        template = Template("{{ department.%s }}" % field.attname)
        assert template.render(Context({"department": card})) == template.render(Context({"department": department}))


def badges(html: str) -> list[str]:
    return re.findall(r'<span class="topggz-badge[^"]*">[^<]*</span>', html)


def test_the_card_and_the_department_page_show_the_same_certification_and_freshness_badges(client):
    department = DepartmentFactory(
        name="Centrum Psychotrauma",
        slug="centrum-psychotrauma",
        status=Department.Status.EXPIRED,
        certified_from=datetime.date(2018, 1, 1),
        certified_until=datetime.date(2022, 12, 31),
        last_confirmed_on=datetime.date(2020, 1, 1),
    )
    OfferFactory(department=department)
    card = client.get("/zoeken/").content.decode()
    page = client.get("/afdelingen/centrum-psychotrauma/").content.decode()

    expected = [
        '<span class="topggz-badge topggz-badge--expired">Keurmerk verlopen op 31 december 2022</span>',
        '<span class="topggz-badge topggz-badge--stale">Niet recent bevestigd</span>',
    ]
    assert [badge for badge in badges(card) if badge in expected] == expected
    assert [badge for badge in badges(page) if badge in expected] == expected


def test_the_card_partial_shows_a_department_outside_the_finder_without_a_query():
    department = DepartmentFactory(name="Centrum Psychotrauma", slug="centrum-psychotrauma")
    OfferFactory(department=department)
    card = card_table()[department.pk]
    hit = SimpleNamespace(department=card, matched_target_groups=[], nearest_location=None, distance_km=None)
    with translation.override("nl"):
        [shown] = hit_cards(SimpleNamespace(hits=[hit], interpreted_age_groups=()), SimpleNamespace(age_groups=()))
        html = engines["django"].get_template("register/_card.html").render({"department": card, "hit": shown})

    assert '<a class="utrecht-link utrecht-link--html-a" href="/afdelingen/centrum-psychotrauma/">Centrum Psychotrauma</a>' in html
    assert '<span class="topggz-tag">Psychotrauma</span>' in html
    assert "Gecertificeerd tot 29 februari 2028" in html
    assert "<mark" not in html
