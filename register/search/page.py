"""Fetch one result page's departments with everything a result card shows, in four queries.

Each department comes with, prefetched: institutions, target groups, age
groups, offers, and locations with their municipality (and its province) and
care functions. Departments, offers and locations are read with
``Model.objects.raw()`` (one query each, no ORM compilation). The links to
institutions, target groups, age groups and care functions come in one
query and point at the process's cached objects (register.search.context);
municipalities and provinces too. Whatever the cache misses (written without
signals since it was loaded) is read from the database. Related managers then
behave as after prefetch_related(): ``.all()`` reads the stored result,
``.filter()`` asks the database (see Prefetched).
"""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet

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
    marks = ", ".join(["%s"] * len(ids))
    departments = {
        d.pk: d for d in Department.objects.raw(f"SELECT * FROM {Department._meta.db_table} WHERE id IN ({marks})", ids)
    }
    if not departments:
        return {}
    db = next(iter(departments.values()))._state.db
    offers = _by_department(
        Offer.objects.raw(
            f"SELECT * FROM {Offer._meta.db_table} WHERE department_id IN ({marks}) ORDER BY department_id, kind, id",
            ids,
        )
    )
    locations = _by_department(
        Location.objects.raw(
            f"SELECT * FROM {Location._meta.db_table} WHERE department_id IN ({marks})"
            " ORDER BY department_id, name, id",
            ids,
        )
    )
    links = _links(list(departments), db)
    institutions = _complete(institutions, links[INSTITUTIONS], Institution.objects.using(db))
    municipalities = _complete(
        municipalities,
        {0: [loc.municipality_id for found in locations.values() for loc in found]},
        Municipality.objects.using(db).select_related("province"),
    )
    vocabularies = {
        INSTITUTIONS: institutions,
        TARGET_GROUPS: {g.pk: g for g in ctx.target_groups.values()},
        AGE_GROUPS: {a.pk: a for a in ctx.age_groups.values()},
        CARE_FUNCTIONS: {c.pk: c for c in ctx.care_functions.values()},
    }
    ranks = {kind: {pk: i for i, pk in enumerate(objects)} for kind, objects in vocabularies.items()}

    def linked(kind, owner):
        return _objects(links[kind].get(owner), vocabularies[kind], ranks[kind])

    for pk, department in departments.items():
        department._prefetched_objects_cache = {}
        _attach(department, "institutions", linked(INSTITUTIONS, pk))
        _attach(department, "target_groups", linked(TARGET_GROUPS, pk))
        _attach(department, "age_groups", linked(AGE_GROUPS, pk))
        for offer in offers.get(pk, []):
            offer.department = department
        _attach(department, "offers", offers.get(pk, []))
        for location in locations.get(pk, []):
            location.department = department
            location.municipality = municipalities[location.municipality_id]
            location._prefetched_objects_cache = {}
            _attach(location, "care_functions", linked(CARE_FUNCTIONS, location.pk))
        _attach(department, "locations", locations.get(pk, []))
    return departments


def _by_department(objects) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for obj in objects:
        grouped.setdefault(obj.department_id, []).append(obj)
    return grouped


def _complete(cached: dict, wanted: dict, queryset) -> dict:
    """`cached`, plus whatever of the wanted primary keys it lacks, read from `queryset`."""
    missing = {pk for pks in wanted.values() for pk in pks} - cached.keys()
    if not missing:
        return cached
    return {**cached, **{obj.pk: obj for obj in queryset.filter(pk__in=missing)}}


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


def _attach(obj, name: str, items: list) -> None:
    """Store `items` as the prefetched result of obj.<name>.all()."""
    queryset = Prefetched(model=obj._meta.get_field(name).related_model, using=obj._state.db)
    queryset._result_cache = items
    queryset._prefetch_done = True
    queryset._prefetched_for = (obj, name)
    obj._prefetched_objects_cache[name] = queryset


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
