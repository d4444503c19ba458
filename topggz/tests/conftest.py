import datetime

import pytest

from register.models import Department, Institution


@pytest.fixture
def register_rows(db):
    """Two institutions; three departments, two of them with the quality mark."""
    first = Institution.objects.create(name="Voorbeeldinstelling Noord", city="Groningen")
    second = Institution.objects.create(name="Voorbeeldinstelling Zuid", city="Maastricht")
    confirmed = datetime.date(2026, 11, 1)
    certified = {
        "status": Department.Status.CERTIFIED,
        "certified_from": datetime.date(2025, 1, 1),
        "certified_until": datetime.date(2029, 1, 1),
    }
    rows = [
        (first, "Eetstoornissen", certified),
        (first, "Dwang", certified),
        (second, "Psychotrauma", {"status": Department.Status.IN_PROCEDURE}),
    ]
    for institution, name, status in rows:
        department = Department.objects.create(
            name=name,
            slug=name.lower(),
            description="Een afdeling voor mensen met ernstige klachten.",
            last_confirmed_on=confirmed,
            **status,
        )
        department.institutions.add(institution)
