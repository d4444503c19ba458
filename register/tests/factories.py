"""factory_boy factories for register tests (and the tests of apps built on it)."""

import datetime

import factory
from django.utils import timezone

from geo.models import HealthRegion, Municipality, Province
from register.models import (
    AgeGroup,
    CareFunction,
    Department,
    DepartmentExclusion,
    ExclusionCriterion,
    Institution,
    Location,
    Offer,
    TargetGroup,
)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "PV26"
    name = "Utrecht"
    population = 1387643
    pop_weighted_lat = 52.08
    pop_weighted_lon = 5.15


class HealthRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthRegion
        django_get_or_create = ("code",)

    code = "GG2514"
    kind = HealthRegion.Kind.GGD
    name = "GGD regio Utrecht"
    population = 1387643
    pop_weighted_lat = 52.08
    pop_weighted_lon = 5.15


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "GM0344"
    name = "Utrecht"
    province = factory.SubFactory(ProvinceFactory)
    population = 374238
    land_area_km2 = 94.3
    centroid_lat = 52.0894
    centroid_lon = 5.1024
    pop_weighted_lat = 52.0907
    pop_weighted_lon = 5.1140
    ggd_region = factory.SubFactory(HealthRegionFactory)
    zorgkantoor_region = factory.SubFactory(
        HealthRegionFactory, code="ZK23", kind=HealthRegion.Kind.ZORGKANTOOR, name="Utrecht"
    )


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Stichting Voorbeeldzorg {n}")
    city = "Utrecht"
    website = "https://voorbeeldzorg.example"
    agb_code = factory.Sequence(lambda n: f"06{n:06d}")
    kvk_number = factory.Sequence(lambda n: f"4{n:07d}")


def vocabulary(model, code):
    """A seeded vocabulary term by code (seeded by migration 0002)."""
    return model.objects.get(code=code)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Topklinisch centrum {n}")
    slug = factory.Sequence(lambda n: f"topklinisch-centrum-{n}")
    description = "Wij behandelen mensen met ernstige en complexe klachten."
    specialised_since = datetime.date(2015, 1, 1)
    phone = "030 123 45 67"
    email = "info@voorbeeldzorg.example"
    website = "https://voorbeeldzorg.example/afdeling"
    status = Department.Status.CERTIFIED
    certified_from = datetime.date(2024, 3, 1)
    certified_until = datetime.date(2028, 2, 29)
    last_confirmed_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def institutions(self, create, extracted, **kwargs):
        if not create:
            return
        self.institutions.set(extracted if extracted is not None else [InstitutionFactory()])

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else ["psychotrauma"]
            self.target_groups.set(TargetGroup.objects.filter(code__in=codes))

    @factory.post_generation
    def age_groups(self, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else ["adults"]
            self.age_groups.set(AgeGroup.objects.filter(code__in=codes))


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    department = factory.SubFactory(DepartmentFactory)
    kind = Offer.Kind.TREATMENT
    requesters = ["gp", "mental_health"]
    how_to_request = "Stuur een verwijsbrief met de behandelgeschiedenis via Zorgdomein."
    status = Offer.Status.OPEN


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        skip_postgeneration_save = True

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Locatie {n}")
    street_address = "Voorbeeldlaan 1"
    postcode = "3511 AB"
    city = "Utrecht"
    municipality = factory.SubFactory(MunicipalityFactory)
    latitude = 52.0907
    longitude = 5.1214

    @factory.post_generation
    def care_functions(self, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else ["outpatient"]
            self.care_functions.set(CareFunction.objects.filter(code__in=codes))


class DepartmentExclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentExclusion

    department = factory.SubFactory(DepartmentFactory)
    criterion = factory.LazyFunction(lambda: ExclusionCriterion.objects.get(code="active_addiction"))
    note = ""
