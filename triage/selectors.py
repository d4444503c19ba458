"""Reads for triage: tools as pure data, the picker, results, registrations and the analysis figures.

Every list is read in a fixed number of queries, whatever its length.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Subquery

from accounts.permissions import department_scope
from register.models import AgeGroup, Department, TargetGroup

from .models import IntakeRegistration, IntakeUpload, Item, Tool, ToolVersion, TriageResult
from .rules import tools as rules
from .rules.intake import Lookups
from .rules.quarters import StartedTreatment, TreatmentCount, treatment_counts

# ------------------------------------------------------------------ tools


def _with_content(queryset):
    return queryset.select_related("tool").prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("position", "pk")),
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "label_nl")),
    )


def tool_data(version: ToolVersion) -> rules.Tool:
    """The version as the pure rules read it (uses the prefetched items and target groups when there)."""
    return rules.Tool(
        code=version.tool.code,
        version=version.number,
        name=version.name,
        status=version.status,
        target_groups=tuple(group.code for group in version.target_groups.all()),
        explanation=version.explanation,
        source=version.source,
        specialist_cutoff=version.specialist_cutoff,
        high_specialist_cutoff=version.high_specialist_cutoff,
        requires_all_characteristics=version.requires_all_characteristics,
        items=tuple(
            rules.Item(
                key=item.key,
                question=item.question,
                weight=item.weight,
                characteristic=item.characteristic,
                help_text=item.help_text,
            )
            for item in version.items.all()
        ),
    )


def published_version(code: str, number: int | None = None) -> ToolVersion | None:
    """A published version of the tool with this code: ``number``, else the newest."""
    versions = _with_content(ToolVersion.objects.filter(tool__code=code, published_at__isnull=False))
    if number is not None:
        return versions.filter(number=number).first()
    return versions.order_by("-number").first()


def usable_version(code: str, number: int | None = None) -> ToolVersion | None:
    """Like ``published_version``, but only of a tool that is in use."""
    version = published_version(code, number)
    return version if version is not None and version.tool.active else None


def version_with_content(pk: int) -> ToolVersion | None:
    return _with_content(ToolVersion.objects.filter(pk=pk)).first()


def newest_published_number(tool_id: int) -> int | None:
    return ToolVersion.objects.filter(tool_id=tool_id, published_at__isnull=False).aggregate(n=Max("number"))["n"]


@dataclass
class PickerEntry:
    version: ToolVersion
    suggested: bool  # for the chosen target group (or for every target group)
    generic: bool  # no target groups: for everyone


def tools_for_picker(target_group: str = "") -> list[PickerEntry]:
    """The newest published version of every tool in use; those for ``target_group`` (or for all) first."""
    newest = (
        ToolVersion.objects.filter(tool=OuterRef("tool"), published_at__isnull=False).order_by("-number").values("pk")[:1]
    )
    versions = list(
        _with_content(
            ToolVersion.objects.filter(tool__active=True, published_at__isnull=False, pk=Subquery(newest))
        ).order_by("name", "pk")
    )
    entries = []
    for version in versions:
        codes = {group.code for group in version.target_groups.all()}
        entries.append(PickerEntry(version, suggested=not codes or target_group in codes, generic=not codes))
    if target_group:
        entries.sort(key=lambda e: (not e.suggested, e.generic, e.version.name.casefold()))
    else:
        entries.sort(key=lambda e: (e.version.status != rules.VALIDATED, e.version.name.casefold()))
    return entries


# ------------------------------------------------------------------ results


def result_for_page(pk: int) -> TriageResult | None:
    return (
        TriageResult.objects.select_related("target_group", "age_group", "version__tool")
        .prefetch_related(
            Prefetch("version__items", queryset=Item.objects.order_by("position", "pk")),
            "version__target_groups",
        )
        .filter(pk=pk)
        .first()
    )


def recent_results(user, limit: int = 10) -> list[TriageResult]:
    return list(
        TriageResult.objects.filter(created_by=user).select_related("version__tool", "target_group").order_by("-created_at", "-pk")[:limit]
    )


# ------------------------------------------------------------------ intake


def intake_lookups() -> Lookups:
    """The vocabularies and the published tool versions, for the checks of ``rules.intake`` (three queries)."""
    target_groups: dict[str, str] = {}
    for code, label_nl, label_en in TargetGroup.objects.values_list("code", "label_nl", "label_en"):
        for term in (code, label_nl, label_en):
            target_groups.setdefault(" ".join(term.split()).casefold(), code)
    age_groups: dict[str, str] = {}
    for code, label_nl, label_en in AgeGroup.objects.values_list("code", "label_nl", "label_en"):
        for term in (code, label_nl, label_en):
            age_groups.setdefault(" ".join(term.split()).casefold(), code)
    versions = ToolVersion.objects.filter(published_at__isnull=False).select_related("tool").prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("position", "pk")), "target_groups"
    )
    tools = {(v.tool.code, v.number): tool_data(v) for v in versions}
    return Lookups(target_groups=target_groups, age_groups=age_groups, tools=tools)


def registration_departments(user):
    """The departments this user may register intakes for, by name."""
    return department_scope(user, Department.objects.all()).order_by("name")


def treatment_quarters(department_id: int, first=None, last=None) -> list[TreatmentCount]:
    """Criterion 2's figures from the registrations, optionally only those started in [first, last]."""
    rows = IntakeRegistration.objects.filter(department_id=department_id)
    if first is not None:
        rows = rows.filter(started_on__gte=first)
    if last is not None:
        rows = rows.filter(started_on__lte=last)
    return treatment_counts(
        StartedTreatment(department_id, started, high) for started, high in rows.values_list("started_on", "high_specialist")
    )


def registrations_in(department_id: int, first, last):
    """The registrations behind a quarter's figures, with what a list shows."""
    return (
        IntakeRegistration.objects.filter(department_id=department_id, started_on__gte=first, started_on__lte=last)
        .select_related("target_group", "age_group", "tool_version__tool", "upload")
        .order_by("started_on", "pk")
    )


def uploads_of(department_id: int):
    return IntakeUpload.objects.filter(department_id=department_id).select_related("uploaded_by").order_by("-year", "-quarter")


# ------------------------------------------------------------------ analysis


@dataclass
class AnalysisData:
    """Raw counts for the analysis page (turned into shown cells by ``analysis_tables``)."""

    scores: dict = field(default_factory=dict)  # (version_id, group label) -> {score: count}
    outcomes: dict = field(default_factory=dict)  # (version_id, group label) -> {outcome: count}
    versions: dict = field(default_factory=dict)  # version_id -> ToolVersion
    quarters: list = field(default_factory=list)  # (department name, TreatmentCount)
    agreement: dict = field(default_factory=dict)  # version_id -> [(tool outcome, department high, count)]


def analysis_data() -> AnalysisData:
    """All the analysis' counts, aggregated in the database (five queries, whatever the data)."""
    data = AnalysisData()
    groups = {g.pk: g.label for g in TargetGroup.objects.all()}
    rows = TriageResult.objects.values("version_id", "target_group_id", "score", "outcome").annotate(n=Count("pk"))
    for row in rows:
        key = (row["version_id"], groups.get(row["target_group_id"], ""))
        data.scores.setdefault(key, defaultdict(int))[row["score"]] += row["n"]
        data.outcomes.setdefault(key, defaultdict(int))[row["outcome"]] += row["n"]
    agreement_rows = (
        IntakeRegistration.objects.filter(basis=IntakeRegistration.Basis.TOOL)
        .values("tool_version_id", "tool_outcome", "high_specialist")
        .annotate(n=Count("pk"))
    )
    for row in agreement_rows:
        data.agreement.setdefault(row["tool_version_id"], []).append((row["tool_outcome"], row["high_specialist"], row["n"]))
    ids = {key[0] for key in data.scores} | set(data.agreement)
    data.versions = {v.pk: v for v in ToolVersion.objects.filter(pk__in=ids).select_related("tool")}
    names = dict(Department.objects.filter(intake_registrations__isnull=False).distinct().values_list("pk", "name"))
    started = IntakeRegistration.objects.values_list("department_id", "started_on", "high_specialist")
    counts = treatment_counts(StartedTreatment(d, s, h) for d, s, h in started)
    data.quarters = sorted(((names.get(c.department, ""), c) for c in counts), key=lambda x: (x[0].casefold(), x[1].year, x[1].quarter))
    return data


def has_published_tools() -> bool:
    return ToolVersion.objects.filter(published_at__isnull=False, tool__active=True).exists()


def tools_admin_counts():
    """Tools with their number of versions and results (the admin's list)."""
    return Tool.objects.annotate(
        version_count=Count("versions", distinct=True),
        has_draft=Exists(ToolVersion.objects.filter(tool=OuterRef("pk"), published_at__isnull=True)),
    )

