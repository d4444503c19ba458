"""The dossier editor (department editors and managers) and the committee's read-only view.

Views are thin: reads go through ``selectors`` (permission-checked and
audited; a dossier the user may not see answers 404, so its existence is not
revealed), writes through ``services`` with the version the page was
rendered from (``version`` in every form). A write that finds a newer
version answers 409 with the editor's input kept and nothing saved.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import department_scope
from register.models import Department
from triage.figures import registrations_url  # certification reads triage; never the other way

from .dossier import services
from .visitation import review_services
from .visitation.models import ReviewMessage
from .visitation.views import application_departments
from .visitation.report import COMMITTEE_VERDICTS, report_lines
from .visitation.report import outcome as report_outcome
from django.utils import timezone
from audit.models import Outcome
from certification.publications.bibliography import PublicationFileError
from certification.rules.checker import check_dossier
from certification.rules.criteria import CriteriaSetData
from certification.dossier.db import to_dataclass
from certification.dossier.models import SERVICE_KINDS, Attachment, Dossier, Study, TrainingPlace
from certification.dossier.forms import (
    AttachmentUploadForm,
    NewDossierForm,
    PublicationImportForm,
    dossier_fields_form,
    record_form,
)
from certification.format.jsonio import dossier_to_json
from certification.dossier.parts import PARTS, parts_for, uses_attachments
from certification.dossier.permissions import (
    EXPORT,
    IMPORT,
    READ,
    UPDATE,
    audit,
    deny,
    may_edit_department,
    may_manage_committees,
    may_submit_department,
)
from certification.dossier.preview import with_unsaved
from certification.dossier.presenters import (
    dossier_field_cells,
    percent_text,
    record_anchors,
    record_view,
    summary_labels,
)
from certification.rules.progress import criterion_progress, dossier_progress
from certification.rules.report import CheckReport, Verdict
from .templatetags.dossier_tags import criterion_name
from certification.criteria.selectors import criteria_set_data, criteria_set_for
from certification.dossier.selectors import dossier_list, dossier_with_records
from certification.dossier.services import RECORD_KINDS, ConcurrentEditError, DossierNotEditableError

# ------------------------------------------------------------------ loading


@dataclass
class Loaded:
    """Everything a dossier page shows: the stored dossier, its check and its progress."""

    obj: Dossier
    criteria: CriteriaSetData | None
    report: CheckReport | None
    progress: object
    per_criterion: dict
    may_edit: bool
    may_submit: bool
    may_reopen: bool
    department_staff: bool = False  # may edit the department's dossiers (draft or not): sees its desk's requests

    @cached_property
    def linked(self) -> dict:
        """The records other records link to, by model and id (from the prefetched dossier; no queries)."""
        return {
            Attachment: {a.pk: a for a in self.obj.attachments.all()},
            Study: {s.pk: s for s in self.obj.studies.all()},
            TrainingPlace: {p.pk: p for p in self.obj.training_places.all()},
        }

    def criterion(self, number: int):
        if self.criteria is None:
            raise Http404
        if number == 0:
            return self.criteria.general
        try:
            return self.criteria.criterion(number)
        except KeyError:
            raise Http404 from None


def load(request, pk, action=READ, *, for_report=False) -> Loaded:
    try:
        obj = dossier_with_records(pk, user=request.user, for_report=for_report)
    except (Dossier.DoesNotExist, PermissionDenied):
        raise Http404 from None
    chosen = obj.criteria_set or criteria_set_for(obj.visitation_date)
    criteria = report = progress = None
    per_criterion = {}
    if chosen is not None:
        criteria = criteria_set_data(chosen)
        pure = to_dataclass(obj)
        report = check_dossier(pure, criteria)
        progress, per_criterion = dossier_progress(pure, criteria)
    user = request.user
    department_staff = may_edit_department(user, obj.department_id)
    return Loaded(
        obj=obj,
        criteria=criteria,
        report=report,
        progress=progress,
        per_criterion=per_criterion,
        may_edit=obj.is_editable and department_staff,
        may_submit=obj.is_editable and may_submit_department(user, obj.department_id),
        may_reopen=not obj.is_editable and may_manage_committees(user),
        department_staff=department_staff,
    )


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1  # no such version: the write is refused as a concurrent edit


def _records(obj: Dossier, kind: str) -> list:
    if kind == "training_occupancy":
        return [o for place in obj.training_places.all() for o in place.occupancy.all()]
    spec = RECORD_KINDS[kind]
    if spec.singleton:
        try:
            found = getattr(obj, kind)
        except spec.model.DoesNotExist:
            return []
        return [found] if found is not None else []
    return list(getattr(obj, kind).all())


def _reasons(loaded: Loaded, result, number: int) -> list[dict]:
    """The reasons of a verdict, each with a link to the table row of the record it names (if any)."""
    anchors = record_anchors(lambda kind: _records(loaded.obj, kind))
    rows = []
    for reason in result.reasons:
        anchor = anchors.get(reason.path, "")
        url = _criterion_url(loaded.obj.pk, number, anchor) if anchor else ""
        rows.append({"text": reason.text, "effect": reason.effect, "url": url})
    return rows


def _back(request, loaded: Loaded) -> int:
    """The criterion page to return to (``terug``), if it is one of the set; 0 is the general conditions."""
    try:
        number = int(request.GET.get("terug") or request.POST.get("terug") or 0)
    except ValueError:
        return 0
    if loaded.criteria is None or number not in {c.number for c in loaded.criteria.all_criteria()}:
        return 0
    return number


def _criterion_url(pk, number: int, anchor: str = "") -> str:
    url = reverse("certification:criterion", args=[pk, number])
    return f"{url}#{anchor}" if anchor else url


# -------------------------------------------------------------- list / create


@login_required
@require_http_methods(["GET", "POST"])
def dossiers(request):
    departments = department_scope(request.user, Department.objects.all()).order_by("name")
    may_create = departments.exists()
    form = NewDossierForm(request.POST or None, departments=departments) if may_create else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                dossier = services.create_dossier(
                    user=request.user,
                    department=form.cleaned_data["department"],
                    visitation_date=form.cleaned_data["visitation_date"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Het dossier is aangemaakt."))
                return redirect("certification:overview", pk=dossier.pk)
    rows = list(dossier_list(user=request.user))
    return render(
        request,
        "certification/dossier_list.html",
        {"dossiers": rows, "form": form, "may_apply": application_departments(request.user).exists()},
        status=400 if form is not None and form.errors else 200,
    )


# ------------------------------------------------------------------ reading


def _criterion_rows(loaded: Loaded) -> list[dict]:
    if loaded.criteria is None:
        return []
    rows = []
    for criterion, result in zip(loaded.criteria.all_criteria(), loaded.report.results, strict=True):
        rows.append({"criterion": criterion, "result": result, "progress": loaded.per_criterion[criterion.number]})
    return rows


@login_required
@require_GET
def overview(request, pk):
    loaded = load(request, pk)
    return render(
        request,
        "certification/dossier_overview.html",
        {"loaded": loaded, "dossier": loaded.obj, "rows": _criterion_rows(loaded), "cover": _cover_part(request, loaded)},
    )


def _cover_part(request, loaded: Loaded, form=None) -> dict:
    part = PARTS["cover"]
    return _fields_part(loaded, part, form)


def _fields_part(loaded: Loaded, part, form=None) -> dict:
    if loaded.may_edit and form is None:
        form = dossier_fields_form(part.fields, dossier=loaded.obj, prefix=part.key)
    return {
        "part": part,
        "form": form if loaded.may_edit else None,
        "cells": dossier_field_cells(loaded.obj, part.fields, loaded.linked),
    }


def _records_part(loaded: Loaded, part, forms_by_kind=None) -> dict:
    kind = part.kind
    spec = RECORD_KINDS[kind]
    instances = _records(loaded.obj, kind)
    context = {
        "part": part,
        "kind": kind,
        "singleton": spec.singleton,
        "labels": summary_labels(kind, spec.model),
        "records": [
            record_view(
                kind,
                i,
                linked=loaded.linked,
                requests_url=_requests_url(loaded, kind, i),
                registrations_url=_registrations_url(loaded, kind, i),
            )
            for i in instances
        ],
    }
    if kind == "consultation_quarters" and loaded.may_edit:
        context["desk_fill"] = True
    if kind == "treatment_quarters" and loaded.may_edit:
        context["intake_fill"] = True
    if spec.singleton and loaded.may_edit:
        form = (forms_by_kind or {}).get(kind) or record_form(
            kind, dossier_id=loaded.obj.pk, instance=instances[0] if instances else None, prefix=kind
        )
        context["form"] = form
    if kind == "publications" and loaded.may_edit:
        context["import_form"] = PublicationImportForm()
    return context


def _requests_url(loaded: Loaded, kind: str, instance) -> str:
    """For a quarter filled from the desk, the desk's list of the requests behind it (department staff only)."""
    if kind != "consultation_quarters" or not instance.from_desk or not loaded.department_staff:
        return ""
    return desk_requests_url(loaded.obj.department_id, instance.kind, instance.year, instance.quarter)


def _registrations_url(loaded: Loaded, kind: str, instance) -> str:
    """For a quarter filled from the intake registrations, triage's list of the registrations behind it (department
    staff and the bureau only: the intake page is theirs)."""
    if kind != "treatment_quarters" or not instance.from_intake or not loaded.department_staff:
        return ""
    return registrations_url(loaded.obj.department_id, instance.year, instance.quarter)


def desk_requests_url(department_id: int, kind: str, year: int, quarter: int) -> str:
    """``/consult/inbox/?afdeling=<id>&beantwoord=<year>-Q<n>&soort=<kind>``: the requests a quarter figure counts.

    The inbox lists them with ``consultation.figures.answered_in_quarter``.
    """
    return f"{reverse('consultation:inbox')}?{urlencode({'afdeling': department_id, 'beantwoord': f'{year}-Q{quarter}', 'soort': kind})}"


def _criterion_page(
    request, loaded: Loaded, number: int, *, field_forms=None, record_forms=None, review_form=None, judgement_form=None, status=200
):
    criterion = loaded.criterion(number)
    result = loaded.report.result(number if number else 0)
    parts = []
    for part in parts_for(criterion):
        if part.is_fields:
            parts.append(_fields_part(loaded, part, (field_forms or {}).get(part.key)))
        else:
            parts.append(_records_part(loaded, part, record_forms))
    all_criteria = loaded.criteria.all_criteria()
    index = [c.number for c in all_criteria].index(number)
    return render(
        request,
        "certification/criterion.html",
        {
            "loaded": loaded,
            "dossier": loaded.obj,
            "criterion": criterion,
            "result": result,
            "reasons": _reasons(loaded, result, number),
            "progress": loaded.per_criterion[number],
            "parts": parts,
            "uses_attachments": uses_attachments(criterion),
            "previous": all_criteria[index - 1] if index > 0 else None,
            "next": all_criteria[index + 1] if index + 1 < len(all_criteria) else None,
            "rows": _criterion_rows(loaded),
            "review": _review_context(request, loaded, number, review_form, judgement_form),
        },
        status=status,
    )


def _review_context(request, loaded: Loaded, number: int, form=None, judgement_form=None) -> dict:
    """The committee's review of this criterion (findings, questions, answers) as this user may see it."""
    allowed = review_services.access(request.user, loaded.obj)
    return {
        "access": allowed,
        "threads": review_services.threads(request.user, loaded.obj, number),
        "form": form or {},
        "kinds": [(k, label) for k, label in ReviewMessage.Kind.choices if k != ReviewMessage.Kind.ANSWER],
        "judgement": (judgement_form or _stored_judgement(loaded.obj, number)) if allowed.committee else None,
        "verdicts": list(COMMITTEE_VERDICTS.items()),
    }


def _stored_judgement(dossier, number: int) -> dict:
    stored = review_services.judgements(dossier).get(number)
    if stored is None:
        return {}
    return {"verdict": stored.verdict, "finding": stored.finding, "reason": stored.reason, "errors": {}}


def _checker_verdict(loaded: Loaded, number: int) -> str:
    try:
        return loaded.report.result(number).verdict.value
    except KeyError:
        return ""


@login_required
@require_POST
def review_judge(request, pk, number):
    """The committee's own verdict and finding on one criterion; a reason where it differs from the checker."""
    loaded = load(request, pk)
    loaded.criterion(number)
    fields = {k: request.POST.get(k, "") for k in ("verdict", "finding", "reason")}
    try:
        review_services.judge(request.user, loaded.obj, number, _checker_verdict(loaded, number), **fields)
    except PermissionDenied:
        return render(
            request,
            "certification/refused.html",
            {"dossier": loaded.obj, "message": _("Alleen de commissie geeft een oordeel."), "back_url": _criterion_url(pk, number)},
            status=403,
        )
    except ValidationError as exc:
        errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
        return _criterion_page(request, loaded, number, judgement_form={**fields, "errors": errors}, status=400)
    messages.success(request, _("Het oordeel van de commissie is opgeslagen."))
    return redirect(_criterion_url(pk, number, "oordeel-commissie"))


def _report(request, pk):
    """The report's dossier and lines, for those who may read the report at this stage (404 for the others)."""
    loaded = load(request, pk, for_report=True)
    if loaded.criteria is None or not review_services.reads_report(request.user, loaded.obj):
        audit(request.user, READ, pk, loaded.obj.department_id, outcome=Outcome.DENIED, detail={"report": True})
        raise Http404
    lines = report_lines(loaded.report, loaded.criteria, review_services.judgements(loaded.obj))
    return loaded, lines


@login_required
@require_GET
def visitation_report(request, pk):
    """The visitation report: per criterion the checker's verdict, the committee's verdict, finding and reason."""
    loaded, lines = _report(request, pk)
    audit(request.user, READ, pk, loaded.obj.department_id, detail={"report": "html"})
    # A team member after the review period reads the report only, not the dossier's pages: no links to them.
    opens_dossier = dossier_list(user=request.user).filter(pk=pk).exists()
    return render(
        request,
        "certification/visitation_report.html",
        {
            "loaded": loaded,
            "dossier": loaded.obj,
            "lines": lines,
            "outcome": report_outcome(lines),
            "opens_dossier": opens_dossier,
            "hide_dossier_link": not opens_dossier,
        },
    )


@login_required
@require_GET
def visitation_report_pdf(request, pk):
    from certification.visitation.report_pdf import report_pdf  # fpdf2 only when someone exports

    loaded, lines = _report(request, pk)
    data = report_pdf(to_dataclass(loaded.obj), loaded.criteria, lines, timezone.localdate())
    return _exported(
        request, loaded, HttpResponse(data, content_type="application/pdf"), "pdf", "-visitatierapport.pdf", report=True
    )


@login_required
@require_POST
def review_post(request, pk, number):
    """Add a finding, a question or an answer on a criterion page (committee, bureau; the department answers)."""
    loaded = load(request, pk)
    loaded.criterion(number)
    kind = request.POST.get("kind", "")
    parent = request.POST.get("parent") or None
    try:
        review_services.post(
            request.user, loaded.obj, number, kind, request.POST.get("text", ""),
            parent_id=int(parent) if parent and parent.isdigit() else None,
        )
    except PermissionDenied:
        return render(
            request,
            "certification/refused.html",
            {"dossier": loaded.obj, "message": _("U mag hier niet schrijven."), "back_url": _criterion_url(pk, number)},
            status=403,
        )
    except ValidationError as exc:
        errors = [m for messages_ in exc.message_dict.values() for m in messages_]
        return _criterion_page(
            request, loaded, number,
            review_form={"kind": kind, "parent": parent, "text": request.POST.get("text", ""), "errors": errors},
            status=400,
        )
    messages.success(request, _("Uw bericht is geplaatst."))
    return redirect(_criterion_url(pk, number, "beoordeling"))


@login_required
@require_GET
def criterion(request, pk, number):
    loaded = load(request, pk)
    if loaded.criteria is None:
        messages.warning(request, _("Kies eerst een criteriaset op het voorblad."))
        return redirect("certification:overview", pk=pk)
    return _criterion_page(request, loaded, number)


# ------------------------------------------------------------ live verdict


@login_required
@require_POST
def preview(request, pk, number):
    """The verdict panel of criterion ``number`` as it would be with the form's unsaved values (htmx, on change).

    Always 200 with the panel: with invalid input it shows the stored verdict and says so. Nothing in the
    dossier is written; loading it is an audited read, like every access to the dossier's content.
    """
    loaded = load(request, pk)
    loaded.criterion(number)  # 404 for a criterion not in the set
    refused = refused_write(request, loaded, READ)  # only someone who may change the dossier has unsaved input
    if refused is not None:
        return refused
    stored = loaded.report.result(number)
    form, kind = _preview_form(request, loaded)
    result, progress, applied = stored, loaded.per_criterion[number], False
    if form is not None and form.is_valid():
        if kind:
            with_unsaved(loaded.obj, kind, form.instance)
        pure = to_dataclass(loaded.obj)
        result = check_dossier(pure, loaded.criteria).result(number)
        progress = criterion_progress(pure, loaded.criterion(number))
        applied = True
    return render(
        request,
        "certification/_verdict_panel.html",
        {
            "result": result,
            "reasons": _reasons(loaded, result, number),
            "progress": progress,
            "preview": True,
            "applied": applied,
            "changed": result != stored,
        },
    )


def _preview_form(request, loaded: Loaded):
    """The form the editor is filling in, bound to the posted data, and its record kind ("" for dossier fields)."""
    part = PARTS.get(request.POST.get("_part", ""))
    if part is not None and part.is_fields:
        return dossier_fields_form(part.fields, dossier=loaded.obj, data=request.POST, prefix=part.key), ""
    kind = request.POST.get("_kind", "")
    if kind not in RECORD_KINDS or kind == "attachments":
        return None, ""
    spec = RECORD_KINDS[kind]
    if spec.singleton:
        instances = _records(loaded.obj, kind)
        instance = instances[0] if instances else None
        return record_form(kind, dossier_id=loaded.obj.pk, data=request.POST, instance=instance, prefix=kind), kind
    try:
        record_id = int(request.POST.get("_record") or 0) or None
    except ValueError:
        return None, ""
    instance = _record_instance(loaded, kind, record_id)
    return record_form(kind, dossier_id=loaded.obj.pk, data=request.POST, instance=instance), kind


# ------------------------------------------------------------------ writing


REFUSALS = (ConcurrentEditError, DossierNotEditableError, PermissionDenied)


def _refused(exc) -> str:
    if isinstance(exc, (ConcurrentEditError, DossierNotEditableError)):
        return str(exc)
    return _("U mag dit dossier niet wijzigen.")


def _refusal_status(exc) -> int:
    return 409 if isinstance(exc, ConcurrentEditError) else 403


def refused_write(request, loaded: Loaded, action=UPDATE, *, allowed=may_edit_department, back_url: str = ""):
    """Who may write and whether the dossier may change, checked before any posted input is read or validated.

    None when the write may go ahead; otherwise the refusal page (403), after auditing a permission refusal
    as denied. The service checks again inside its transaction (the dossier may change in between).
    """
    obj = loaded.obj
    if not allowed(request.user, obj.department_id):
        try:
            deny(request.user, action, obj.pk, obj.department_id)
        except PermissionDenied as exc:
            refusal = exc
    elif not obj.is_editable:
        refusal = DossierNotEditableError(obj)
    else:
        return None
    return render(
        request,
        "certification/refused.html",
        {
            "loaded": loaded,
            "dossier": obj,
            "message": _refused(refusal),
            "back_url": back_url or reverse("certification:overview", args=[obj.pk]),
        },
        status=_refusal_status(refusal),
    )


def _attempt(form, write) -> int:
    """Validate ``form`` and run the service ``write``: 0 when saved, else the HTTP status, with the errors on the form."""
    if not form.is_valid():
        return 400
    try:
        write()
    except ValidationError as exc:
        form.add_service_errors(exc)
        return 400
    except REFUSALS as exc:
        form.add_error(None, _refused(exc))
        return _refusal_status(exc)
    return 0


@login_required
@require_POST
def save_fields(request, pk, part):
    """Save a group of the dossier's own fields (the cover sheet or a narrative part of a criterion)."""
    part = PARTS.get(part)
    if part is None or not part.is_fields:
        raise Http404
    loaded = load(request, pk)
    number = _back(request, loaded)
    refused = refused_write(request, loaded, back_url=_part_url(loaded, part.key, number))
    if refused is not None:
        return refused
    form = dossier_fields_form(part.fields, dossier=loaded.obj, data=request.POST, prefix=part.key)
    status = _attempt(
        form,
        lambda: services.update_dossier(
            user=request.user, dossier_id=loaded.obj.pk, expected_version=_version(request), **form.values()
        ),
    )
    if not status:
        messages.success(request, _("%(part)s is opgeslagen.") % {"part": part.title})
        if part.key == "cover" or loaded.criteria is None:
            return redirect("certification:overview", pk=pk)
        return redirect(_criterion_url(pk, number, f"deel-{part.key}"))
    if part.key == "cover" or loaded.criteria is None:
        return render(
            request,
            "certification/dossier_overview.html",
            {"loaded": loaded, "dossier": loaded.obj, "rows": _criterion_rows(loaded), "cover": _cover_part(request, loaded, form)},
            status=status,
        )
    return _criterion_page(request, loaded, number, field_forms={part.key: form}, status=status)


def _part_url(loaded: Loaded, key: str, number: int) -> str:
    if key == "cover" or loaded.criteria is None:
        return reverse("certification:overview", args=[loaded.obj.pk])
    return _criterion_url(loaded.obj.pk, number, f"deel-{key}")


def _record_instance(loaded: Loaded, kind: str, record_id):
    if record_id is None:
        return None
    for instance in _records(loaded.obj, kind):
        if instance.pk == record_id:
            return instance
    raise Http404


def _kind_or_404(kind: str, *, attachments: bool = False):
    """A record kind edited through the record pages (attachments only for deleting: they are uploaded)."""
    if kind not in RECORD_KINDS or (kind == "attachments" and not attachments):
        raise Http404
    return RECORD_KINDS[kind]


@login_required
@require_http_methods(["GET", "POST"])
def record(request, pk, kind, record_id=None):
    """Add (no ``record_id``) or change one record; singletons (one per dossier) post here from the criterion page."""
    spec = _kind_or_404(kind)
    loaded = load(request, pk)
    number = _back(request, loaded)
    if spec.singleton:
        instances = _records(loaded.obj, kind)
        instance = instances[0] if instances else None
        prefix = kind
    else:
        instance = _record_instance(loaded, kind, record_id)
        prefix = None
    if request.method == "GET":
        if spec.singleton:
            return redirect(_criterion_url(pk, number, f"deel-{kind}"))
        if not loaded.may_edit:
            return redirect(_criterion_url(pk, number, f"deel-{kind}"))
        form = record_form(kind, dossier_id=pk, instance=instance)
        return _record_page(request, loaded, kind, form, instance, number)

    refused = refused_write(request, loaded, back_url=_criterion_url(pk, number, f"deel-{kind}"))
    if refused is not None:
        return refused
    form = record_form(kind, dossier_id=pk, data=request.POST, instance=instance, prefix=prefix)
    status = _attempt(
        form,
        lambda: services.save_record(
            user=request.user,
            dossier_id=loaded.obj.pk,
            expected_version=_version(request),
            kind=kind,
            values=form.values(),
            record_id=None if spec.singleton else record_id,
        ),
    )
    if not status:
        messages.success(request, _("%(part)s is opgeslagen.") % {"part": PARTS[kind].title})
        return redirect(_criterion_url(pk, number, f"deel-{kind}"))
    if spec.singleton and loaded.criteria is not None:
        return _criterion_page(request, loaded, number, record_forms={kind: form}, status=status)
    return _record_page(request, loaded, kind, form, instance, number, status=status)


def _record_page(request, loaded, kind, form, instance, number, status=200):
    spec = RECORD_KINDS[kind]
    verdict = {}
    if loaded.criteria is not None:
        criterion = loaded.criterion(number)
        verdict = {
            "criterion": criterion,
            "criterion_label": criterion_name(criterion),
            "result": loaded.report.result(number),
            "reasons": _reasons(loaded, loaded.report.result(number), number),
            "progress": loaded.per_criterion[number],
        }
    return render(
        request,
        "certification/record_form.html",
        {
            "loaded": loaded,
            "dossier": loaded.obj,
            "kind": kind,
            "part": PARTS[kind],
            "form": form,
            "instance": instance,
            "verbose_name": spec.model._meta.verbose_name,
            "number": number,
            "back_url": _criterion_url(loaded.obj.pk, number, f"deel-{kind}"),
            **verdict,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_record(request, pk, kind, record_id):
    spec = _kind_or_404(kind, attachments=True)
    loaded = load(request, pk)
    number = _back(request, loaded)
    instance = _record_instance(loaded, kind, record_id)
    if kind == "attachments":
        back_url = reverse("certification:attachments", args=[pk])
    else:
        back_url = _criterion_url(pk, number, f"deel-{kind}")
    error = ""
    status = 200
    if request.method == "POST":
        try:
            services.delete_record(
                user=request.user, dossier_id=pk, expected_version=_version(request), kind=kind, record_id=record_id
            )
        except REFUSALS as exc:
            error = _refused(exc)
            status = _refusal_status(exc)
        else:
            messages.success(request, _("%(what)s is verwijderd.") % {"what": str(instance)})
            return redirect(back_url)
    elif not loaded.may_edit:
        return redirect(back_url)
    return render(
        request,
        "certification/record_delete.html",
        {
            "loaded": loaded,
            "dossier": loaded.obj,
            "kind": kind,
            "instance": instance,
            "view": record_view(kind, instance, linked=loaded.linked),
            "verbose_name": spec.model._meta.verbose_name,
            "number": number,
            "back_url": back_url,
            "error": error,
        },
        status=status,
    )


# -------------------------------------------------------------- attachments


def _attachments_page(request, loaded: Loaded, form=None, status=200):
    if loaded.may_edit and form is None:
        form = AttachmentUploadForm()
    instances = _records(loaded.obj, "attachments")
    return render(
        request,
        "certification/attachments.html",
        {
            "loaded": loaded,
            "dossier": loaded.obj,
            "form": form if loaded.may_edit else None,
            "records": [record_view("attachments", a, linked=loaded.linked) for a in instances],
            "labels": summary_labels("attachments", Attachment),
            "number": _back(request, loaded),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request, pk):
    loaded = load(request, pk)
    if request.method == "GET":
        return _attachments_page(request, loaded)
    refused = refused_write(request, loaded, back_url=reverse("certification:attachments", args=[pk]))
    if refused is not None:
        return refused
    form = AttachmentUploadForm(request.POST, request.FILES)
    status = _attempt(
        form,
        lambda: services.upload_attachment(
            user=request.user,
            dossier_id=pk,
            expected_version=_version(request),
            file=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
        ),
    )
    if not status:
        messages.success(request, _("De bijlage is toegevoegd."))
        return redirect("certification:attachments", pk=pk)
    return _attachments_page(request, loaded, form, status=status)


@login_required
@require_GET
def download_attachment(request, pk, record_id):
    """One attachment, to someone who may read the dossier; audited. Files are never served from MEDIA_URL."""
    loaded = load(request, pk)
    attachment = next((a for a in _records(loaded.obj, "attachments") if a.pk == record_id), None)
    if attachment is None or not attachment.file:
        raise Http404
    audit(request.user, READ, pk, loaded.obj.department_id, detail={"attachment": attachment.pk})
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=_download_name(attachment)
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _download_name(attachment: Attachment) -> str:
    suffix = PurePath(attachment.file.name).suffix.lower()
    stem = PurePath(attachment.file_name or attachment.title).stem
    return f"{slugify(stem) or 'bijlage'}{suffix}"


@login_required
@require_POST
def import_publications(request, pk):
    loaded = load(request, pk)
    number = _back(request, loaded)
    refused = refused_write(request, loaded, IMPORT, back_url=_criterion_url(pk, number, "deel-publications"))
    if refused is not None:
        return refused
    form = PublicationImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.import_publications(
                loaded.obj.pk, upload.name, upload.read(), user=request.user, expected_version=_version(request)
            )
        except PublicationFileError as exc:
            messages.error(request, str(exc))
        except REFUSALS as exc:
            messages.error(request, _refused(exc))
        else:
            messages.success(request, report.summary())
            for note in [*report.skipped, *report.warnings]:
                messages.warning(request, str(note))
    else:
        messages.error(request, _("Kies een BibTeX- of RIS-bestand."))
    return redirect(_criterion_url(pk, number, "deel-publications"))


def _part_criterion(loaded: Loaded, kind: str) -> int:
    """The first criterion whose page shows the records of ``kind`` (0 when none does)."""
    if loaded.criteria is None:
        return 0
    for criterion in loaded.criteria.all_criteria():
        if any(part.kind == kind for part in parts_for(criterion)):
            return criterion.number
    return 0


@login_required
@require_POST
def fill_from_desk(request, pk):
    """Criterion 3's quarter records filled from the consultation desk (a plain POST with the version; no JS needed)."""
    loaded = load(request, pk)
    number = _back(request, loaded) or _part_criterion(loaded, "consultation_quarters")
    back_url = _criterion_url(pk, number, "deel-consultation_quarters")
    refused = refused_write(request, loaded, back_url=back_url)
    if refused is not None:
        return refused
    try:
        result = services.fill_consultation_quarters(
            user=request.user, dossier_id=pk, expected_version=_version(request)
        )
    except REFUSALS as exc:
        messages.error(request, _refused(exc))
    else:
        for level, text in _fill_messages(result):
            messages.add_message(request, level, text)
    return redirect(back_url)


def _kind_label(kind: str) -> str:
    return str(dict(SERVICE_KINDS).get(kind, kind))


def _fill_messages(result: services.DeskFill) -> list[tuple[int, str]]:
    """What the fill did, in the editor's language: one summary, and one warning per hand-typed row it kept."""
    start = min(w.start for w in result.windows.values())
    end = max(w.end for w in result.windows.values())
    window = _("%(start)s t/m %(end)s") % {"start": start.isoformat(), "end": end.isoformat()}
    if not (result.created or result.updated or result.unchanged or result.kept or result.removed):
        return [
            (
                messages.INFO,
                _(
                    "De consultatiebalie telt geen door deze afdeling beantwoorde consultaties of second opinions "
                    "in %(period)s. Er is niets ingevuld."
                )
                % {"period": window},
            )
        ]
    done = []
    if result.created:
        n = len(result.created)
        done.append(ngettext("%(n)s kwartaal toegevoegd", "%(n)s kwartalen toegevoegd", n) % {"n": n})
    if result.updated:
        n = len(result.updated)
        done.append(ngettext("%(n)s kwartaal bijgewerkt", "%(n)s kwartalen bijgewerkt", n) % {"n": n})
    if result.unchanged:
        n = len(result.unchanged)
        done.append(ngettext("%(n)s kwartaal ongewijzigd", "%(n)s kwartalen ongewijzigd", n) % {"n": n})
    if result.removed:
        n = len(result.removed)
        done.append(
            ngettext(
                "%(n)s kwartaal verwijderd (de balie telt er niets meer)",
                "%(n)s kwartalen verwijderd (de balie telt er niets meer)",
                n,
            )
            % {"n": n}
        )
    found = []
    if done:
        found.append(
            (
                messages.SUCCESS,
                _("Aangevuld uit de consultatiebalie (%(period)s): %(done)s.")
                % {"period": window, "done": "; ".join(done)},
            )
        )
    for kept in result.kept:
        found.append(
            (
                messages.WARNING,
                _(
                    "%(kind)s %(quarter)s: u vulde zelf %(typed)s in; die rij blijft staan. De consultatiebalie "
                    "telt %(count)s (bovenregionaal %(share)s). Verwijder uw rij als de balie hem mag invullen."
                )
                % {
                    "kind": _kind_label(kept.kind),
                    "quarter": kept.label,
                    "typed": kept.typed_count,
                    "count": kept.count,
                    "share": percent_text(kept.supra_regional_share),
                },
            )
        )
    return found


@login_required
@require_POST
def fill_from_intake(request, pk):
    """Criterion 2's quarter records filled from the intake registrations (a plain POST with the version; no JS needed)."""
    loaded = load(request, pk)
    number = _back(request, loaded) or _part_criterion(loaded, "treatment_quarters")
    back_url = _criterion_url(pk, number, "deel-treatment_quarters")
    refused = refused_write(request, loaded, back_url=back_url)
    if refused is not None:
        return refused
    try:
        result = services.fill_treatment_quarters(user=request.user, dossier_id=pk, expected_version=_version(request))
    except REFUSALS as exc:
        messages.error(request, _refused(exc))
    else:
        for level, text in _intake_fill_messages(result):
            messages.add_message(request, level, text)
    return redirect(back_url)


def _intake_fill_messages(result: services.IntakeFill) -> list[tuple[int, str]]:
    """What the fill did, in the editor's language: one summary, and one warning per hand-typed row it kept."""
    window = _("%(start)s t/m %(end)s") % {"start": result.window.start.isoformat(), "end": result.window.end.isoformat()}
    if not (result.created or result.updated or result.unchanged or result.kept or result.removed):
        return [
            (
                messages.INFO,
                _("Er zijn geen gestarte behandelingen van deze afdeling geregistreerd in %(period)s. Er is niets ingevuld.")
                % {"period": window},
            )
        ]
    done = []
    if result.created:
        n = len(result.created)
        done.append(ngettext("%(n)s kwartaal toegevoegd", "%(n)s kwartalen toegevoegd", n) % {"n": n})
    if result.updated:
        n = len(result.updated)
        done.append(ngettext("%(n)s kwartaal bijgewerkt", "%(n)s kwartalen bijgewerkt", n) % {"n": n})
    if result.unchanged:
        n = len(result.unchanged)
        done.append(ngettext("%(n)s kwartaal ongewijzigd", "%(n)s kwartalen ongewijzigd", n) % {"n": n})
    if result.removed:
        n = len(result.removed)
        done.append(
            ngettext(
                "%(n)s kwartaal verwijderd (er staan geen registraties meer in)",
                "%(n)s kwartalen verwijderd (er staan geen registraties meer in)",
                n,
            )
            % {"n": n}
        )
    found = []
    if done:
        found.append(
            (
                messages.SUCCESS,
                _("Aangevuld uit de intakeregistratie (%(period)s): %(done)s.") % {"period": window, "done": "; ".join(done)},
            )
        )
    for kept in result.kept:
        found.append(
            (
                messages.WARNING,
                _(
                    "%(quarter)s: u vulde zelf %(typed_high)s van %(typed_started)s in; die rij blijft staan. De "
                    "intakeregistratie telt %(high)s van %(started)s. Verwijder uw rij als de registratie hem mag invullen."
                )
                % {
                    "quarter": kept.label,
                    "typed_started": kept.typed[0],
                    "typed_high": kept.typed[1],
                    "started": kept.started,
                    "high": kept.high_specialist,
                },
            )
        )
    return found


CONFIRMED = "ja"  # the value of ``bevestigd`` on the confirmation page's button


def _rows_by_verdict(rows: list[dict]) -> dict[str, list[dict]]:
    """The overview's rows grouped by verdict ("met", "not_met", "needs_review"), in the set's order."""
    groups = {str(v): [] for v in Verdict}
    for row in rows:
        groups[str(row["result"].verdict)].append(row)
    return groups


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """Submitting cannot be undone by the department, so it asks first.

    GET (and a POST without ``bevestigd=ja``) shows the verdict: which criteria are not met or await the
    committee, and a button that confirms; only that confirmed POST submits. Works without JavaScript.
    """
    loaded = load(request, pk)
    refused = refused_write(request, loaded, allowed=may_submit_department)
    if refused is not None:
        return refused
    if request.method == "POST" and request.POST.get("bevestigd") == CONFIRMED:
        try:
            services.submit_dossier(user=request.user, dossier_id=pk, expected_version=_version(request))
        except REFUSALS as exc:
            messages.error(request, _refused(exc))
        else:
            messages.success(request, _("Het dossier is ingediend. Het kan nu niet meer worden gewijzigd."))
        return redirect("certification:overview", pk=pk)
    rows = _criterion_rows(loaded)
    return render(
        request,
        "certification/submit_confirm.html",
        {"loaded": loaded, "dossier": loaded.obj, "rows": rows, "groups": _rows_by_verdict(rows), "confirmed": CONFIRMED},
    )


@login_required
@require_POST
def reopen(request, pk):
    """Submitted -> draft again, by the bureau (for example after the committee asked for more)."""
    load(request, pk)
    try:
        services.reopen_dossier(user=request.user, dossier_id=pk, expected_version=_version(request))
    except REFUSALS as exc:
        messages.error(request, _refused(exc))
    else:
        messages.success(request, _("Het dossier is heropend. De afdeling kan het weer wijzigen."))
    return redirect("certification:overview", pk=pk)


# ------------------------------------------------------------------ exports


def _export_name(dossier: Dossier, suffix: str) -> str:
    return f"dossier-{slugify(dossier.department_name)}-{dossier.visitation_date.isoformat()}{suffix}"


def _exported(request, loaded: Loaded, response, fmt: str, suffix: str, **detail):
    """Audit the export, then send it as a private download named after the dossier."""
    audit(request.user, EXPORT, loaded.obj.pk, loaded.obj.department_id, detail={"format": fmt, **detail})
    response["Content-Disposition"] = f'attachment; filename="{_export_name(loaded.obj, suffix)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_pdf(request, pk):
    from certification.exports.pdf import dossier_pdf  # fpdf2 is only loaded when someone exports

    loaded = load(request, pk)
    if loaded.criteria is None:
        raise Http404
    pure = to_dataclass(loaded.obj)
    data = dossier_pdf(pure, loaded.report, loaded.criteria)
    return _exported(request, loaded, HttpResponse(data, content_type="application/pdf"), "pdf", ".pdf")


@login_required
@require_GET
def export_zip(request, pk):
    from certification.exports.archive import ZipMember, write_attachments_zip

    loaded = load(request, pk)
    members = [
        ZipMember(title=a.title, kind=a.get_kind_display(), file_name=a.file_name, open=a.file.open)
        for a in _records(loaded.obj, "attachments")
        if a.file
    ]
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    names = write_attachments_zip(spool, members)
    spool.seek(0)
    response = FileResponse(spool, content_type="application/zip")
    return _exported(request, loaded, response, "zip", "-bijlagen.zip", files=len(names))


@login_required
@require_GET
def export_json(request, pk):
    loaded = load(request, pk)
    data = json.dumps(dossier_to_json(to_dataclass(loaded.obj)), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    return _exported(request, loaded, response, "json", ".json")

