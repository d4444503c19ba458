"""The request form: the question and the patient (pseudonymous), matching departments, where it goes, sending."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import login_verified
from audit.models import AuditEntry
from certification.tests.files import PDF
from consultation.models import Attachment, ConsultationRequest, Event
from register.models import DepartmentExclusion, ExclusionCriterion

from .factories import (  # noqa: F401 (fixtures)
    VALID_BSN,
    coordinator,
    desk_department,
    fast_password_hashing,
    media_in_tmp,
    referrer,
    region_of,
    staff_of,
    with_geo,
)

pytestmark = pytest.mark.django_db

URL = "/consult/nieuw/"


@pytest.fixture
def department(db):
    with_geo()
    return desk_department()


@pytest.fixture
def person(client, department):
    user = referrer()
    client.force_login(user)
    return user


def answers(**changes):
    data = {
        "kind": "consultation",
        "profession": "gp",
        "question": "Hoe verder na twee behandelingen zonder effect?",
        "tried": "EMDR, 12 sessies, weinig effect.",
        "urgency": "routine",
        "current_provider": "Huisartsenpraktijk De Linde",
        "target_groups": ["psychotrauma"],
        "age_group": "adults",
        "birth_year": "",
        "patient_pc4": "3511",
        "waiting_since": "2026-01-05",
        "actie": "zoeken",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def sent(department, **changes):
    values = {"actie": "versturen", "destination": str(department.pk) if department else "desk", "consent": "on"}
    return answers(**{**values, **changes})


def text(response) -> str:
    return response.content.decode()


def test_the_url_of_the_request_form_is_consult_nieuw():
    assert reverse("consultation:new") == URL


def test_the_form_says_the_patient_stays_anonymous(client, person):
    body = text(client.get(URL))
    assert "geen naam, adres, geboortedatum of BSN" in body.replace("\n", " ")


def test_the_form_posts_so_no_patient_data_lands_in_a_url(client, person):
    body = text(client.get(URL))
    assert 'method="post"' in body and 'method="get"' not in body.split("<main", 1)[1]


def test_finding_departments_shows_the_matching_ones_and_stores_nothing(client, person, department):
    response = client.post(URL, answers())
    assert response.status_code == 200
    body = text(response)
    assert "Passende afdelingen" in body and department.name in body
    assert "Waarom deze afdeling past" in body
    assert not ConsultationRequest.objects.exists()


def test_the_matching_step_offers_each_department_and_the_bureau(client, person, department):
    body = text(client.post(URL, answers()))
    assert f'name="destination" value="{department.pk}"' in body
    assert 'name="destination" value="desk"' in body and "Het bureau kiest voor mij" in body


def test_the_matching_step_keeps_what_was_typed(client, person):
    body = text(client.post(URL, answers()))
    assert "Hoe verder na twee behandelingen zonder effect?" in body
    assert 'value="3511"' in body and 'value="2026-01-05"' in body
    checkbox = body.split('value="psychotrauma"', 1)[1].split(">", 1)[0]
    assert "checked" in checkbox


def test_an_exclusion_criterion_the_request_touches_is_shown_at_the_department(client, person, department):
    criterion = ExclusionCriterion.objects.order_by("order").first()
    DepartmentExclusion.objects.create(department=department, criterion=criterion, note="Eerst ontgiften.")
    body = text(client.post(URL, answers(concerns=[criterion.code])))
    assert "Let op" in body and criterion.label_nl in body and "Eerst ontgiften." in body


def test_sending_to_a_chosen_department_stores_the_request_and_opens_its_page(client, person, department):
    response = client.post(URL, sent(department))
    stored = ConsultationRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("consultation:case", args=[stored.reference])
    assert stored.department == department and stored.status == "new" and stored.referrer == person


def test_sending_to_the_bureau_leaves_the_request_at_the_desk(client, person):
    client.post(URL, sent(None))
    assert ConsultationRequest.objects.get().status == "at_desk"


def test_sending_without_a_destination_asks_for_one_and_stores_nothing(client, person):
    response = client.post(URL, answers(actie="versturen", consent="on"))
    assert response.status_code == 400
    assert "Kies een afdeling of het bureau." in text(response)
    assert not ConsultationRequest.objects.exists()


def test_sending_without_consent_is_refused_at_the_consent_checkbox(client, person, department):
    response = client.post(URL, sent(department, consent=None))
    assert response.status_code == 400
    assert 'id="id_consent_error"' in text(response)
    assert not ConsultationRequest.objects.exists()


@pytest.mark.parametrize("field", ["question", "tried", "current_provider"])
def test_a_bsn_in_a_text_field_is_refused_with_the_message_at_that_field(client, person, department, field):
    response = client.post(URL, sent(department, **{field: f"Patiënt {VALID_BSN} heeft klachten."}))
    assert response.status_code == 400
    error = text(response).split(f'id="id_{field}_error"', 1)[1].split("</div>", 1)[0]
    assert "burgerservicenummer (BSN)" in error
    assert not ConsultationRequest.objects.exists()


def test_a_telephone_number_is_not_taken_for_a_bsn(client, person, department):
    response = client.post(URL, sent(department, question="Bel de praktijk op 030 123 4567 of 0612345678."))
    assert response.status_code == 302


def test_an_unknown_postcode_is_refused_at_the_postcode_field(client, person):
    response = client.post(URL, answers(patient_pc4="1000"))
    assert response.status_code == 400
    assert "Postcode 1000 bestaat niet" in text(response).split('id="id_patient_pc4_error"', 1)[1]


def test_a_waiting_since_date_in_the_future_is_refused(client, person):
    response = client.post(URL, answers(waiting_since="2099-01-01"))
    assert response.status_code == 400 and "toekomst" in text(response)


def test_the_error_summary_links_to_each_wrong_field(client, person):
    body = text(client.post(URL, answers(question="", patient_pc4="12")))
    summary = body.split('role="alert"', 1)[1].split("</div>\n</div>", 1)[0]
    assert 'href="#id_question"' in summary and 'href="#id_patient_pc4"' in summary


def test_pdf_attachments_are_stored_with_the_request(client, person, department):
    files = [SimpleUploadedFile("verslag.pdf", PDF, "application/pdf"),
             SimpleUploadedFile("brief.pdf", PDF, "application/pdf")]
    client.post(URL, {**sent(department), "attachments": files})
    assert sorted(Attachment.objects.values_list("name", flat=True)) == ["brief.pdf", "verslag.pdf"]


def test_an_attachment_that_is_not_a_pdf_is_refused_at_the_attachments_field(client, person, department):
    upload = SimpleUploadedFile("notities.txt", b"gewone tekst", "text/plain")
    response = client.post(URL, {**sent(department), "attachments": [upload]})
    assert response.status_code == 400
    assert "geen PDF" in text(response).split('id="id_attachments_error"', 1)[1]
    assert not ConsultationRequest.objects.exists()


def test_a_bsn_in_a_file_name_is_refused(client, person, department):
    upload = SimpleUploadedFile(f"{VALID_BSN}.pdf", PDF, "application/pdf")
    response = client.post(URL, {**sent(department), "attachments": [upload]})
    assert response.status_code == 400
    assert "BSN" in text(response).split('id="id_attachments_error"', 1)[1]


def test_department_staff_may_ask_another_department(client, department):
    other = desk_department()
    login_verified(client, staff_of(other))
    assert client.post(URL, sent(department)).status_code == 302
    assert Event.objects.filter(kind="received").count() == 1


def test_a_coordinator_may_not_open_the_request_form_and_the_refusal_is_audited(client, department):
    login_verified(client, coordinator(3))
    assert client.get(URL).status_code == 404
    assert AuditEntry.objects.filter(outcome="denied", object_type="consultation.request").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, department):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/" in response.url
