"""Reads of insight, with the per-process caches of the coverage computation.

The geography (postcode areas, municipalities, regions) and the register's departments and
locations are read into arrays once per key: the finder's index stamp, the highest location id
and the geography key (register.search.index.ensure_index: one query). Every write to the
register changes the stamp (register.services), so coverage is recomputed after any change; a
coverage result is cached per key, day, target group and age group.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date

import numpy as np


from geo.models import HealthRegion, Municipality, PostcodeArea, Province
from register.models import AgeGroup, Department, Location, Offer, TargetGroup
from register.search import index

from .models import CapacityReport
from .rules import coverage as rules

_lock = threading.Lock()
_cache: dict = {"key": None, "geography": None, "facts": None, "locations": None, "coverage": {}}
REGION_KINDS = ("province", "ggd", "zorgkantoor")


def clear() -> None:
    with _lock:
        _cache.update(key=None, geography=None, facts=None, locations=None, coverage={})


def _load_geography() -> rules.Geography:
    municipalities = list(
        Municipality.objects.order_by("code").values_list(
            "code", "name", "pop_weighted_lat", "pop_weighted_lon", "population", "province_id", "ggd_region_id",
            "zorgkantoor_region_id",
        )
    )
    m_index = {row[0]: i for i, row in enumerate(municipalities)}
    areas = list(PostcodeArea.objects.order_by("code").values_list("code", "lat", "lon", "population", "municipality_id"))
    provinces = list(Province.objects.order_by("code").values_list("code", "name"))
    health = list(HealthRegion.objects.order_by("code").values_list("code", "name", "kind"))
    regions = {}
    for kind, rows, column in (
        ("province", provinces, 5),
        ("ggd", [(c, n) for c, n, k in health if k == "ggd"], 6),
        ("zorgkantoor", [(c, n) for c, n, k in health if k == "zorgkantoor"], 7),
    ):
        position = {code: i for i, (code, _name) in enumerate(rows)}
        regions[kind] = (
            tuple(code for code, _n in rows),
            tuple(name for _c, name in rows),
            np.array([position[m[column]] for m in municipalities], dtype=np.int64),
        )
    return rules.Geography(
        pc4_codes=tuple(a[0] for a in areas),
        pc4_lats=np.array([a[1] for a in areas], dtype=float),
        pc4_lons=np.array([a[2] for a in areas], dtype=float),
        pc4_population=np.array([a[3] for a in areas], dtype=float),
        pc4_municipality=np.array([m_index[a[4]] for a in areas], dtype=np.int64),
        municipality_codes=tuple(m[0] for m in municipalities),
        municipality_names=tuple(m[1] for m in municipalities),
        municipality_lats=np.array([m[2] for m in municipalities], dtype=float),
        municipality_lons=np.array([m[3] for m in municipalities], dtype=float),
        municipality_population=np.array([m[4] for m in municipalities], dtype=float),
        regions=regions,
    )


def _load_facts() -> dict[int, rules.DepartmentFacts]:
    groups = defaultdict(set)
    for department_id, code in Department.target_groups.through.objects.values_list("department_id", "targetgroup__code"):
        groups[department_id].add(code)
    ages = defaultdict(set)
    for department_id, code in Department.age_groups.through.objects.values_list("department_id", "agegroup__code"):
        ages[department_id].add(code)
    open_treatment = set(
        Offer.objects.filter(kind=Offer.Kind.TREATMENT, status=Offer.Status.OPEN).values_list("department_id", flat=True)
    )
    return {
        pk: rules.DepartmentFacts(pk, status, start, end, frozenset(groups[pk]), frozenset(ages[pk]), pk in open_treatment)
        for pk, status, start, end in Department.objects.values_list("pk", "status", "certified_from", "certified_until")
    }


def _state():
    """(geography, department facts, all locations), loaded once per register and geography key."""
    key = index.ensure_index()
    with _lock:
        if _cache["key"] != key:
            geography_key = key[2]
            geography = _cache["geography"] if _cache["geography"] and _cache.get("geo_key") == geography_key else None
            _cache.update(
                key=key,
                geo_key=geography_key,
                geography=geography or _load_geography(),
                facts=_load_facts(),
                locations=rules.Locations.of(Location.objects.values_list("department_id", "latitude", "longitude")),
                coverage={},
            )
        return _cache["geography"], _cache["facts"], _cache["locations"], _cache["coverage"]


def geography() -> rules.Geography:
    return _state()[0]


def qualifying_ids(target_group: str, age_group: str | None, today: date) -> set[int]:
    _geo, facts, _locations, _cov = _state()
    return {pk for pk, f in facts.items() if rules.qualifies(f, today, target_group, age_group)}


def qualifying_locations(target_group: str, age_group: str | None, today: date) -> rules.Locations:
    _geo, _facts, locations, _cov = _state()
    return locations.only(qualifying_ids(target_group, age_group, today))


def coverage(target_group: str, age_group: str | None, today: date) -> rules.Coverage:
    geo, _facts, _locations, cache = _state()
    key = (today, target_group, age_group)
    found = cache.get(key)
    if found is None:
        found = rules.coverage(geo, qualifying_locations(target_group, age_group, today), target_group, age_group)
        cache[key] = found
    return found


def target_groups():
    return list(TargetGroup.objects.order_by("order", "label_nl"))


def age_groups():
    return list(AgeGroup.objects.order_by("order", "label_nl"))


# ------------------------------------------------------------------ capacity


def reporting_departments(user):
    """The departments this user may report for (bureau: all)."""
    from . import permissions

    queryset = Department.objects.order_by("name")
    if permissions.is_bureau(user):
        return queryset
    if permissions.is_manager(user):
        return queryset.filter(pk__in=user.department_ids())
    return queryset.none()


def reports_of(department_id: int):
    return CapacityReport.objects.filter(department_id=department_id).order_by("-month", "offer_kind")


def latest_reports(department_ids=None) -> dict[tuple[int, str], CapacityReport]:
    """{(department id, offer kind): its latest report} in one query."""
    queryset = CapacityReport.objects.order_by("department_id", "offer_kind", "-month")
    if department_ids is not None:
        queryset = queryset.filter(department_id__in=department_ids)
    latest: dict = {}
    for report in queryset:
        latest.setdefault((report.department_id, report.offer_kind), report)
    return latest


def dashboard_departments(*, target_group: str | None, province: str | None):
    """The certified supra-regional and national departments for the dashboard (three queries in all)."""
    queryset = (
        Department.objects.filter(status=Department.Status.CERTIFIED)
        .prefetch_related("target_groups", "offers", "locations__municipality__province")
        .order_by("name")
    )
    if target_group:
        queryset = queryset.filter(target_groups__code=target_group)
    if province:
        queryset = queryset.filter(locations__municipality__province_id=province)
    return queryset.distinct()




# ------------------------------------------------------------------ demand (anonymous rows: codes and dates only)


def demand_rows():
    """(request rows, triage rows) for insight.rules.demand; five queries whatever the number of requests."""
    from consultation.models import ConsultationRequest, Event
    from triage.models import TriageResult

    from .rules.demand import RequestRow, TriageRow, quarter_label

    unknown = "onbekend"
    requests = list(
        ConsultationRequest.objects.order_by("pk").values_list(
            "pk", "received_on", "patient_region__name", "escalation_level", "treatment_started_on", "closed_on"
        )
    )
    groups: dict[int, list[str]] = defaultdict(list)
    for request_id, label in ConsultationRequest.target_groups.through.objects.order_by("targetgroup__order").values_list(
        "consultationrequest_id", "targetgroup__label_nl"
    ):
        groups[request_id].append(label)
    concerns: dict[int, list[str]] = defaultdict(list)
    for request_id, label in ConsultationRequest.concerns.through.objects.values_list(
        "consultationrequest_id", "exclusioncriterion__label_nl"
    ):
        concerns[request_id].append(label)
    declined: dict[int, str] = {}
    for request_id, data in Event.objects.filter(kind=Event.Kind.DECLINED).order_by("pk").values_list("request_id", "data"):
        declined[request_id] = (data or {}).get("reason") or "other"
    request_rows = [
        RequestRow(
            quarter_label(received), region or unknown, tuple(groups[pk]), declined.get(pk), tuple(concerns[pk]),
            level > 0, quarter_label(started), quarter_label(closed),
        )
        for pk, received, region, level, started, closed in requests
    ]
    region_of_pc4 = dict(PostcodeArea.objects.values_list("code", "municipality__zorgkantoor_region__name"))
    triage_rows = [
        TriageRow(quarter_label(created.date()), region_of_pc4.get(pc4, unknown), label or unknown, outcome)
        for created, pc4, label, outcome in TriageResult.objects.values_list(
            "created_at", "pc4", "target_group__label_nl", "outcome"
        )
    ]
    return request_rows, triage_rows
