"""Reads for certificates: public facts (number, department, dates, state, history); nothing personal."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from .models import Certificate


def public_certificate(number: str) -> Certificate:
    """A certificate by its number with its department and events (404 if there is none)."""
    return get_object_or_404(
        Certificate.objects.select_related("department").prefetch_related("events"), number=number
    )


def certificates_of(department_id: int):
    return Certificate.objects.filter(department_id=department_id).prefetch_related("events")
