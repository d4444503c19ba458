"""Template helpers of the desk: plain values, no HTML (the templates write the markup)."""

from django import template
from django.utils.formats import number_format

from consultation import permissions

register = template.Library()


@register.filter
def uses_desk(user) -> bool:
    """Whether the menu shows "Consultatie": people who may ask, answer, route or advise."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (permissions.may_submit(user) or permissions.is_coordinator(user))
    )


@register.filter
def weeks(value) -> str:
    """14.3 -> "14,3" in Dutch (the locale's decimal separator), one decimal."""
    return number_format(value, decimal_pos=1, use_l10n=True)


@register.simple_tag
def form_problems(*forms):
    """What the error summary lists for these forms: their general errors and the fields with errors."""
    forms = [form for form in forms if form is not None and getattr(form, "is_bound", False)]
    return {
        "general": [error for form in forms for error in form.non_field_errors()],
        "fields": [field for form in forms for field in form if field.errors],
    }


@register.simple_tag(takes_context=True)
def with_params(context, **changes):
    """The current page's query string with ``changes`` (a value None or "" drops the parameter)."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = value
    query = params.urlencode()
    return f"?{query}" if query else "?"
