"""Public pages of the register: the finder (/zoeken/) and a department's page.

Views stay thin: they parse the URL (search.querystring), call the search
engine or a selector, and render. The finder answers htmx requests with only
the results fragment; everything works without JavaScript too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from geo.models import Province

from . import maps, presenters, rules, selectors
from . import search as finder
from .models import AgeGroup, CareFunction, Offer, TargetGroup
from .search import FinderResult
from .search.querystring import (
    FIELD_PARAMS,
    PARAM_AGE_GROUP,
    PARAM_CARE_FUNCTION,
    PARAM_OFFER,
    PARAM_PLACE,
    PARAM_PROVINCE,
    PARAM_RADIUS,
    PARAM_SORT,
    PARAM_TARGET_GROUP,
    PARAM_TEXT,
    KnownCodes,
    is_empty,
    parse_query,
    to_querystring,
)

# The form fields that have an error slot next to them (id "fout-<parameter>").
FIELD_ERROR_SLOTS = [
    PARAM_TEXT,
    PARAM_PLACE,
    PARAM_RADIUS,
    PARAM_SORT,
    PARAM_PROVINCE,
    PARAM_TARGET_GROUP,
    PARAM_AGE_GROUP,
    PARAM_OFFER,
    PARAM_CARE_FUNCTION,
]

# The id of the finder's form; htmx sends it as HX-Trigger when the form asked.
FINDER_FORM_ID = "zoekformulier"


@dataclass
class FinderChoices:
    """What the finder form offers: the vocabularies of the search context (no queries of its own).

    The context is cached per process and reloaded when the index stamp changes,
    which every vocabulary change does (register.signals), in every process.
    """

    target_groups: list[TargetGroup]
    age_groups: list[AgeGroup]
    care_functions: list[CareFunction]
    provinces: list[Province]
    offers: list[tuple[str, str]] = field(default_factory=lambda: list(Offer.Kind.choices))

    @classmethod
    def from_context(cls, ctx) -> FinderChoices:
        return cls(
            target_groups=list(ctx.target_groups.values()),
            age_groups=list(ctx.age_groups.values()),
            care_functions=list(ctx.care_functions.values()),
            provinces=list(ctx.provinces.values()),
        )

    def known_codes(self) -> KnownCodes:
        return KnownCodes(
            target_groups=frozenset(term.code for term in self.target_groups),
            age_groups=frozenset(term.code for term in self.age_groups),
            care_functions=frozenset(term.code for term in self.care_functions),
            provinces=frozenset(province.code for province in self.provinces),
        )


def _field_errors(messages: dict[str, str], result: FinderResult | None) -> dict[str, str]:
    """Messages per URL parameter: the parser's, then the engine's (which may use FinderQuery field names)."""
    errors = dict(messages)
    if result is not None:
        for name, message in (result.errors or {}).items():
            errors[FIELD_PARAMS.get(name, name)] = str(message)
    return errors


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _is_history_restore(request) -> bool:
    return request.headers.get("HX-History-Restore-Request") == "true"


@require_safe
def search(request):
    """The finder: a search form with filters and one page of matching departments.

    An htmx request gets only the results fragment (register/_results.html);
    a history restore or any ordinary request gets the whole page.
    """
    ctx = finder.current_context()
    choices = FinderChoices.from_context(ctx)
    query, messages = parse_query(request.GET, known=choices.known_codes())
    result = finder.search(query, ctx)
    errors = _field_errors(messages, result)

    partial = _is_htmx(request) and not _is_history_restore(request)
    context = {
        "query": query,
        "result": result,
        "errors": errors,
        "cards": presenters.hit_cards(result, query),
        "pagination": presenters.pagination(result, query),
        "understood": presenters.understood_concepts(result, query),
        "dropped": presenters.dropped_concepts(choices, query),
        # Every field's error slot, so an htmx answer can also clear old messages.
        "field_errors": [(name, errors.get(name, "")) for name in FIELD_ERROR_SLOTS],
        "query_is_empty": is_empty(query),
        "form_id": FINDER_FORM_ID,
        "partial": partial,
        # Paging by htmx moves the focus to the results heading; a change in the form keeps it there.
        "focus_results": partial and request.headers.get("HX-Trigger") != FINDER_FORM_ID,
        "lang_nl": presenters.dutch_only_lang(),
        "freshness_months": settings.REGISTER_FRESHNESS_MONTHS,  # the badge legend (_badge_legend.html)
    }
    if not partial:  # the form
        context.update(
            filter_groups=presenters.filter_groups(choices, query, errors),
            province_options=presenters.province_options(choices, query),
            distance_options=presenters.distance_options(query),
        )
    template = "register/_results.html" if partial else "register/search.html"
    response = render(request, template, context)
    if partial:
        # The URL bar shows the canonical query (no empty fields), so it can be bookmarked and shared.
        canonical = to_querystring(query)
        response["HX-Push-Url"] = request.path + (f"?{canonical}" if canonical else "")
    # The same URL answers with a fragment or a whole page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


@require_safe
def department_detail(request, slug):
    """Everything the register knows about one department, with a map of its locations."""
    page = selectors.department_page(slug)
    if page is None:
        raise Http404
    department = page.department
    today = timezone.localdate()
    context = {
        "department": department,
        "certificate": presenters.certificate_badge(department, today),
        "locations": page.locations,
        "offers": page.offers,
        "exclusions": page.exclusions,
        "is_fresh": rules.is_fresh(department.last_confirmed_on, today, settings.REGISTER_FRESHNESS_MONTHS),
        "freshness_months": settings.REGISTER_FRESHNESS_MONTHS,
        "map": maps.locations_map(page.locations) if page.locations else None,
        "lang_nl": presenters.dutch_only_lang(),
    }
    return render(request, "register/department_detail.html", context)
