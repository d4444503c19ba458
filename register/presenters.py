"""What the finder page shows, worked out in Python once per request, as plain data; the templates
(register/templates/register/) print it. No HTML is made here.

- ``HitCard`` per hit: the department's card from the search snapshot
  (register.search.cards.DepartmentCard: every field of the model, and what the card shows of
  its relations) with what depends on the query: which target groups match it, which age groups
  were asked for, the nearest location and its distance. register/_card.html prints it; the
  badges are the partials register/_certification_badge.html and register/_freshness_badge.html,
  which the department page uses too.
- ``FilterGroup`` per fieldset of the form, the select options, ``Pagination``.

Nothing here queries the database: each hit carries its department's card and the vocabularies
come from the search context.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import rules
from .models import Department, Offer
from .search.querystring import (
    PARAM_AGE_GROUP,
    PARAM_CARE_FUNCTION,
    PARAM_OFFER,
    PARAM_PAGE,
    PARAM_TARGET_GROUP,
    to_querystring,
)
from .search.types import DISTANCE_CHOICES

# --- content language --------------------------------------------------------------------

CONTENT_LANGUAGE = "nl"  # what departments write in: names, descriptions, offers, pauses, exclusions


def dutch_only_lang() -> str:
    """"nl" for an element that shows what the register holds in Dutch only, on a page in another
    language (WCAG 3.1.2: the templates then write lang="nl" on it, and a screen reader reads it as
    Dutch); on a Dutch page "" (nothing)."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return "" if language == CONTENT_LANGUAGE else CONTENT_LANGUAGE


# --- result cards ------------------------------------------------------------------------

CERTIFIED = "certified"
IN_PROCEDURE = "in_procedure"
EXPIRED = "expired"


def certificate_state(department, today) -> str:
    """'certified' (in force today), 'in_procedure' or 'expired' (as the certificate_state filter)."""
    if rules.is_certified_on(department.status, department.certified_from, department.certified_until, today):
        return CERTIFIED
    if department.status == Department.Status.IN_PROCEDURE:
        return IN_PROCEDURE
    return EXPIRED


@dataclass(frozen=True)
class Badge:
    """The certification badge (register/_certification_badge.html): its state and its sentence."""

    state: str  # CERTIFIED, IN_PROCEDURE or EXPIRED
    text: str  # "Gecertificeerd tot 3 maart 2028", in the active language

    @property
    def modifier(self) -> str:
        """The badge's CSS modifier: topggz-badge--<modifier>."""
        return {CERTIFIED: "certified", IN_PROCEDURE: "procedure"}.get(self.state, "expired")


def certificate_badge(department, today) -> Badge:
    """The certification badge of `department` (a Department or a finder card) on `today`."""
    state = certificate_state(department, today)
    until = department.certified_until
    if state == CERTIFIED:
        text = _("Gecertificeerd tot %(until)s") % {"until": date_format(until, "j F Y")}
    elif state == IN_PROCEDURE:
        text = _("Keurmerk in aanvraag")
    elif until:
        text = _("Keurmerk verlopen op %(until)s") % {"until": date_format(until, "j F Y")}
    else:
        text = _("Keurmerk verlopen")
    return Badge(state, text)


@dataclass(frozen=True)
class Term:
    """A target group or age group on a card; `marked`: matches the query."""

    label: str
    marked: bool = False


@dataclass(frozen=True)
class HitCard:
    """What a result card shows (register/templates/register/_card.html prints it)."""

    department: object  # register.search.cards.DepartmentCard: {{ department.<field> }} in the card
    target_groups: tuple[Term, ...]  # marked: matches the query
    age_groups: tuple[Term, ...]  # marked: asked for
    location: object | None = None  # the nearest location (LocationCard), when distances are measured
    distance_km: float | None = None
    # Worked out once for the page (the card's partials would otherwise do it per card):
    url: str = ""  # the department's page
    certificate: Badge | None = None  # certificate_badge()
    offers: tuple[Term, ...] = ()  # the offers' kinds in the active language; marked: in a registration pause
    freshness: str = ""  # "fresh" or "stale" (Department.is_fresh)
    cities: tuple[str, ...] = ()  # location_cities(): the towns of its locations


def location_cities(locations) -> tuple[str, ...]:
    """The towns of `locations` (LocationCard or Location: .city), each once, in alphabetical order;
    a location without a town is left out."""
    cities = {" ".join(location.city.split()) for location in locations if (location.city or "").strip()}
    return tuple(sorted(cities, key=lambda city: (city.casefold(), city)))


class _DetailUrls:
    """reverse('register:department_detail', slug) for many slugs: one reverse() per page.

    A slug that the URL's <slug:…> converter accepts is put into the URL as it is (it needs no
    quoting); anything else goes through reverse() itself.
    """

    MARK = "slug-placeholder"

    def __init__(self):
        self.before, _mark, self.after = reverse("register:department_detail", args=[self.MARK]).rpartition(self.MARK)

    def __call__(self, slug: str) -> str:
        if slug and slug.isascii() and slug.replace("-", "").replace("_", "").isalnum():
            return f"{self.before}{slug}{self.after}"
        try:
            return reverse("register:department_detail", args=[slug])
        except NoReverseMatch:
            return ""


def hit_cards(result, query) -> list[HitCard]:
    """A card per hit of `result` (a FinderResult for `query`), in the result's order."""
    if not result.hits:
        return []
    wanted_ages = set(query.age_groups) | {group.code for group in result.interpreted_age_groups}
    today = timezone.localdate()
    fresh_since = rules.freshness_limit(today, settings.REGISTER_FRESHNESS_MONTHS)
    urls = _DetailUrls()
    kinds = {kind: str(label) for kind, label in Offer.Kind.choices}  # each label translated once a page
    cards = []
    for hit in result.hits:
        department = hit.department
        matched = {group.pk for group in hit.matched_target_groups}
        nearest = hit.nearest_location if hit.distance_km is not None else None
        cards.append(
            HitCard(
                department=department,
                target_groups=tuple(Term(group.label, group.pk in matched) for group in department.target_groups),
                age_groups=tuple(Term(age.label, age.code in wanted_ages) for age in department.age_groups),
                location=nearest,
                distance_km=hit.distance_km if nearest is not None else None,
                url=urls(department.slug),
                certificate=certificate_badge(department, today),
                offers=tuple(Term(kinds.get(offer.kind, offer.kind), offer.paused) for offer in department.offers),
                cities=location_cities(department.locations),
                # rules.is_fresh, with the limit worked out once
                freshness="fresh" if department.last_confirmed_on and department.last_confirmed_on >= fresh_since else "stale",
            )
        )
    return cards


# --- the form ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A checkbox of a filter or an option of a select."""

    value: str
    label: str
    checked: bool = False
    id: str = ""  # a checkbox's id: "<parameter>-<value>"


@dataclass(frozen=True)
class FilterGroup:
    """A fieldset of checkboxes in the finder form."""

    name: str  # the URL parameter
    legend: str
    options: tuple[Option, ...]  # checked: what the query has checked
    error: str = ""  # the group's error message, if any


def filter_groups(choices, query, errors: dict[str, str]) -> list[FilterGroup]:
    """The checkbox groups of the form, with what `query` has checked and each group's error message
    (`errors`: by URL parameter)."""
    label = "label_en" if get_language() == "en" else "label_nl"
    groups = [
        (PARAM_TARGET_GROUP, _("Voor welke problemen?"), choices.target_groups, query.target_groups),
        (PARAM_AGE_GROUP, _("Leeftijd"), choices.age_groups, query.age_groups),
        (PARAM_OFFER, _("Soort hulp"), None, query.offers),
        (PARAM_CARE_FUNCTION, _("Vorm van zorg"), choices.care_functions, query.care_functions),
    ]
    result = []
    for name, legend, terms, checked in groups:
        if terms is None:
            options = [(value, str(text)) for value, text in choices.offers]
        else:
            options = [(term.code, getattr(term, label)) for term in terms]
        checked = set(checked)
        options = tuple(Option(value, text, value in checked, f"{name}-{value}") for value, text in options)
        result.append(FilterGroup(name, legend, options, str(errors.get(name, ""))))
    return result


def province_options(choices, query) -> list[Option]:
    """The options of the province select (after "Alle provincies")."""
    return [Option(province.code, province.name, query.province == province.code) for province in choices.provinces]


def distance_options(query) -> list[Option]:
    """The options of the distance select (after "Heel Nederland"), "Binnen 10 km" ..."""
    return [
        Option(str(radius), _("Binnen %(km)s km") % {"km": radius}, query.radius_km == radius)
        for radius in DISTANCE_CHOICES
    ]


# --- what the text was read as ---------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    """A target group or age group of the reading ("We zochten naar"), with the URL of the same
    search without it (remove_url), or one the person removed, with the URL that takes it back."""

    code: str
    label: str
    url: str


def _search_url(query, **overrides) -> str:
    querystring = to_querystring(query, page=1, **overrides)
    path = reverse("register:search")
    return f"{path}?{querystring}" if querystring else path


def understood_concepts(result, query) -> list[Concept]:
    """What the text was read as (target groups, then age groups), each with the URL of the same
    search (text, filters) that leaves it out (querystring's "niet")."""
    concepts = []
    for group in [*result.interpreted_target_groups, *result.interpreted_age_groups]:
        dropped = tuple(sorted({*query.dropped, group.code}))
        concepts.append(Concept(group.code, group.label, _search_url(query, dropped=dropped)))
    return concepts


def dropped_concepts(choices, query) -> list[Concept]:
    """The concepts the person removed (query.dropped), each with the URL that reads it again."""
    labels = {term.code: term.label for term in [*choices.age_groups, *choices.target_groups]}
    return [
        Concept(code, labels[code], _search_url(query, dropped=tuple(c for c in query.dropped if c != code)))
        for code in query.dropped
        if code in labels
    ]


# --- paging ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    previous_url: str
    next_url: str
    pages: tuple[PageLink, ...]
    label: str = ""  # the nav's accessible name; empty: the finder's own
    boost: bool = True  # the finder swaps only its results (htmx); other pages load the whole page


def page_numbers(current: int, num_pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to link to: the first, the last and a window around the current one; None is a gap."""
    if num_pages <= 1:
        return []
    wanted = {1, num_pages, *range(max(1, current - around), min(num_pages, current + around) + 1)}
    links: list[int | None] = []
    previous = 0
    for number in sorted(wanted):
        if number - previous > 1:
            links.append(None)
        links.append(number)
        previous = number
    return links


def pagination(result, query) -> Pagination | None:
    """The paging links of `result` (None: one page), each a URL of the whole query."""
    # The page is the last parameter of a query string (querystring.query_pairs), so every link is
    # the query of page 1 plus its own "pagina=N".
    return page_links(reverse("register:search"), to_querystring(query, page=1), result.page, result.num_pages)


def page_links(path: str, first: str, page: int, num_pages: int, *, label: str = "", boost: bool = True,
               param: str = PARAM_PAGE) -> Pagination | None:
    """Links to the pages of a list at `path` whose first page's query string is `first` (None: one page)."""
    if num_pages <= 1:
        return None
    rest = f"{path}?{first}&{param}=" if first else f"{path}?{param}="

    def url(number: int) -> str:
        if number == 1:
            return f"{path}?{first}" if first else path
        return f"{rest}{number}"

    return Pagination(
        previous_url=url(page - 1) if page > 1 else "",
        next_url=url(page + 1) if page < num_pages else "",
        pages=tuple(
            PageLink(number) if number is None else PageLink(number, url(number), number == page)
            for number in page_numbers(page, num_pages)
        ),
        label=label,
        boost=boost,
    )
