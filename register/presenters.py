"""What the finder page shows, worked out in Python once per request; the templates only print it.

- The decisions (which certification badge, which target groups match the
  query, which age groups to emphasise, the distance sentence, the paging
  links) and the translated texts are made here, in plain data: ``HitCard``
  per hit, ``FilterGroup`` per fieldset, ``Pagination``. The result cards are
  printed by the Jinja template register/jinja2/register/_hits.html; what a
  card shows whatever the query is kept per card, language and day.
- The form's repetitive parts (a checkbox, a select option, an error slot)
  are *fragments*: small Django templates (``_filter_option.html``,
  ``_select_option.html``, ``_field_error.html``) whose output depends on
  nothing but the values passed in. ``fragment()`` renders each distinct set
  of values once per process and reuses the HTML: a pure function, memoised,
  so it can never be out of date; the set of values is small (the
  vocabularies), unlike the cards'.

Nothing here queries the database: each hit carries its department's card
(register.search.cards) and the vocabularies come from the search context.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.dispatch import receiver
from django.template import engines, loader
from django.template.defaultfilters import date as format_date
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString, mark_safe
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
from .search.context import loaded_cards as finder_cards
from .search.types import DISTANCE_CHOICES
from .templatetags.register_tags import km

# --- fragments ---------------------------------------------------------------------------

FRAGMENTS = (
    "register/_filter_option.html",
    "register/_select_option.html",
    "register/_field_error.html",
)
MAX_FRAGMENTS = 20_000  # distinct renderings kept per process (then start afresh)

_fragments: dict = {}
_fragments_lock = threading.Lock()


def fragment(template_name: str, **values) -> SafeString:
    """`template_name` (one of FRAGMENTS) rendered with `values`, once per distinct `values`.

    The values must be hashable (strings, numbers, tuples, frozen dataclasses)
    and must hold everything the fragment shows, translated texts included.
    """
    key = (template_name, *sorted(values.items()))
    html_ = _fragments.get(key)
    if html_ is None:
        html_ = _remember(key, loader.get_template(template_name).render(values))
    return html_


def _remember(key, html_: SafeString) -> SafeString:
    with _fragments_lock:
        if len(_fragments) >= MAX_FRAGMENTS:
            _fragments.clear()
        _fragments[key] = html_
    return html_


@receiver(file_changed, dispatch_uid="register.presenters.forget_fragments")
def _forget_fragments(sender, file_path, **kwargs):
    """runserver: a changed template shows at once (the autoreloader resets the template loaders too)."""
    with _fragments_lock:
        _fragments.clear()
        _Dates.months_by_language.clear()  # translations may have changed
    table = finder_cards()
    if table is not None:
        table.presented.clear()


# --- content language --------------------------------------------------------------------

CONTENT_LANGUAGE = "nl"  # what departments write in: names, descriptions, offers, pauses, exclusions


def dutch_only_lang() -> SafeString:
    """' lang="nl"' for an element that shows what the register holds in Dutch only, on a page in another
    language (WCAG 3.1.2: a screen reader then reads it as Dutch); on a Dutch page nothing."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == CONTENT_LANGUAGE:
        return mark_safe("")
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')


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
    text: str
    modifier: str = ""  # the topggz-badge--<modifier> class, if any


@dataclass(frozen=True)
class Term:
    """A target group, age group or offer on a card; `marked`: matches the query (offers: paused)."""

    label: str
    marked: bool = False


@dataclass(frozen=True)
class HitCard:
    """What a result card shows (register/jinja2/register/_hits.html prints it)."""

    pk: int
    head: SafeString  # title, institutions and badges (the head macro of register/jinja2/register/_card.html)
    target_groups: tuple[Term, ...]  # marked: matches the query
    age_groups: tuple[Term, ...]  # marked: asked for
    offers: SafeString  # the list, paused offers marked (the offers macro)
    nearest: SafeString | None  # "Locatie, Plaats: <strong>3,2 km</strong>"


class _DetailUrls:
    """reverse('register:department_detail', slug) for many slugs: one reverse() per request.

    A slug that the URL's <slug:…> converter accepts is put into the URL as it
    is (it needs no quoting); anything else goes through reverse() itself.
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


class _Dates:
    """Dates as the cards write them ("29 februari 2028"): Django's date format "j F Y" (day, the month's
    name in the active language, year), with the twelve month names looked up once per language."""

    months_by_language: dict = {}  # language -> the month names

    def __init__(self):
        language = get_language()
        months = self.months_by_language.get(language)
        if months is None:
            months = self.months_by_language[language] = {m: format_date(date(2000, m, 1), "F") for m in range(1, 13)}
        self.months = months

    def __call__(self, value) -> str:
        return f"{value.day} {self.months[value.month]} {value.year}"


def _badges(department, today, fresh_since, dates: _Dates, texts: dict) -> tuple[Badge, ...]:
    state = certificate_state(department, today)
    if state == CERTIFIED:
        badges = [Badge(_("Gecertificeerd tot %(until)s") % {"until": dates(department.certified_until)}, "certified")]
    elif state == IN_PROCEDURE:
        badges = [Badge(texts["in_procedure"], "procedure")]
    elif department.certified_until:
        badges = [Badge(_("Keurmerk verlopen op %(until)s") % {"until": dates(department.certified_until)}, "expired")]
    else:
        badges = [Badge(texts["expired"], "expired")]
    if department.reach == Department.Reach.NATIONAL:
        badges.append(Badge(texts["national"]))
    if department.last_confirmed_on is None or department.last_confirmed_on < fresh_since:  # not rules.is_fresh
        badges.append(Badge(texts["stale"], "stale"))
    return tuple(badges)


def _nearest(hit, sentence: str | None = None) -> SafeString | None:
    """`sentence`: _("%(name)s, %(city)s: <strong>%(distance)s km</strong>"), if the caller has it already."""
    location = hit.nearest_location
    if location is None or hit.distance_km is None:
        return None
    values = {  # html.escape is what django.utils.html.escape does to a str, without the lazy-text checks
        "name": html.escape(location.name),
        "city": html.escape(location.city),
        "distance": html.escape(km(hit.distance_km)),
    }
    if sentence is None:
        sentence = _("%(name)s, %(city)s: <strong>%(distance)s km</strong>")
    return mark_safe(sentence % values)


@dataclass(frozen=True)
class _CardParts:
    """What a department's card shows whatever the query, in one language on one day."""

    head: SafeString
    offers: SafeString
    groups: tuple[tuple[int, str], ...]  # (pk, label) of its target groups
    ages: tuple[tuple[str, str], ...]  # (code, label) of its age groups


class _CardPartsCache:
    """_CardParts of every card of the card table the process holds, per language and day, made for
    the whole table at once when a page first needs them (about 45 µs a card) and kept with the table
    (register.search.cards: a change to the register gives a new table, so nothing here can be out
    of date). Cards the table does not hold are made one by one."""

    def __init__(self):
        self.lock = threading.Lock()

    def for_table(self, table, language: str, today, make) -> dict:
        if table is None:
            return {}
        presented = table.presented
        parts = presented.get((language, today))
        if parts is None:
            with self.lock:
                parts = presented.get((language, today))
                if parts is None:
                    parts = {pk: make(card) for pk, card in table.items()}
                    if len(presented) >= 4:  # yesterday's, other languages
                        presented.clear()
                    presented[(language, today)] = parts
        return parts


_card_parts = _CardPartsCache()


def hit_cards(result, query) -> list[HitCard]:
    """A card per hit of `result` (a FinderResult for `query`), in the result's order."""
    if not result.hits:
        return []
    today = timezone.localdate()
    language = get_language()
    nearest = _("%(name)s, %(city)s: <strong>%(distance)s km</strong>")
    wanted_ages = set(query.age_groups) | {group.code for group in result.interpreted_age_groups}
    make = _CardPartsMaker(today)  # does its lookups on the first card it makes
    made = _card_parts.for_table(finder_cards(), language, today, make)
    cards = []
    for hit in result.hits:
        department = hit.department
        parts = made.get(department.pk)
        if parts is None:
            parts = make(department)
        matched = {group.pk for group in hit.matched_target_groups}
        groups = tuple(Term(label, pk in matched) for pk, label in parts.groups)
        ages = tuple(Term(label, code in wanted_ages) for code, label in parts.ages)
        cards.append(
            HitCard(
                pk=department.pk,
                head=parts.head,
                target_groups=groups,
                age_groups=ages,
                offers=parts.offers,
                nearest=_nearest(hit, nearest),
            )
        )
    return cards


class _CardPartsMaker:
    """Makes a card's _CardParts in the active language (the texts it needs are looked up once, when the
    first card is made: most pages find every card's parts made already, for the whole table)."""

    def __init__(self, today):
        self.today = today
        self.ready = False

    def _prepare(self):
        today = self.today
        self.ready = True
        self.fresh_since = rules.freshness_limit(today, settings.REGISTER_FRESHNESS_MONTHS)
        self.label = "label_en" if get_language() == "en" else "label_nl"  # Vocabulary.label, decided once
        self.urls = _DetailUrls()
        self.lang = dutch_only_lang()  # on the department's name
        self.dates = _Dates()
        self.texts = {
            "in_procedure": _("Keurmerk in aanvraag"),
            "expired": _("Keurmerk verlopen"),
            "national": _("Landelijk"),
            "stale": _("Niet recent bevestigd"),
        }
        self.kinds = {value: str(text) for value, text in Offer.Kind.choices}
        # The macros of register/jinja2/register/_card.html, compiled in the active language.
        self.macros = engines["jinja2"].env.get_template("register/_card.html").module

    def __call__(self, department) -> _CardParts:
        if not self.ready:
            self._prepare()
        label = self.label
        offers = tuple(Term(self.kinds.get(o.kind, o.kind), o.paused) for o in department.offers)
        head = {
            "pk": department.pk,
            "name": department.name,
            "lang": self.lang,
            "url": self.urls(department.slug),
            "institutions": ", ".join(department.institutions),
            "badges": _badges(department, self.today, self.fresh_since, self.dates, self.texts),
        }
        return _CardParts(
            head=self.macros.head(head),
            offers=self.macros.offers(offers),
            groups=tuple((g.pk, getattr(g, label)) for g in department.target_groups),
            ages=tuple((a.code, getattr(a, label)) for a in department.age_groups),
        )


# --- the form ----------------------------------------------------------------------------


def error_slots(errors: dict[str, str], names, oob: bool = False) -> dict[str, SafeString]:
    """Each field's error slot (register/_field_error.html) by URL parameter, with its message or empty;
    `oob`: for an htmx answer, which refreshes them out of band."""
    return {
        name: fragment("register/_field_error.html", name=name, message=str(errors.get(name, "")), oob=oob)
        for name in names
    }


@dataclass(frozen=True)
class FilterGroup:
    """A fieldset of checkboxes in the finder form."""

    name: str  # the URL parameter
    legend: str
    error_slot: SafeString
    options: SafeString  # the checkboxes, what the query has checked checked


def _checkboxes(name: str, terms, checked) -> SafeString:
    """A group's checkboxes; the whole group is kept per distinct (name, terms, checked) like a fragment."""
    key = ("checkboxes", name, tuple(terms), frozenset(value for value in checked if value))
    html_ = _fragments.get(key)
    if html_ is None:
        html_ = _remember(
            key,
            mark_safe(
                "".join(
                    fragment("register/_filter_option.html", name=name, value=value, label=label, checked=value in checked)
                    for value, label in terms
                )
            ),
        )
    return html_


def filter_groups(choices, query, slots: dict[str, SafeString]) -> list[FilterGroup]:
    """The checkbox groups of the form, with what `query` has checked and each group's error slot
    (`slots`: error_slots())."""
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
        result.append(FilterGroup(name, legend, slots[name], _checkboxes(name, options, set(checked))))
    return result


def province_options(choices, query) -> SafeString:
    """The <option>s of the province select (after "Alle provincies")."""
    return mark_safe(
        "".join(
            fragment(
                "register/_select_option.html",
                value=province.code,
                label=province.name,
                selected=query.province == province.code,
            )
            for province in choices.provinces
        )
    )


def distance_options(query) -> SafeString:
    """The <option>s of the distance select (after "Heel Nederland")."""
    return mark_safe(
        "".join(
            fragment(
                "register/_select_option.html",
                value=str(radius),
                label=_("Binnen %(km)s km") % {"km": radius},
                selected=query.radius_km == radius,
            )
            for radius in DISTANCE_CHOICES
        )
    )


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
    if result.num_pages <= 1:
        return None
    path = reverse("register:search")
    # The page is the last parameter of a query string (querystring.query_pairs), so every link is
    # the query of page 1 plus its own "pagina=N".
    first = to_querystring(query, page=1)
    rest = f"{path}?{first}&{PARAM_PAGE}=" if first else f"{path}?{PARAM_PAGE}="

    def url(number: int) -> str:
        if number == 1:
            return f"{path}?{first}" if first else path
        return f"{rest}{number}"

    return Pagination(
        previous_url=url(result.page - 1) if result.page > 1 else "",
        next_url=url(result.page + 1) if result.page < result.num_pages else "",
        pages=tuple(
            PageLink(number) if number is None else PageLink(number, url(number), number == result.page)
            for number in page_numbers(result.page, result.num_pages)
        ),
    )


# --- the status line ---------------------------------------------------------------------


def found_text(total: int) -> str:
    """The status line's count, "1 afdeling gevonden" / "12 afdelingen gevonden", in the active language's
    plural form (for a `total` above zero; the template says "Geen afdelingen gevonden" itself).

    The count prints as a template prints a number (localised, no thousands separator unless the
    settings ask for one), as {% blocktranslate count %} printed it.
    """
    from django.utils.formats import localize
    from django.utils.translation import ngettext

    return ngettext("%(counter)s afdeling gevonden", "%(counter)s afdelingen gevonden", total) % {
        "counter": localize(total)
    }
