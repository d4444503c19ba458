"""Small template helpers for the base layout."""

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


@register.simple_tag(takes_context=True)
def aria_current_page(context, url_name):
    """` aria-current="page"` when the current page is the named URL, else nothing.

    Usage: <a href="{% url 'home' %}"{% aria_current_page 'home' %}>
    """
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == url_name:
        return mark_safe(' aria-current="page"')
    return ""


@register.filter
def alert_type(message):
    """The Utrecht alert modifier (info, ok, warning, error) for a message."""
    return _ALERT_TYPES.get(getattr(message, "level", None), "info")


@register.simple_tag(takes_context=True)
def path_in_default_language(context):
    """The current path as it reads in the default language (for the language switch's `next`).

    set_language translates `next` into the chosen language; it can only do
    that from a path it can resolve, so we hand it the default-language path.
    """
    from django.conf import settings
    from django.urls import translate_url

    request = context["request"]
    return translate_url(request.get_full_path(), settings.LANGUAGE_CODE)


@register.filter
def works_with_dossiers(user) -> bool:
    """Whether the main menu offers the certification dossiers to ``user``."""
    from accounts.roles import works_with_dossiers as rule

    return bool(getattr(user, "is_authenticated", False) and rule(user.role, user.is_superuser))
