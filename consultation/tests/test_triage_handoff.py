"""A triage result carried along into a request (``/consult/nieuw/?triage=<id>``): the form is prefilled and shows
the result, the request keeps it, and the department sees it on the case page. Nobody can attach a result they
may not see."""

import pytest

from accounts.testing import login_verified

from accounts.roles import Role
from consultation.models import ConsultationRequest
from triage import services as triage_services
from triage.tests.builders import example_version
from triage.tests.builders import person as triage_person

from .factories import desk_department, fast_password_hashing, media_in_tmp, referrer, staff_of, with_geo  # noqa: F401
from .test_pages_request_form import URL, sent, text

pytestmark = pytest.mark.django_db

YES_TO_ALL = {"ernstige_beperkingen": True, "standaardbehandeling_onvoldoende": True, "hoogspecialistisch_aanbod": True,
              "meerdere_aandoeningen": True, "kan_meedoen": True}


@pytest.fixture
def department(db):
    with_geo()
    return desk_department()


def result_of(user, pc4="3511"):
    return triage_services.record_result(user=user, version_id=example_version().pk, target_group="psychotrauma",
                                         age_group="adults", pc4=pc4, answers=YES_TO_ALL)


@pytest.fixture
def professional(client, department):
    user = referrer()
    client.force_login(user)
    return user


def test_the_form_opened_from_a_triage_result_is_prefilled_with_its_group_age_and_postcode(client, professional):
    found = result_of(professional, pc4="3512")
    form = client.get(URL, {"triage": found.pk}).context["form"]
    assert form.initial == {"triage": found.pk, "age_group": "adults", "patient_pc4": "3512",
                            "target_groups": ["psychotrauma"]}


def test_the_form_shows_the_triage_result_that_goes_along(client, professional):
    found = result_of(professional)
    body = text(client.get(URL, {"triage": found.pk}))
    assert "Deze triage-uitslag gaat mee" in body
    assert "score 10 van 14" in body and f'name="triage" value="{found.pk}"' in body


def test_a_result_of_another_professional_is_neither_prefilled_nor_shown(client, professional):
    found = result_of(triage_person(Role.REFERRER))
    response = client.get(URL, {"triage": found.pk})
    assert response.context["form"].initial == {}
    assert "Deze triage-uitslag gaat mee" not in text(response)


def test_a_sent_request_keeps_the_triage_result_and_its_summary(client, professional, department):
    found = result_of(professional)
    response = client.post(URL, sent(department, triage=str(found.pk)))
    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert stored.triage_result_id == found.pk
    assert "uitkomst: hoogspecialistische ggz" in stored.triage_summary


def test_the_step_back_to_matching_keeps_the_triage_result_on_the_form(client, professional, department):
    found = result_of(professional)
    body = text(client.post(URL, sent(department, triage=str(found.pk), actie="zoeken")))
    assert "Deze triage-uitslag gaat mee" in body and f'name="triage" value="{found.pk}"' in body


def test_sending_a_result_one_may_not_see_is_refused_and_stores_nothing(client, professional, department):
    found = result_of(triage_person(Role.REFERRER))
    response = client.post(URL, sent(department, triage=str(found.pk)))
    assert response.status_code == 400
    assert "Dit triageresultaat kunt u niet meesturen" in text(response)
    assert not ConsultationRequest.objects.exists()


def test_the_department_sees_the_triage_result_on_the_case_page(client, professional, department):
    found = result_of(professional)
    client.post(URL, sent(department, triage=str(found.pk)))
    stored = ConsultationRequest.objects.get()
    login_verified(client, staff_of(department))
    body = text(client.get(f"/consult/vraag/{stored.reference}/"))
    assert "Uitslag van de triage" in body and "score 10 van 14" in body


def test_a_request_without_triage_shows_no_triage_section(client, professional, department):
    client.post(URL, sent(department))
    stored = ConsultationRequest.objects.get()
    assert stored.triage_result_id is None
    login_verified(client, staff_of(department))
    assert "Uitslag van de triage" not in text(client.get(f"/consult/vraag/{stored.reference}/"))
