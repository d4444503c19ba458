"""Triage pages: pick a tool, answer it, read the result; intake registrations; the analysis.

Views are thin: reads through ``selectors``, writes through ``services``, scores through the pure
``rules.scoring``. Every page needs a log-in (the validated tools are not public); a page or
object the user may not see answers 404 through ``accounts.permissions.deny`` (audited).
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import deny
from audit.services import record
from register.models import TargetGroup
from register.presenters import hit_cards
from register.search import FinderQuery, search

from . import permissions, selectors, services
from .forms import IntakeForm, IntakeUploadForm, QuestionnaireForm
from .models import Characteristic, ResultOutcome
from .presenters import TABLES, analysis_tables
from .rules import tools as rules
from .rules.disclosure import SMALL
from .rules.intake import template_csv
from .rules.quarters import quarter_bounds, quarter_of
from .rules.scoring import score

MATCHES = 5  # departments shown on a result page


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


# ------------------------------------------------------------------ tools


@login_required
@require_GET
def index(request):
    user = request.user
    if not permissions.uses_triage(user):
        deny(request, object_type=permissions.TOOL, object_id="index")
    chosen = request.GET.get("doelgroep", "")
    groups = list(TargetGroup.objects.all())
    if chosen not in {g.code for g in groups}:
        chosen = ""
    entries = selectors.tools_for_picker(chosen) if permissions.may_use_tools(user) else []
    return render(
        request,
        "triage/index.html",
        {
            "entries": entries,
            "suggested": [e for e in entries if e.suggested] if chosen else [],
            "others": [e for e in entries if not e.suggested] if chosen else entries,
            "groups": groups,
            "chosen": chosen,
            "chosen_label": next((g.label for g in groups if g.code == chosen), ""),
            "may_use": permissions.may_use_tools(user),
            "may_register": permissions.may_register_intakes(user),
            "may_analyse": permissions.may_analyse(user),
            "recent": selectors.recent_results(user) if permissions.may_use_tools(user) else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire(request, code):
    user = request.user
    if not permissions.may_use_tools(user):
        deny(request, object_type=permissions.TOOL, object_id=code)
    number = _int(request.POST.get("versie")) if request.method == "POST" else None
    version = selectors.usable_version(code, number)
    if version is None:
        if request.method == "POST" and selectors.usable_version(code) is not None:
            messages.error(request, _("Deze versie van de vragenlijst is niet meer te gebruiken. Vul de nieuwste versie in."))
            return redirect("triage:questionnaire", code=code)
        deny(request, object_type=permissions.TOOL, object_id=code)
    tool = selectors.tool_data(version)
    if request.method == "POST":
        form = QuestionnaireForm(request.POST, tool=tool)
        if form.is_valid():
            data = form.cleaned_data
            result = services.record_result(
                user=user,
                version_id=version.pk,
                answers=form.answers(),
                target_group=data["doelgroep"],
                age_group=data["leeftijd"],
                pc4=data["postcode"],
            )
            return redirect("triage:result", pk=result.pk)
    else:
        initial = {}
        if request.GET.get("doelgroep"):
            initial["doelgroep"] = request.GET["doelgroep"]
        form = QuestionnaireForm(initial=initial, tool=tool)
    return render(
        request,
        "triage/questionnaire.html",
        {"version": version, "tool": tool, "form": form, "has_errors": bool(form.errors)},
    )


def _matches(result):
    """The departments for the result (the finder's engine) and the finder's address for more."""
    if result.outcome == rules.NONE or result.target_group is None:
        return [], None, ""
    query = FinderQuery(
        target_groups=(result.target_group.code,),
        age_groups=(result.age_group.code,) if result.age_group else (),
        place=result.pc4,
        per_page=MATCHES,
    )
    found = search(query)
    params = {"doelgroep": result.target_group.code}
    if result.age_group:
        params["leeftijd"] = result.age_group.code
    if result.pc4:
        params["plaats"] = result.pc4
    more = reverse("register:search") + "?" + urlencode(params)
    return hit_cards(found, query), found, more


def _consultation_url(user, result) -> str:
    """The desk's request form with this result carried along (``?triage=<id>``; see ``triage.handoff``)."""
    from consultation.permissions import may_submit

    if not may_submit(user):
        return ""
    return reverse("consultation:new") + "?" + urlencode({"triage": result.pk})


@login_required
@require_GET
def result(request, pk):
    user = request.user
    found = selectors.result_for_page(pk)
    if found is None or not permissions.may_see_result(user, found):
        deny(request, object_type=permissions.RESULT, object_id=pk)
    if found.created_by_id != user.pk:
        record(action="read", request=request, object_type=permissions.RESULT, object_id=str(found.pk))
    tool = selectors.tool_data(found.version)
    scoring = score(tool, found.answers)
    newest = selectors.newest_published_number(found.version.tool_id)
    cards, finder_result, more = _matches(found)
    characteristic_labels = dict(Characteristic.choices)
    characteristics = [
        {
            "code": code,
            "label": characteristic_labels[code],
            "state": "met" if code in scoring.characteristics_met else "open" if code in scoring.characteristics_open else "not_met",
        }
        for code in tool.characteristics()
    ]
    answers = []
    for item in tool.items:
        value = found.answers.get(item.key, "missing")
        answers.append({"item": item, "value": value, "label": characteristic_labels.get(item.characteristic, "")})
    return render(
        request,
        "triage/result.html",
        {
            "result": found,
            "tool": tool,
            "scoring": scoring,
            "outcome_label": ResultOutcome(scoring.outcome).label,
            "lowest_label": ResultOutcome(scoring.lowest_outcome).label,
            "highest_label": ResultOutcome(scoring.highest_outcome).label,
            "characteristics": characteristics,
            "answers": answers,
            "newer_version": newest if newest and newest > found.version.number else None,
            "cards": cards,
            "finder_result": finder_result,
            "finder_url": more,
            "consultation_url": _consultation_url(user, found),
            "freshness_months": settings.REGISTER_FRESHNESS_MONTHS,
        },
    )


# ------------------------------------------------------------------ intake


def _registering(request):
    if not permissions.may_register_intakes(request.user):
        deny(request, object_type=permissions.REGISTRATION, object_id="index")
    departments = selectors.registration_departments(request.user)
    if not departments.exists():
        deny(request, object_type=permissions.REGISTRATION, object_id="index")
    return departments


def _parse_quarter(text: str) -> tuple[int, int] | None:
    year, _sep, quarter = (text or "").partition("-Q")
    if year.isdigit() and quarter in {"1", "2", "3", "4"} and 2000 <= int(year) <= 2100:
        return int(year), int(quarter)
    return None


@login_required
@require_GET
def intake(request):
    departments = _registering(request)
    chosen_id = _int(request.GET.get("afdeling"))
    department = departments.filter(pk=chosen_id).first() if chosen_id else None
    if chosen_id and department is None:
        deny(request, object_type=permissions.REGISTRATION, object_id=f"register.department:{chosen_id}")
    department = department or departments.first()
    quarters = selectors.treatment_quarters(department.pk)
    chosen = _parse_quarter(request.GET.get("kwartaal", ""))
    if chosen is None:
        chosen = (quarters[-1].year, quarters[-1].quarter) if quarters else quarter_of(timezone.localdate())
    first, last = quarter_bounds(*chosen)
    page = Paginator(selectors.registrations_in(department.pk, first, last), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "triage/intake.html",
        {
            "departments": departments,
            "department": department,
            "quarters": list(reversed(quarters)),
            "chosen": chosen,
            "chosen_label": f"{chosen[0]}-Q{chosen[1]}",
            "page": page,
            "uploads": selectors.uploads_of(department.pk)[:12],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake_new(request):
    departments = _registering(request)
    lookups = selectors.intake_lookups()
    if request.method == "POST":
        form = IntakeForm(request.POST, departments=departments, lookups=lookups)
        if form.is_valid():
            department = form.cleaned_data["department"]
            services.register_intake(user=request.user, department_id=department.pk, intake=form.intake)
            messages.success(request, _("De behandeling is geregistreerd."))
            quarter = "%d-Q%d" % quarter_of(form.intake.started_on)
            return redirect(reverse("triage:intake") + "?" + urlencode({"afdeling": department.pk, "kwartaal": quarter}))
    else:
        initial = {"department": _int(request.GET.get("afdeling"))} if request.GET.get("afdeling") else {}
        form = IntakeForm(initial=initial, departments=departments, lookups=lookups)
    return render(request, "triage/intake_form.html", {"form": form, "has_errors": bool(form.errors)})


@login_required
@require_http_methods(["GET", "POST"])
def intake_upload(request):
    departments = _registering(request)
    outcome = None
    if request.method == "POST":
        form = IntakeUploadForm(request.POST, request.FILES, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            upload = data["file"]
            outcome = services.upload_intakes(
                user=request.user,
                department_id=data["department"].pk,
                year=data["year"],
                quarter=data["quarter"],
                file_name=upload.name,
                content=upload.read(),
            )
            if outcome.ok:
                message = _("%(rows)s behandelingen geregistreerd voor %(quarter)s.") % {
                    "rows": outcome.upload.rows, "quarter": f"{data['year']}-Q{data['quarter']}"
                }
                if outcome.replaced:
                    message += " " + _("De vorige upload (%(rows)s behandelingen) is vervangen.") % {"rows": outcome.replaced}
                messages.success(request, message)
                query = {"afdeling": data["department"].pk, "kwartaal": f"{data['year']}-Q{data['quarter']}"}
                return redirect(reverse("triage:intake") + "?" + urlencode(query))
    else:
        today = timezone.localdate()
        year, quarter = quarter_of(today)
        initial = {"year": year, "quarter": quarter}
        if request.GET.get("afdeling"):
            initial["department"] = _int(request.GET.get("afdeling"))
        form = IntakeUploadForm(initial=initial, departments=departments)
    has_errors = bool(form.errors) or bool(outcome and outcome.errors)
    return render(request, "triage/intake_upload.html", {"form": form, "outcome": outcome, "has_errors": has_errors})


@login_required
@require_GET
def intake_template(request):
    _registering(request)
    response = HttpResponse(template_csv().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="intakes-voorbeeld.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def intake_delete(request, pk):
    _registering(request)
    registration = (
        selectors.IntakeRegistration.objects.select_related("department", "target_group").filter(pk=pk).first()
    )
    if registration is None or not permissions.may_register_for(request.user, registration.department_id):
        deny(request, object_type=permissions.REGISTRATION, object_id=pk)
    back = reverse("triage:intake") + "?" + urlencode(
        {"afdeling": registration.department_id, "kwartaal": "%d-Q%d" % quarter_of(registration.started_on)}
    )
    if registration.upload_id is not None:
        messages.error(request, _("Deze registratie komt uit een upload. Upload het kwartaal opnieuw om haar te verbeteren."))
        return redirect(back)
    if request.method == "POST":
        try:
            services.delete_registration(user=request.user, registration_id=pk)
        except (PermissionDenied, ValidationError):
            deny(request, object_type=permissions.REGISTRATION, object_id=pk)
        messages.success(request, _("De registratie is verwijderd."))
        return redirect(back)
    return render(request, "triage/intake_delete.html", {"registration": registration, "back": back})


# ------------------------------------------------------------------ analysis


def _analysing(request):
    if not permissions.may_analyse(request.user):
        deny(request, object_type=permissions.ANALYSIS, object_id="index")
    return not permissions.sees_small_counts(request.user)


@login_required
@require_GET
def analysis(request):
    hide = _analysing(request)
    tables = analysis_tables(selectors.analysis_data(), hide=hide)
    return render(request, "triage/analysis.html", {"tables": tables, "hide": hide, "small": SMALL})


@login_required
@require_GET
def analysis_csv(request, table):
    hide = _analysing(request)
    if table not in TABLES:
        deny(request, object_type=permissions.ANALYSIS, object_id=table)
    found = next(t for t in analysis_tables(selectors.analysis_data(), hide=hide) if t.slug == table)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(found.headers)
    writer.writerows(found.rows)
    record(action="export", request=request, object_type=permissions.ANALYSIS, object_id=table, detail={"hidden": hide})
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="triage-{table}-{timezone.localdate().isoformat()}.csv"'
    return response
