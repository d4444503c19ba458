"""What a result card shows of each department, held per process: no SQL per results page.

``CardTable.load(ctx)`` reads, once per index stamp (register.search.context),
every department with what its card shows: name, slug, certification, reach,
date of last confirmation, institutions, target groups, age groups, offers
(kind and whether paused) and locations (name and place). A results page then
looks up its ten departments in a dict.

It is loaded and renewed exactly like the filters' facets (snapshot.Facets):
every write that a card shows sends a signal that changes the index stamp
(register.signals), so every process reloads on its next search. Writes
without signals (bulk_create, QuerySet.update) are picked up by
``manage.py rebuild_search_index``, which changes the stamp, or by the next
write that does send one.

The vocabularies (target groups, age groups) are the search context's own
objects, so a card's groups are in vocabulary order; institutions are in name
order, offers in kind order, locations in name order, as the department page
lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Department, Institution, Location, Offer

INSTITUTION_LINKS = Department.institutions.through
GROUP_LINKS = Department.target_groups.through
AGE_LINKS = Department.age_groups.through


@dataclass(frozen=True)
class LocationCard:
    pk: int
    name: str
    city: str


@dataclass(frozen=True)
class OfferCard:
    kind: str  # Offer.Kind value
    paused: bool


@dataclass(frozen=True, eq=False)
class DepartmentCard:
    """A department as a result card shows it (the field names are the model's).

    Compared and hashed by identity: each load of the table makes new cards, so
    a presenter may keep what it worked out for a card as long as it holds it.
    """

    pk: int
    name: str
    slug: str
    status: str
    certified_from: date | None
    certified_until: date | None
    reach: str
    last_confirmed_on: date | None
    institutions: tuple[str, ...]  # names, in name order
    target_groups: tuple  # TargetGroup objects of the search context, in vocabulary order
    age_groups: tuple  # AgeGroup objects, in vocabulary order
    offers: tuple[OfferCard, ...]  # in kind order (Offer.Kind's order of values), then id
    locations: tuple[LocationCard, ...]  # in name order, then id

    def location(self, pk: int | None) -> LocationCard | None:
        return next((location for location in self.locations if location.pk == pk), None)


class CardTable(dict):
    """{department id: DepartmentCard} for every department in the register.

    ``presented`` is where register.presenters keeps what it made of these
    cards (per language and day): it goes when the table does.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.presented: dict = {}

    @classmethod
    def load(cls, ctx) -> CardTable:
        """Six queries, each one pass over a table (once per index stamp per process)."""
        institutions = dict(Institution.objects.order_by("name", "pk").values_list("pk", "name"))
        institution_rank = {pk: i for i, pk in enumerate(institutions)}
        groups = {group.pk: group for group in ctx.target_groups.values()}
        group_rank = {pk: i for i, pk in enumerate(groups)}
        ages = {age.pk: age for age in ctx.age_groups.values()}
        age_rank = {pk: i for i, pk in enumerate(ages)}

        department_institutions = _linked(INSTITUTION_LINKS, "institution_id")
        department_groups = _linked(GROUP_LINKS, "targetgroup_id")
        department_ages = _linked(AGE_LINKS, "agegroup_id")
        kind_rank = {kind: i for i, kind in enumerate(Offer.Kind.values)}
        offers: dict[int, list] = {}
        for department_id, pk, kind, status in Offer.objects.values_list("department_id", "pk", "kind", "status"):
            offers.setdefault(department_id, []).append((kind_rank.get(kind, len(kind_rank)), pk, kind, status))
        locations: dict[int, list] = {}
        for department_id, pk, name, city in Location.objects.values_list("department_id", "pk", "name", "city"):
            locations.setdefault(department_id, []).append((name, pk, city))

        paused = Offer.Status.PAUSED
        table = cls()
        fields = ("pk", "name", "slug", "status", "certified_from", "certified_until", "reach", "last_confirmed_on")
        for pk, name, slug, status, since, until, reach, confirmed in Department.objects.values_list(*fields):
            table[pk] = DepartmentCard(
                pk=pk,
                name=name,
                slug=slug,
                status=status,
                certified_from=since,
                certified_until=until,
                reach=reach,
                last_confirmed_on=confirmed,
                institutions=tuple(
                    institutions[i] for i in _ordered(department_institutions.get(pk), institution_rank)
                ),
                target_groups=tuple(groups[g] for g in _ordered(department_groups.get(pk), group_rank)),
                age_groups=tuple(ages[a] for a in _ordered(department_ages.get(pk), age_rank)),
                offers=tuple(OfferCard(kind, state == paused) for _rank, _pk, kind, state in sorted(offers.get(pk, ()))),
                locations=tuple(
                    LocationCard(location_pk, location_name, location_city)
                    for location_name, location_pk, location_city in sorted(locations.get(pk, ()))
                ),
            )
        return table


def _linked(through, target: str) -> dict[int, list[int]]:
    linked: dict[int, list[int]] = {}
    for department_id, pk in through.objects.values_list("department_id", target):
        linked.setdefault(department_id, []).append(pk)
    return linked


def _ordered(pks, rank: dict) -> list[int]:
    """The known `pks` (no duplicates) in the order of `rank`."""
    if not pks:
        return []
    return sorted({pk for pk in pks if pk in rank}, key=rank.__getitem__)
