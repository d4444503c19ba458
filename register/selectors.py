"""Reads of the register, tuned once and reused by views and APIs."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Department, DepartmentExclusion, Institution, Location, Offer
from .search import context as search_context
from .search.cards import DepartmentCard


def register_summary() -> dict:
    """The register's size for the home page, in a fixed number of queries (two)."""
    departments = Department.objects.aggregate(
        total=Count("id"),
        certified=Count("id", filter=Q(status=Department.Status.CERTIFIED)),
    )
    return {
        "departments": departments["total"],
        "certified_departments": departments["certified"],
        "institutions": Institution.objects.filter(departments__isnull=False).distinct().count(),
    }


def location_count() -> int:
    return Location.objects.count()


@dataclass(frozen=True)
class LocationDetail:
    """A location as the department page lists it, with its care functions (vocabulary objects)."""

    pk: int
    name: str
    street_address: str
    postcode: str
    city: str
    latitude: float
    longitude: float
    care_functions: tuple


@dataclass(frozen=True)
class DepartmentPage:
    """What the department page shows: the department as the finder's card table holds it (every
    field, institutions, target and age groups; see register.search.cards), and what only its own
    page shows, read for this department."""

    department: DepartmentCard
    offers: tuple  # Offer, in the order of Offer.Kind
    locations: tuple  # LocationDetail, by name
    exclusions: tuple  # DepartmentExclusion with its criterion, in the vocabulary's order


LOCATION_FUNCTIONS = Location.care_functions.through
_KIND_ORDER = {kind: rank for rank, kind in enumerate(Offer.Kind.values)}


def department_card(slug: str) -> DepartmentCard | None:
    """The department with slug `slug` as the finder's card table holds it (one query: the index stamp)."""
    return search_context.cards(search_context.current()).by_slug(slug)


def department_page(slug: str) -> DepartmentPage | None:
    """The department with slug `slug` for its public page, or None. The department itself comes
    from the card table the finder keeps per index stamp (no query once loaded; the stamp is the
    one invalidation path), the rest in four short queries."""
    ctx = search_context.current()
    department = search_context.cards(ctx).by_slug(slug)
    if department is None:
        return None
    pk = department.pk
    offers = sorted(Offer.objects.filter(department_id=pk).order_by(), key=lambda offer: (_KIND_ORDER.get(offer.kind, 99), offer.pk))
    functions_by_pk = {function.pk: function for function in ctx.care_functions.values()}
    functions: dict[int, list] = {}
    for location_id, function_id in LOCATION_FUNCTIONS.objects.filter(location__department_id=pk).values_list(
        "location_id", "carefunction_id"
    ):
        if function_id in functions_by_pk:
            functions.setdefault(location_id, []).append(functions_by_pk[function_id])
    rows = Location.objects.filter(department_id=pk).order_by().values_list(
        "pk", "name", "street_address", "postcode", "city", "latitude", "longitude"
    )
    locations = sorted(
        (
            LocationDetail(*row, care_functions=tuple(sorted(functions.get(row[0], ()), key=lambda f: (f.order, f.label_nl))))
            for row in rows
        ),
        key=lambda location: (location.name, location.pk),
    )
    exclusions = sorted(
        DepartmentExclusion.objects.filter(department_id=pk).order_by().select_related("criterion"),
        key=lambda item: (item.criterion.order, item.criterion.label_nl),
    )
    return DepartmentPage(department, tuple(offers), tuple(locations), tuple(exclusions))
