"""Reads of the register, tuned once and reused by views and APIs."""

from django.db.models import Count, Q

from .models import Department, Institution, Location


def register_summary() -> dict:
    """The register's size for the home page, in a fixed number of queries (two)."""
    departments = Department.objects.aggregate(
        total=Count("id"),
        certified=Count("id", filter=Q(status=Department.Status.CERTIFIED)),
    )
    return {
        "departments": departments["total"],
        "certified_departments": departments["certified"],
        "institutions": Institution.objects.filter(departments__isnull=False).distinct().count(),
    }


def location_count() -> int:
    return Location.objects.count()
