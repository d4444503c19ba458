"""The case page: what it shows, and every step through its forms, with the version against lost updates."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.testing import login_verified
from audit.models import AuditEntry
from certification.tests.files import PDF
from consultation.models import Attachment, ConsultationRequest, Escalation, Event, Message

from .factories import (  # noqa: F401 (fixtures)
    MONDAY,
    VALID_BSN,
    answered,
    bureau,
    coordinator,
    desk_department,
    escalated,
    fast_password_hashing,
    in_progress,
    media_in_tmp,
    referrer,
    region_of,
    staff_of,
    step,
    submitted,
    table_for,
    with_geo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    with_geo()
    department = desk_department()
    return department, staff_of(department), referrer()


def case_url(request):
    return reverse("consultation:case", args=[request.reference])


def act_url(request, slug):
    return reverse("consultation:act", args=[request.reference, slug])


def fresh(request):
    return ConsultationRequest.objects.get(pk=request.pk)


def as_user(user):
    client = Client()
    if user.role == "referrer":
        client.force_login(user)
    else:
        login_verified(client, user)
    return client


def text(response) -> str:
    return response.content.decode()


# ------------------------------------------------------------------ reading


def test_the_case_page_shows_the_clocks_and_the_waiting_time_against_the_norm(desk):
    department, staff, person = desk
    request = submitted(person, department)
    body = text(as_user(staff).get(case_url(request)))
    assert "Triagebesluit uiterlijk" in body and "9 maart 2026" in body
    assert "(norm 14)" in body


def test_each_action_form_carries_the_requests_version(desk):
    department, staff, person = desk
    request = submitted(person, department)
    body = text(as_user(staff).get(case_url(request)))
    assert f'name="accepteren-version" value="{request.version}"' in body


def test_a_new_request_offers_the_department_accept_decline_forward_ask_and_answer(desk):
    department, staff, person = desk
    body = text(as_user(staff).get(case_url(submitted(person, department))))
    for title in ("Vraag accepteren", "Vraag afwijzen", "Doorsturen naar een andere afdeling",
                  "Informatie vragen aan de verwijzer", "Antwoord geven"):
        assert title in body
    assert "Behandeling is gestart" not in body  # only after accepting


def test_the_referrer_is_not_offered_the_departments_steps(desk):
    department, _staff, person = desk
    body = text(as_user(person).get(case_url(submitted(person, department))))
    assert "Vraag accepteren" not in body and "Opschalen" in body


def test_the_timeline_lists_the_steps_with_the_reason_of_a_decline(desk):
    department, staff, person = desk
    request = submitted(person, department)
    step(staff, request, "declined", MONDAY + timedelta(days=1), reason="outside_target_group", note="Probeer X.")
    body = text(as_user(person).get(case_url(request)))
    assert "Afgewezen" in body and "Reden: Buiten de doelgroep" in body and "Probeer X." in body


# ------------------------------------------------------------------ steps


def test_the_department_accepts_a_request(desk):
    department, staff, person = desk
    request = submitted(person, department)
    response = as_user(staff).post(act_url(request, "accepteren"), {"accepteren-version": request.version})
    assert response.status_code == 302 and response.url == case_url(request)
    assert fresh(request).status == "in_progress"


def test_two_staff_acting_on_the_same_version_the_second_gets_a_clear_message_and_nothing_changes(desk):
    department, staff, person = desk
    colleague = staff_of(department)
    request = submitted(person, department)
    first, second = as_user(staff), as_user(colleague)
    assert first.post(act_url(request, "accepteren"), {"accepteren-version": request.version}).status_code == 302
    events = Event.objects.filter(request=request).count()
    version = fresh(request).version
    response = second.post(act_url(request, "afwijzen"),
                           {"afwijzen-version": request.version, "afwijzen-reason": "other", "afwijzen-note": "Nee."})
    assert response.status_code == 409
    assert "Iemand anders heeft deze vraag net bijgewerkt" in text(response)
    assert fresh(request).status == "in_progress" and fresh(request).version == version
    assert Event.objects.filter(request=request).count() == events


def test_after_a_lost_race_the_form_keeps_the_input_and_the_current_version(desk):
    department, staff, person = desk
    request = submitted(person, department)
    step(staff, request, "accepted", MONDAY)
    response = as_user(staff).post(act_url(request, "informatie-vragen"),
                                   {"informatie-vragen-version": 1, "informatie-vragen-note": "Welke medicatie?"})
    body = text(response)
    assert "Welke medicatie?" in body
    assert f'name="informatie-vragen-version" value="{fresh(request).version}"' in body


def test_a_step_the_rules_refuse_now_is_explained_and_changes_nothing(desk):
    department, staff, person = desk
    request = in_progress(person, department, staff)
    response = as_user(staff).post(act_url(request, "accepteren"), {"accepteren-version": request.version})
    assert response.status_code == 409 and "Deze stap kan nu niet" in text(response)
    assert fresh(request).version == request.version


def test_declining_needs_a_reason(desk):
    department, staff, person = desk
    request = submitted(person, department)
    response = as_user(staff).post(act_url(request, "afwijzen"), {"afwijzen-version": request.version})
    assert response.status_code == 400 and 'id="id_afwijzen-reason_error"' in text(response)
    assert fresh(request).status == "new"


def test_the_department_declines_with_a_reason_and_returns_to_its_inbox(desk):
    department, staff, person = desk
    request = submitted(person, department)
    response = as_user(staff).post(act_url(request, "afwijzen"), {
        "afwijzen-version": request.version, "afwijzen-reason": "exclusion_criterion", "afwijzen-note": "Eerst ontgiften."})
    assert response.status_code == 302 and response.url == reverse("consultation:inbox")
    assert fresh(request).status == "declined"


def test_forwarding_moves_the_request_with_its_waiting_time_and_out_of_the_first_inbox(desk):
    department, staff, person = desk
    other = desk_department()
    request = submitted(person, department)
    client = as_user(staff)
    response = client.post(act_url(request, "doorsturen"), {"doorsturen-version": request.version,
                                                            "doorsturen-department": other.pk})
    assert response.status_code == 302
    moved = fresh(request)
    assert moved.department == other and moved.waiting_since == request.waiting_since
    assert client.get(case_url(request)).status_code == 404


def test_the_forward_form_offers_the_matching_departments_but_not_the_current_one(desk):
    department, staff, person = desk
    other = desk_department()
    body = text(as_user(staff).get(case_url(submitted(person, department))))
    form = body.split('id="stap-doorsturen"', 1)[1].split("</details>", 1)[0]
    assert f'<option value="{other.pk}">' in form and f'<option value="{department.pk}">' not in form
    assert "Afdelingen die passen" in form


def test_asking_for_information_pauses_the_clock_and_the_referrer_answers(desk):
    department, staff, person = desk
    request = in_progress(person, department, staff)
    as_user(staff).post(act_url(request, "informatie-vragen"), {"informatie-vragen-version": request.version,
                                                                "informatie-vragen-note": "Welke medicatie?"})
    assert fresh(request).status == "waiting_info"
    page = text(as_user(person).get(case_url(request)))
    assert "staat stil" in page and "Gevraagde informatie geven" in page
    as_user(person).post(act_url(request, "informatie-geven"), {"informatie-geven-version": fresh(request).version,
                                                                "informatie-geven-note": "Sertraline 100 mg."})
    assert fresh(request).status == "in_progress"


def test_the_answer_with_a_pdf_reaches_the_referrer(desk):
    department, staff, person = desk
    request = in_progress(person, department, staff)
    as_user(staff).post(act_url(request, "beantwoorden"), {
        "beantwoorden-version": request.version, "beantwoorden-note": "Start met schematherapie.",
        "beantwoorden-attachment": SimpleUploadedFile("advies.pdf", PDF, "application/pdf")})
    assert fresh(request).status == "answered"
    body = text(as_user(person).get(case_url(request)))
    assert "Start met schematherapie." in body and "advies.pdf" in body


def test_a_bsn_in_an_answer_is_refused_at_the_field(desk):
    department, staff, person = desk
    request = in_progress(person, department, staff)
    response = as_user(staff).post(act_url(request, "beantwoorden"), {
        "beantwoorden-version": request.version, "beantwoorden-note": f"Patiënt {VALID_BSN}."})
    assert response.status_code == 400
    assert "BSN" in text(response).split('id="id_beantwoorden-note_error"', 1)[1]
    assert fresh(request).status == "in_progress"


def test_the_department_records_the_start_of_treatment(desk):
    department, staff, person = desk
    request = in_progress(person, department, staff)
    as_user(staff).post(act_url(request, "behandeling-gestart"), {"behandeling-gestart-version": request.version})
    assert fresh(request).treatment_started_on is not None


def test_the_referrer_closes_with_the_outcome_whether_it_helped_and_whether_a_referral_was_avoided(desk):
    department, staff, person = desk
    request = answered(person, department, staff)
    as_user(person).post(act_url(request, "afsluiten"), {
        "afsluiten-version": request.version, "afsluiten-outcome": "helped",
        "afsluiten-helped": "yes", "afsluiten-referral_avoided": "yes"})
    closed = fresh(request)
    assert (closed.status, closed.outcome, closed.helped, closed.referral_avoided) == ("closed", "helped", True, True)


def test_the_referrer_escalates_to_the_regional_transfer_point(desk):
    department, _staff, person = desk
    request = submitted(person, department)
    as_user(person).post(act_url(request, "opschalen"), {"opschalen-version": request.version,
                                                         "opschalen-note": "Niemand neemt de patiënt aan."})
    assert fresh(request).escalation_level == 1
    assert Escalation.objects.get(request=request).region == region_of("3511")


def test_a_coordinator_records_advice_and_an_outcome(desk):
    department, _staff, person = desk
    request = escalated(person, department)
    client = as_user(coordinator(1, region=region_of("3511")))
    response = client.post(act_url(request, "uitkomst-escalatie"), {
        "uitkomst-escalatie-version": request.version, "uitkomst-escalatie-outcome": "advice",
        "uitkomst-escalatie-note": "Overleg met de tafel in januari."})
    assert response.status_code == 302
    stay = Escalation.objects.get(request=request)
    assert stay.outcome == "advice" and stay.left_on is not None and "januari" in stay.advice


def test_a_placement_needs_the_department(desk):
    department, _staff, person = desk
    request = escalated(person, department)
    client = as_user(coordinator(1, region=region_of("3511")))
    response = client.post(act_url(request, "uitkomst-escalatie"), {
        "uitkomst-escalatie-version": request.version, "uitkomst-escalatie-outcome": "placed"})
    assert response.status_code == 400 and "Kies de afdeling" in text(response)


def test_a_coordinator_moves_a_case_to_the_next_level(desk):
    department, _staff, person = desk
    region = region_of("3511")
    table_for(region)
    request = escalated(person, department)
    as_user(coordinator(1, region=region)).post(act_url(request, "opschalen"), {"opschalen-version": request.version})
    assert fresh(request).escalation_level == 2
    assert Escalation.objects.get(request=request, left_on__isnull=True).table is not None


def test_a_coordinator_whose_level_the_case_left_is_offered_no_steps(desk):
    department, _staff, person = desk
    region = region_of("3511")
    table_for(region)
    request = escalated(person, department, levels=2)
    body = text(as_user(coordinator(1, region=region)).get(case_url(request)))
    assert "Wat kunt u doen?" not in body


def test_the_bureau_routes_a_request_from_the_desk_to_a_department(desk):
    department, _staff, person = desk
    request = submitted(person, None)
    client = as_user(bureau())
    body = text(client.get(case_url(request)))
    assert "Doorzetten naar een afdeling" in body and department.name in body
    client.post(act_url(request, "doorzetten"), {"doorzetten-version": request.version, "doorzetten-department": department.pk})
    assert fresh(request).department == department and fresh(request).status == "new"


def test_a_step_that_is_not_for_this_role_answers_404_and_is_audited(desk):
    department, _staff, person = desk
    request = submitted(person, department)
    response = as_user(person).post(act_url(request, "accepteren"), {"accepteren-version": request.version})
    assert response.status_code == 404
    assert AuditEntry.objects.filter(outcome="denied", object_id=str(request.pk)).exists()
    assert fresh(request).status == "new"


def test_an_unknown_step_answers_404(desk):
    department, staff, person = desk
    request = submitted(person, department)
    assert as_user(staff).post(act_url(request, "verwijderen"), {}).status_code == 404


# ------------------------------------------------------------------ messages and attachments


def test_the_referrer_and_the_department_exchange_messages(desk):
    department, staff, person = desk
    request = submitted(person, department)
    url = reverse("consultation:message", args=[request.reference])
    assert as_user(person).post(url, {"body": "Is er al nieuws?"}).status_code == 302
    assert "Is er al nieuws?" in text(as_user(staff).get(case_url(request)))
    assert Message.objects.get().side == "referrer"


def test_a_bsn_in_a_message_is_refused_at_the_field_and_nothing_is_stored(desk):
    department, _staff, person = desk
    request = submitted(person, department)
    response = as_user(person).post(reverse("consultation:message", args=[request.reference]),
                                    {"body": f"BSN {VALID_BSN}"})
    assert response.status_code == 400 and "BSN" in text(response).split('id="id_body_error"', 1)[1]
    assert not Message.objects.exists()


def test_an_attachment_downloads_for_the_department_and_the_read_is_audited(desk):
    department, staff, person = desk
    request = submitted(person, department)
    from consultation.services import _store_attachment

    stored = _store_attachment(request, SimpleUploadedFile("verslag.pdf", PDF), Attachment.Purpose.REQUEST, person)
    response = as_user(staff).get(reverse("consultation:attachment", args=[request.reference, stored.token]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(action="read", object_id=str(request.pk), detail__attachment=stored.pk).exists()


def test_an_unknown_attachment_answers_404(desk):
    department, staff, person = desk
    request = submitted(person, department)
    assert as_user(staff).get(reverse("consultation:attachment", args=[request.reference, "0" * 32])).status_code == 404


def test_after_a_forward_the_case_page_says_how_much_waiting_came_with_the_request(desk):
    department, staff, person = desk
    other = desk_department()
    request = submitted(person, department)  # waiting since 30 days before receipt
    step(staff, request, "forwarded", MONDAY + timedelta(days=3), department_id=other.pk)
    body = text(as_user(staff_of(other)).get(case_url(request)))
    assert "Daarvan 33 dagen vóór deze afdeling de vraag kreeg." in body
