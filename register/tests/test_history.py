"""Every change to a department is kept: who, when, what."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.testing import login_verified
from register.history import department_history
from register.models import Offer

from .factories import DepartmentFactory, LocationFactory, OfferFactory

pytestmark = pytest.mark.django_db


def test_changing_a_department_field_records_old_and_new_value():
    department = DepartmentFactory(name="Centrum Oud")
    department.name = "Centrum Nieuw"
    department.save()

    latest = department_history(department)[0]

    assert latest.action == "gewijzigd"
    assert [(c.field, c.old, c.new) for c in latest.changes if c.field == "name"] == [
        ("name", "Centrum Oud", "Centrum Nieuw")
    ]


def test_changes_to_offers_and_locations_appear_in_the_department_history():
    department = DepartmentFactory()
    LocationFactory(department=department, name="Hoofdlocatie")
    offer = OfferFactory(department=department, kind=Offer.Kind.SECOND_OPINION)
    offer.how_to_request = "Bel eerst het secretariaat."
    offer.save()

    record_types = [entry.record_type for entry in department_history(department)]

    assert "locatie" in record_types
    assert record_types.count("aanbod") == 2


def test_a_change_made_in_the_admin_records_who_made_it(client):
    admin = User.objects.create_superuser("beheerder@topggz.example", "Een-lang-wachtwoord-1")
    department = DepartmentFactory(name="Centrum Oud")
    login_verified(client, admin)
    url = reverse("admin:register_department_change", args=[department.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        {
            "name": "Centrum Nieuw",
            "institutions": [i.pk for i in department.institutions.all()],
            "target_groups": [t.pk for t in department.target_groups.all()],
            "age_groups": [a.pk for a in department.age_groups.all()],
            "specialised_since": department.specialised_since.isoformat(),
            "certified_from": department.certified_from.isoformat(),
            "certified_until": department.certified_until.isoformat(),
            "last_confirmed_on": department.last_confirmed_on.isoformat(),
        }
    )
    for prefix in ("locations", "offers", "exclusions"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    latest = department_history(department)[0]
    assert latest.who == admin
