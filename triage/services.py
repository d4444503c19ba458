"""Writes for triage: one function per use case, permission first, one transaction, audited.

- ``import_tools``: the bureau loads tools from JSON (all-or-nothing); each becomes a new version.
- ``new_draft`` / ``publish``: changing a published tool makes a new version (a draft, copied from
  the one it replaces), which is published when it is ready; a published version never changes.
- ``record_result``: a professional's answers, scored by the pure rules with the version the form
  showed, stored with the score, outcome and characteristics.
- ``register_intake`` / ``upload_intakes`` / ``delete_registration``: a department's started
  treatments, one at a time or a quarter's CSV (all-or-nothing; a new upload for the same quarter
  replaces the previous one).

Audit entries never hold answers or registration content, only ids and counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import record
from register.models import AgeGroup, TargetGroup

from . import permissions, selectors
from .models import IntakeRegistration, IntakeUpload, Item, Tool, ToolVersion, TriageResult
from .rules import tools as rules
from .rules.intake import Intake, RowError, read_intake_csv
from .rules.scoring import score
from .rules.tooljson import JsonError, load_tools, tool_to_dict


def _audit(user, action, object_type, object_id="", *, outcome="success", on_behalf_of="", detail=None):
    record(
        action=action,
        actor=user,
        object_type=object_type,
        object_id=str(object_id),
        on_behalf_of=on_behalf_of,
        outcome=outcome,
        detail=detail,
    )


def _require(allowed: bool, user, action, object_type, object_id=""):
    if not allowed:
        _audit(user, action, object_type, object_id, outcome="denied")
        raise PermissionDenied


# ------------------------------------------------------------------ tools


@dataclass
class ImportOutcome:
    created: list[ToolVersion] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # codes whose newest version equals the file
    errors: list[JsonError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _comparable(tool: rules.Tool) -> dict:
    data = tool_to_dict(tool)
    data.pop("version")
    data["target_groups"] = sorted(data["target_groups"])
    return data


def _create_version(tool_row: Tool, data: rules.Tool, *, user, number: int) -> ToolVersion:
    version = ToolVersion.objects.create(
        tool=tool_row,
        number=number,
        name=data.name,
        status=data.status,
        specialist_cutoff=data.specialist_cutoff,
        high_specialist_cutoff=data.high_specialist_cutoff,
        requires_all_characteristics=data.requires_all_characteristics,
        explanation=data.explanation,
        source=data.source,
        created_by=user,
    )
    version.target_groups.set(TargetGroup.objects.filter(code__in=data.target_groups))
    Item.objects.bulk_create(
        Item(
            version=version,
            position=position,
            key=item.key,
            question=item.question,
            help_text=item.help_text,
            weight=item.weight,
            characteristic=item.characteristic,
        )
        for position, item in enumerate(data.items, start=1)
    )
    return version


def import_tools(*, user, data, publish: bool = False) -> ImportOutcome:
    """Load the tools in ``data`` (a parsed tools document); every error, or every tool saved.

    Each tool becomes the next version of the tool with its code (a new tool for a new code), a draft
    unless ``publish``; a tool identical to its tool's newest version is left alone.
    ``user`` None: a loader outside any request (the demo), which acts as the bureau.
    """
    if user is not None:
        _require(permissions.is_bureau(user), user, "import", permissions.TOOL)
    outcome = ImportOutcome()
    tools, errors = load_tools(data, known_target_groups=set(TargetGroup.objects.values_list("code", flat=True)))
    if errors:
        outcome.errors = errors
        if user is not None:
            _audit(user, "import", permissions.TOOL, outcome="failure", detail={"errors": len(errors)})
        return outcome
    with transaction.atomic():
        for data_tool in tools:
            tool_row, _created = Tool.objects.get_or_create(code=data_tool.code)
            newest = selectors._with_content(ToolVersion.objects.filter(tool=tool_row)).order_by("-number").first()
            if newest is not None and _comparable(selectors.tool_data(newest)) == _comparable(data_tool):
                if publish and not newest.is_published:
                    _publish(newest, user)
                outcome.unchanged.append(data_tool.code)
                continue
            number = (newest.number + 1) if newest is not None else 1
            version = _create_version(tool_row, data_tool, user=user, number=number)
            if publish:
                _publish(version, user)
            outcome.created.append(version)
        if user is not None:
            _audit(
                user,
                "import",
                permissions.TOOL,
                detail={"created": [f"{v.tool.code}:{v.number}" for v in outcome.created], "unchanged": outcome.unchanged},
            )
    return outcome


def new_draft(*, user, version_id: int) -> ToolVersion:
    """A new, editable version copied from ``version_id`` (or the tool's existing draft, if it has one)."""
    _require(permissions.is_bureau(user), user, "create", permissions.TOOL, version_id)
    source = selectors.version_with_content(version_id)
    if source is None:
        raise ToolVersion.DoesNotExist
    with transaction.atomic():
        Tool.objects.select_for_update().filter(pk=source.tool_id).first()  # one draft at a time per tool
        draft = ToolVersion.objects.filter(tool_id=source.tool_id, published_at__isnull=True).order_by("-number").first()
        if draft is not None:
            return draft
        number = (ToolVersion.objects.filter(tool_id=source.tool_id).aggregate(n=Max("number"))["n"] or 0) + 1
        draft = _create_version(source.tool, selectors.tool_data(source), user=user, number=number)
        _audit(user, "create", permissions.TOOL, draft.pk, detail={"tool": source.tool.code, "version": number, "from": source.number})
    return draft


class CannotPublish(Exception):
    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))
        self.problems = problems


def _publish(version: ToolVersion, user) -> None:
    claimed = ToolVersion.objects.filter(pk=version.pk, published_at__isnull=True).update(
        published_at=timezone.now(), published_by=user
    )
    if not claimed:
        raise CannotPublish([("$", "deze versie is al gepubliceerd")])
    version.refresh_from_db(fields=["published_at", "published_by"])


def publish(*, user, version_id: int) -> ToolVersion:
    """Publish a draft: checked by ``rules.tools.tool_problems`` first; from then on it never changes."""
    _require(permissions.is_bureau(user), user, "update", permissions.TOOL, version_id)
    version = selectors.version_with_content(version_id)
    if version is None:
        raise ToolVersion.DoesNotExist
    problems = rules.tool_problems(selectors.tool_data(version))
    if problems:
        raise CannotPublish(problems)
    with transaction.atomic():
        _publish(version, user)
        _audit(user, "update", permissions.TOOL, version.pk, detail={"published": True, "version": version.number})
    return version


# ------------------------------------------------------------------ results


class ResultRefused(Exception):
    """The answers cannot be scored (the message is for the professional; Dutch, translated by the caller)."""


def record_result(
    *,
    user,
    version_id: int,
    answers: Mapping,
    target_group: str = "",
    age_group: str = "",
    pc4: str = "",
) -> TriageResult:
    """Score ``answers`` with exactly this (published) version and store the result."""
    _require(permissions.may_use_tools(user), user, "create", permissions.RESULT)
    version = selectors.version_with_content(version_id)
    if version is None or not version.is_published or not version.tool.active:
        raise ResultRefused("unknown_version")
    scoring = score(selectors.tool_data(version), answers)  # ValueError on keys or values the version does not know
    group = TargetGroup.objects.filter(code=target_group).first() if target_group else None
    age = AgeGroup.objects.filter(code=age_group).first() if age_group else None
    result = TriageResult(
        version=version,
        created_by=user,
        target_group=group,
        age_group=age,
        pc4=pc4 or "",
        answers=dict(scoring.answers),
        score=scoring.score,
        highest=scoring.highest,
        outcome=scoring.outcome,
        characteristics_met=list(scoring.characteristics_met),
    )
    result.full_clean(exclude=["version", "created_by", "target_group", "age_group"])
    with transaction.atomic():
        result.save()
        _audit(user, "create", permissions.RESULT, result.pk, detail={"tool": version.tool.code, "version": version.number})
    return result


# ------------------------------------------------------------------ intake


def _registration(department_id: int, intake: Intake, *, user, lookups_ids, upload=None) -> IntakeRegistration:
    groups, ages, versions = lookups_ids
    return IntakeRegistration(
        department_id=department_id,
        started_on=intake.started_on,
        target_group_id=groups[intake.target_group],
        age_group_id=ages.get(intake.age_group) if intake.age_group else None,
        basis=IntakeRegistration.Basis.TOOL if intake.tool else IntakeRegistration.Basis.OWN_CRITERIA,
        tool_version_id=versions[(intake.tool, intake.tool_version)] if intake.tool else None,
        score=intake.score,
        tool_outcome=intake.tool_outcome,
        own_criteria=intake.own_criteria,
        high_specialist=intake.high_specialist,
        upload=upload,
        registered_by=user,
    )


def _ids():
    groups = dict(TargetGroup.objects.values_list("code", "pk"))
    ages = dict(AgeGroup.objects.values_list("code", "pk"))
    versions = {
        (code, number): pk
        for code, number, pk in ToolVersion.objects.filter(published_at__isnull=False).values_list("tool__code", "number", "pk")
    }
    return groups, ages, versions


def register_intake(*, user, department_id: int, intake: Intake) -> IntakeRegistration:
    """Store one checked registration (``rules.intake.check_intake``) for a department the user works for."""
    _require(permissions.may_register_for(user, department_id), user, "create", permissions.REGISTRATION,
             f"register.department:{department_id}")
    with transaction.atomic():
        registration = _registration(department_id, intake, user=user, lookups_ids=_ids())
        registration.save()
        _audit(user, "create", permissions.REGISTRATION, registration.pk, on_behalf_of=f"register.department:{department_id}")
    return registration


@dataclass
class UploadOutcome:
    upload: IntakeUpload | None = None
    replaced: int = 0  # registrations of the previous upload for this quarter
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def upload_intakes(
    *, user, department_id: int, year: int, quarter: int, file_name: str, content: bytes, today: date | None = None
) -> UploadOutcome:
    """A quarter's registrations from CSV: all rows checked first; any error saves nothing.

    A new upload for the same department and quarter replaces the previous upload (its
    registrations); registrations entered in the form stay.
    """
    _require(permissions.may_register_for(user, department_id), user, "import", permissions.REGISTRATION,
             f"register.department:{department_id}")
    today = today or timezone.localdate()
    intakes, errors = read_intake_csv(
        content, source=file_name, lookups=selectors.intake_lookups(), today=today, quarter=(year, quarter)
    )
    outcome = UploadOutcome(errors=errors)
    on_behalf_of = f"register.department:{department_id}"
    if errors:
        _audit(user, "import", permissions.REGISTRATION, outcome="failure", on_behalf_of=on_behalf_of,
               detail={"quarter": f"{year}-Q{quarter}", "errors": len(errors)})
        return outcome
    ids = _ids()
    try:
        with transaction.atomic():
            previous = IntakeUpload.objects.select_for_update().filter(department_id=department_id, year=year, quarter=quarter).first()
            if previous is not None:
                outcome.replaced = previous.registrations.count()
                previous.delete()
            upload = IntakeUpload.objects.create(
                department_id=department_id, year=year, quarter=quarter, file_name=file_name[:200], rows=len(intakes), uploaded_by=user
            )
            IntakeRegistration.objects.bulk_create(
                _registration(department_id, intake, user=user, lookups_ids=ids, upload=upload) for intake in intakes
            )
            _audit(user, "import", permissions.REGISTRATION, upload.pk, on_behalf_of=on_behalf_of,
                   detail={"quarter": f"{year}-Q{quarter}", "rows": len(intakes), "replaced": outcome.replaced})
    except IntegrityError:
        # Two uploads for the same quarter at once: the other one won.
        outcome.errors = [RowError(file_name, None, "", "Tegelijk werd een ander bestand voor dit kwartaal geüpload. Probeer het opnieuw.")]
        return outcome
    outcome.upload = upload
    return outcome


def delete_registration(*, user, registration_id: int) -> None:
    """Remove one registration entered in the form (an uploaded one goes with a new upload for its quarter)."""
    registration = IntakeRegistration.objects.filter(pk=registration_id).first()
    if registration is None or not permissions.may_register_for(user, registration.department_id):
        _audit(user, "delete", permissions.REGISTRATION, registration_id, outcome="denied")
        raise PermissionDenied
    if registration.upload_id is not None:
        raise ValidationError("uploaded")
    with transaction.atomic():
        registration.delete()
        _audit(user, "delete", permissions.REGISTRATION, registration_id,
               on_behalf_of=f"register.department:{registration.department_id}")
