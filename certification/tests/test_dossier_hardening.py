"""Issue 10 (hardening) for the dossier editor: permission before validation, organigram, submit confirmation, counts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import login_verified
from audit.models import AuditEntry
from certification.dossier import services
from certification.models import Attachment, Dossier, Publication, StaffMember

from .factories import (
    AttachmentFactory,
    DossierFactory,
    committee_member,
    editor_of,
    manager_of,
)

pytestmark = pytest.mark.django_db


def version(dossier) -> int:
    return Dossier.objects.get(pk=dossier.pk).version


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def with_organigram():
    dossier = DossierFactory()
    dossier.organigram = AttachmentFactory(dossier=dossier, kind=Attachment.Kind.ORGANIGRAM, title="Organigram")
    dossier.save()
    return dossier


def cover_post(dossier, **changes):
    data = {
        "cover-department_name": dossier.department_name,
        "cover-institution": dossier.institution,
        "cover-visitation_date": dossier.visitation_date.isoformat(),
        "cover-criteria_set": "",
        "version": version(dossier),
    }
    data.update({f"cover-{k}": v for k, v in changes.items()})
    return data


def management_post(dossier, organigram_id):
    return {
        "management-management": "De eenheid valt onder de divisie.",
        "management-organigram": str(organigram_id),
        "version": version(dossier),
        "terug": 1,
    }


# ------------------------------------------------- finding 10: the organigram


def test_a_dossier_with_an_organigram_passes_its_own_validation(with_organigram):
    with_organigram.full_clean()


def test_an_organigram_of_another_dossier_is_refused_with_a_message(with_organigram):
    with_organigram.organigram = AttachmentFactory(dossier=DossierFactory())
    with pytest.raises(Exception) as caught:
        with_organigram.full_clean()
    assert "organigram" in caught.value.message_dict


def test_an_editor_saves_the_cover_sheet_of_a_dossier_with_an_organigram(client, with_organigram):
    login_verified(client, editor_of(with_organigram.department))
    url = reverse("certification:save_fields", args=[with_organigram.pk, "cover"])
    response = client.post(url, cover_post(with_organigram, department_name="Nieuwe naam"))
    assert response.status_code == 302
    assert Dossier.objects.get(pk=with_organigram.pk).department_name == "Nieuwe naam"


def test_an_editor_chooses_the_organigram_from_the_criterion_page(client, with_organigram):
    login_verified(client, editor_of(with_organigram.department))
    other = AttachmentFactory(dossier=with_organigram, title="Nieuw organigram")
    url = reverse("certification:save_fields", args=[with_organigram.pk, "management"])
    assert client.post(url, management_post(with_organigram, other.pk)).status_code == 302
    assert Dossier.objects.get(pk=with_organigram.pk).organigram_id == other.pk


def test_the_cover_sheet_of_each_demo_dossier_saves(client, settings):
    from accounts.demo import create_demo_users
    from django.core.management import call_command
    from register.tests.factories import DepartmentFactory

    settings.DEBUG = True
    departments = sorted([DepartmentFactory(), DepartmentFactory()], key=lambda d: d.name)
    create_demo_users(departments_for_staff=departments)
    call_command("load_demo_dossiers")
    dossiers = list(Dossier.objects.order_by("pk"))
    assert len(dossiers) == 2 and all(d.organigram_id for d in dossiers)
    for dossier in dossiers:
        client.logout()
        login_verified(client, editor_of(dossier.department))
        url = reverse("certification:save_fields", args=[dossier.pk, "cover"])
        assert client.post(url, cover_post(dossier)).status_code == 302


# --------------------------------------- finding 10: permission before validation


def test_a_committee_member_saving_the_cover_sheet_is_refused_not_an_error(client, with_organigram):
    login_verified(client, committee_member(with_organigram))
    url = reverse("certification:save_fields", args=[with_organigram.pk, "cover"])
    response = client.post(url, cover_post(with_organigram, department_name="Overgenomen"))
    assert response.status_code == 403
    assert Dossier.objects.get(pk=with_organigram.pk).department_name != "Overgenomen"


def test_a_committee_members_invalid_post_is_refused_before_it_is_validated(client, with_organigram):
    login_verified(client, committee_member(with_organigram))
    url = reverse("certification:save_fields", args=[with_organigram.pk, "cover"])
    response = client.post(url, cover_post(with_organigram, visitation_date="geen datum"))
    assert response.status_code == 403
    assert "geldige datum" not in text(response)


def test_a_refused_save_is_audited_as_denied(client, with_organigram):
    member = committee_member(with_organigram)
    login_verified(client, member)
    client.post(reverse("certification:save_fields", args=[with_organigram.pk, "cover"]), cover_post(with_organigram))
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_id, entry.actor_id, entry.outcome) == (
        "update",
        str(with_organigram.pk),
        str(member.pk),
        "denied",
    )


def test_a_committee_members_invalid_record_is_refused_before_it_is_validated(client, with_organigram):
    login_verified(client, committee_member(with_organigram))
    url = reverse("certification:new_record", args=[with_organigram.pk, "staff"]) + "?terug=4"
    response = client.post(url, {"name": "", "hours_per_week": "900", "version": version(with_organigram)})
    assert response.status_code == 403 and "168" not in text(response)
    assert not StaffMember.objects.filter(dossier=with_organigram).exists()


def test_a_committee_members_singleton_is_refused_before_it_is_validated(client, with_organigram):
    login_verified(client, committee_member(with_organigram))
    url = reverse("certification:singleton", args=[with_organigram.pk, "board_statement"])
    response = client.post(url, {"board_statement-signed_on": "gisteren", "version": version(with_organigram)})
    assert response.status_code == 403


def test_a_committee_members_upload_is_refused_before_the_file_is_checked(client, with_organigram):
    login_verified(client, committee_member(with_organigram))
    fake = SimpleUploadedFile("cv.pdf", b"geen pdf", content_type="application/pdf")
    response = client.post(
        reverse("certification:attachments", args=[with_organigram.pk]),
        {"title": "cv", "kind": "cv", "file": fake, "version": version(with_organigram)},
    )
    assert response.status_code == 403
    assert Attachment.objects.filter(dossier=with_organigram).count() == 1


def test_a_committee_members_publication_import_is_refused_before_the_form_is_read(client, with_organigram):
    login_verified(client, committee_member(with_organigram))
    url = reverse("certification:import_publications", args=[with_organigram.pk])
    response = client.post(url, {"version": version(with_organigram)})
    assert response.status_code == 403
    assert not Publication.objects.filter(dossier=with_organigram).exists()


def test_a_committee_member_gets_no_live_verdict_of_unsaved_input(client, with_organigram):
    login_verified(client, committee_member(with_organigram))
    url = reverse("certification:preview", args=[with_organigram.pk, 4])
    response = client.post(url, {"_kind": "staff", "name": "Dr. X", "hours_per_week": "36"})
    assert response.status_code == 403


def test_a_manager_posting_to_a_submitted_dossier_is_refused_before_validation(client, with_organigram):
    manager = manager_of(with_organigram.department)
    services.submit_dossier(user=manager, dossier_id=with_organigram.pk, expected_version=version(with_organigram))
    login_verified(client, manager)
    url = reverse("certification:save_fields", args=[with_organigram.pk, "cover"])
    response = client.post(url, cover_post(with_organigram, visitation_date="geen datum"))
    assert response.status_code == 403 and "ingediend" in text(response)
    assert "geldige datum" not in text(response)


def test_the_upload_service_refuses_a_reader_before_it_checks_the_file(with_organigram):
    member = committee_member(with_organigram)
    fake = SimpleUploadedFile("cv.pdf", b"geen pdf", content_type="application/pdf")
    with pytest.raises(PermissionDenied):
        services.upload_attachment(
            user=member, dossier_id=with_organigram.pk, expected_version=version(with_organigram), file=fake
        )


def test_the_json_import_service_refuses_a_reader_before_it_reads_the_file(with_organigram):
    member = committee_member(with_organigram)
    with pytest.raises(PermissionDenied):
        services.import_dossier_json(
            user=member, data=b"{niet eens json", into=with_organigram.pk, expected_version=version(with_organigram)
        )


# ------------------------------------------- finding 17: submitting asks first


@pytest.fixture
def manager_client(client, with_organigram):
    login_verified(client, manager_of(with_organigram.department))
    return client


def submit_url(dossier):
    return reverse("certification:submit", args=[dossier.pk])


def test_the_overview_links_to_the_confirmation_instead_of_submitting(manager_client, with_organigram):
    body = text(manager_client.get(reverse("certification:overview", args=[with_organigram.pk])))
    assert f'href="{submit_url(with_organigram)}"' in body
    assert f'action="{submit_url(with_organigram)}"' not in body


def test_the_confirmation_page_names_how_many_criteria_are_not_met(manager_client, with_organigram):
    response = manager_client.get(submit_url(with_organigram))
    assert response.status_code == 200
    failing = [r for r in response.context["rows"] if r["result"].verdict == "not_met"]
    assert len(failing) > 1
    assert f"{len(failing)} criteria voldoen niet" in text(response)
    assert 'name="bevestigd" value="ja"' in text(response)


def test_opening_the_confirmation_page_does_not_submit(manager_client, with_organigram):
    manager_client.get(submit_url(with_organigram))
    assert Dossier.objects.get(pk=with_organigram.pk).status == Dossier.Status.DRAFT


def test_a_submit_post_without_confirmation_only_shows_the_confirmation(manager_client, with_organigram):
    response = manager_client.post(submit_url(with_organigram), {"version": version(with_organigram)})
    assert response.status_code == 200 and "criteria voldoen niet" in text(response)
    assert Dossier.objects.get(pk=with_organigram.pk).status == Dossier.Status.DRAFT


def test_the_confirmed_post_submits_the_dossier(manager_client, with_organigram):
    response = manager_client.post(submit_url(with_organigram), {"version": version(with_organigram), "bevestigd": "ja"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=with_organigram.pk).status == Dossier.Status.SUBMITTED


def test_an_editor_is_refused_the_confirmation_page(client, with_organigram):
    login_verified(client, editor_of(with_organigram.department))
    assert client.get(submit_url(with_organigram)).status_code == 403


# --------------------------------------------- finding 18: counts that agree


def overview_row(body: str, title_start: str) -> str:
    start = body.index(title_start, body.index('id="stand-kop"'))
    return body[start : body.index("</tr>", start)]


def test_the_overview_counts_a_figurehead_without_hours_as_a_norm_not_met(client, with_organigram):
    from .factories import StaffMemberFactory

    StaffMemberFactory(
        dossier=with_organigram,
        is_figurehead=True,
        figurehead_field="dwang",
        hours_per_week=4,
        clinical_hours_per_week=2,
        cv=AttachmentFactory(dossier=with_organigram, kind=Attachment.Kind.CV),
    )
    login_verified(client, editor_of(with_organigram.department))
    row = overview_row(text(client.get(reverse("certification:overview", args=[with_organigram.pk]))), "4. ")
    assert "voldoet niet" in row
    assert "0 van 1" in row and "1 van 1" in row  # norms met 0 of 1, evidence present 1 of 1
    assert "1/2" not in row


def test_the_overview_names_what_its_counts_count(client, with_organigram):
    login_verified(client, editor_of(with_organigram.department))
    body = text(client.get(reverse("certification:overview", args=[with_organigram.pk])))
    assert "Normen gehaald" in body and "Onderbouwing aanwezig" in body
    assert ">Compleet<" not in body and ">Ontbreekt<" not in body


# ------------------------------------------ finding 18: a percentage, not 0 to 1


def quarter_post(dossier, share):
    return {
        "kind": "consultation",
        "year": "2021",
        "quarter": "2",
        "count": "12",
        "supra_regional_share": share,
        "version": version(dossier),
    }


def quarters_url(dossier, record_id=None):
    if record_id is None:
        return reverse("certification:new_record", args=[dossier.pk, "consultation_quarters"]) + "?terug=3"
    return reverse("certification:record", args=[dossier.pk, "consultation_quarters", record_id]) + "?terug=3"


@pytest.fixture
def as_editor(client, with_organigram):
    login_verified(client, editor_of(with_organigram.department))
    return client


def test_the_supra_regional_share_is_asked_as_a_percentage(as_editor, with_organigram):
    body = text(as_editor.get(quarters_url(with_organigram)))
    assert "bovenregionaal aandeel (%)" in body.lower() and "0 tot 100" in body
    assert "0 tot 1)" not in body


def test_a_percentage_is_stored_as_the_fraction_the_checker_reads(as_editor, with_organigram):
    from certification.models import ConsultationQuarter

    assert as_editor.post(quarters_url(with_organigram), quarter_post(with_organigram, "30")).status_code == 302
    assert ConsultationQuarter.objects.get(dossier=with_organigram).supra_regional_share == pytest.approx(0.3)


def test_a_percentage_above_100_is_refused_with_a_message_at_the_field(as_editor, with_organigram):
    from certification.models import ConsultationQuarter

    response = as_editor.post(quarters_url(with_organigram), quarter_post(with_organigram, "150"))
    assert response.status_code == 400
    assert 'id="id_supra_regional_share-error"' in text(response) and "hoogstens 100" in text(response)
    assert not ConsultationQuarter.objects.filter(dossier=with_organigram).exists()


def test_a_refused_percentage_is_shown_again_as_typed(as_editor, with_organigram):
    body = text(as_editor.post(quarters_url(with_organigram), quarter_post(with_organigram, "150")))
    assert 'name="supra_regional_share" value="150"' in body


def test_a_stored_fraction_is_shown_as_a_percentage_in_the_form_and_the_table(as_editor, with_organigram):
    from .factories import ConsultationQuarterFactory

    quarter = ConsultationQuarterFactory(dossier=with_organigram, supra_regional_share=0.25)
    assert 'name="supra_regional_share" value="25"' in text(as_editor.get(quarters_url(with_organigram, quarter.pk)))
    table = text(as_editor.get(reverse("certification:criterion", args=[with_organigram.pk, 3])))
    assert ">25%<" in table


def test_the_confirmation_page_names_the_criteria_not_met_in_english(manager_client, with_organigram):
    body = text(manager_client.get("/en" + submit_url(with_organigram)))
    assert "criteria are not met" in body and "Yes, submit the dossier" in body
