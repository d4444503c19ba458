"""FHIR R4 read and search at /fhir/ (see resources.py for the mapping and capability.py for what is
supported). Every answer is validated and serialised by fhir.resources, is a conditional read like
the REST API's (ETag, Last-Modified from the register's stamp) and errors are OperationOutcomes.

Search: ``_id``, ``name`` (starts with; ``:contains``, ``:exact``), ``type``, ``near`` (Location),
``_lastUpdated`` (eq, gt, ge, lt, le), ``_include``, ``_count`` and ``_page``, answered as a searchset
Bundle with self, next and previous links. A parameter the server does not know is refused (400).
"""

from __future__ import annotations

import numpy as np
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.views.decorators.http import require_safe

from certification.visitation.selectors import certificates_prefetch, current_certificate
from geo.distance import haversine_km_many
from register.models import AgeGroup, CareFunction, Department, Institution, Location, Offer, TargetGroup

from ..http import conditional
from . import params, resources
from .capability import capability_statement
from .responses import fhir_response, outcome_response

COMMON = {"_id", "_lastUpdated", "_include", "_count", "_page", "_format"}
NAME_PARAMS = {"name", "name:contains", "name:exact"}


class NotFound(Exception):
    pass


def _split_id(value: str, prefix: str) -> int | None:
    if not value.startswith(prefix + "-"):
        return None
    rest = value[len(prefix) + 1:]
    return int(rest) if rest.isdigit() and len(rest) < 19 else None


def _name_filter(query, field: str) -> Q:
    for key, lookup in (("name", "istartswith"), ("name:contains", "icontains"), ("name:exact", "exact")):
        if key in query:
            return Q(**{f"{field}__{lookup}": query[key]})
    return Q()


def _date_filter(query, field: str) -> Q:
    condition = Q()
    for value in query.getlist("_lastUpdated"):
        prefix, span = params.parse_date_param(value)
        condition &= {
            "eq": Q(**{f"{field}__gte": span.start, f"{field}__lt": span.end}),
            "gt": Q(**{f"{field}__gte": span.end}),
            "ge": Q(**{f"{field}__gte": span.start}),
            "lt": Q(**{f"{field}__lt": span.start}),
            "le": Q(**{f"{field}__lt": span.end}),
        }[prefix]
    return condition


def _ids(query, prefix: str) -> list[int] | None:
    """The pks named by _id (None: no _id asked)."""
    if "_id" not in query:
        return None
    return [pk for value in query["_id"].split(",") if (pk := _split_id(value, prefix)) is not None]


def _check(query, allowed: set[str], includes: set[str]):
    unknown = sorted(set(query) - allowed - COMMON)
    if unknown:
        raise params.SearchError(f"Deze zoekparameter kennen we niet: {', '.join(unknown)}.")
    asked = set(query.getlist("_include"))
    if asked - includes:
        raise params.SearchError(f"_include kan alleen: {', '.join(sorted(includes)) or 'niets'}.")
    return asked


# --- per resource type: (matching rows in order, their resources, included resources) --------------


def _institutions_queryset():
    return Institution.objects.order_by("pk")


def _departments_queryset():
    return Department.objects.prefetch_related(
        Prefetch("institutions", queryset=Institution.objects.order_by("name", "pk"))
    ).order_by("pk")


class Organizations:
    allowed = NAME_PARAMS | {"type", "identifier"}
    includes = {"Organization:partof"}

    def rows(self, query):
        kinds = set(params.parse_token(query["type"])) if "type" in query else {"instelling", "afdeling"}
        institutions = _institutions_queryset().filter(_name_filter(query, "name") & _date_filter(query, "updated_at"))
        departments = _departments_queryset().filter(_name_filter(query, "name") & _date_filter(query, "updated_at"))
        if "identifier" in query:
            values = params.parse_token(query["identifier"])
            institutions = institutions.filter(Q(kvk_number__in=values) | Q(agb_code__in=values))
            departments = departments.filter(slug__in=values)
        if (ids := _ids(query, "instelling")) is not None:
            institutions = institutions.filter(pk__in=ids)
        if (ids := _ids(query, "afdeling")) is not None:
            departments = departments.filter(pk__in=ids)
        return _Union(
            institutions if "instelling" in kinds else institutions.none(),
            departments if "afdeling" in kinds else departments.none(),
        )

    def resource(self, row, today):
        if isinstance(row, Institution):
            return resources.institution(row)
        return resources.department(row, list(row.institutions.all()))

    def included(self, rows, asked):
        if "Organization:partof" not in asked:
            return []
        pks = {list(row.institutions.all())[0].pk for row in rows if isinstance(row, Department) and row.institutions.all()}
        return [resources.institution(row) for row in _institutions_queryset().filter(pk__in=pks)]


class _Union:
    """Institutions, then departments: paged as one list."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def count(self):
        return self.first.count() + self.second.count()

    def page(self, start, stop):
        first_count = self.first.count()
        rows = list(self.first[start:stop]) if start < first_count else []
        if stop > first_count:
            rows += list(self.second[max(0, start - first_count): stop - first_count])
        return rows


class _Rows:
    def __init__(self, queryset=None, rows=None, extra=None):
        self.queryset, self.rows, self.extra = queryset, rows, extra or {}

    def count(self):
        return len(self.rows) if self.rows is not None else self.queryset.count()

    def page(self, start, stop):
        if self.rows is not None:
            return self.rows[start:stop]
        return list(self.queryset[start:stop])


def _history_date(model):
    return Subquery(
        model.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1]
    )


class Locations:
    allowed = NAME_PARAMS | {"near", "organization"}
    includes = {"Location:organization"}

    def rows(self, query):
        queryset = (
            Location.objects.annotate(last_changed=Coalesce(_history_date(Location), "department__updated_at"))
            .prefetch_related(Prefetch("care_functions", queryset=CareFunction.objects.order_by("order", "label_nl", "pk")))
            .filter(_name_filter(query, "name") & _date_filter(query, "last_changed"))
            .order_by("pk")
        )
        if (ids := _ids(query, "locatie")) is not None:
            queryset = queryset.filter(pk__in=ids)
        if "organization" in query:
            queryset = queryset.filter(department_id__in=[
                pk for value in params.parse_token(query["organization"])
                if (pk := _split_id(value.split("/")[-1], "afdeling")) is not None
            ])
        if "near" not in query:
            return _Rows(queryset)
        near = params.parse_near(query["near"])
        points = list(queryset.values_list("pk", "latitude", "longitude"))
        if not points:
            return _Rows(rows=[])
        pks = np.array([p[0] for p in points], dtype=np.int64)
        km = haversine_km_many(near.latitude, near.longitude, np.array([p[1] for p in points]), np.array([p[2] for p in points]))
        keep = np.ones(len(pks), dtype=bool) if near.km is None else km <= near.km
        order = np.lexsort((pks[keep], km[keep]))  # nearest first, ties to the lowest id (as the finder)
        ordered = [int(pk) for pk in pks[keep][order]]
        return _LazyRows(queryset, ordered, {int(pk): float(d) for pk, d in zip(pks[keep], km[keep])})

    def resource(self, row, today):
        return resources.location(row, row.last_changed)

    def included(self, rows, asked):
        if "Location:organization" not in asked:
            return []
        pks = {row.department_id for row in rows}
        return [resources.department(row, list(row.institutions.all())) for row in _departments_queryset().filter(pk__in=pks)]


class _LazyRows:
    """Ordered pks; a page loads only its rows."""

    def __init__(self, queryset, pks, km):
        self.queryset, self.pks, self.km = queryset, pks, km

    def count(self):
        return len(self.pks)

    def page(self, start, stop):
        wanted = self.pks[start:stop]
        found = {row.pk: row for row in self.queryset.filter(pk__in=wanted)}
        return [found[pk] for pk in wanted if pk in found]


def _offers_queryset():
    return (
        Offer.objects.annotate(last_changed=Coalesce(_history_date(Offer), "department__updated_at"))
        .select_related("department")
        .prefetch_related(
            Prefetch("department__locations", queryset=Location.objects.order_by("name", "pk")),
            Prefetch("department__target_groups", queryset=TargetGroup.objects.order_by("order", "label_nl", "pk")),
            Prefetch("department__age_groups", queryset=AgeGroup.objects.order_by("order", "label_nl", "pk")),
            certificates_prefetch("department__certificates"),
        )
        .order_by("pk")
    )


class HealthcareServices:
    allowed = NAME_PARAMS | {"type", "organization", "specialty"}
    includes = {"HealthcareService:organization", "HealthcareService:location"}

    def rows(self, query):
        queryset = _offers_queryset().filter(_name_filter(query, "department__name") & _date_filter(query, "last_changed"))
        if (ids := _ids(query, "aanbod")) is not None:
            queryset = queryset.filter(pk__in=ids)
        if "type" in query:
            queryset = queryset.filter(kind__in=params.parse_token(query["type"]))
        if "specialty" in query:
            queryset = queryset.filter(department__target_groups__code__in=params.parse_token(query["specialty"])).distinct()
        if "organization" in query:
            queryset = queryset.filter(department_id__in=[
                pk for value in params.parse_token(query["organization"])
                if (pk := _split_id(value.split("/")[-1], "afdeling")) is not None
            ])
        return _Rows(queryset)

    def resource(self, row, today):
        department = row.department
        return resources.healthcare_service(
            row, department, list(department.locations.all()), list(department.target_groups.all()),
            list(department.age_groups.all()), row.last_changed, today,
            certificate=current_certificate(department, today),
        )

    def included(self, rows, asked):
        found = []
        if "HealthcareService:organization" in asked:
            pks = {row.department_id for row in rows}
            found += [resources.department(d, list(d.institutions.all())) for d in _departments_queryset().filter(pk__in=pks)]
        if "HealthcareService:location" in asked:
            pks = {loc.pk for row in rows for loc in row.department.locations.all()}
            found += [Locations().resource(row, None) for row in Locations().rows(_Query({})).queryset.filter(pk__in=pks)]
        return found


class Affiliations:
    allowed = {"primary-organization", "participating-organization"}
    includes = {"OrganizationAffiliation:primary-organization", "OrganizationAffiliation:participating-organization"}

    def rows(self, query):
        links = Department.institutions.through.objects.filter(
            department_id__in=Department.objects.annotate(n=Count("institutions")).filter(n__gt=1).values("pk")
        ).select_related("department", "institution").order_by("department_id", "institution_id")
        if "_id" in query:
            wanted = set()
            for value in query["_id"].split(","):
                parts = value.split("-")
                if len(parts) == 3 and parts[0] == "netwerk" and parts[1].isdigit() and parts[2].isdigit():
                    wanted.add((int(parts[1]), int(parts[2])))
            links = [link for link in links if (link.department_id, link.institution_id) in wanted]
            return _Rows(rows=links)
        if "primary-organization" in query:
            links = links.filter(department_id__in=[
                pk for value in params.parse_token(query["primary-organization"])
                if (pk := _split_id(value.split("/")[-1], "afdeling")) is not None])
        if "participating-organization" in query:
            links = links.filter(institution_id__in=[
                pk for value in params.parse_token(query["participating-organization"])
                if (pk := _split_id(value.split("/")[-1], "instelling")) is not None])
        links = links.filter(_date_filter(query, "department__updated_at"))
        return _Rows(links)

    def resource(self, row, today):
        return resources.affiliation(row.department, row.institution)

    def included(self, rows, asked):
        found = []
        if "OrganizationAffiliation:primary-organization" in asked:
            pks = {row.department_id for row in rows}
            found += [resources.department(d, list(d.institutions.all())) for d in _departments_queryset().filter(pk__in=pks)]
        if "OrganizationAffiliation:participating-organization" in asked:
            pks = {row.institution_id for row in rows}
            found += [resources.institution(i) for i in _institutions_queryset().filter(pk__in=pks)]
        return found


class _Query(dict):
    def getlist(self, key):
        return [self[key]] if key in self else []


TYPES = {
    "Organization": Organizations(),
    "Location": Locations(),
    "HealthcareService": HealthcareServices(),
    "OrganizationAffiliation": Affiliations(),
}


# --- views -----------------------------------------------------------------------------------


def _base(request) -> str:
    return request.build_absolute_uri("/fhir/")


def _link(request, resource_type, query, page) -> str:
    from urllib.parse import urlencode

    pairs = [(key, value) for key in query for value in query.getlist(key) if key != "_page"]
    if page > 1:
        pairs.append(("_page", str(page)))
    return f"{_base(request)}{resource_type}" + ("?" + urlencode(pairs) if pairs else "")


@require_safe
def search(request, resource_type):
    handler = TYPES.get(resource_type)
    if handler is None:
        return outcome_response(404, f"Het resourcetype {resource_type} bieden we niet aan.")

    def build():
        query = request.GET
        try:
            asked = _check(query, handler.allowed, handler.includes)
            count = params.parse_count(query.get("_count"))
            page = params.parse_page(query.get("_page"))
            rows = handler.rows(query)
            total = rows.count()
            shown = rows.page((page - 1) * count, page * count)
        except params.SearchError as error:
            return outcome_response(400, str(error))
        today = timezone.localdate()
        entries = [
            {"fullUrl": f"{_base(request)}{resource_type}/{resource['id']}", "resource": resource, "search": {"mode": "match"}}
            for resource in (resources.validated(handler.resource(row, today)) for row in shown)
        ]
        entries += [
            {"fullUrl": f"{_base(request)}{resource['resourceType']}/{resource['id']}", "resource": resource,
             "search": {"mode": "include"}}
            for resource in (resources.validated(item) for item in handler.included(shown, asked))
        ]
        links = [{"relation": "self", "url": _link(request, resource_type, query, page)}]
        if page * count < total:
            links.append({"relation": "next", "url": _link(request, resource_type, query, page + 1)})
        if page > 1:
            links.append({"relation": "previous", "url": _link(request, resource_type, query, page - 1)})
        bundle = {"resourceType": "Bundle", "type": "searchset", "total": total, "link": links}
        if entries:
            bundle["entry"] = entries
        return fhir_response(resources.validated(bundle))

    return conditional(request, build)


@require_safe
def read(request, resource_type, resource_id):
    handler = TYPES.get(resource_type)
    if handler is None:
        return outcome_response(404, f"Het resourcetype {resource_type} bieden we niet aan.")

    def build():
        rows = handler.rows(_Query({"_id": resource_id}))
        found = rows.page(0, 1)
        if not found:
            return outcome_response(404, f"{resource_type}/{resource_id} bestaat niet.")
        return fhir_response(resources.validated(handler.resource(found[0], timezone.localdate())))

    return conditional(request, build)


@require_safe
def metadata(request):
    return conditional(request, lambda: fhir_response(resources.validated(capability_statement(_base(request)))))
