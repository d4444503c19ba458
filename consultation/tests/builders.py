"""Builders for desk tests: departments that take requests, people in every role, a request."""

from __future__ import annotations

from datetime import date, timedelta

from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_member
from consultation import services
from geo.testing import load_small_geo
from register.models import Offer
from register.tests.factories import DepartmentFactory, LocationFactory, OfferFactory

MONDAY = date(2026, 3, 2)


def desk_department(*, kinds=("consultation", "second_opinion", "treatment"), groups=("psychotrauma",), **kwargs):
    department = DepartmentFactory(target_groups=list(groups), **kwargs)
    for kind in kinds:
        OfferFactory(department=department, kind=kind, status=Offer.Status.OPEN)
    LocationFactory(department=department)
    return department


def staff_of(department, role=Role.DEPARTMENT_EDITOR):
    user = UserFactory(role=role)
    make_member(user, department)
    return user


def referrer():
    return UserFactory(role=Role.REFERRER)


def new_request(**overrides) -> services.NewRequest:
    values = dict(
        kind="consultation",
        profession="gp",
        question="Hoe verder na twee behandelingen zonder effect?",
        tried="EMDR, 12 sessies, weinig effect.",
        target_groups=["psychotrauma"],
        age_group="adults",
        patient_pc4="3511",
        waiting_since=MONDAY - timedelta(days=30),
        consent=True,
    )
    values.update(overrides)
    return services.NewRequest(**values)


def submitted(user, department, on=MONDAY, **overrides):
    overrides.setdefault("waiting_since", on - timedelta(days=30))
    data = new_request(department_id=department.pk if department else None, **overrides)
    return services.submit_request(user=user, data=data, on=on)


def step(user, request, name, on, **kwargs):
    request.refresh_from_db()
    return services.perform(user=user, request_id=request.pk, expected_version=request.version, step=name, on=on, **kwargs)


def with_geo():
    load_small_geo()
