from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(value) -> int:
    """A timedelta as whole minutes (for messages such as "probeer het over 15 minuten opnieuw")."""
    if isinstance(value, timedelta):
        return int(value.total_seconds() // 60)
    return 0
