"""One invalidation path: every write to what the finder shows changes the index stamp (register.services).

The finder's snapshot (register.search.context) is reloaded only when the stamp changes, so a
write that skips it would show old data until the next unrelated write. These tests write every
model and link table the finder reads in every way Django offers (save, create, delete,
QuerySet.update, QuerySet.delete, bulk_create, bulk_update, the many-to-many managers) and
require a new stamp after each; and they require that the snapshot reads no table outside
services.finder_tables(), whose models all have the stamping manager.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from register import services
from register.models import (
    AgeGroup,
    CareFunction,
    ComplaintLink,
    ComplaintTerm,
    Department,
    Institution,
    Location,
    Offer,
    SearchIndexState,
    TargetGroup,
)
from register.search import FinderQuery, context, search
from register.search.cards import CardTable
from register.tests.factories import DepartmentFactory, InstitutionFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db


def stamp() -> str | None:
    return SearchIndexState.objects.filter(pk=1).values_list("stamp", flat=True).first()


class Counter:
    n = 0

    @classmethod
    def next(cls) -> int:
        cls.n += 1
        return cls.n


def new_row(model):
    """An unsaved row of `model` (its department and geography saved), and a text field to change."""
    n = Counter.next()
    if model is Department:
        row = DepartmentFactory.build(name=f"Afdeling {n}", slug=f"afdeling-{n}")
        return row, "name"
    if model is Institution:
        return InstitutionFactory.build(name=f"Instelling {n}"), "name"
    if model in (TargetGroup, AgeGroup, CareFunction):
        extra = {"min_age": 18, "max_age": 30} if model is AgeGroup else {}
        return model(code=f"nieuw-{n}", label_nl=f"Nieuw {n}", label_en=f"New {n}", **extra), "label_nl"
    if model is Offer:
        return OfferFactory.build(department=DepartmentFactory(), kind=Offer.Kind.CONSULTATION), "how_to_request"
    if model is Location:
        municipality = LocationFactory().municipality  # saved, with its province
        return LocationFactory.build(department=DepartmentFactory(), municipality=municipality), "name"
    if model is ComplaintTerm:
        return ComplaintTerm(term=f"klacht {n}"), "term"
    if model is ComplaintLink:
        group = TargetGroup.objects.create(code=f"groep-{n}", label_nl=f"Groep {n}", label_en=f"Group {n}")
        return ComplaintLink(complaint=ComplaintTerm.objects.create(term=f"klacht {n}"), target_group=group), "weight"
    raise AssertionError(model)


def other_value(model, prefix: str):
    """A new value for the field new_row() names: a text, or a weight for a complaint's link."""
    n = Counter.next()
    if model is ComplaintLink:
        return Decimal(n % 99 + 1) / 100
    return f"{prefix} {n}"


def changes_stamp(write) -> bool:
    before = stamp()
    write()
    return stamp() != before


MODELS = [Department, Institution, TargetGroup, AgeGroup, CareFunction, Location, Offer, ComplaintTerm, ComplaintLink]
IDS = [model.__name__ for model in MODELS]


def test_the_finder_models_are_the_ones_listed_here():
    assert set(services.finder_models()) == set(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_creating_a_row_of_a_finder_model_changes_the_stamp(model):
    row, _field = new_row(model)
    assert changes_stamp(row.save)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_saving_a_changed_row_of_a_finder_model_changes_the_stamp(model):
    row, field = new_row(model)
    row.save()
    setattr(row, field, other_value(model, "Anders"))
    assert changes_stamp(row.save)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_deleting_a_row_of_a_finder_model_changes_the_stamp(model):
    row, _field = new_row(model)
    row.save()
    assert changes_stamp(row.delete)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_a_queryset_update_of_a_finder_model_changes_the_stamp(model):
    row, field = new_row(model)
    row.save()
    assert changes_stamp(lambda: model.objects.filter(pk=row.pk).update(**{field: other_value(model, "Bulk")}))


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_a_queryset_delete_of_a_finder_model_changes_the_stamp(model):
    row, _field = new_row(model)
    row.save()
    assert changes_stamp(lambda: model.objects.filter(pk=row.pk).delete())


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_bulk_create_of_a_finder_model_changes_the_stamp(model):
    row, _field = new_row(model)
    assert changes_stamp(lambda: model.objects.bulk_create([row]))


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_bulk_update_of_a_finder_model_changes_the_stamp(model):
    row, field = new_row(model)
    row.save()
    setattr(row, field, other_value(model, "Bulk"))
    assert changes_stamp(lambda: model.objects.bulk_update([row], [field]))


def test_every_link_table_the_finder_reads_changes_the_stamp_when_written_in_bulk():
    department = DepartmentFactory()
    institution = InstitutionFactory()
    group = TargetGroup.objects.get(code="dwang")
    age = AgeGroup.objects.get(code="elderly")
    location = LocationFactory(department=department)
    function = CareFunction.objects.get(code="crisis")
    links = {
        Department.institutions.through: {"department": department, "institution": institution},
        Department.target_groups.through: {"department": department, "targetgroup": group},
        Department.age_groups.through: {"department": department, "agegroup": age},
        Location.care_functions.through: {"location": location, "carefunction": function},
    }
    assert set(links) == set(services.finder_link_models())
    for through, values in links.items():
        through.objects.filter(**values).delete()
        assert changes_stamp(lambda: through.objects.bulk_create([through(**values)])), through
        assert changes_stamp(lambda: through.objects.filter(**values).delete()), through


def test_the_many_to_many_managers_change_the_stamp():
    department = DepartmentFactory()
    group = TargetGroup.objects.get(code="dwang")
    location = LocationFactory(department=department)
    function = CareFunction.objects.get(code="crisis")

    assert changes_stamp(lambda: department.target_groups.add(group))
    assert changes_stamp(lambda: department.target_groups.remove(group))
    assert changes_stamp(lambda: department.target_groups.clear())
    assert changes_stamp(lambda: location.care_functions.set([function]))
    assert changes_stamp(lambda: department.age_groups.clear())


def test_every_table_the_finder_reads_has_the_stamping_manager():
    for model in (*services.finder_models(), *services.finder_link_models()):
        assert isinstance(model._default_manager, services.RegisterManager), model
        assert isinstance(model.objects.all(), services.RegisterQuerySet), model


def test_the_finder_reads_no_register_table_whose_writes_skip_the_stamp():
    department = DepartmentFactory()
    OfferFactory(department=department)
    LocationFactory(department=department)
    context.clear()
    with CaptureQueriesContext(connection) as captured:
        ctx = context.current()
        CardTable.load(ctx)
        context.facets()
        context.words()
        search(FinderQuery(text="dwang trauma", place="3511 AB", radius_km=50))
    read = {table for query in captured for table in re.findall(r'"?(register_\w+)"?', query["sql"])}
    index_tables = {"register_searchdocument", "register_searchterm", "register_searchindexstate"}
    index_tables |= {table for table in read if table.startswith("register_search")}  # the full-text tables
    assert read - index_tables <= services.finder_tables(), read - index_tables - services.finder_tables()


def test_a_bulk_update_shows_on_the_next_search_page(client):
    department = DepartmentFactory(name="Centrum Psychotrauma", slug="centrum-psychotrauma")
    OfferFactory(department=department)
    assert ">Centrum Psychotrauma</a></h3>" in client.get("/zoeken/").content.decode()

    Department.objects.filter(pk=department.pk).update(name="Kliniek Psychotrauma", reach=Department.Reach.NATIONAL)
    html = client.get("/zoeken/?q=kliniek").content.decode()

    assert ">Kliniek Psychotrauma</a></h3>" in html
    assert '<span class="topggz-badge">Landelijk</span>' in html


def test_a_bulk_created_offer_shows_on_the_next_search_page(client):
    department = DepartmentFactory(name="Centrum Psychotrauma", slug="centrum-psychotrauma")
    card_offer = '<li class="topggz-offers__item">Second opinion</li>'
    assert card_offer not in client.get("/zoeken/").content.decode()

    Offer.objects.bulk_create([OfferFactory.build(department=department, kind=Offer.Kind.SECOND_OPINION)])

    assert card_offer in client.get("/zoeken/").content.decode()


def test_a_bulk_update_of_an_institution_name_is_found_by_the_next_search():
    institution = InstitutionFactory(name="Ggz Oud")
    DepartmentFactory(name="Centrum Psychotrauma", slug="centrum-psychotrauma", institutions=[institution])

    Institution.objects.filter(pk=institution.pk).update(name="Ggz Zeldzaamnaam")

    assert [hit.department.slug for hit in search(FinderQuery(text="zeldzaamnaam")).hits] == ["centrum-psychotrauma"]


def test_a_bulk_update_of_a_certificate_date_shows_on_the_card(client):
    department = DepartmentFactory(name="Centrum Psychotrauma", slug="centrum-psychotrauma")
    client.get("/zoeken/")
    until = datetime.date.today() + datetime.timedelta(days=400)

    Department.objects.filter(pk=department.pk).update(
        status=Department.Status.CERTIFIED, certified_from=datetime.date(2020, 1, 1), certified_until=until
    )

    assert f"Gecertificeerd tot {until.day} " in client.get("/zoeken/").content.decode()
