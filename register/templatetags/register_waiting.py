"""Waiting times on the department page and the result cards (register/waiting.py decides what they say)."""

from django import template
from django.utils import timezone

from .. import waiting

register = template.Library()


@register.simple_tag
def waiting_figures(department, with_trend=False):
    """The department's latest reported waiting times (a Department or a finder card), or None."""
    return waiting.figures(
        department.waiting_intake_weeks,
        department.waiting_treatment_weeks,
        department.waiting_measured_on,
        department.waiting_trend if with_trend else (),
        today=timezone.localdate(),
    )
