"""Write the demo register to the database (and remove it again).

The rows are inserted with bulk_create. Because bulk_create sends no
signals, django-simple-history would record nothing; so each new row gets
exactly one "created" history record (with its many-to-many values) written
here, just as a normal save would have produced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from geo.loading import ensure_geo_loaded

from ..models import (
    AgeGroup,
    CareFunction,
    Department,
    DepartmentExclusion,
    ExclusionCriterion,
    Institution,
    Location,
    Offer,
    TargetGroup,
)
from .builder import DemoPlan, build_demo, demo_department_slugs, demo_institution_names, load_places

DEMO_ADMIN_EMAIL = "beheer@topggz.example"
DEMO_ADMIN_PASSWORD = "Demo-beheer-2026!"  # demo only; documented in the README
HISTORY_REASON = "Demogegevens geladen"


@dataclass(frozen=True)
class DemoCounts:
    institutions: int
    departments: int
    locations: int
    offers: int
    paused_offers: int
    exclusions: int

    def __str__(self):
        return (
            f"{self.institutions} instellingen, {self.departments} afdelingen, {self.locations} locaties, "
            f"{self.offers} aanbod ({self.paused_offers} met aanmeldpauze), {self.exclusions} exclusiecriteria"
        )


@dataclass(frozen=True)
class DemoResult:
    loaded: bool  # False: the demo was already present and left alone
    removed: bool  # True: an earlier demo was removed first (--reset)
    counts: DemoCounts


def demo_institutions():
    return Institution.objects.filter(name__in=demo_institution_names())


def demo_departments():
    return Department.objects.filter(slug__in=demo_department_slugs())


def demo_present() -> bool:
    return demo_institutions().exists() or demo_departments().exists()


def demo_counts() -> DemoCounts:
    departments = demo_departments()
    offers = Offer.objects.filter(department__in=departments)
    return DemoCounts(
        institutions=demo_institutions().count(),
        departments=departments.count(),
        locations=Location.objects.filter(department__in=departments).count(),
        offers=offers.count(),
        paused_offers=offers.filter(status=Offer.Status.PAUSED).count(),
        exclusions=DepartmentExclusion.objects.filter(department__in=departments).count(),
    )


def remove_demo() -> bool:
    """Delete the demo departments (with their locations, offers, exclusions) and institutions."""
    present = demo_present()
    demo_departments().delete()
    demo_institutions().delete()
    return present


def load_demo(*, today: date | None = None, reset: bool = False) -> DemoResult:
    """Load the geography if needed, then the demo register, in one transaction.

    Without `reset` an existing demo is left as it is; with `reset` the demo
    rows are deleted and loaded again. Other register rows are never touched.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        ensure_geo_loaded()
        removed = remove_demo() if reset else False
        if demo_present():
            return DemoResult(loaded=False, removed=False, counts=demo_counts())
        write_plan(build_demo(today, load_places()))
        return DemoResult(loaded=True, removed=removed, counts=demo_counts())


def ensure_demo_admin(*, reset: bool = False) -> str:
    """Create the demo superuser; with `reset`, also restore its password and rights.

    Returns "created", "reset" or "kept".
    """
    User = get_user_model()
    user = User.objects.find_by_email(DEMO_ADMIN_EMAIL)
    if user is None:
        User.objects.create_superuser(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
        return "created"
    if not reset:
        return "kept"
    user.set_password(DEMO_ADMIN_PASSWORD)
    user.is_staff = user.is_superuser = user.is_active = True
    user.save()
    return "reset"


# --- writing ---------------------------------------------------------------------


def _by_code(model, codes) -> dict:
    found = {obj.code: obj for obj in model.objects.filter(code__in=set(codes))}
    missing = set(codes) - found.keys()
    if missing:
        raise LookupError(f"{model._meta.verbose_name}: missing vocabulary codes {sorted(missing)}")
    return found


def _insert(model, objects: list) -> list:
    created = model.objects.bulk_create(objects)
    if any(obj.pk is None for obj in created):  # needs PostgreSQL or SQLite >= 3.35
        raise RuntimeError(f"bulk_create did not return primary keys for {model.__name__}")
    return created


def _link(model, field_name: str, pairs: list[tuple]) -> list:
    """Insert many-to-many rows (owner, target) for `model.field_name` without signals."""
    m2m = model._meta.get_field(field_name)
    through = m2m.remote_field.through
    owner_field, target_field = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    return _insert(through, [through(**{owner_field: owner, target_field: target}) for owner, target in pairs])


def _record_creation(model, objects: list, links: dict[str, list], when) -> None:
    """One "created" history record per object, including its many-to-many rows."""
    history_rows = model.history.bulk_history_create(
        objects, default_change_reason=HISTORY_REASON, default_date=when
    )
    by_object = {obj.pk: row for obj, row in zip(objects, history_rows)}
    for m2m in model.history.model._history_m2m_fields:
        m2m_history = HistoricalRecords.m2m_models[m2m]
        through_fields = [f.name for f in m2m.remote_field.through._meta.fields]
        owner_attname = m2m.remote_field.through._meta.get_field(m2m.m2m_field_name()).attname
        m2m_history.objects.bulk_create(
            m2m_history(history=by_object[getattr(row, owner_attname)], **{f: getattr(row, f) for f in through_fields})
            for row in links[m2m.name]
        )


def write_plan(plan: DemoPlan) -> None:
    departments = plan.departments
    when = timezone.now()
    target_groups = _by_code(TargetGroup, {c for d in departments for c in d.target_groups})
    age_groups = _by_code(AgeGroup, {c for d in departments for c in d.age_groups})
    care_functions = _by_code(CareFunction, {c for d in departments for loc in d.locations for c in loc.care_functions})
    criteria = _by_code(ExclusionCriterion, {code for d in departments for code, _ in d.exclusions})

    institutions = _insert(Institution, list(plan.institutions.values()))
    _record_creation(Institution, institutions, {}, when)

    _insert(Department, [d.department for d in departments])
    department_links = {
        "institutions": _link(
            Department, "institutions",
            [(d.department, plan.institutions[key]) for d in departments for key in d.institution_keys],
        ),
        "target_groups": _link(
            Department, "target_groups",
            [(d.department, target_groups[code]) for d in departments for code in d.target_groups],
        ),
        "age_groups": _link(
            Department, "age_groups", [(d.department, age_groups[code]) for d in departments for code in d.age_groups]
        ),
    }
    _record_creation(Department, [d.department for d in departments], department_links, when)

    for d in departments:
        for planned in d.locations:
            planned.location.department = d.department
        for offer in d.offers:
            offer.department = d.department
    locations = _insert(Location, [loc.location for d in departments for loc in d.locations])
    location_links = {
        "care_functions": _link(
            Location, "care_functions",
            [(loc.location, care_functions[code]) for d in departments for loc in d.locations
             for code in loc.care_functions],
        )
    }
    _record_creation(Location, locations, location_links, when)

    offers = _insert(Offer, [offer for d in departments for offer in d.offers])
    _record_creation(Offer, offers, {}, when)

    exclusions = _insert(
        DepartmentExclusion,
        [
            DepartmentExclusion(department=d.department, criterion=criteria[code], note=note)
            for d in departments
            for code, note in d.exclusions
        ],
    )
    _record_creation(DepartmentExclusion, exclusions, {}, when)
