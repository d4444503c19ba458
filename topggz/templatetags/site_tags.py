"""Small template helpers for the base layout.

The helpers are plain functions of the request, the message or the user, so
that the Django tags and filters below and the Jinja2 globals of the finder's
layout (topggz/jinja_env.py, topggz/jinja2/base.html) share one definition.
"""

from django import template
from django.contrib.messages import constants as message_constants
from django.utils.safestring import mark_safe

register = template.Library()

# Django message levels -> NL Design System (Utrecht) alert types.
_ALERT_TYPES = {
    message_constants.DEBUG: "info",
    message_constants.INFO: "info",
    message_constants.SUCCESS: "ok",
    message_constants.WARNING: "warning",
    message_constants.ERROR: "error",
}

_ARIA_CURRENT_PAGE = mark_safe(' aria-current="page"')


def aria_current_page_for(request, url_name):
    """` aria-current="page"` when `request` is for the named URL, else nothing."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == url_name:
        return _ARIA_CURRENT_PAGE
    return ""


def path_in_default_language_for(request) -> str:
    """The path of `request` as it reads in the default language (for the language switch's `next`).

    set_language translates `next` into the chosen language; it can only do
    that from a path it can resolve, so we hand it the default-language path.
    """
    from django.conf import settings
    from django.urls import translate_url
    from django.utils.translation import get_language

    if get_language() == settings.LANGUAGE_CODE:  # the page is in the default language already
        return request.get_full_path()
    return translate_url(request.get_full_path(), settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def aria_current_page(context, url_name):
    """` aria-current="page"` when the current page is the named URL, else nothing.

    Usage: <a href="{% url 'home' %}"{% aria_current_page 'home' %}>
    """
    return aria_current_page_for(context.get("request"), url_name)


@register.filter
def alert_type(message):
    """The Utrecht alert modifier (info, ok, warning, error) for a message."""
    return _ALERT_TYPES.get(getattr(message, "level", None), "info")


@register.simple_tag(takes_context=True)
def path_in_default_language(context):
    """The current path as it reads in the default language (for the language switch's `next`)."""
    return path_in_default_language_for(context["request"])


@register.filter
def works_with_dossiers(user) -> bool:
    """Whether the main menu offers the certification dossiers to ``user``."""
    from accounts.roles import works_with_dossiers as rule

    return bool(getattr(user, "is_authenticated", False) and rule(user.role, user.is_superuser))
