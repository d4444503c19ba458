"""The database itself refuses invalid register rows (not only the forms)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from register.models import Department, Institution, Offer

from .factories import DepartmentFactory, InstitutionFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db


def refused(make):
    """True when the database raises an IntegrityError for the write."""
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_an_institution_with_a_seven_digit_agb_code_is_refused():
    assert refused(lambda: InstitutionFactory(agb_code="1234567"))


def test_an_institution_with_letters_in_its_kvk_number_is_refused():
    assert refused(lambda: InstitutionFactory(kvk_number="1234567A"))


def test_an_institution_without_agb_or_kvk_is_accepted():
    institution = InstitutionFactory(agb_code="", kvk_number="")
    assert Institution.objects.filter(pk=institution.pk).exists()


def test_two_institutions_cannot_share_an_agb_code():
    InstitutionFactory(agb_code="06123456")
    assert refused(lambda: InstitutionFactory(agb_code="06123456"))


def test_two_institutions_without_agb_code_may_coexist():
    InstitutionFactory(agb_code="")
    InstitutionFactory(agb_code="")
    assert Institution.objects.filter(agb_code="").count() == 2


def test_an_institution_without_a_name_is_refused():
    assert refused(lambda: InstitutionFactory(name=""))


def test_a_certified_department_without_validity_dates_is_refused():
    assert refused(lambda: DepartmentFactory(status=Department.Status.CERTIFIED, certified_from=None, certified_until=None))


def test_a_certificate_that_ends_before_it_starts_is_refused():
    assert refused(
        lambda: DepartmentFactory(certified_from=datetime.date(2025, 1, 1), certified_until=datetime.date(2024, 1, 1))
    )


def test_a_department_in_procedure_needs_no_certificate_dates():
    department = DepartmentFactory(status=Department.Status.IN_PROCEDURE, certified_from=None, certified_until=None)
    assert department.pk


def test_an_unknown_department_status_is_refused():
    assert refused(lambda: DepartmentFactory(status="approved"))


def test_a_department_without_description_is_refused():
    assert refused(lambda: DepartmentFactory(description=""))


def test_a_malformed_department_phone_number_is_refused():
    assert refused(lambda: DepartmentFactory(phone="call us"))


def test_a_paused_offer_without_reason_is_refused():
    assert refused(
        lambda: OfferFactory(status=Offer.Status.PAUSED, pause_reason="", pause_expected_end=datetime.date(2027, 1, 1))
    )


def test_a_paused_offer_without_expected_end_is_refused():
    assert refused(lambda: OfferFactory(status=Offer.Status.PAUSED, pause_reason="Wachtlijst te lang"))


def test_an_open_offer_with_a_pause_reason_is_refused():
    assert refused(lambda: OfferFactory(status=Offer.Status.OPEN, pause_reason="Verbouwing"))


def test_a_registration_pause_with_reason_and_end_is_accepted():
    offer = OfferFactory(
        status=Offer.Status.PAUSED, pause_reason="Wachtlijst te lang", pause_expected_end=datetime.date(2027, 3, 1)
    )
    assert offer.pk


def test_a_department_cannot_have_the_same_kind_of_offer_twice():
    offer = OfferFactory()
    assert refused(lambda: OfferFactory(department=offer.department, kind=offer.kind))


def test_a_location_with_a_malformed_postcode_is_refused():
    assert refused(lambda: LocationFactory(postcode="3511AB"))


def test_a_location_with_never_issued_postcode_letters_is_refused():
    assert refused(lambda: LocationFactory(postcode="3511 SS"))


def test_a_location_outside_the_netherlands_is_refused():
    assert refused(lambda: LocationFactory(latitude=48.85, longitude=2.35))


def test_a_valid_location_is_accepted():
    location = LocationFactory(care_functions=["outpatient", "inpatient_closed"])
    assert set(location.care_functions.values_list("code", flat=True)) == {"outpatient", "inpatient_closed"}
