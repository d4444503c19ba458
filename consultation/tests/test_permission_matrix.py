"""Who sees which request: a department only its own, a referrer only theirs, a coordinator only the escalated,
anonymised cases of its seat, never messages, attachments or the referrer. Every refusal answers 404 and is
audited as denied; every read of content is audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from certification.tests.files import PDF
from consultation import services
from consultation.models import Attachment

from .factories import (  # noqa: F401 (fixtures)
    MONDAY,
    answered,
    bureau,
    coordinator,
    desk_department,
    escalated,
    fast_password_hashing,
    media_in_tmp,
    referrer,
    region_of,
    staff_of,
    submitted,
    table_for,
    with_geo,
)

pytestmark = pytest.mark.django_db

SECRET_MESSAGE = "Bericht alleen voor verwijzer en afdeling."
PROVIDER = "Praktijk Het Geheime Bos"


@pytest.fixture
def world(db):
    """Two departments, their staff, two referrers; an escalated request with a message, an attachment and an answer."""
    with_geo()
    region = region_of("3511")
    table = table_for(region)
    mine, other = desk_department(), desk_department()
    people = {
        "referrer": referrer(),
        "other_referrer": referrer(),
        "staff": staff_of(mine),
        "other_staff": staff_of(other),
        "bureau": bureau(),
        "coordinator_region": coordinator(1, region=region),
        "coordinator_table": coordinator(2, table=table),
        "coordinator_national": coordinator(3),
        "analyst": UserFactory(role=Role.ANALYST),
    }
    request = answered(people["referrer"], mine, people["staff"], current_provider=PROVIDER)
    services.post_message(user=people["referrer"], request_id=request.pk, body=SECRET_MESSAGE)
    attachment = services._store_attachment(request, SimpleUploadedFile("verslag.pdf", PDF), Attachment.Purpose.REQUEST,
                                            people["referrer"])
    from .factories import step

    step(people["referrer"], request, "escalated", MONDAY.replace(day=10))
    request.refresh_from_db()
    return {"request": request, "attachment": attachment, "mine": mine, "other": other, "region": region,
            "table": table, **people}


def client_for(user):
    client = Client()
    if user.role == Role.REFERRER:
        client.force_login(user)
    else:
        login_verified(client, user)
    return client


def case_url(request):
    return reverse("consultation:case", args=[request.reference])


def denied(request_pk) -> int:
    return AuditEntry.objects.filter(object_type="consultation.request", object_id=str(request_pk), outcome="denied").count()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("referrer", 200),
        ("other_referrer", 404),
        ("staff", 200),
        ("other_staff", 404),
        ("bureau", 200),
        ("coordinator_region", 200),
        ("coordinator_table", 404),  # the case is at level 1, not at the table
        ("coordinator_national", 404),
        ("analyst", 404),
    ],
)
def test_the_case_page_answers_each_role_as_the_matrix_says(world, who, status):
    response = client_for(world[who]).get(case_url(world["request"]))
    assert response.status_code == status


@pytest.mark.parametrize("who", ["other_referrer", "other_staff", "coordinator_table", "analyst"])
def test_every_refusal_is_audited_as_denied(world, who):
    before = denied(world["request"].pk)
    client_for(world[who]).get(case_url(world["request"]))
    assert denied(world["request"].pk) == before + 1


def test_a_request_that_does_not_exist_answers_404_like_one_that_is_not_yours(world):
    response = client_for(world["staff"]).get(reverse("consultation:case", args=["TG-NOTHERE"]))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(object_id="TG-NOTHERE", outcome="denied").exists()


@pytest.mark.parametrize("who", ["referrer", "staff", "bureau", "coordinator_region"])
def test_every_read_of_the_case_page_is_audited_on_behalf_of_the_department(world, who):
    request = world["request"]
    client_for(world[who]).get(case_url(request))
    entry = AuditEntry.objects.filter(action="read", object_id=str(request.pk), outcome="success").latest("sequence")
    assert entry.actor_id == str(world[who].pk)
    assert entry.on_behalf_of == f"register.department:{request.department_id}"


def test_a_coordinator_sees_the_anonymised_case(world):
    body = client_for(world["coordinator_region"]).get(case_url(world["request"])).content.decode()
    assert world["request"].question in body  # the question
    assert "Psychotrauma" in body and "Volwassenen" in body and "Utrecht" in body  # groups, age band, region
    assert world["referrer"].email not in body and PROVIDER not in body
    assert SECRET_MESSAGE not in body and "verslag.pdf" not in body
    assert "schematherapie" not in body  # the answer
    assert 'id="berichten"' not in body


def test_a_coordinator_gets_404_for_an_attachment_and_it_is_audited(world):
    request, attachment = world["request"], world["attachment"]
    before = denied(request.pk)
    url = reverse("consultation:attachment", args=[request.reference, attachment.token])
    assert client_for(world["coordinator_region"]).get(url).status_code == 404
    assert denied(request.pk) == before + 1


def test_a_coordinator_may_not_post_a_message(world):
    request = world["request"]
    response = client_for(world["coordinator_region"]).post(reverse("consultation:message", args=[request.reference]),
                                                            {"body": "Hallo"})
    assert response.status_code == 404


def test_a_table_coordinator_sees_the_case_once_it_reaches_the_table(world):
    from .factories import step

    request = world["request"]
    step(world["coordinator_region"], request, "escalated", MONDAY.replace(day=12))
    assert client_for(world["coordinator_table"]).get(case_url(request)).status_code == 200


def test_a_coordinator_of_another_region_sees_nothing(world):
    from geo.models import HealthRegion

    elsewhere = HealthRegion.objects.filter(kind="zorgkantoor").exclude(pk=world["region"].pk).first()
    client = client_for(coordinator(1, region=elsewhere))
    assert client.get(case_url(world["request"])).status_code == 404
    assert world["request"].reference not in client.get(reverse("consultation:escalations")).content.decode()


def test_a_coordinator_never_sees_a_request_that_was_not_escalated(world):
    quiet = submitted(world["referrer"], world["mine"])
    assert client_for(world["coordinator_region"]).get(case_url(quiet)).status_code == 404


def test_the_inbox_lists_only_the_departments_own_requests(world):
    theirs = submitted(world["other_referrer"], world["other"])
    body = client_for(world["staff"]).get(reverse("consultation:inbox") + "?lijst=gesloten").content.decode()
    body += client_for(world["staff"]).get(reverse("consultation:inbox") + "?lijst=beantwoord").content.decode()
    assert world["request"].reference in body and theirs.reference not in body


def test_a_staff_member_cannot_filter_the_inbox_on_another_department(world):
    theirs = submitted(world["other_referrer"], world["other"])
    body = client_for(world["staff"]).get(reverse("consultation:inbox") + f"?afdeling={world['other'].pk}").content.decode()
    assert theirs.reference not in body


def test_the_referrers_list_holds_only_their_own_requests(world):
    theirs = submitted(world["other_referrer"], world["mine"])
    body = client_for(world["referrer"]).get(reverse("consultation:mine")).content.decode()
    assert world["request"].reference in body and theirs.reference not in body


def test_list_pages_audit_which_requests_they_showed(world):
    client_for(world["referrer"]).get(reverse("consultation:mine"))
    entry = AuditEntry.objects.filter(action="read", detail__list="mine").latest("sequence")
    assert entry.detail["requests"] == [world["request"].pk]


@pytest.mark.parametrize(
    ("who", "url_name", "status"),
    [
        ("referrer", "consultation:inbox", 404),
        ("referrer", "consultation:desk", 404),
        ("referrer", "consultation:escalations", 404),
        ("staff", "consultation:desk", 404),
        ("staff", "consultation:escalations", 404),
        ("coordinator_region", "consultation:inbox", 404),
        ("coordinator_region", "consultation:mine", 404),
        ("analyst", "consultation:index", 404),
        ("bureau", "consultation:desk", 200),
        ("bureau", "consultation:inbox", 200),
        ("coordinator_region", "consultation:escalations", 200),
    ],
)
def test_each_list_page_is_only_for_the_roles_that_use_it(world, who, url_name, status):
    assert client_for(world[who]).get(reverse(url_name)).status_code == status


def test_a_refused_list_page_is_audited(world):
    before = AuditEntry.objects.filter(outcome="denied").count()
    client_for(world["referrer"]).get(reverse("consultation:inbox"))
    assert AuditEntry.objects.filter(outcome="denied").count() == before + 1


def test_staff_without_a_second_factor_are_sent_to_it(world):
    client = Client()
    client.force_login(world["staff"])
    response = client.get(case_url(world["request"]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor"))
