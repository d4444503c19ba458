"""The dossier editor over HTTP: pages per criterion, forms, concurrency, permissions, audit, uploads and exports."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.testing import login_verified
from audit.models import AuditEntry
from certification.dossier import services
from certification.models import Dossier, Publication, StaffMember

from .factories import (
    AttachmentFactory,
    DossierFactory,
    StaffMemberFactory,
    committee_member,
    editor_of,
    fill,
    manager_of,
)
from .files import PDF

pytestmark = pytest.mark.django_db

FIGUREHEAD = {
    "name": "Dr. A. Boegbeeld",
    "discipline": "psychiater",
    "function": "psychiater",
    "fte": "0.9",
    "hours_per_week": "36",
    "clinical_hours_per_week": "20",
    "research_hours_per_week": "8",
    "professor_hours_per_week": "0",
    "phd": "obtained",
    "start_date": "2010-01-01",
    "is_figurehead": "on",
    "figurehead_field": "dwangstoornissen",
}


@pytest.fixture
def dossier():
    return DossierFactory()


@pytest.fixture
def editor(dossier):
    return editor_of(dossier.department)


@pytest.fixture
def as_editor(client, editor):
    return login_verified(client, editor)


def criterion_url(dossier, number):
    return reverse("certification:criterion", args=[dossier.pk, number])


def new_record_url(dossier, kind, back=4):
    return reverse("certification:new_record", args=[dossier.pk, kind]) + f"?terug={back}"


def text(response) -> str:
    return response.content.decode()


def version(dossier) -> int:
    return Dossier.objects.get(pk=dossier.pk).version


# ------------------------------------------------------------------ reading


def test_a_criterion_page_shows_the_verdict_and_the_reasons(as_editor, dossier):
    response = as_editor.get(criterion_url(dossier, 4))
    assert response.status_code == 200
    body = text(response)
    assert "voldoet niet" in body
    assert "geen boegbeeld" in body


def test_a_criterion_page_shows_a_progress_bar(as_editor, dossier):
    body = text(as_editor.get(criterion_url(dossier, 4)))
    assert '<progress id="voortgang"' in body
    assert "onderdelen in orde" in body


def test_the_figurehead_criterion_shows_the_staff_records(as_editor, dossier):
    StaffMemberFactory(dossier=dossier, name="Dr. Zichtbaar")
    body = text(as_editor.get(criterion_url(dossier, 4)))
    assert 'id="deel-staff"' in body and "Dr. Zichtbaar" in body


def test_the_publications_criterion_does_not_show_the_staff(as_editor, dossier):
    StaffMemberFactory(dossier=dossier, name="Dr. Onzichtbaar")
    body = text(as_editor.get(criterion_url(dossier, 10)))
    assert 'id="deel-publications"' in body and "Dr. Onzichtbaar" not in body


def test_opening_a_criterion_page_is_audited_as_a_read(as_editor, dossier, editor):
    as_editor.get(criterion_url(dossier, 1))
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_id, entry.actor_id, entry.outcome) == (
        "read",
        str(dossier.pk),
        str(editor.pk),
        "success",
    )


def test_an_editor_of_another_department_gets_not_found(client, dossier):
    login_verified(client, editor_of(DossierFactory().department))
    assert client.get(criterion_url(dossier, 1)).status_code == 404


def test_a_refused_page_is_audited_as_denied(client, dossier):
    outsider = editor_of(DossierFactory().department)
    login_verified(client, outsider)
    client.get(criterion_url(dossier, 1))
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_id, entry.outcome) == ("read", str(dossier.pk), "denied")


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, dossier):
    response = client.get(criterion_url(dossier, 1))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_criterion_that_is_not_in_the_set_is_not_found(as_editor, dossier):
    assert as_editor.get(criterion_url(dossier, 15)).status_code == 404


def test_the_dossier_list_shows_only_the_users_own_dossiers(as_editor, dossier):
    other = DossierFactory()
    body = text(as_editor.get(reverse("certification:dossiers")))
    assert dossier.department_name in body and other.department_name not in body


def test_every_criterion_page_issues_the_same_number_of_queries_for_1_and_20_records(as_editor, dossier):
    small = DossierFactory(department=dossier.department, visitation_date="2022-08-01")
    large = DossierFactory(department=dossier.department, visitation_date="2022-09-01")
    fill(small, 1)
    fill(large, 20)
    counts = {small.pk: [], large.pk: []}
    for number in range(15):
        for target in (small, large):
            with CaptureQueriesContext(connection) as queries:
                assert as_editor.get(criterion_url(target, number)).status_code == 200
            counts[target.pk].append(len(queries))
    assert counts[small.pk] == counts[large.pk]


# --------------------------------------------------------------- committee


def test_an_assigned_committee_member_reads_the_criterion_page(client, dossier):
    StaffMemberFactory(dossier=dossier, name="Dr. Gelezen")
    login_verified(client, committee_member(dossier))
    response = client.get(criterion_url(dossier, 4))
    assert response.status_code == 200 and "Dr. Gelezen" in text(response)


def test_a_committee_member_sees_no_dossier_forms_or_edit_links_only_the_review_forms(client, dossier):
    import re

    StaffMemberFactory(dossier=dossier)
    login_verified(client, committee_member(dossier))
    body = text(client.get(criterion_url(dossier, 4)))
    actions = re.findall(r'method="post" action="(/dossiers/[^"]*)"', body)
    assert actions and all(a.endswith(("/beoordeling/", "/oordeel/")) for a in actions)
    assert "Wijzigen" not in body and "Toevoegen aan" not in body


def test_a_committee_member_cannot_add_a_record(client, dossier):
    login_verified(client, committee_member(dossier))
    response = client.post(new_record_url(dossier, "staff"), {**FIGUREHEAD, "version": version(dossier)})
    assert response.status_code == 403
    assert not StaffMember.objects.filter(dossier=dossier).exists()


def test_a_committee_member_not_assigned_to_the_dossier_gets_not_found(client, dossier):
    login_verified(client, committee_member(DossierFactory()))
    assert client.get(criterion_url(dossier, 4)).status_code == 404


# ------------------------------------------------------------------ writing


def test_adding_a_figurehead_makes_the_figurehead_norm_hold(as_editor, dossier):
    response = as_editor.post(new_record_url(dossier, "staff"), {**FIGUREHEAD, "version": version(dossier)})
    assert response.status_code == 302 and response["Location"].endswith("/criterium/4/#deel-staff")
    body = text(as_editor.get(criterion_url(dossier, 4)))
    assert "Dr. A. Boegbeeld" in body and "geen boegbeeld" not in body


def test_saving_a_record_bumps_the_dossier_version(as_editor, dossier):
    before = version(dossier)
    as_editor.post(new_record_url(dossier, "staff"), {**FIGUREHEAD, "version": before})
    assert version(dossier) == before + 1


def test_an_impossible_number_of_hours_is_refused_with_a_message_at_the_field(as_editor, dossier):
    response = as_editor.post(
        new_record_url(dossier, "staff"), {**FIGUREHEAD, "hours_per_week": "200", "version": version(dossier)}
    )
    assert response.status_code == 400
    body = text(response)
    assert 'id="id_hours_per_week-error"' in body and "168" in body
    assert 'aria-invalid="true"' in body
    assert not StaffMember.objects.filter(dossier=dossier).exists()


def test_a_missing_required_field_is_named_in_the_error_summary(as_editor, dossier):
    response = as_editor.post(new_record_url(dossier, "staff"), {**FIGUREHEAD, "name": "", "version": version(dossier)})
    assert response.status_code == 400
    assert 'href="#id_name"' in text(response)


def test_a_save_from_a_stale_page_is_refused_and_keeps_the_input(as_editor, dossier, editor):
    stale = version(dossier)
    services.update_dossier(user=editor, dossier_id=dossier.pk, expected_version=stale, chain_position="Eerste")
    response = as_editor.post(new_record_url(dossier, "staff"), {**FIGUREHEAD, "version": stale})
    assert response.status_code == 409
    body = text(response)
    assert "Iemand anders heeft dit dossier intussen opgeslagen" in body
    assert 'value="Dr. A. Boegbeeld"' in body
    assert not StaffMember.objects.filter(dossier=dossier).exists()


def test_a_concurrent_edit_of_the_same_field_keeps_the_first_save(as_editor, dossier, editor):
    stale = version(dossier)
    url = reverse("certification:save_fields", args=[dossier.pk, "chain_position"])
    first = as_editor.post(url, {"chain_position-chain_position": "Van de eerste", "version": stale, "terug": 1})
    second = as_editor.post(url, {"chain_position-chain_position": "Van de tweede", "version": stale, "terug": 1})
    assert (first.status_code, second.status_code) == (302, 409)
    assert Dossier.objects.get(pk=dossier.pk).chain_position == "Van de eerste"


def test_the_page_after_a_conflict_still_carries_the_stale_version(as_editor, dossier, editor):
    stale = version(dossier)
    services.update_dossier(user=editor, dossier_id=dossier.pk, expected_version=stale, chain_position="Eerste")
    url = reverse("certification:save_fields", args=[dossier.pk, "chain_position"])
    body = text(as_editor.post(url, {"chain_position-chain_position": "Tweede", "version": stale, "terug": 1}))
    assert f'name="version" value="{stale}"' in body


def test_diagnoses_are_saved_one_per_line(as_editor, dossier):
    url = reverse("certification:save_fields", args=[dossier.pk, "target_group"])
    as_editor.post(
        url,
        {
            "target_group-target_group": "Volwassenen met dwang",
            "target_group-diagnoses": "Dwangstoornis\n\n  Verzamelstoornis  \n",
            "target_group-age_groups": ["adults", "elderly"],
            "version": version(dossier),
            "terug": 1,
        },
    )
    stored = Dossier.objects.get(pk=dossier.pk)
    assert (stored.diagnoses, stored.age_groups) == (["Dwangstoornis", "Verzamelstoornis"], ["adults", "elderly"])


def test_the_board_statement_is_saved_from_the_criterion_page(as_editor, dossier):
    url = reverse("certification:singleton", args=[dossier.pk, "board_statement"])
    response = as_editor.post(
        url,
        {
            "board_statement-commitment": "De raad van bestuur staat achter de eenheid.",
            "board_statement-funding": "Structureel budget.",
            "board_statement-signed_by": "Mw. Bestuurder",
            "board_statement-signed_on": "2022-03-01",
            "version": version(dossier),
            "terug": 14,
        },
    )
    assert response.status_code == 302
    assert "voldoet niet" not in text(as_editor.get(criterion_url(dossier, 14))).split("Oordeel van de toets")[1][:300]


def test_publication_authors_marked_with_a_star_are_unit_authors(as_editor, dossier):
    as_editor.post(
        new_record_url(dossier, "publications", back=10),
        {
            "type": "article",
            "title": "Een studie",
            "date": "2021-05-01",
            "authors": "*Jansen, P.\nPietersen, Q.",
            "journal": "Tijdschrift",
            "indexes": "PubMed",
            "version": version(dossier),
        },
    )
    assert Publication.objects.get(dossier=dossier).authors == [
        {"name": "Jansen, P.", "unit_author": True},
        {"name": "Pietersen, Q.", "unit_author": False},
    ]


def test_changing_a_record_keeps_its_identity(as_editor, dossier):
    member = StaffMemberFactory(dossier=dossier, name="Oude naam")
    url = reverse("certification:record", args=[dossier.pk, "staff", member.pk]) + "?terug=4"
    as_editor.post(url, {**FIGUREHEAD, "name": "Nieuwe naam", "version": version(dossier)})
    assert StaffMember.objects.get(pk=member.pk).name == "Nieuwe naam"


def test_a_record_of_another_dossier_cannot_be_changed_through_this_one(as_editor, dossier):
    foreign = StaffMemberFactory(dossier=DossierFactory(department=dossier.department, visitation_date="2023-01-01"))
    url = reverse("certification:record", args=[dossier.pk, "staff", foreign.pk])
    assert as_editor.post(url, {**FIGUREHEAD, "version": version(dossier)}).status_code == 404


def test_a_cv_can_only_be_chosen_from_the_dossiers_own_attachments(as_editor, dossier):
    own = AttachmentFactory(dossier=dossier, title="Eigen cv")
    AttachmentFactory(dossier=DossierFactory(), title="Vreemd cv")
    body = text(as_editor.get(new_record_url(dossier, "staff")))
    assert "Eigen cv" in body and "Vreemd cv" not in body
    assert f'value="{own.pk}"' in body


def test_deleting_asks_first_and_then_removes_the_record(as_editor, dossier):
    member = StaffMemberFactory(dossier=dossier)
    url = reverse("certification:delete_record", args=[dossier.pk, "staff", member.pk]) + "?terug=4"
    assert as_editor.get(url).status_code == 200 and StaffMember.objects.filter(pk=member.pk).exists()
    as_editor.post(url, {"version": version(dossier)})
    assert not StaffMember.objects.filter(pk=member.pk).exists()


def test_a_submitted_dossier_shows_no_forms_to_its_editor(client, dossier):
    manager = manager_of(dossier.department)
    services.submit_dossier(user=manager, dossier_id=dossier.pk, expected_version=version(dossier))
    login_verified(client, editor_of(dossier.department))
    body = text(client.get(criterion_url(dossier, 4)))
    assert "Toevoegen aan" not in body and "Alleen lezen" in body


def test_a_submitted_dossier_refuses_changes(client, dossier):
    manager = manager_of(dossier.department)
    services.submit_dossier(user=manager, dossier_id=dossier.pk, expected_version=version(dossier))
    login_verified(client, manager)
    response = client.post(new_record_url(dossier, "staff"), {**FIGUREHEAD, "version": version(dossier)})
    assert response.status_code == 403 and "ingediend" in text(response)


def test_a_manager_submits_the_dossier_from_the_overview(client, dossier):
    manager = manager_of(dossier.department)
    login_verified(client, manager)
    client.post(reverse("certification:submit", args=[dossier.pk]), {"version": version(dossier), "bevestigd": "ja"})
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SUBMITTED


def test_an_editor_is_not_offered_the_submit_button(as_editor, dossier):
    assert "Dossier indienen" not in text(as_editor.get(reverse("certification:overview", args=[dossier.pk])))


def test_an_editor_creates_a_dossier_for_their_department(as_editor, dossier):
    response = as_editor.post(
        reverse("certification:dossiers"), {"department": dossier.department.pk, "visitation_date": "2024-04-01"}
    )
    created = Dossier.objects.get(department=dossier.department, visitation_date="2024-04-01")
    assert response.status_code == 302 and response["Location"] == reverse("certification:overview", args=[created.pk])


def test_an_editor_cannot_create_a_dossier_for_another_department(as_editor):
    other = DossierFactory().department
    response = as_editor.post(reverse("certification:dossiers"), {"department": other.pk, "visitation_date": "2024-04-01"})
    assert response.status_code == 400
    assert not Dossier.objects.filter(department=other, visitation_date="2024-04-01").exists()


# -------------------------------------------------------------- attachments


def upload(client, dossier, name="organigram.pdf", content=PDF, title="Organigram"):
    return client.post(
        reverse("certification:attachments", args=[dossier.pk]),
        {"title": title, "kind": "organigram", "version": version(dossier), "file": SimpleUploadedFile(name, content)},
    )


def test_an_editor_uploads_a_pdf_attachment(as_editor, dossier):
    assert upload(as_editor, dossier).status_code == 302
    assert dossier.attachments.get().title == "Organigram"


def test_a_file_that_is_not_what_its_name_says_is_refused(as_editor, dossier):
    response = upload(as_editor, dossier, name="organigram.pdf", content=b"MZ\x90\x00 not a pdf")
    assert response.status_code == 400
    assert "organigram.pdf" in text(response)
    assert not dossier.attachments.exists()


def test_an_attachment_downloads_with_its_content(as_editor, dossier):
    upload(as_editor, dossier)
    attachment = dossier.attachments.get()
    response = as_editor.get(reverse("certification:download_attachment", args=[dossier.pk, attachment.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")


def test_downloading_an_attachment_is_audited(as_editor, dossier, editor):
    upload(as_editor, dossier)
    attachment = dossier.attachments.get()
    as_editor.get(reverse("certification:download_attachment", args=[dossier.pk, attachment.pk]))
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.detail) == ("read", {"attachment": attachment.pk})


def test_another_departments_editor_cannot_download_an_attachment(as_editor, client, dossier):
    upload(as_editor, dossier)
    attachment = dossier.attachments.get()
    login_verified(client, editor_of(DossierFactory().department))
    assert client.get(reverse("certification:download_attachment", args=[dossier.pk, attachment.pk])).status_code == 404


def test_publications_are_imported_from_a_bibtex_file(as_editor, dossier):
    bib = b"@article{a, author={Jansen, P. and Smit, K.}, title={Exposure bij dwang}, year={2021}, journal={J Anx}}"
    as_editor.post(
        reverse("certification:import_publications", args=[dossier.pk]),
        {"version": version(dossier), "terug": 10, "file": SimpleUploadedFile("lijst.bib", bib)},
    )
    assert list(dossier.publications.values_list("title", flat=True)) == ["Exposure bij dwang"]


def test_a_bibtex_file_over_the_size_limit_is_refused_with_its_limit_and_imports_nothing(as_editor, dossier, settings):
    settings.PUBLICATION_IMPORT_MAX_BYTES = 1000
    entry = b"@article{a, author={Jansen, P.}, title={Exposure bij dwang}, year={2021}, journal={J Anx}}\n"
    response = as_editor.post(
        reverse("certification:import_publications", args=[dossier.pk]),
        {"version": version(dossier), "terug": 10, "file": SimpleUploadedFile("groot.bib", entry * 40)},
        follow=True,
    )
    assert response.status_code == 200
    assert "PUBLICATION_IMPORT_MAX_BYTES" in response.content.decode()
    assert not dossier.publications.exists()


# ------------------------------------------------------------------ exports


def test_the_dossier_exports_as_a_pdf(as_editor, dossier):
    response = as_editor.get(reverse("certification:export_pdf", args=[dossier.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_exporting_the_pdf_is_audited_as_an_export(as_editor, dossier):
    as_editor.get(reverse("certification:export_pdf", args=[dossier.pk]))
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.detail) == ("export", {"format": "pdf"})


def test_the_attachments_export_as_one_zip(as_editor, dossier):
    upload(as_editor, dossier, title="Organigram")
    upload(as_editor, dossier, name="cv.pdf", title="CV")
    response = as_editor.get(reverse("certification:export_zip", args=[dossier.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == 2 and all(archive.read(n) == PDF for n in pdfs)


def test_the_json_export_is_read_back_by_the_import(as_editor, dossier, editor):
    StaffMemberFactory(dossier=dossier, name="Dr. Rond")
    data = json.loads(as_editor.get(reverse("certification:export_json", args=[dossier.pk])).content)
    copy = services.import_dossier_json(
        user=editor, data={**data, "visitation_date": "2025-01-01"}, department=dossier.department
    )
    assert list(copy.staff.values_list("name", flat=True)) == ["Dr. Rond"]


# ------------------------------------------------------------------ menu


def test_the_main_menu_offers_the_dossiers_to_an_editor(as_editor):
    assert f'href="{reverse("certification:dossiers")}"' in text(as_editor.get(reverse("home")))


def test_the_main_menu_does_not_offer_the_dossiers_to_a_referrer(client):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(role="referrer"))
    assert f'href="{reverse("certification:dossiers")}"' not in text(client.get(reverse("home")))


# ------------------------------------------------------------ live verdict


def preview_url(dossier, number):
    return reverse("certification:preview", args=[dossier.pk, number])


def test_the_live_verdict_counts_a_figurehead_that_is_not_saved_yet(as_editor, dossier):
    response = as_editor.post(preview_url(dossier, 4), {**FIGUREHEAD, "_kind": "staff"})
    body = text(response)
    assert response.status_code == 200 and "Oordeel als u dit opslaat" in body
    assert "geen boegbeeld" not in body


def test_the_live_verdict_saves_nothing(as_editor, dossier):
    before = version(dossier)
    as_editor.post(preview_url(dossier, 4), {**FIGUREHEAD, "_kind": "staff"})
    assert not StaffMember.objects.filter(dossier=dossier).exists() and version(dossier) == before


def test_the_live_verdict_with_invalid_input_shows_the_stored_verdict(as_editor, dossier):
    body = text(as_editor.post(preview_url(dossier, 4), {**FIGUREHEAD, "hours_per_week": "200", "_kind": "staff"}))
    assert "dit is het oordeel over het opgeslagen dossier" in body and "geen boegbeeld" in body


def test_the_live_verdict_sees_an_unsaved_text_field(as_editor, dossier):
    stored = text(as_editor.get(criterion_url(dossier, 1)))
    assert "positie in de regionale en landelijke zorgketen" in stored
    body = text(
        as_editor.post(
            preview_url(dossier, 1), {"_part": "chain_position", "chain_position-chain_position": "Derdelijns, landelijk"}
        )
    )
    assert "positie in de regionale en landelijke zorgketen" not in body
    assert Dossier.objects.get(pk=dossier.pk).chain_position == ""


def test_the_live_verdict_sees_a_change_to_an_existing_record(as_editor, dossier):
    member = StaffMemberFactory(dossier=dossier, is_figurehead=True, figurehead_field="dwang", hours_per_week=32)
    assert "geen boegbeeld" not in text(as_editor.get(criterion_url(dossier, 4)))
    changed = {**FIGUREHEAD, "hours_per_week": "8", "clinical_hours_per_week": "4", "_kind": "staff", "_record": member.pk}
    body = text(as_editor.post(preview_url(dossier, 4), changed))
    assert "geen boegbeeld" in body and "het oordeel verandert" in body
    assert StaffMember.objects.get(pk=member.pk).hours_per_week == 32


def test_the_record_form_shows_the_verdict_of_the_criterion_it_came_from(as_editor, dossier):
    body = text(as_editor.get(new_record_url(dossier, "staff", back=4)))
    assert 'id="oordeel"' in body and "geen boegbeeld" in body


def test_a_reason_links_to_the_record_it_names(as_editor, dossier):
    member = StaffMemberFactory(dossier=dossier, is_figurehead=True, figurehead_field="dwang", hours_per_week=8)
    body = text(as_editor.get(criterion_url(dossier, 4)))
    assert f'href="{criterion_url(dossier, 4)}#staff-{member.pk}"' in body
    assert f'id="staff-{member.pk}"' in body


def test_the_live_verdict_updates_a_short_status_for_screen_readers(as_editor, dossier):
    body = text(as_editor.post(preview_url(dossier, 4), {**FIGUREHEAD, "_kind": "staff"}))
    assert 'id="oordeel-status"' in body and 'hx-swap-oob="innerHTML"' in body


def test_an_error_on_a_checkbox_list_links_to_the_list(as_editor, dossier):
    url = reverse("certification:save_fields", args=[dossier.pk, "target_group"])
    body = text(
        as_editor.post(url, {"target_group-age_groups": ["nobody"], "version": version(dossier), "terug": 1})
    )
    assert 'href="#id_target_group-age_groups"' in body and '<fieldset id="id_target_group-age_groups"' in body


# ------------------------------------------------------------ every kind


@pytest.mark.parametrize(
    "kind",
    [k for k, spec in services.RECORD_KINDS.items() if not spec.singleton and k != "attachments"],
)
def test_every_record_kind_has_an_add_form(as_editor, dossier, kind):
    response = as_editor.get(new_record_url(dossier, kind))
    assert response.status_code == 200 and '<button class="utrecht-button utrecht-button--primary-action" type="submit">' in text(response)


def test_training_occupancy_is_added_to_one_of_the_dossiers_training_places(as_editor, dossier):
    from .factories import TrainingPlaceFactory

    place = TrainingPlaceFactory(dossier=dossier)
    response = as_editor.post(
        new_record_url(dossier, "training_occupancy", back=13),
        {"place": place.pk, "year": "2021", "occupied": "1", "version": version(dossier)},
    )
    assert response.status_code == 302 and place.occupancy.get().year == 2021


def test_the_self_evaluation_is_saved_from_the_general_conditions_page(as_editor, dossier):
    as_editor.post(
        reverse("certification:singleton", args=[dossier.pk, "self_evaluation"]),
        {
            "self_evaluation-strengths": "Sterk",
            "self_evaluation-weaknesses": "Zwak",
            "self_evaluation-development_points": "Groei",
            "version": version(dossier),
            "terug": 0,
        },
    )
    assert Dossier.objects.get(pk=dossier.pk).self_evaluation.strengths == "Sterk"


def test_a_second_description_of_the_same_service_is_refused_with_a_message(as_editor, dossier):
    from .factories import ConsultationServiceFactory

    ConsultationServiceFactory(dossier=dossier, kind="consultation")
    response = as_editor.post(
        new_record_url(dossier, "consultation_services", back=3),
        {"kind": "consultation", "description": "Nog een", "version": version(dossier)},
    )
    assert response.status_code == 400 and "utrecht-alert--error" in text(response)


def test_exports_are_private_downloads_named_after_the_dossier(as_editor, dossier):
    for name in ("export_pdf", "export_zip", "export_json"):
        response = as_editor.get(reverse(f"certification:{name}", args=[dossier.pk]))
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith(f'attachment; filename="dossier-{dossier.department.slug}')


def test_the_upload_field_is_described_by_its_size_limit(as_editor, dossier):
    body = text(as_editor.get(reverse("certification:attachments", args=[dossier.pk])))
    upload_input = body[body.index('type="file"') - 10 : body.index('id="id_file"')]
    assert 'aria-describedby="id_file-help"' in upload_input and 'id="id_file-help"' in body


def test_the_criterion_page_speaks_english_under_the_english_prefix(as_editor, dossier):
    body = text(as_editor.get("/en" + criterion_url(dossier, 4)))
    assert "Verdict of the check" in body and "not met" in body


def submitted(dossier):
    services.submit_dossier(user=manager_of(dossier.department), dossier_id=dossier.pk, expected_version=version(dossier))
    return dossier


def test_the_bureau_reopens_a_submitted_dossier(client, dossier):
    from .factories import bureau_admin

    submitted(dossier)
    login_verified(client, bureau_admin())
    assert "Dossier heropenen" in text(client.get(reverse("certification:overview", args=[dossier.pk])))
    client.post(reverse("certification:reopen", args=[dossier.pk]), {"version": version(dossier)})
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.DRAFT


def test_a_manager_cannot_reopen_their_submitted_dossier(client, dossier):
    submitted(dossier)
    manager = manager_of(dossier.department)
    login_verified(client, manager)
    assert "Dossier heropenen" not in text(client.get(reverse("certification:overview", args=[dossier.pk])))
    client.post(reverse("certification:reopen", args=[dossier.pk]), {"version": version(dossier)})
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SUBMITTED
