"""Insight pages: coverage and gaps (map, tables, white spots, what-if), the national dashboard of
waiting times, demand against supply, and the monthly capacity report (form and CSV upload).

The public pages show aggregates only, with counts under 5 hidden (analysts and the bureau see
them). Views are thin: numbers come from ``presenters`` (selectors + pure rules), writes go through
``services``; every export is audited. A page or object the user may not see answers 404 through
``accounts.permissions.deny`` (audited).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from accounts.permissions import deny, deny_other_department
from audit.services import record
from geo.models import Municipality, Province
from register import selectors as register_selectors
from register import waiting
from register.models import Offer
from register.presenters import page_links
from register.search.querystring import PARAM_PAGE
from topggz.charts import BarChart

from . import permissions, presenters, selectors, services
from .forms import ReportForm, UploadForm
from . import charts
from .chart_images import CONTENT_TYPES, image_bytes, image_csp, image_response
from .rules import coverage as coverage_rules
from .rules.capacity import template_csv
from .rules.tables import to_csv, to_xlsx

FORMATS = {"csv", "xlsx"}
CHART_FORMATS = {"svg", "png"}


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _choice(request):
    """The target group and age group asked for (GET doelgroep, leeftijd); the first group by default."""
    groups = selectors.target_groups()
    code = request.GET.get("doelgroep", "")
    group = next((g for g in groups if g.code == code), groups[0] if groups else None)
    ages = selectors.age_groups()
    age_code = request.GET.get("leeftijd", "")
    age = next((a for a in ages if a.code == age_code), None)
    return groups, group, ages, age


@require_GET
def index(request):
    today = timezone.localdate()
    page = presenters.coverage_overview(today)
    return render(request, "insight/index.html", {"page": page, "table": page.tables[0], "chart": page.charts["doelgroepen-50km"]})


@require_GET
def coverage(request):
    groups, group, ages, age = _choice(request)
    if group is None:
        raise Http404
    page = presenters.coverage_page(group, age, timezone.localdate())
    query = urlencode({"doelgroep": group.code, **({"leeftijd": age.code} if age else {})})
    return render(request, "insight/coverage.html", {
        "groups": groups, "group": group, "ages": ages, "age": age, "page": page, "query": query,
        "national": page.table("nederland"), "regions": [page.table(k) for k in ("province", "ggd", "zorgkantoor")],
        "municipalities": page.table("gemeenten"), "spots": page.table("witte-vlekken"),
        "map": page.charts["kaart"], "bars": page.charts["provincies-50km"],
    })


@require_GET
def what_if(request):
    groups, group, ages, age = _choice(request)
    if group is None:
        raise Http404
    today = timezone.localdate()
    age_code = age.code if age else None
    departments = [d for d in presenters.department_choices() if d.pk in selectors.qualifying_ids(group.code, age_code, today)]
    municipalities = list(Municipality.objects.order_by("name").values_list("code", "name"))
    before = selectors.qualifying_locations(group.code, age_code, today)
    geo = selectors.geography()
    names = dict(zip(geo.municipality_codes, geo.municipality_names))
    scenario, error = None, ""
    stop_id = _int(request.GET.get("stopt"))
    open_code = request.GET.get("opent", "")
    if stop_id:
        department = next((d for d in departments if d.pk == stop_id), None)
        if department is None:
            error = _("Kies een afdeling die nu meetelt voor deze doelgroep.")
        else:
            scenario = (_("Als %(name)s stopt") % {"name": department.name}, before.without(stop_id))
    elif open_code:
        if open_code not in names:
            error = _("Kies een gemeente uit de lijst.")
        else:
            i = geo.municipality_codes.index(open_code)
            scenario = (_("Als er een locatie opent in %(name)s") % {"name": names[open_code]},
                        before.plus(float(geo.municipality_lats[i]), float(geo.municipality_lons[i])))
    context = {"groups": groups, "group": group, "ages": ages, "age": age, "departments": departments,
               "municipalities": municipalities, "error": error, "stop_id": stop_id, "open_code": open_code}
    if scenario:
        result = coverage_rules.what_if(geo, before, scenario[1])
        context.update(scenario_title=scenario[0], table=presenters.what_if_table(result, names),
                       changes=presenters.what_if_changes(result, names))
    return render(request, "insight/what_if.html", context, status=400 if error else 200)


@require_GET
def dashboard(request):
    today = timezone.localdate()
    groups = selectors.target_groups()
    provinces = list(Province.objects.order_by("name").values_list("code", "name"))
    group = request.GET.get("doelgroep", "")
    group = group if any(g.code == group for g in groups) else ""
    province = request.GET.get("provincie", "")
    province = province if any(code == province for code, _n in provinces) else ""
    selected = selectors.dashboard_departments(target_group=group or None, province=province or None)
    shown = Paginator(selected, presenters.DASHBOARD_PER_PAGE).get_page(request.GET.get(PARAM_PAGE))
    page = presenters.dashboard_page(target_group=group or None, province=province or None, today=today,
                                     departments=shown.object_list)
    query = urlencode({k: v for k, v in (("doelgroep", group), ("provincie", province)) if v})
    pagination = page_links(reverse("insight:dashboard"), query, shown.number, shown.paginator.num_pages,
                            label=_("Pagina’s met afdelingen"), boost=False)
    return render(request, "insight/dashboard.html", {
        "groups": groups, "provinces": provinces, "group": group, "province": province, "table": page.tables[0],
        "rows": list(zip(page.links, page.tables[0].text_rows())), "query": query,
        "total": shown.paginator.count, "shown": shown, "pagination": pagination,
    })


@require_GET
def demand(request):
    hide = not permissions.sees_small_counts(request.user)
    page = presenters.demand_page(hide=hide)
    return render(request, "insight/demand.html", {"page": page, "hide": hide, "chart": page.charts["afwijzingen"]})


# ------------------------------------------------------------------ exports


def _page_for(request, name: str):
    today = timezone.localdate()
    if name == "overzicht":
        return presenters.coverage_overview(today)
    if name == "dekking":
        _groups, group, _ages, age = _choice(request)
        if group is None:
            raise Http404
        return presenters.coverage_page(group, age, today)
    if name == "wachttijden":
        return presenters.dashboard_page(
            target_group=request.GET.get("doelgroep") or None, province=request.GET.get("provincie") or None, today=today
        )
    if name == "vraag-en-aanbod":
        return presenters.demand_page(hide=not permissions.sees_small_counts(request.user))
    raise Http404


@require_GET
def export_table(request, page, slug, fmt):
    if fmt not in FORMATS:
        raise Http404
    table = _page_for(request, page).table(slug)
    if table is None:
        raise Http404
    record(action="export", request=request, object_type=permissions.EXPORT, object_id=f"{page}/{slug}.{fmt}",
           detail={"query": request.GET.urlencode()[:200]})
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_xlsx(table), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="inzicht-{page}-{slug}-{stamp}.{fmt}"'
    return response


def standalone_svg(chart) -> str:
    """The coverage map as a standalone SVG document (its own <style>, since it has no page around it)."""
    return render_to_string("insight/svg/map.svg", {"chart": chart, "standalone": True, "css": charts.STANDALONE_CSS, "svg_id": "grafiek"})


def map_bytes(chart, fmt: str) -> bytes:
    svg = standalone_svg(chart)
    if fmt == "svg":
        return svg.encode("utf-8")
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff", zoom=2.0))


@require_GET
@image_csp
def export_chart(request, page, slug, fmt):
    """A chart of a page to download as SVG or PNG (audited, like every export)."""
    if fmt not in CHART_FORMATS:
        raise Http404
    chart = _page_for(request, page).charts.get(slug)
    if chart is None:
        raise Http404
    record(action="export", request=request, object_type=permissions.EXPORT, object_id=f"{page}/{slug}.{fmt}",
           detail={"query": request.GET.urlencode()[:200]})
    content = map_bytes(chart, fmt) if isinstance(chart, charts.CoverageMap) else image_bytes(chart, fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["X-Content-Type-Options"] = "nosniff"
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="inzicht-{page}-{slug}-{stamp}.{fmt}"'
    return response


@require_safe
@image_csp
def chart_image(request, page, slug):
    """A bar chart of a page as the SVG its <img> shows: the page's own numbers for whoever asks (so an
    analyst's image, with counts under 5, is private); not audited, as the page itself is not."""
    chart = _page_for(request, page).charts.get(slug)
    if not isinstance(chart, BarChart):
        raise Http404
    return image_response(request, chart, "svg", public=not permissions.sees_small_counts(request.user))


@require_safe
@image_csp
def waiting_trend(request, slug, fmt):
    """The department page's waiting-time trend as SVG (its <img>) or PNG: public aggregate figures, read
    where the page reads them (register.selectors.department_page: the card table) with the same rules
    (register.waiting), so the image, its ?v= address and the page's table agree."""
    if fmt not in CHART_FORMATS:
        raise Http404
    department = register_selectors.department_card(slug)
    trend = waiting.department_trend(department) if department else None
    if trend is None:
        raise Http404
    return image_response(request, trend.chart, fmt)


# ------------------------------------------------------------------ reporting (department managers, the bureau)


def _reporting(request):
    if not permissions.may_report(request.user):
        deny(request, object_type=permissions.REPORT, object_id="index")
    departments = selectors.reporting_departments(request.user)
    if not departments.exists():
        deny(request, object_type=permissions.REPORT, object_id="index")
    return departments


@login_required
@require_GET
def reports(request):
    departments = _reporting(request)
    chosen = _int(request.GET.get("afdeling"))
    department = departments.filter(pk=chosen).first() if chosen else departments.first()
    if department is None:
        deny(request, object_type=permissions.REPORT, object_id=f"register.department:{chosen}")
    history = list(selectors.reports_of(department.pk)[:60])
    record(action="read", request=request, object_type=permissions.REPORT, object_id="",
           on_behalf_of=f"register.department:{department.pk}")
    return render(request, "insight/reports.html", {"departments": departments, "department": department, "history": history})


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request):
    departments = _reporting(request)
    deny_other_department(request, departments, object_type=permissions.REPORT, on_behalf_of="register.department:{}")
    if request.method == "POST":
        form = ReportForm(request.POST, departments=departments)
        if form.is_valid() and form.report is not None:
            department = form.cleaned_data["department"]
            services.submit_report(user=request.user, department_id=department.pk, report=form.report)
            messages.success(request, _("De cijfers over %(month)s zijn opgeslagen.") % {"month": f"{form.report.month:%Y-%m}"})
            return redirect(reverse("insight:reports") + "?" + urlencode({"afdeling": department.pk}))
    else:
        today = timezone.localdate()
        initial = {"offer_kind": Offer.Kind.TREATMENT, "month": f"{today:%Y-%m}", "measured_on": today.isoformat()}
        if _int(request.GET.get("afdeling")):
            initial["department"] = _int(request.GET.get("afdeling"))
        form = ReportForm(initial=initial, departments=departments)
    return render(request, "insight/report_form.html", {"form": form, "has_errors": bool(form.errors)})


@login_required
@require_http_methods(["GET", "POST"])
def report_upload(request):
    departments = _reporting(request)
    deny_other_department(request, departments, object_type=permissions.REPORT, on_behalf_of="register.department:{}")
    outcome = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, departments=departments)
        if form.is_valid():
            department = form.cleaned_data["department"]
            outcome = services.upload_reports(user=request.user, department_id=department.pk,
                                              content=form.cleaned_data["file"].read())
            if outcome.ok:
                messages.success(request, _("%(rows)s maandrapportages opgeslagen.") % {"rows": outcome.saved})
                return redirect(reverse("insight:reports") + "?" + urlencode({"afdeling": department.pk}))
    else:
        initial = {"department": _int(request.GET.get("afdeling"))} if request.GET.get("afdeling") else {}
        form = UploadForm(initial=initial, departments=departments)
    has_errors = bool(form.errors) or bool(outcome and outcome.errors)
    return render(request, "insight/report_upload.html", {"form": form, "outcome": outcome, "has_errors": has_errors},
                  status=400 if outcome and outcome.errors else 200)


@login_required
@require_GET
def report_template(request):
    _reporting(request)
    response = HttpResponse(template_csv().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wachttijden-voorbeeld.csv"'
    return response
