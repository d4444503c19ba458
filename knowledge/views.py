"""The public knowledge base: the national page with search and filters, and the exports."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from register.search import current_context

from . import presenters, search, selectors
from .rules import exports


def _found(request):
    ctx = current_context()
    items = selectors.published_items()
    named = {slug: name for item in items for _id, name, slug in item.departments}
    departments = dict(sorted(named.items(), key=lambda pair: pair[1].lower()))
    query = presenters.parse_query(request.GET, target_groups=ctx.target_groups, departments=departments)
    found, reading = search.find(items, query.text, query.filters, ctx)
    return ctx, query, departments, items, found, reading


@require_safe
def index(request):
    ctx, query, departments, items, found, reading = _found(request)
    page = Paginator(found, presenters.PER_PAGE).get_page(query.page)
    years = sorted({item.year for item in items if item.year}, reverse=True)
    groups_used = {code for item in items for code in item.target_groups}
    export_query = request.GET.copy()
    export_query.pop("pagina", None)
    context = {
        "query": query,
        "page": page,
        "total": len(found),
        "reading_groups": [ctx.target_groups[code] for code in (reading.target_groups if reading else []) if code in ctx.target_groups],
        "corrections": reading.corrections if reading else {},
        "kind_options": presenters.options({presenters.PARAM_OF_KIND[k]: label for k, label in presenters.KIND_LABELS.items()},
                                           {presenters.PARAM_OF_KIND[k] for k in query.filters.kinds}),
        "year_options": presenters.options({str(y): str(y) for y in years}, {str(y) for y in query.filters.years}),
        "department_options": presenters.options(departments, query.filters.departments),
        "group_options": presenters.options(
            {code: group.label for code, group in ctx.target_groups.items() if code in groups_used or code in query.filters.target_groups},
            query.filters.target_groups,
        ),
        "export_query": export_query.urlencode(),
        "page_query": export_query.urlencode(),
        "kind_labels": presenters.KIND_LABELS,
    }
    return render(request, "knowledge/index.html", context)


def _publications(request):
    _ctx, _query_, _deps, _items, found, _reading = _found(request)
    return [item for item in found if item.kind == "publication"]


def _download(body: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def export_bibtex(request):
    return _download(exports.bibtex(_publications(request)), "application/x-bibtex; charset=utf-8", "topggz-publicaties.bib")


@require_safe
def export_ris(request):
    return _download(exports.ris(_publications(request)), "application/x-research-info-systems; charset=utf-8", "topggz-publicaties.ris")


@require_safe
def export_csl(request):
    return _download(exports.csl_json(_publications(request)), "application/vnd.citationstyles.csl+json; charset=utf-8", "topggz-publicaties.json")
