"""The finder's URL: parse a query string into a FinderQuery, and back.

Pure functions (no database access), so the results page, paging links, the
browser tests and the benchmark all read and write the same URLs.

URL parameters (see FinderQuery): q, doelgroep*, leeftijd*, aanbod*,
zorgfunctie*, provincie, plaats, afstand, sorteer, niet*, pagina (* repeatable).

    query, messages = parse_query(request.GET, known=KnownCodes(...))
    to_querystring(query, page=2)  # "q=trauma&pagina=2"

Invalid values never raise: they are dropped, and `messages` maps the URL
parameter to a Dutch message to show next to that field.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from .types import DISTANCE_CHOICES, SORT_CHOICES, FinderQuery

# URL parameter names, in the order to_querystring writes them.
PARAM_TEXT = "q"
PARAM_TARGET_GROUP = "doelgroep"
PARAM_AGE_GROUP = "leeftijd"
PARAM_OFFER = "aanbod"
PARAM_CARE_FUNCTION = "zorgfunctie"
PARAM_PROVINCE = "provincie"
PARAM_PLACE = "plaats"
PARAM_RADIUS = "afstand"
PARAM_SORT = "sorteer"
PARAM_PAGE = "pagina"
PARAM_DROPPED = "niet"  # a concept read from the text that the person removed

# FinderQuery field -> URL parameter.
FIELD_PARAMS = {
    "text": PARAM_TEXT,
    "target_groups": PARAM_TARGET_GROUP,
    "age_groups": PARAM_AGE_GROUP,
    "offers": PARAM_OFFER,
    "care_functions": PARAM_CARE_FUNCTION,
    "province": PARAM_PROVINCE,
    "place": PARAM_PLACE,
    "radius_km": PARAM_RADIUS,
    "sort": PARAM_SORT,
    "page": PARAM_PAGE,
    "dropped": PARAM_DROPPED,
}

MAX_TEXT_LENGTH = 1000  # a parent's story fits (the reading reads at most reading.MAX_WORDS words)
MAX_PLACE_LENGTH = 100
MAX_VALUES_PER_PARAM = 30
MAX_PAGE = 1000

# The offer kinds are fixed choices of register.models.Offer.Kind; repeated
# here so that parsing needs no model import (and no database).
OFFER_KINDS = ("treatment", "consultation", "second_opinion", "co_treatment", "remote_supervision")

_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
_PROVINCE = re.compile(r"^PV[0-9]{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class KnownCodes:
    """The codes that exist, to check URL values against (None: only the format is checked).

    The view builds this from the vocabularies it also shows in the form, so
    parsing itself stays free of database access.
    """

    target_groups: frozenset[str] | None = None
    age_groups: frozenset[str] | None = None
    care_functions: frozenset[str] | None = None
    provinces: frozenset[str] | None = None


def _clean_text(value: str, limit: int) -> tuple[str, bool]:
    """Whitespace collapsed, control characters removed; (text, was_too_long)."""
    text = " ".join(_CONTROL.sub(" ", value).split())
    if len(text) > limit:
        return text[:limit].rstrip(), True
    return text, False


def _getlist(querydict, name: str) -> list[str]:
    if hasattr(querydict, "getlist"):
        return [str(v) for v in querydict.getlist(name)]
    value = querydict.get(name) if isinstance(querydict, Mapping) else None
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _get(querydict, name: str) -> str:
    values = _getlist(querydict, name)
    return values[-1] if values else ""


def _codes(
    querydict, name: str, pattern: re.Pattern, known: frozenset[str] | None, message: str, messages: dict
) -> tuple[str, ...]:
    """The valid, distinct, non-empty values of a repeatable parameter, sorted."""
    valid: set[str] = set()
    invalid = False
    for raw in _getlist(querydict, name)[: MAX_VALUES_PER_PARAM * 2]:
        value = raw.strip()
        if not value:
            continue
        if pattern.match(value) and (known is None or value in known):
            valid.add(value)
        else:
            invalid = True
    if len(valid) > MAX_VALUES_PER_PARAM:
        valid = set(sorted(valid)[:MAX_VALUES_PER_PARAM])
    if invalid:
        messages[name] = message
    return tuple(sorted(valid))


def parse_query(querydict, known: KnownCodes | None = None) -> tuple[FinderQuery, dict[str, str]]:
    """A FinderQuery from URL parameters, and a Dutch message per URL parameter with a bad value.

    Accepts a Django QueryDict or any mapping (values may be lists). Never
    raises on user input: bad values are left out of the query.
    """
    known = known or KnownCodes()
    messages: dict[str, str] = {}

    text, too_long = _clean_text(_get(querydict, PARAM_TEXT), MAX_TEXT_LENGTH)
    if too_long:
        messages[PARAM_TEXT] = _("Uw zoekvraag is te lang. We zoeken met de eerste %(count)d tekens.") % {
            "count": MAX_TEXT_LENGTH
        }

    target_groups = _codes(
        querydict, PARAM_TARGET_GROUP, _CODE, known.target_groups,
        _("Een van de gekozen doelgroepen kennen we niet. Die hebben we weggelaten."), messages,
    )
    age_groups = _codes(
        querydict, PARAM_AGE_GROUP, _CODE, known.age_groups,
        _("Een van de gekozen leeftijden kennen we niet. Die hebben we weggelaten."), messages,
    )
    offers = _codes(
        querydict, PARAM_OFFER, _CODE, frozenset(OFFER_KINDS),
        _("Een van de gekozen soorten hulp kennen we niet. Die hebben we weggelaten."), messages,
    )
    care_functions = _codes(
        querydict, PARAM_CARE_FUNCTION, _CODE, known.care_functions,
        _("Een van de gekozen vormen van zorg kennen we niet. Die hebben we weggelaten."), messages,
    )

    province = _get(querydict, PARAM_PROVINCE).strip().upper()
    if province and not (_PROVINCE.match(province) and (known.provinces is None or province in known.provinces)):
        messages[PARAM_PROVINCE] = _("Deze provincie kennen we niet. Kies een provincie uit de lijst.")
        province = ""

    place, too_long = _clean_text(_get(querydict, PARAM_PLACE), MAX_PLACE_LENGTH)
    if too_long:
        messages[PARAM_PLACE] = _("Vul een postcode of de naam van een plaats in.")
        place = ""

    radius_km = None
    raw_radius = _get(querydict, PARAM_RADIUS).strip().lower().removesuffix("km").strip()
    if raw_radius:
        if raw_radius.isdigit() and int(raw_radius) in DISTANCE_CHOICES:
            radius_km = int(raw_radius)
        else:
            messages[PARAM_RADIUS] = _("Kies een afstand uit de lijst: %(choices)s km, of heel Nederland.") % {
                "choices": ", ".join(str(km) for km in DISTANCE_CHOICES)
            }
    if radius_km is not None and not place and PARAM_PLACE not in messages:
        messages[PARAM_RADIUS] = _("Vul ook een postcode of plaats in. Dan zoeken we binnen deze afstand.")

    sort = _get(querydict, PARAM_SORT).strip().lower() or "relevance"
    if sort not in SORT_CHOICES:
        messages[PARAM_SORT] = _("Deze sortering kennen we niet. We sorteren op wat het beste past.")
        sort = "relevance"
    elif sort == "distance" and not place:
        messages[PARAM_SORT] = _("Vul een postcode of plaats in om op afstand te sorteren. We sorteren nu op wat het beste past.")
        sort = "relevance"

    dropped = _codes(
        querydict, PARAM_DROPPED, _CODE, _union(known.target_groups, known.age_groups),
        _("Een van de weggehaalde zoekwoorden kennen we niet. Die hebben we genegeerd."), messages,
    )

    page = 1
    raw_page = _get(querydict, PARAM_PAGE).strip()
    if raw_page:
        if raw_page.isdigit() and 1 <= int(raw_page) <= MAX_PAGE:
            page = int(raw_page)
        else:
            messages[PARAM_PAGE] = _("Deze pagina bestaat niet. We tonen de eerste pagina.")

    query = FinderQuery(
        text=text,
        target_groups=target_groups,
        age_groups=age_groups,
        offers=offers,
        care_functions=care_functions,
        province=province,
        place=place,
        radius_km=radius_km,
        sort=sort,
        page=page,
        dropped=dropped,
    )
    return query, messages


def _union(first: frozenset[str] | None, second: frozenset[str] | None) -> frozenset[str] | None:
    """The codes of both vocabularies (None: one of them is not checked, so only the format is)."""
    if first is None or second is None:
        return None
    return first | second


def query_pairs(query: FinderQuery, **overrides) -> list[tuple[str, str]]:
    """The URL parameters of `query` (with FinderQuery fields replaced by `overrides`), in a fixed order.

    Defaults are left out: no empty values, no sorteer=relevance, no pagina=1.
    """
    if overrides:
        query = dataclasses.replace(query, **overrides)
    pairs: list[tuple[str, str]] = []

    def add_all(name: str, values: Iterable[str]):
        pairs.extend((name, value) for value in values)

    if query.text:
        pairs.append((PARAM_TEXT, query.text))
    add_all(PARAM_TARGET_GROUP, query.target_groups)
    add_all(PARAM_AGE_GROUP, query.age_groups)
    add_all(PARAM_OFFER, query.offers)
    add_all(PARAM_CARE_FUNCTION, query.care_functions)
    if query.province:
        pairs.append((PARAM_PROVINCE, query.province))
    if query.place:
        pairs.append((PARAM_PLACE, query.place))
    if query.radius_km is not None:
        pairs.append((PARAM_RADIUS, str(query.radius_km)))
    if query.sort and query.sort != "relevance":
        pairs.append((PARAM_SORT, query.sort))
    add_all(PARAM_DROPPED, query.dropped)
    if query.page and query.page != 1:
        pairs.append((PARAM_PAGE, str(query.page)))
    return pairs


def to_querystring(query: FinderQuery, **overrides) -> str:
    """The URL query string of `query`, without the leading "?" ("" for an empty query).

    Parameters come in a fixed order, so the same query always gives the same
    URL: fit for bookmarks, sharing and paging links (to_querystring(q, page=3)).
    """
    return urlencode(query_pairs(query, **overrides))


def is_empty(query: FinderQuery) -> bool:
    """True when the user has not asked for anything yet (paging and sorting aside)."""
    return not query_pairs(query, page=1, sort="relevance")
