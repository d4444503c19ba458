"""Factories for the desk's page tests: people in every role, departments that take requests, requests
in every state (through the real services, so the events, clocks and audit are what the app makes).

The building blocks (a department with open offers, staff, a referrer, ``submitted``, ``step``) are
``builders``; this module adds the bureau, coordinators with seats, and requests further along.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from consultation.models import CoordinatorSeat, Escalation, RegionalTable
from geo.models import HealthRegion

from .builders import MONDAY, desk_department, new_request, referrer, staff_of, step, submitted, with_geo

__all__ = [
    "MONDAY", "desk_department", "new_request", "referrer", "staff_of", "step", "submitted", "with_geo",
    "bureau", "coordinator", "table_for", "escalated", "in_progress", "answered", "fast_password_hashing",
    "media_in_tmp", "VALID_BSN",
]

VALID_BSN = "111222333"  # passes the eleven-test
UTRECHT_REGION = "ZK23"  # the zorgkantoor region of postcode 3511 in the small geography (see with_geo)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users need a password, not a strong one: PBKDF2 costs half a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def bureau():
    return UserFactory(role=Role.BUREAU_ADMIN)


def region_of(pc4: str = "3511") -> HealthRegion:
    from geo.models import PostcodeArea

    return PostcodeArea.objects.select_related("municipality__zorgkantoor_region").get(code=pc4).municipality.zorgkantoor_region


def table_for(region: HealthRegion, code: str = "tafel-test") -> RegionalTable:
    table, _created = RegionalTable.objects.get_or_create(code=code, defaults={"name": f"Tafel {code}"})
    table.regions.add(region)
    return table


def coordinator(level: int = 1, *, region: HealthRegion | None = None, table: RegionalTable | None = None):
    """A regional coordinator with one seat: level 1 a region, level 2 a table, level 3/4 national."""
    user = UserFactory(role=Role.REGIONAL_COORDINATOR)
    CoordinatorSeat.objects.create(user=user, level=level, region=region if level == 1 else None,
                                   table=table if level == 2 else None)
    return user


def in_progress(person, department, staff, on=MONDAY, **overrides):
    request = submitted(person, department, on=on, **overrides)
    step(staff, request, "accepted", on + timedelta(days=1))
    request.refresh_from_db()
    return request


def answered(person, department, staff, on=MONDAY, **overrides):
    request = in_progress(person, department, staff, on=on, **overrides)
    step(staff, request, "answered", on + timedelta(days=2), note="Ons advies: probeer eerst schematherapie.")
    request.refresh_from_db()
    return request


def escalated(person, department, on=MONDAY, *, levels: int = 1, **overrides):
    """A request the referrer escalated ``levels`` times (level 1 is the patient's region)."""
    request = submitted(person, department, on=on, **overrides)
    for n in range(levels):
        step(person, request, "escalated", on + timedelta(days=1 + n))
    request.refresh_from_db()
    assert Escalation.objects.filter(request=request, left_on__isnull=True, level=levels).exists()
    return request
