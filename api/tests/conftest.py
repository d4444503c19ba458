import pytest
from django.core.cache import caches
from django.utils import translation

from accounts.roles import Role
from consultation.tests.builders import desk_department, staff_of, with_geo
from geo.testing import load_small_geo
from register.models import Offer
from register.search import context as finder_context
from register.tests.factories import DepartmentFactory, LocationFactory, OfferFactory


@pytest.fixture(autouse=True)
def fresh_state(settings):
    """No rate-limit counts or finder snapshots left over from another test; Dutch messages."""
    settings.API_ANON_RATE = "off"
    caches["default"].clear()
    finder_context.clear()
    with translation.override("nl"):
        yield
    finder_context.clear()


@pytest.fixture
def department(db):
    """A department of the consultation desk (the one API tokens are made for), with the small geography."""
    with_geo()
    return desk_department(slug="trauma-utrecht")


@pytest.fixture
def other_department(department):
    return desk_department(slug="dwang-groningen")


@pytest.fixture
def manager(department):
    return staff_of(department, role=Role.DEPARTMENT_MANAGER)


@pytest.fixture
def fast_password_hashing(settings):
    """Tokens are hashed like passwords; MD5 keeps the tests that make many of them quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def geo(db):
    return load_small_geo()


def make_department(name, slug, target_groups=("psychotrauma",), lat=52.0907, lon=5.1214, city="Utrecht", **kwargs):
    department = DepartmentFactory(name=name, slug=slug, target_groups=list(target_groups), **kwargs)
    OfferFactory(department=department)
    LocationFactory(department=department, name=f"Locatie {name}", city=city, latitude=lat, longitude=lon)
    return department


@pytest.fixture
def departments(geo):
    """Three departments in Utrecht, Amsterdam and Groningen; the Amsterdam one has a paused consultation offer."""
    utrecht = make_department("Centrum Psychotrauma Utrecht", "centrum-psychotrauma-utrecht")
    amsterdam = make_department(
        "Psychotrauma Centrum Amsterdam", "psychotrauma-amsterdam", lat=52.3731, lon=4.8922, city="Amsterdam"
    )
    OfferFactory(
        department=amsterdam, kind=Offer.Kind.CONSULTATION, status=Offer.Status.PAUSED,
        pause_reason="Te veel aanmeldingen", pause_expected_end="2027-03-01",
    )
    groningen = make_department(
        "Expertisecentrum Dwang Groningen", "dwang-groningen", target_groups=("dwang",),
        lat=53.2194, lon=6.5665, city="Groningen",
    )
    return [utrecht, amsterdam, groningen]
