"""Template helpers for the finder and the department pages."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language

from register.search.querystring import to_querystring

register = template.Library()


@register.simple_tag
def finder_url(query, **overrides):
    """The finder's URL for `query`, with FinderQuery fields replaced: {% finder_url query page=2 %}."""
    querystring = to_querystring(query, **overrides)
    url = reverse("register:search")
    return f"{url}?{querystring}" if querystring else url


@register.filter
def km(distance):
    """A distance for people: one decimal below 10 km, whole kilometres above ("3,2", "27")."""
    if distance is None:
        return ""
    distance = float(distance)
    if distance < 10:
        value, places = round(distance, 1), 1
    else:
        value, places = round(distance), 0
    return _number(value, places, get_language(), settings.USE_THOUSAND_SEPARATOR)


@lru_cache(maxsize=4096)
def _number(value, places: int, language: str, grouping: bool) -> str:
    """number_format(value, places) in `language` (a result page formats ten distances, most seen before)."""
    return number_format(value, decimal_pos=places)



@register.filter
def freshness(department):
    """'fresh' (confirmed recently: Department.is_fresh) or 'stale', for the freshness badge."""
    return "fresh" if department.is_fresh() else "stale"


@register.simple_tag
def dutch_only_lang():
    """{% dutch_only_lang as lang_nl %}: "nl" on a page in another language, for what the register holds
    in Dutch only (the template writes lang="{{ lang_nl }}" on it: WCAG 3.1.2); on a Dutch page ""."""
    from register.presenters import dutch_only_lang as lang

    return lang()


@register.filter
def tel_href(phone):
    """A tel: URL for a Dutch phone number as written ("030 123 45 67" -> "tel:0301234567")."""
    digits = "".join(ch for ch in str(phone or "") if ch.isdigit() or ch == "+")
    return f"tel:{digits}"


@register.filter
def certificate_state(department):
    """'certified' (in force today), 'expired' or 'in_procedure', for the status badge and texts."""
    from django.utils import timezone

    from register.presenters import certificate_state as state

    return state(department, timezone.localdate())
