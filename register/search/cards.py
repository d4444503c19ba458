"""What a result card shows of each department, held per process: no SQL per results page.

``CardTable.load(ctx)`` reads, once per index stamp (register.search.context),
every department (every field of the model) with what its card shows of its
relations: institutions, target groups, age groups, offers (kind and whether
paused) and locations (name and place). A results page then looks up its ten
departments in a dict.

It is loaded and renewed exactly like the filters' facets (snapshot.Facets):
every write to the register changes the index stamp (register.services, the
one invalidation path), so every process reloads on its next search.

The vocabularies (target groups, age groups) are the search context's own
objects, so a card's groups are in vocabulary order; institutions are in name
order, offers in kind order, locations in name order, as the department page
lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

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
class InstitutionCard:
    """An institution as cards and the department page name it: its name (str()) and website."""

    name: str
    website: str

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class OfferCard:
    kind: str  # Offer.Kind value
    paused: bool

    def get_kind_display(self) -> str:
        """As Offer.get_kind_display(): the kind's label in the active language."""
        return str(_KIND_LABELS.get(self.kind, self.kind))


_KIND_LABELS = dict(Offer.Kind.choices)


class DepartmentCard:
    """A department as a result card shows it: every field of the model, its methods and properties
    (``name``, ``certified_until``, ``get_reach_display``, ``is_fresh`` ...: a Department instance
    without its relations answers them), plus what its card shows of its relations, loaded once:

    - ``institutions``: InstitutionCard (name, website; str() is the name), in name order;
    - ``target_groups`` / ``age_groups``: the search context's vocabulary objects, in vocabulary order;
    - ``offers``: OfferCard in kind order (Offer.Kind's order of values), then id;
    - ``locations``: LocationCard in name order, then id.

    A new field of Department is on every card at once ({{ department.<field> }} in
    register/templates/register/_card.html): nothing here names the model's fields.
    Compared and hashed by identity.
    """

    __slots__ = ("record", "institutions", "target_groups", "age_groups", "offers", "locations")

    def __init__(self, record: Department, institutions=(), target_groups=(), age_groups=(), offers=(), locations=()):
        self.record = record
        self.institutions = tuple(institutions)
        self.target_groups = tuple(target_groups)
        self.age_groups = tuple(age_groups)
        self.offers = tuple(offers)
        self.locations = tuple(locations)

    def __getattr__(self, name):  # only for what the slots do not hold: the model's fields and methods
        return getattr(self.record, name)

    def __repr__(self):
        return f"<DepartmentCard {self.record.pk}: {self.record.name}>"

    def location(self, pk: int | None) -> LocationCard | None:
        return next((location for location in self.locations if location.pk == pk), None)


class CardTable(dict):
    """{department id: DepartmentCard} for every department in the register; ``slugs``: {slug: id}."""

    slugs: dict

    def by_slug(self, slug: str) -> DepartmentCard | None:
        pk = self.slugs.get(slug)
        return None if pk is None else self[pk]

    @classmethod
    def load(cls, ctx) -> CardTable:
        """Six queries, each one pass over a table (once per index stamp per process)."""
        institutions = {
            pk: InstitutionCard(name, website)
            for pk, name, website in Institution.objects.order_by("name", "pk").values_list("pk", "name", "website")
        }
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
        table.slugs = {}
        # Every field of the model (order_by(): the table is a dict; no sort needed).
        for record in Department.objects.order_by().iterator(chunk_size=2000):
            pk = record.pk
            table.slugs[record.slug] = pk
            table[pk] = DepartmentCard(
                record,
                institutions=(institutions[i] for i in _ordered(department_institutions.get(pk), institution_rank)),
                target_groups=(groups[g] for g in _ordered(department_groups.get(pk), group_rank)),
                age_groups=(ages[a] for a in _ordered(department_ages.get(pk), age_rank)),
                offers=(OfferCard(kind, state == paused) for _rank, _pk, kind, state in sorted(offers.get(pk, ()))),
                locations=(
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
