"""Fetch one result page's departments with everything a result card shows, in four queries.

Each department comes with, prefetched: institutions, target groups, age
groups, offers, and locations with their municipality (and its province) and
care functions. Departments, offers and locations are read with one plain
SQL statement each and made into model instances as the ORM would (the
database's converters, then ``Model.from_db``), without compiling a QuerySet
or a RawQuerySet per request. The links to
institutions, target groups, age groups and care functions come in one
query and point at the process's cached objects (register.search.context);
municipalities and provinces too. Whatever the cache misses (written without
signals since it was loaded) is read from the database. Related managers then
behave as after prefetch_related(): ``.all()`` reads the stored result,
``.filter()`` asks the database (see Prefetched).
"""

from __future__ import annotations

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.db.models.sql import Query

from geo.models import Municipality

from ..models import Department, Institution, Location, Offer

GROUP_LINKS = Department.target_groups.through._meta.db_table
AGE_LINKS = Department.age_groups.through._meta.db_table
INSTITUTION_LINKS = Department.institutions.through._meta.db_table
FUNCTION_LINKS = Location.care_functions.through._meta.db_table
INSTITUTIONS, TARGET_GROUPS, AGE_GROUPS, CARE_FUNCTIONS = 1, 2, 3, 4


def load_page(ids: list[int], ctx, municipalities: dict, institutions: dict) -> dict[int, Department]:
    """{id: department} for `ids` (ids that no longer exist are left out)."""
    if not ids:
        return {}
    db = Department.objects.db
    marks = ", ".join(["%s"] * len(ids))
    departments = {d.pk: d for d in _instances(Department, db, f"WHERE id IN ({marks})", ids)}
    if not departments:
        return {}
    offers = _by_department(_instances(Offer, db, f"WHERE department_id IN ({marks}) ORDER BY department_id, kind, id", ids))
    locations = _by_department(
        _instances(Location, db, f"WHERE department_id IN ({marks}) ORDER BY department_id, name, id", ids)
    )
    links = _links(list(departments), db)
    institutions = _complete(institutions, links[INSTITUTIONS], lambda: Institution.objects.using(db))
    municipalities = _complete(
        municipalities,
        {0: [loc.municipality_id for found in locations.values() for loc in found]},
        lambda: Municipality.objects.using(db).select_related("province"),
    )
    vocabularies, ranks = _vocabularies(ctx, institutions)

    def linked(kind, owner):
        return _objects(links[kind].get(owner), vocabularies[kind], ranks[kind])

    for pk, department in departments.items():
        department._prefetched_objects_cache = {}
        _attach(department, "institutions", linked(INSTITUTIONS, pk))
        _attach(department, "target_groups", linked(TARGET_GROUPS, pk))
        _attach(department, "age_groups", linked(AGE_GROUPS, pk))
        for offer in offers.get(pk, []):
            OFFER_DEPARTMENT.set_cached_value(offer, department)  # what offer.department = department caches
        _attach(department, "offers", offers.get(pk, []))
        for location in locations.get(pk, []):
            LOCATION_DEPARTMENT.set_cached_value(location, department)
            LOCATION_MUNICIPALITY.set_cached_value(location, municipalities[location.municipality_id])
            location._prefetched_objects_cache = {}
            _attach(location, "care_functions", linked(CARE_FUNCTIONS, location.pk))
        _attach(department, "locations", locations.get(pk, []))
    return departments


OFFER_DEPARTMENT = Offer._meta.get_field("department")
LOCATION_DEPARTMENT = Location._meta.get_field("department")
LOCATION_MUNICIPALITY = Location._meta.get_field("municipality")


def _vocabularies(ctx, institutions: dict) -> tuple[dict, dict]:
    """({kind: {pk: object}}, {kind: {pk: position}}) of the cached objects, worked out once per
    context and institution cache (not per page)."""
    cached = _VOCABULARIES.get("value")
    if cached is not None and cached[0] is ctx and cached[1] is institutions:
        return cached[2]
    vocabularies = {
        INSTITUTIONS: institutions,
        TARGET_GROUPS: {g.pk: g for g in ctx.target_groups.values()},
        AGE_GROUPS: {a.pk: a for a in ctx.age_groups.values()},
        CARE_FUNCTIONS: {c.pk: c for c in ctx.care_functions.values()},
    }
    ranks = {kind: {pk: i for i, pk in enumerate(objects)} for kind, objects in vocabularies.items()}
    _VOCABULARIES["value"] = (ctx, institutions, (vocabularies, ranks))
    return vocabularies, ranks


_VOCABULARIES: dict = {}


def _instances(model, db: str, where: str, params) -> list:
    """Instances of `model` from ``SELECT <every concrete column> FROM <table> <where>``, as a QuerySet makes them."""
    connection = connections[db]
    fields, columns, converters = _columns(model, connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {model._meta.db_table} {where}", params)
        rows = cursor.fetchall()
    names = [field.attname for field in fields]
    plain = _plain_model(model)
    objects = []
    for row in rows:
        if converters:
            row = list(row)
            for index, functions, expression in converters:
                value = row[index]
                for function in functions:
                    value = function(value, expression, connection)
                row[index] = value
        if plain:
            # What Model.from_db(db, names, row) makes, for a model whose __init__ only stores the
            # field values (checked by _plain_model): five times as fast, and a page has ~70 rows.
            obj = model.__new__(model)
            obj._state = state = ModelState()
            state.adding, state.db = False, db
            obj.__dict__.update(zip(names, row))
        else:
            obj = model.from_db(db, names, row)
        objects.append(obj)
    return objects


def _plain_model(model) -> bool:
    """True when Model.from_db would only store the field values: no own __init__ or from_db, nobody
    listening to pre_init / post_init, and no field whose attribute does more than store (FileField)."""
    return (
        model.__init__ is Model.__init__
        and model.from_db.__func__ is Model.from_db.__func__
        and not pre_init.has_listeners(model)
        and not post_init.has_listeners(model)
        and all(
            type(model.__dict__.get(field.attname)) in (DeferredAttribute, ForeignKeyDeferredAttribute)
            for field in model._meta.concrete_fields
        )
    )


def _columns(model, connection):
    """(fields, quoted column list, [(index, converters, expression)]) as SQLCompiler.get_converters gives them."""
    key = (model, connection.alias, connection.vendor)
    cached = _COLUMNS.get(key)
    if cached is not None and cached[0] is connection:
        return cached[1]
    fields = list(model._meta.concrete_fields)
    converters = []
    for index, field in enumerate(fields):
        expression = field.get_col(model._meta.db_table)
        functions = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        if functions:
            converters.append((index, functions, expression))
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    result = (fields, columns, converters)
    _COLUMNS[key] = (connection, result)  # the backend's converters are bound to this connection
    return result


_COLUMNS: dict = {}


def _by_department(objects) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for obj in objects:
        grouped.setdefault(obj.department_id, []).append(obj)
    return grouped


def _complete(cached: dict, wanted: dict, queryset) -> dict:
    """`cached`, plus whatever of the wanted primary keys it lacks, read from `queryset()`."""
    missing = {pk for pks in wanted.values() for pk in pks} - cached.keys()
    if not missing:
        return cached
    return {**cached, **{obj.pk: obj for obj in queryset().filter(pk__in=missing)}}


def _objects(pks, by_pk: dict, rank: dict) -> list:
    """The cached objects for `pks`, in the cache's order (vocabulary order, or by name)."""
    if not pks:
        return []
    return [by_pk[pk] for pk in sorted(set(pks), key=rank.__getitem__)]


class Prefetched(QuerySet):
    """What prefetch_related() leaves for obj.<name>.all(), made cheaply.

    Iterating, len(), count(), exists(), first() and indexing read the stored
    result. Anything that needs a new query (filter(), order_by(), values(),
    all() on it) starts from the real related queryset, so it asks the
    database exactly as after prefetch_related().
    """

    def _chain(self):
        owner, name = self._prefetched_for
        cache = owner._prefetched_objects_cache
        stored = cache.pop(name)
        try:
            related = getattr(owner, name).get_queryset()
        finally:
            cache[name] = stored
        return related._chain()


def prefetched(obj):
    """`related(name)`: the list obj.<name>.all() would give, read straight from the prefetch cache.

    Building a related manager costs more than the lookup itself; a card
    reads four relations of ten departments. Falls back to obj.<name>.all().
    """
    cache = getattr(obj, "_prefetched_objects_cache", {})

    def related(name: str) -> list:
        queryset = cache.get(name)
        if queryset is not None and queryset._result_cache is not None:
            return queryset._result_cache
        return list(getattr(obj, name).all())

    return related


def _attach(obj, name: str, items: list) -> None:
    """Store `items` as the prefetched result of obj.<name>.all()."""
    model = _related_model(type(obj), name)
    queryset = Prefetched(model=model, query=_unused_query(model), using=obj._state.db)
    queryset._result_cache = items
    queryset._prefetch_done = True
    queryset._prefetched_for = (obj, name)
    obj._prefetched_objects_cache[name] = queryset


def _related_model(model, name: str):
    related = _RELATED.get((model, name))
    if related is None:
        related = _RELATED[(model, name)] = model._meta.get_field(name).related_model
    return related


_RELATED: dict = {}


def _unused_query(model):
    """One Query per model, shared by the Prefetched querysets: they never run or change it.

    Everything that would (filter(), order_by(), slicing, ...) goes through
    Prefetched._chain(), which starts from the real related queryset. Making
    a new Query for each of a page's ~70 prefetched relations cost more than
    reading the page.
    """
    query = _UNUSED_QUERIES.get(model)
    if query is None:
        query = _UNUSED_QUERIES[model] = Query(model)
    return query


_UNUSED_QUERIES: dict = {}


def _links(department_ids: list[int], db: str) -> dict[int, dict[int, list[int]]]:
    """{kind: {owner: [target pk]}}: institutions, target groups and age groups per department,
    care functions per location."""
    marks = ", ".join(["%s"] * len(department_ids))
    sql = (
        f"SELECT {INSTITUTIONS}, department_id, institution_id FROM {INSTITUTION_LINKS}"
        f" WHERE department_id IN ({marks})"
        f" UNION ALL SELECT {TARGET_GROUPS}, department_id, targetgroup_id FROM {GROUP_LINKS}"
        f" WHERE department_id IN ({marks})"
        f" UNION ALL SELECT {AGE_GROUPS}, department_id, agegroup_id FROM {AGE_LINKS} WHERE department_id IN ({marks})"
        f" UNION ALL SELECT {CARE_FUNCTIONS}, f.location_id, f.carefunction_id FROM {FUNCTION_LINKS} f"
        f" INNER JOIN {Location._meta.db_table} l ON l.id = f.location_id WHERE l.department_id IN ({marks})"
    )
    links: dict[int, dict[int, list[int]]] = {kind: {} for kind in (INSTITUTIONS, TARGET_GROUPS, AGE_GROUPS, CARE_FUNCTIONS)}
    with connections[db].cursor() as cursor:
        cursor.execute(sql, department_ids * 4)
        for kind, owner, target in cursor.fetchall():
            links[kind].setdefault(owner, []).append(target)
    return links
