"""Small template helpers for the base layout: plain values (no HTML) from the request, the message or
the user; the layout writes the markup."""

from django import template
from django.contrib.messages import constants as message_constants

register = template.Library()

# Django message levels -> NL Design System (Utrecht) alert types.
_ALERT_TYPES = {
    message_constants.DEBUG: "info",
    message_constants.INFO: "info",
    message_constants.SUCCESS: "ok",
    message_constants.WARNING: "warning",
    message_constants.ERROR: "error",
}


def view_name_of(request) -> str:
    """The URL name of the view answering `request` ("register:search"), or "" (the menu marks its link
    to that page with aria-current="page")."""
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else ""


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
def current_view_name(context):
    """{% current_view_name as view_name %}: the URL name of the current page, for
    <a href="{% url 'home' %}"{% if view_name == 'home' %} aria-current="page"{% endif %}>."""
    return view_name_of(context.get("request"))


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
