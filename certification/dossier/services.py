"""Writes for the structured dossier (criteria sets are written by ``certification.criteria.services``).

Dossiers (every function takes the acting ``user``; see ``permissions``):

- ``create_dossier``, ``update_dossier``, ``submit_dossier``, ``reopen_dossier``
- ``save_record`` / ``delete_record`` for any record kind in ``RECORD_KINDS``
- ``upload_attachment`` (checked by ``uploads.validate_upload``)
- ``import_dossier_json`` / ``export_dossier_json`` (the published JSON format)
- ``import_publications`` (BibTeX or RIS; see ``bibliography``)
- ``assign_committee_member`` / ``unassign_committee_member``
- ``fill_consultation_quarters`` (criterion 3's quarter figures from the consultation desk)
- ``fill_treatment_quarters`` (criterion 2's quarter figures from the intake registrations, ``triage``)

Concurrency rule: the dossier has one ``version``. Every write names the
version the editor started from (``expected_version``) and, in the same
transaction as the change, bumps it with ``UPDATE ... SET version = n + 1
WHERE id = ... AND version = n``. If no row matches, someone else saved in
between: ``ConcurrentEditError``, nothing is written, and the editor must
reload. On PostgreSQL the UPDATE also locks the row until commit, so a
second writer with the same version waits, then finds version n + 1 and
fails; on SQLite writers are serialised by the database lock. Only draft
dossiers change (``DossierNotEditableError`` otherwise).

Every change is audited (action create/update/delete/import, object type
``certification.dossier``, on behalf of the department); a refused attempt
is audited with outcome "denied" and raises ``PermissionDenied``; a
concurrent edit is audited with outcome "failure".
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from consultation.figures import quarter_counts_for  # certification reads the desk; never the other way
from triage.figures import treatment_counts_for  # certification reads triage; never the other way
from topggz import limits

from certification.publications import bibliography
from .db import DossierWriter, dossier_fields
from certification.format.jsonio import DossierValidationError, dossier_from_json, dossier_to_json, parse_json
from .models import (
    Attachment,
    BoardStatement,
    CommitteeAssignment,
    ConsultationQuarter,
    ConsultationService,
    Dossier,
    DossierLocation,
    Innovation,
    KnowledgeTransferActivity,
    OutcomeInstrument,
    OutcomeMeasurement,
    PatientParticipation,
    PatientYear,
    Presentation,
    Publication,
    SelfEvaluation,
    StaffMember,
    Study,
    TrainingOccupancy,
    TrainingPlace,
    TreatmentQuarter,
    UniversityAgreement,
)
from certification.criteria.models import CriteriaSet, Criterion
from certification.publications.names import UnitAuthorMatcher, fold
from .permissions import (
    CREATE,
    DELETE,
    IMPORT,
    PERMISSION_CHANGE,
    READ,
    UPDATE,
    audit,
    deny,
    may_edit_department,
    may_manage_committees,
    may_submit_department,
)
from certification.format.periods import Period, lookback, quarters_within
from certification.format.schemaerrors import DossierError
from certification.criteria.selectors import criteria_set_by_reference
from .selectors import export_dossier_data
from topggz.uploads import validate_upload


class ConcurrentEditError(Exception):
    """Someone else saved the dossier after this editor loaded it; nothing was written."""

    def __init__(self, dossier_id, expected_version: int, current_version: int | None):
        self.dossier_id = dossier_id
        self.expected_version = expected_version
        self.current_version = current_version
        super().__init__(
            "Iemand anders heeft dit dossier intussen opgeslagen "
            f"(u bewerkte versie {expected_version}, de huidige versie is {current_version}). "
            "Uw wijziging is niet opgeslagen: laad het dossier opnieuw en breng de wijziging nogmaals aan."
        )


class DossierNotEditableError(Exception):
    def __init__(self, dossier):
        self.dossier = dossier
        super().__init__(
            "Dit dossier is ingediend en kan niet meer worden gewijzigd. Vraag het bureau om het te heropenen."
        )


@dataclass(frozen=True)
class Saved:
    """What a write returns: the saved object and the dossier's new version (the next ``expected_version``)."""

    object: object
    version: int


@dataclass
class _Change:
    dossier: Dossier
    version: int
    detail: dict = field(default_factory=dict)


def claim_version(dossier_id, expected_version: int) -> int:
    """The conditional UPDATE that makes a write safe; returns the new version or raises ``ConcurrentEditError``."""
    updated = Dossier.objects.filter(pk=dossier_id, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if updated != 1:
        current = Dossier.objects.filter(pk=dossier_id).values_list("version", flat=True).first()
        raise ConcurrentEditError(dossier_id, expected_version, current)
    return expected_version + 1


def _dossier_row(dossier_id) -> dict:
    row = Dossier.objects.filter(pk=dossier_id).values("pk", "department_id").first()
    if row is None:
        raise Dossier.DoesNotExist(f"Dossier {dossier_id} bestaat niet.")
    return row


def _permitted(user, dossier_id, action, allowed=may_edit_department) -> int:
    """The dossier's department id, once ``user`` may act on the dossier; a refusal is audited and raises.

    Every write calls this before it reads or validates its input, so someone who may not write learns
    nothing from validation messages and costs no parsing.
    """
    department_id = _dossier_row(dossier_id)["department_id"]
    if not allowed(user, department_id):
        deny(user, action, dossier_id, department_id)
    return department_id


@contextmanager
def _changing(user, dossier_id, expected_version, action, *, allowed=may_edit_department, require_draft=True):
    """Permission check (denials audited), then one transaction: claim the version, change, audit."""
    department_id = _permitted(user, dossier_id, action, allowed)
    try:
        with transaction.atomic():
            version = claim_version(dossier_id, expected_version)
            dossier = Dossier.objects.select_related("department", "criteria_set").get(pk=dossier_id)
            if require_draft and not dossier.is_editable:
                raise DossierNotEditableError(dossier)
            change = _Change(dossier=dossier, version=version)
            yield change
            audit(user, action, dossier_id, department_id, detail={**change.detail, "version": version})
    except ConcurrentEditError as exc:
        audit(
            user,
            action,
            dossier_id,
            department_id,
            outcome="failure",
            detail={"reason": "concurrent_edit", "expected_version": exc.expected_version},
        )
        raise


def _by(instance, user):
    """Name the user in the history record simple-history writes on save/delete."""
    instance._history_user = user if getattr(user, "is_authenticated", False) else None
    return instance


def _history_create(user, reason: str):
    """Bulk insert that also writes the history rows, naming ``user`` (for ``DossierWriter``)."""
    history_user = user if getattr(user, "is_authenticated", False) else None

    def create(model, rows):
        if not rows:
            return []
        return bulk_create_with_history(rows, model, default_user=history_user, default_change_reason=reason)

    return create


# ------------------------------------------------------------- the dossier row

DOSSIER_FIELDS = frozenset(
    {
        "visitation_date",
        "criteria_set",
        "department_name",
        "institution",
        "specialised_since",
        "target_group",
        "diagnoses",
        "age_groups",
        "other_characteristics",
        "specialist_offer",
        "management",
        "organigram",
        "chain_position",
        "intake_criteria",
        "decision_tool",
        "outflow_criteria",
        "training_participation",
    }
)


def _assign(instance, values: dict, allowed: frozenset[str] | None = None) -> None:
    """Set model fields from ``values``; foreign keys take an instance, a primary key or None."""
    errors = {}
    for name, value in values.items():
        try:
            model_field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            errors[name] = "onbekend veld"
            continue
        if (
            (allowed is not None and name not in allowed)
            or not getattr(model_field, "editable", False)
            or model_field.primary_key
            or name in ("dossier", "version", "status")
        ):
            errors[name] = "dit veld kan hier niet worden gewijzigd"
            continue
        if isinstance(model_field, models.ForeignKey) and not isinstance(value, models.Model):
            setattr(instance, model_field.attname, value)
        else:
            setattr(instance, name, value)
    if errors:
        raise ValidationError(errors)


def create_dossier(*, user, department, visitation_date: date, criteria_set: CriteriaSet | None = None, **values) -> Dossier:
    """A new draft dossier, its cover sheet filled from the register (name, institutions, specialised since)."""
    if not may_edit_department(user, department.pk):
        deny(user, CREATE, None, department.pk)
    dossier = Dossier(
        department=department,
        visitation_date=visitation_date,
        criteria_set=criteria_set,
        department_name=department.name,
        institution=", ".join(i.name for i in department.institutions.all()),
        specialised_since=department.specialised_since,
    )
    _assign(dossier, values, DOSSIER_FIELDS)
    dossier.full_clean()
    with transaction.atomic():
        _by(dossier, user).save()
        audit(user, CREATE, dossier.pk, department.pk)
    return dossier


def update_dossier(*, user, dossier_id, expected_version: int, **values) -> Saved:
    """Change the dossier's own fields (cover sheet, narratives, visitation date, criteria set)."""
    with _changing(user, dossier_id, expected_version, UPDATE) as change:
        dossier = change.dossier
        _assign(dossier, values, DOSSIER_FIELDS)
        dossier.full_clean()
        _by(dossier, user).save()
        change.detail["fields"] = sorted(values)
    return Saved(dossier, change.version)


def submit_dossier(*, user, dossier_id, expected_version: int) -> Saved:
    """Draft -> submitted (the department's manager, or the bureau); after this the dossier is read-only."""
    with _changing(user, dossier_id, expected_version, UPDATE, allowed=may_submit_department) as change:
        dossier = change.dossier
        dossier.status = Dossier.Status.SUBMITTED
        dossier.submitted_at = timezone.now()
        _by(dossier, user).save()
        change.detail["status"] = dossier.status
    return Saved(dossier, change.version)


def reopen_dossier(*, user, dossier_id, expected_version: int) -> Saved:
    """Submitted -> draft, by the bureau only."""
    with _changing(
        user, dossier_id, expected_version, UPDATE, allowed=lambda u, _d: may_manage_committees(u), require_draft=False
    ) as change:
        dossier = change.dossier
        dossier.status = Dossier.Status.DRAFT
        dossier.submitted_at = None
        _by(dossier, user).save()
        change.detail["status"] = dossier.status
    return Saved(dossier, change.version)


# ------------------------------------------------------------------- records


@dataclass(frozen=True)
class RecordKind:
    name: str  # as in the JSON format where there is one
    model: type[models.Model]
    owner: str = "dossier"  # the lookup from the record to its dossier
    singleton: bool = False  # at most one per dossier (edited in place)


RECORD_KINDS: dict[str, RecordKind] = {
    k.name: k
    for k in (
        RecordKind("attachments", Attachment),
        RecordKind("locations", DossierLocation),
        RecordKind("staff", StaffMember),
        RecordKind("patient_years", PatientYear),
        RecordKind("treatment_quarters", TreatmentQuarter),
        RecordKind("consultation_services", ConsultationService),
        RecordKind("consultation_quarters", ConsultationQuarter),
        RecordKind("innovations", Innovation),
        RecordKind("outcome_measurement", OutcomeMeasurement, singleton=True),
        RecordKind("outcome_instruments", OutcomeInstrument),
        RecordKind("studies", Study),
        RecordKind("publications", Publication),
        RecordKind("presentations", Presentation),
        RecordKind("knowledge_transfer", KnowledgeTransferActivity),
        RecordKind("patient_participation", PatientParticipation),
        RecordKind("university_agreements", UniversityAgreement),
        RecordKind("training_places", TrainingPlace),
        RecordKind("training_occupancy", TrainingOccupancy, owner="place__dossier"),
        RecordKind("board_statement", BoardStatement, singleton=True),
        RecordKind("self_evaluation", SelfEvaluation, singleton=True),
    )
}


def _kind(kind: str) -> RecordKind:
    try:
        return RECORD_KINDS[kind]
    except KeyError:
        raise ValueError(f"Onbekende soort onderdeel {kind!r}; bekend zijn: {', '.join(RECORD_KINDS)}.") from None


def _record(spec: RecordKind, dossier_id, record_id):
    queryset = spec.model.objects.filter(**{f"{spec.owner}_id": dossier_id})
    if spec.singleton and record_id is None:
        return queryset.first()
    found = queryset.filter(pk=record_id).first()
    if found is None:
        raise spec.model.DoesNotExist(f"{spec.model._meta.verbose_name} {record_id} hoort niet bij dossier {dossier_id}.")
    return found


def save_record(*, user, dossier_id, expected_version: int, kind: str, values: dict, record_id=None) -> Saved:
    """Create (no ``record_id``) or change one record of the dossier; validated by the model (Dutch messages)."""
    spec = _kind(kind)
    with _changing(user, dossier_id, expected_version, UPDATE) as change:
        instance = _record(spec, dossier_id, record_id) if (record_id is not None or spec.singleton) else None
        if instance is None:
            instance = spec.model()
            if spec.owner == "dossier":
                instance.dossier = change.dossier
            if "position" in {f.name for f in spec.model._meta.fields} and "position" not in values:
                last = spec.model.objects.filter(**{f"{spec.owner}_id": dossier_id}).aggregate(m=Max("position"))["m"]
                instance.position = 0 if last is None else last + 1
        _assign(instance, values)
        if getattr(instance, "from_desk", False):
            instance.from_desk = False  # changed by hand: a later fill from the desk keeps it (fill_consultation_quarters)
        if getattr(instance, "from_intake", False):
            instance.from_intake = False  # changed by hand: a later fill from the registrations keeps it (fill_treatment_quarters)
        if spec.owner != "dossier" and instance.place_id is not None and instance.place.dossier_id != dossier_id:
            raise ValidationError({"place": "Deze opleidingsplaats hoort bij een ander dossier."})
        instance.full_clean()
        _by(instance, user).save()
        change.detail.update(kind=kind, record_id=instance.pk)
    return Saved(instance, change.version)


def delete_record(*, user, dossier_id, expected_version: int, kind: str, record_id=None) -> int:
    """Remove one record (links to it, such as a CV, are cleared); returns the new version."""
    spec = _kind(kind)
    with _changing(user, dossier_id, expected_version, DELETE) as change:
        instance = _record(spec, dossier_id, record_id)
        if instance is None:
            raise spec.model.DoesNotExist(f"Dit dossier heeft geen {spec.model._meta.verbose_name}.")
        change.detail.update(kind=kind, record_id=instance.pk)
        stored_file = instance.file.name if isinstance(instance, Attachment) and instance.file else ""
        _by(instance, user).delete()
        if stored_file:
            storage = Attachment._meta.get_field("file").storage
            transaction.on_commit(lambda: storage.delete(stored_file))
    return change.version


def _unique_key(dossier_id, base: str) -> str:
    base = (slugify(base) or "bijlage")[:80]
    existing = set(Attachment.objects.filter(dossier_id=dossier_id, key__startswith=base).values_list("key", flat=True))
    key, n = base, 1
    while key in existing:
        n += 1
        key = f"{base}-{n}"
    return key


def upload_attachment(
    *, user, dossier_id, expected_version: int, file, title: str = "", kind: str = Attachment.Kind.OTHER, record_id=None
) -> Saved:
    """Store an uploaded file as an attachment (new, or replacing the file of ``record_id``).

    The file is checked first (extension, content, size: ``uploads``); link
    it to a staff member's CV or an agreement with ``save_record``.
    """
    _permitted(user, dossier_id, UPDATE)
    validate_upload(file)
    original = str(getattr(file, "name", "") or "")
    stored = ""
    try:
        with _changing(user, dossier_id, expected_version, UPDATE) as change:
            if record_id is not None:
                attachment = _record(RECORD_KINDS["attachments"], dossier_id, record_id)
                old = attachment.file.name if attachment.file else ""
                if old:
                    storage = Attachment._meta.get_field("file").storage
                    transaction.on_commit(lambda: storage.delete(old))
            else:
                last = Attachment.objects.filter(dossier_id=dossier_id).aggregate(m=Max("position"))["m"]
                attachment = Attachment(
                    dossier=change.dossier,
                    position=0 if last is None else last + 1,
                    key=_unique_key(dossier_id, title or original.rsplit(".", 1)[0]),
                    kind=kind,
                )
            attachment.title = title or attachment.title or original
            attachment.file = file
            attachment.file_name = original
            attachment.full_clean()
            _by(attachment, user).save()
            stored = attachment.file.name
            change.detail.update(kind="attachments", record_id=attachment.pk)
    except Exception:
        if stored:
            Attachment._meta.get_field("file").storage.delete(stored)
        raise
    return Saved(attachment, change.version)


# ------------------------------------------------------------- JSON import/export


def _json_data(data):
    """Bytes or text are parsed with the format's limits (``jsonio.parse_json``); parsed data is checked when loaded."""
    if isinstance(data, (bytes, bytearray, str)):
        return parse_json(data)
    return data


def _invalid(location, message):
    return DossierValidationError([DossierError(tuple(location), message)])


def _resolve_department(pure, department, into: Dossier | None):
    from register.models import Department

    if into is not None:
        department = into.department
    elif department is not None and not isinstance(department, Department):
        department = Department.objects.filter(pk=department).first()
        if department is None:
            raise _invalid(("department",), "de gekozen afdeling bestaat niet")
    slug = pure.department.register_slug
    if department is None:
        if not slug:
            raise _invalid(("department", "register_slug"), "kies een afdeling of vul de slug van de afdeling in")
        department = Department.objects.filter(slug=slug).first()
        if department is None:
            raise _invalid(("department", "register_slug"), f"er is geen afdeling met slug {json.dumps(slug)} in het register")
    elif slug and slug != department.slug:
        raise _invalid(
            ("department", "register_slug"),
            f"het bestand hoort bij afdeling {json.dumps(slug)}, niet bij {json.dumps(department.slug)}",
        )
    return department


def import_dossier_json(*, user, data, department=None, into=None, expected_version: int | None = None, file_name: str = "") -> Dossier:
    """Store a dossier file (the published JSON format) all-or-nothing.

    Without ``into`` a new draft dossier is made for ``department`` (or the
    department named by ``register_slug``); with ``into`` (a dossier id) and
    ``expected_version`` that dossier's content is replaced. Every problem
    raises ``DossierValidationError`` listing all errors by JSON path, and
    nothing is written.
    """
    target = None
    if into is not None:
        target = Dossier.objects.select_related("department").filter(pk=into).first()
        if target is None:
            raise Dossier.DoesNotExist(f"Dossier {into} bestaat niet.")
        if expected_version is None:
            raise ValueError("Geef de versie van het dossier (expected_version) om het te vervangen.")
        _permitted(user, target.pk, IMPORT)  # before the file is read
    elif isinstance(department, models.Model) and not may_edit_department(user, department.pk):
        deny(user, IMPORT, None, department.pk)  # before the file is read
    pure = dossier_from_json(_json_data(data))
    department = _resolve_department(pure, department, target)
    if not may_edit_department(user, department.pk):
        deny(user, IMPORT, into, department.pk)

    criteria_set = None
    if pure.criteria_set:
        criteria_set = criteria_set_by_reference(pure.criteria_set)
        if criteria_set is None:
            raise _invalid(("criteria_set",), f"criteriaset {json.dumps(pure.criteria_set)} bestaat niet")
    clash = Dossier.objects.filter(department=department, visitation_date=pure.visitation_date)
    if target is not None:
        clash = clash.exclude(pk=target.pk)
    clash = clash.values_list("pk", flat=True).first()
    if clash is not None:
        raise _invalid(
            ("visitation_date",),
            f"afdeling {department.name} heeft al een dossier (nummer {clash}) voor visitatiedatum "
            f"{pure.visitation_date.isoformat()}",
        )

    reason = f"import {file_name}".strip()[:100]
    writer = DossierWriter(create=_history_create(user, reason))
    records = _record_count(pure)
    try:
        if target is None:
            with transaction.atomic():
                dossier = Dossier(department=department, criteria_set=criteria_set, **dossier_fields(pure))
                dossier._change_reason = reason
                _by(dossier, user).save()
                writer.write([(dossier, pure)])
                audit(user, IMPORT, dossier.pk, department.pk, detail={"file": file_name[:100], "records": records})
        else:
            with _changing(user, target.pk, expected_version, IMPORT) as change:
                dossier = change.dossier
                _clear_records(dossier)
                for name, value in dossier_fields(pure).items():
                    setattr(dossier, name, value)
                dossier.criteria_set = criteria_set
                dossier.organigram = None
                _by(dossier, user).save()
                writer.write([(dossier, pure)])
                change.detail.update(file=file_name[:100], records=records)
    except IntegrityError as exc:
        # Someone made the same department/date dossier in between; nothing was written.
        raise _invalid(("visitation_date",), f"kon niet worden opgeslagen: {exc}") from exc
    return Dossier.objects.get(pk=dossier.pk)


def _record_count(pure) -> int:
    return sum(
        len(x)
        for x in (
            pure.staff, pure.innovations, pure.studies, pure.publications, pure.presentations, pure.knowledge_transfer,
            pure.patient_participation, pure.university_agreements, pure.attachments, pure.training.places,
            pure.patients.treated_per_year, pure.patients.treatments_started, pure.consultation.quarters,
            pure.second_opinion.quarters, pure.outcome_measurement.instruments, pure.department.locations,
        )
    )  # fmt: skip


def _clear_records(dossier: Dossier) -> None:
    Dossier.objects.filter(pk=dossier.pk).update(organigram=None)
    for spec in RECORD_KINDS.values():
        if spec.owner == "dossier":
            spec.model.objects.filter(dossier=dossier).delete()


def export_dossier_json(*, user, dossier_id) -> dict:
    """The stored dossier in the published JSON format (``import_dossier_json`` reads it back unchanged); audited."""
    return dossier_to_json(export_dossier_data(dossier_id, user=user))


# ------------------------------------------------------------ publication import


@dataclass(frozen=True)
class ImportedPublication:
    key: str
    line: int
    title: str
    publication_id: int | None  # None in a dry run

    def to_dict(self) -> dict:
        return {"key": self.key, "line": self.line, "title": self.title, "publication_id": self.publication_id}


@dataclass
class PublicationImportReport:
    file_name: str
    format: str
    created: list[ImportedPublication] = field(default_factory=list)
    duplicates: list[bibliography.EntryNote] = field(default_factory=list)
    skipped: list[bibliography.EntryNote] = field(default_factory=list)
    warnings: list[bibliography.EntryNote] = field(default_factory=list)
    version: int | None = None  # the dossier's version after the import
    dry_run: bool = False

    def summary(self) -> str:
        verb = "zouden worden toegevoegd" if self.dry_run else "toegevoegd"
        return (
            f"{self.file_name}: {len(self.created)} publicatie(s) {verb}, {len(self.duplicates)} dubbel (overgeslagen), "
            f"{len(self.skipped)} niet te gebruiken, {len(self.warnings)} waarschuwing(en)."
        )

    def to_dict(self) -> dict:
        return {
            "file_name": self.file_name,
            "format": self.format,
            "dry_run": self.dry_run,
            "version": self.version,
            "created": [x.to_dict() for x in self.created],
            "duplicates": [x.to_dict() for x in self.duplicates],
            "skipped": [x.to_dict() for x in self.skipped],
            "warnings": [x.to_dict() for x in self.warnings],
        }


def title_key(title: str, year: int) -> tuple[str, int]:
    """What makes two titles the same publication: letters and digits only, case and accents ignored, plus the year."""
    return re.sub(r"[^0-9a-z]+", " ", fold(title)).strip(), year


def import_publications(
    dossier, file_name: str, data, unit_author_names=None, *, user, expected_version: int, dry_run: bool = False
) -> PublicationImportReport:
    """Add the publications of a BibTeX (.bib) or RIS (.ris) file to the dossier.

    Authors are marked as unit authors when they match one of
    ``unit_author_names`` (default: the dossier's staff), see ``names``.
    Entries already in the dossier (same DOI, or same title and year) or
    earlier in the file are skipped as duplicates. Peer review,
    internationality and indexes other than PubMed cannot be read from the
    file: the editor completes them. ``dry_run`` reports without writing.
    Raises ``bibliography.UnknownFormatError`` for a file that is neither and
    ``bibliography.PublicationLimitError`` for one above the limits (size,
    entries, or more publications in the dossier than
    DOSSIER_MAX_RECORDS_PER_KIND); both are ``PublicationFileError`` and
    nothing is written.
    """
    dossier_id = dossier.pk if isinstance(dossier, Dossier) else dossier
    row = _dossier_row(dossier_id)
    action = READ if dry_run else IMPORT
    if not may_edit_department(user, row["department_id"]):
        deny(user, action, dossier_id, row["department_id"])

    parsed = bibliography.parse_publications(file_name, data)
    report = PublicationImportReport(file_name=file_name, format=parsed.format, dry_run=dry_run)
    report.skipped = list(parsed.skipped)
    entry_warnings = {(w.key, w.line): [] for w in parsed.warnings}
    for note in parsed.warnings:
        entry_warnings[(note.key, note.line)].append(note)

    if unit_author_names is None:
        unit_author_names = list(StaffMember.objects.filter(dossier_id=dossier_id).values_list("name", flat=True))
    matcher = UnitAuthorMatcher(unit_author_names)
    existing = list(Publication.objects.filter(dossier_id=dossier_id).values_list("doi", "title", "date"))
    seen_dois = {doi for doi, _t, _d in existing if doi}
    seen_titles = {title_key(title, day.year) for _doi, title, day in existing}
    in_file: dict = {}

    new_rows, accepted = [], []
    for c in parsed.candidates:
        same_title = title_key(c.title, c.date.year)
        if c.doi and c.doi in seen_dois:
            reason = f"dubbel: DOI {c.doi} staat al in het dossier" if c.doi not in in_file else f"dubbel: dezelfde DOI als {in_file[c.doi]} in dit bestand"
            report.duplicates.append(bibliography.EntryNote(c.key, c.line, reason))
            continue
        if same_title in seen_titles:
            reason = (
                f"dubbel: dezelfde titel en hetzelfde jaar ({c.date.year}) als {in_file[same_title]} in dit bestand"
                if same_title in in_file
                else f"dubbel: een publicatie met deze titel uit {c.date.year} staat al in het dossier"
            )
            report.duplicates.append(bibliography.EntryNote(c.key, c.line, reason))
            continue
        if c.doi:
            seen_dois.add(c.doi)
            in_file[c.doi] = c.key
        seen_titles.add(same_title)
        in_file[same_title] = c.key
        authors = [{"name": name, "unit_author": matcher.matches(name)} for name in c.authors]
        if matcher and not any(a["unit_author"] for a in authors):
            note = bibliography.EntryNote(c.key, c.line, "geen auteur van de eenheid herkend; markeer de auteurs van de eenheid zelf")
            entry_warnings.setdefault((c.key, c.line), []).append(note)
        new_rows.append(
            Publication(
                type=c.type,
                title=c.title,
                date=c.date,
                authors=authors,
                journal=c.journal[:500],
                indexes=list(c.indexes),
                link=c.link[:1000],
                doi=c.doi[:255],
            )
        )
        accepted.append(c)
    # Warnings about the file, and about the entries that are (or would be) added; a duplicate's
    # warnings do not matter, and a skipped entry's are part of its reason already.
    candidates = {(c.key, c.line) for c in parsed.candidates}
    added = {(c.key, c.line) for c in accepted}
    report.warnings = [
        note for where, notes in entry_warnings.items() if where in added or where not in candidates for note in notes
    ]
    report.warnings.sort(key=lambda n: n.line)
    if limits.over(len(existing) + len(new_rows), "DOSSIER_MAX_RECORDS_PER_KIND"):
        raise bibliography.PublicationLimitError(
            f"{file_name or 'Het bestand'}: met {limits.number(len(new_rows))} nieuwe publicaties zou het dossier er "
            f"{limits.number(len(existing) + len(new_rows))} hebben; de grens is "
            f"{limits.number(limits.limit('DOSSIER_MAX_RECORDS_PER_KIND'))} (DOSSIER_MAX_RECORDS_PER_KIND)."
        )

    if dry_run or not new_rows:
        audit(user, READ if dry_run else IMPORT, dossier_id, row["department_id"], detail={"kind": "publications", "file": file_name[:100], "created": 0, "dry_run": dry_run})
        report.created = [ImportedPublication(c.key, c.line, c.title, None) for c in accepted]
        report.version = Dossier.objects.filter(pk=dossier_id).values_list("version", flat=True).first()
        return report

    with _changing(user, dossier_id, expected_version, IMPORT) as change:
        last = Publication.objects.filter(dossier_id=dossier_id).aggregate(m=Max("position"))["m"]
        start = 0 if last is None else last + 1
        for i, publication in enumerate(new_rows):
            publication.dossier = change.dossier
            publication.position = start + i
            publication.full_clean(validate_constraints=False)  # the database checks them; this keeps it one query
        saved = _history_create(user, f"import {file_name}"[:100])(Publication, new_rows)
        change.detail.update(
            kind="publications", file=file_name[:100], created=len(saved), duplicates=len(report.duplicates)
        )
    report.created = [ImportedPublication(c.key, c.line, c.title, p.pk) for c, p in zip(accepted, saved, strict=True)]
    report.version = change.version
    return report


# ----------------------------------------------------------------- committees


def assign_committee_member(*, user, dossier_id, member, role=CommitteeAssignment.Role.MEMBER) -> CommitteeAssignment:
    """The bureau assigns a committee member or secretary to a dossier (they may then read it)."""
    row = _dossier_row(dossier_id)
    if not may_manage_committees(user):
        deny(user, PERMISSION_CHANGE, dossier_id, row["department_id"])
    assignment = CommitteeAssignment(user=member, dossier_id=dossier_id, role=role)
    assignment.full_clean()
    with transaction.atomic():
        _by(assignment, user).save()
        audit(user, PERMISSION_CHANGE, dossier_id, row["department_id"], detail={"assigned": member.pk, "role": role})
    return assignment


def unassign_committee_member(*, user, dossier_id, member) -> None:
    row = _dossier_row(dossier_id)
    if not may_manage_committees(user):
        deny(user, PERMISSION_CHANGE, dossier_id, row["department_id"])
    with transaction.atomic():
        for assignment in CommitteeAssignment.objects.filter(dossier_id=dossier_id, user=member):
            _by(assignment, user).delete()
        audit(user, PERMISSION_CHANGE, dossier_id, row["department_id"], detail={"unassigned": member.pk})


# ------------------------------------------------------- figures from the consultation desk

DESK_KINDS = ("consultation", "second_opinion")  # the kinds of ConsultationQuarter and of the desk's criterion-3 count
DESK_LOOKBACK_MONTHS = 12  # "het jaar voorafgaand aan de visitatie", unless the criteria set's norm says otherwise


@dataclass(frozen=True)
class DeskQuarter:
    """One quarter figure the desk counted; ``typed_count`` is the hand-typed figure a kept row holds."""

    kind: str
    year: int
    quarter: int
    count: int
    supra_regional_share: float
    typed_count: int | None = None

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"


@dataclass(frozen=True)
class DeskFill:
    """What ``fill_consultation_quarters`` did; ``windows`` are the periods it read per kind."""

    created: tuple[DeskQuarter, ...]
    updated: tuple[DeskQuarter, ...]
    unchanged: tuple[DeskQuarter, ...]
    kept: tuple[DeskQuarter, ...]
    removed: tuple[DeskQuarter, ...]
    windows: dict[str, Period]
    version: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def desk_windows(dossier: Dossier) -> dict[str, Period]:
    """Per kind, the window criterion 3 reads: ``lookback_months`` of the set's ``service_quarters`` norm (default 12).

    The same window as the checker (``rules.consultation.service_quarters``), so the fill writes exactly the
    quarters that can count.
    """
    months = {}
    criteria_set = dossier.effective_criteria_set()
    if criteria_set is not None:
        for norms in Criterion.objects.filter(criteria_set=criteria_set).values_list("norms", flat=True):
            for norm in norms or ():
                if not isinstance(norm, dict) or norm.get("kind") != "service_quarters":
                    continue
                params = norm.get("params") or {}
                if params.get("service") in DESK_KINDS:
                    value = params.get("lookback_months")
                    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                        months[params["service"]] = value
    return {
        kind: lookback(dossier.visitation_date, months=months.get(kind, DESK_LOOKBACK_MONTHS)) for kind in DESK_KINDS
    }


def fill_consultation_quarters(*, user, dossier_id, expected_version: int) -> DeskFill:
    """Fill criterion 3's quarter records from the consultation desk (issue 12: operational data is evidence).

    For the dossier's department and every quarter that lies entirely within the window criterion 3 reads
    (``desk_windows``), one ``ConsultationQuarter`` per kind with answered requests: the number the department
    answered in that quarter and the supra-regional share (``consultation.figures``). A row typed or changed
    by hand (``from_desk`` false) is never overwritten: it is reported as kept, with the desk's figure beside
    it. A row from an earlier fill is replaced, or removed when the desk no longer counts anything for it;
    quarters outside the window are left alone. One version claim, one audit entry (action update).
    """
    with _changing(user, dossier_id, expected_version, UPDATE) as change:
        dossier = change.dossier
        windows = desk_windows(dossier)
        in_window = {(kind, q.year, q.number) for kind, window in windows.items() for q in quarters_within(window)}
        start = min(w.start for w in windows.values())
        end = max(w.end for w in windows.values())
        desk = {
            (c.kind, c.year, c.quarter): DeskQuarter(c.kind, c.year, c.quarter, c.count, c.share)
            for c in quarter_counts_for(dossier.department_id, start, end, kinds=DESK_KINDS)
            if c.count > 0 and (c.kind, c.year, c.quarter) in in_window
        }
        rows = {(r.kind, r.year, r.quarter): r for r in ConsultationQuarter.objects.filter(dossier_id=dossier_id)}
        last = max((r.position for r in rows.values()), default=-1)
        created, updated, unchanged, kept, removed = [], [], [], [], []
        for key, figure in sorted(desk.items()):
            row = rows.get(key)
            if row is not None and not row.from_desk:
                kept.append(replace(figure, typed_count=row.count))
                continue
            if row is None:
                last += 1
                row = ConsultationQuarter(
                    dossier=dossier, kind=figure.kind, year=figure.year, quarter=figure.quarter, position=last
                )
                created.append(figure)
            elif (row.count, row.supra_regional_share) == (figure.count, figure.supra_regional_share):
                unchanged.append(figure)
                continue
            else:
                updated.append(figure)
            row.count = figure.count
            row.supra_regional_share = figure.supra_regional_share
            row.from_desk = True
            row._change_reason = "consultatiebalie"
            row.full_clean()
            _by(row, user).save()
        for key, row in sorted(rows.items()):
            if row.from_desk and key in in_window and key not in desk:
                removed.append(DeskQuarter(row.kind, row.year, row.quarter, 0, 0.0))
                row._change_reason = "consultatiebalie"
                _by(row, user).delete()
        change.detail.update(
            kind="consultation_quarters",
            source="consultation_desk",
            created=len(created),
            updated=len(updated),
            unchanged=len(unchanged),
            kept=len(kept),
            removed=len(removed),
        )
    return DeskFill(
        created=tuple(created),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        kept=tuple(kept),
        removed=tuple(removed),
        windows=windows,
        version=change.version,
    )


# ------------------------------------------------------- figures from the intake registrations (criterion 2)

INTAKE_LOOKBACK_MONTHS = 12  # "het jaar voorafgaand aan de visitatie", unless the criteria set's norm says otherwise


@dataclass(frozen=True)
class IntakeQuarter:
    """One quarter figure counted from the registrations; ``typed`` is the hand-typed figure a kept row holds."""

    year: int
    quarter: int
    started: int
    high_specialist: int
    typed: tuple[int, int] | None = None  # (started, high_specialist) of a row typed by hand

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"


@dataclass(frozen=True)
class IntakeFill:
    """What ``fill_treatment_quarters`` did; ``window`` is the period it read."""

    created: tuple[IntakeQuarter, ...]
    updated: tuple[IntakeQuarter, ...]
    unchanged: tuple[IntakeQuarter, ...]
    kept: tuple[IntakeQuarter, ...]
    removed: tuple[IntakeQuarter, ...]
    window: Period
    version: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def intake_window(dossier: Dossier) -> Period:
    """The window criterion 2 reads: ``lookback_months`` of the set's ``high_specialist_share`` norm (default 12).

    The same window as the checker (``rules.patients.high_specialist_share``), so the fill writes exactly the
    quarters that can count.
    """
    months = INTAKE_LOOKBACK_MONTHS
    criteria_set = dossier.effective_criteria_set()
    if criteria_set is not None:
        for norms in Criterion.objects.filter(criteria_set=criteria_set).values_list("norms", flat=True):
            for norm in norms or ():
                if isinstance(norm, dict) and norm.get("kind") == "high_specialist_share":
                    value = (norm.get("params") or {}).get("lookback_months")
                    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                        months = value
    return lookback(dossier.visitation_date, months=months)


def fill_treatment_quarters(*, user, dossier_id, expected_version: int) -> IntakeFill:
    """Fill criterion 2's quarter records from the department's intake registrations (issue 13).

    For the dossier's department and every quarter that lies entirely within the window criterion 2 reads
    (``intake_window``), one ``TreatmentQuarter`` with the treatments started in that quarter and how many the
    department found high-specialist (``triage.figures``). A row typed or changed by hand (``from_intake``
    false) is never overwritten: it is reported as kept, with the registrations' figures beside it. A row from
    an earlier fill is replaced, or removed when no registration counts for it any more; quarters outside the
    window are left alone. One version claim, one audit entry (action update).
    """
    with _changing(user, dossier_id, expected_version, UPDATE) as change:
        dossier = change.dossier
        window = intake_window(dossier)
        in_window = {(q.year, q.number) for q in quarters_within(window)}
        counted = {
            (c.year, c.quarter): IntakeQuarter(c.year, c.quarter, c.started, c.high_specialist)
            for c in treatment_counts_for(dossier.department_id, window.start, window.end)
            if c.started > 0 and (c.year, c.quarter) in in_window
        }
        rows = {(r.year, r.quarter): r for r in TreatmentQuarter.objects.filter(dossier_id=dossier_id)}
        last = max((r.position for r in rows.values()), default=-1)
        created, updated, unchanged, kept, removed = [], [], [], [], []
        for key, figure in sorted(counted.items()):
            row = rows.get(key)
            if row is not None and not row.from_intake:
                kept.append(replace(figure, typed=(row.started, row.high_specialist)))
                continue
            if row is None:
                last += 1
                row = TreatmentQuarter(dossier=dossier, year=figure.year, quarter=figure.quarter, position=last)
                created.append(figure)
            elif (row.started, row.high_specialist) == (figure.started, figure.high_specialist):
                unchanged.append(figure)
                continue
            else:
                updated.append(figure)
            row.started = figure.started
            row.high_specialist = figure.high_specialist
            row.from_intake = True
            row._change_reason = "intakeregistratie"
            row.full_clean()
            _by(row, user).save()
        for key, row in sorted(rows.items()):
            if row.from_intake and key in in_window and key not in counted:
                removed.append(IntakeQuarter(row.year, row.quarter, 0, 0))
                row._change_reason = "intakeregistratie"
                _by(row, user).delete()
        change.detail.update(
            kind="treatment_quarters",
            source="intake_registrations",
            created=len(created),
            updated=len(updated),
            unchanged=len(unchanged),
            kept=len(kept),
            removed=len(removed),
        )
    return IntakeFill(
        created=tuple(created),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        kept=tuple(kept),
        removed=tuple(removed),
        window=window,
        version=change.version,
    )
