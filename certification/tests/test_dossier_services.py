"""Writing the dossier: every write names the version it started from, so two editors never overwrite each other."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from audit.models import AuditEntry
from certification.models import Attachment, Dossier, Publication, StaffMember
from certification.dossier.selectors import load_dossier
from certification.dossier.services import (
    ConcurrentEditError,
    DossierNotEditableError,
    create_dossier,
    delete_record,
    reopen_dossier,
    save_record,
    submit_dossier,
    update_dossier,
    upload_attachment,
)
from register.tests.factories import DepartmentFactory

from .factories import (
    DossierFactory,
    PublicationFactory,
    StaffMemberFactory,
    StudyFactory,
    bureau_admin,
    editor_of,
    manager_of,
)
from .files import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return DossierFactory()


@pytest.fixture
def editor(dossier):
    return editor_of(dossier.department)


def test_a_new_dossier_starts_as_a_draft_at_version_one_with_the_register_name():
    department = DepartmentFactory(name="Centrum Dwang Noord")
    created = create_dossier(user=editor_of(department), department=department, visitation_date=datetime.date(2022, 6, 15))
    assert (created.status, created.version, created.department_name) == ("draft", 1, "Centrum Dwang Noord")


def test_every_write_raises_the_version_by_one(dossier, editor):
    saved = save_record(user=editor, dossier_id=dossier.pk, expected_version=1, kind="staff", values={"name": "Dr. A"})
    assert saved.version == 2
    saved = update_dossier(user=editor, dossier_id=dossier.pk, expected_version=2, target_group="Volwassenen")
    assert saved.version == 3 and Dossier.objects.get(pk=dossier.pk).version == 3


def test_a_write_from_an_outdated_version_is_refused_and_changes_nothing(dossier, editor):
    update_dossier(user=editor, dossier_id=dossier.pk, expected_version=1, target_group="eerste redacteur")
    with pytest.raises(ConcurrentEditError) as caught:
        update_dossier(user=editor, dossier_id=dossier.pk, expected_version=1, target_group="tweede redacteur")
    assert Dossier.objects.get(pk=dossier.pk).target_group == "eerste redacteur"
    assert "Iemand anders heeft dit dossier intussen opgeslagen" in str(caught.value)
    assert "laad het dossier opnieuw" in str(caught.value)


def test_a_refused_concurrent_write_leaves_no_record_behind(dossier, editor):
    save_record(user=editor, dossier_id=dossier.pk, expected_version=1, kind="staff", values={"name": "Dr. A"})
    with pytest.raises(ConcurrentEditError):
        save_record(user=editor, dossier_id=dossier.pk, expected_version=1, kind="staff", values={"name": "Dr. B"})
    assert list(StaffMember.objects.values_list("name", flat=True)) == ["Dr. A"]


def test_a_refused_concurrent_write_is_audited_as_a_failure(dossier, editor):
    update_dossier(user=editor, dossier_id=dossier.pk, expected_version=1, target_group="x")
    with pytest.raises(ConcurrentEditError):
        update_dossier(user=editor, dossier_id=dossier.pk, expected_version=1, target_group="y")
    last = AuditEntry.objects.order_by("-sequence").first()
    assert (last.outcome, last.detail["reason"]) == ("failure", "concurrent_edit")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_two_editors_saving_the_same_version_at_the_same_moment_exactly_one_succeeds():
    dossier = DossierFactory()
    editors = [editor_of(dossier.department) for _ in range(2)]
    start = threading.Barrier(2)
    outcomes = []

    def save(user, text):
        try:
            start.wait()
            update_dossier(user=user, dossier_id=dossier.pk, expected_version=1, target_group=text)
            outcomes.append("saved")
        except ConcurrentEditError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(user, f"tekst {i}")) for i, user in enumerate(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert Dossier.objects.get(pk=dossier.pk).version == 2


def test_an_invalid_record_is_refused_with_a_dutch_message_and_keeps_the_version(dossier, editor):
    with pytest.raises(ValidationError) as caught:
        save_record(
            user=editor, dossier_id=dossier.pk, expected_version=1, kind="staff", values={"name": "Dr. A", "hours_per_week": 200}
        )
    assert "hours_per_week" in caught.value.message_dict
    assert Dossier.objects.get(pk=dossier.pk).version == 1


def test_a_record_cannot_link_to_an_attachment_of_another_dossier(dossier, editor):
    foreign = Attachment.objects.create(dossier=DossierFactory(), key="cv-x", title="Cv")
    with pytest.raises(ValidationError, match="hoort bij een ander dossier"):
        save_record(user=editor, dossier_id=dossier.pk, expected_version=1, kind="staff", values={"name": "A", "cv": foreign.pk})


def test_a_record_of_another_dossier_cannot_be_changed_through_this_one(dossier, editor):
    elsewhere = StaffMemberFactory(dossier=DossierFactory(department=dossier.department, visitation_date=datetime.date(2026, 1, 1)))
    with pytest.raises(StaffMember.DoesNotExist):
        save_record(
            user=editor, dossier_id=dossier.pk, expected_version=1, kind="staff", values={"name": "B"}, record_id=elsewhere.pk
        )


def test_a_new_record_goes_to_the_end_of_its_list(dossier, editor):
    PublicationFactory.create_batch(2, dossier=dossier)
    saved = save_record(
        user=editor,
        dossier_id=dossier.pk,
        expected_version=1,
        kind="publications",
        values={"title": "Nieuw", "date": datetime.date(2021, 1, 1), "authors": [{"name": "A", "unit_author": True}]},
    )
    assert list(Publication.objects.filter(dossier=dossier).values_list("title", flat=True))[-1] == "Nieuw"
    assert saved.object.position == max(Publication.objects.values_list("position", flat=True))


def test_a_one_part_section_is_edited_in_place(dossier, editor):
    save_record(user=editor, dossier_id=dossier.pk, expected_version=1, kind="board_statement", values={"commitment": "ja"})
    save_record(user=editor, dossier_id=dossier.pk, expected_version=2, kind="board_statement", values={"funding": "DBC"})
    pure = load_dossier(dossier.pk, user=editor)
    assert (pure.board_statement.commitment, pure.board_statement.funding) == ("ja", "DBC")


def test_deleting_a_study_clears_the_links_to_it(dossier, editor):
    study = StudyFactory(dossier=dossier)
    member = StaffMemberFactory(dossier=dossier, is_phd_candidate=True, phd_candidate_study=study)
    delete_record(user=editor, dossier_id=dossier.pk, expected_version=1, kind="studies", record_id=study.pk)
    member.refresh_from_db()
    assert member.phd_candidate_study is None


def test_record_changes_keep_their_history_with_the_editor(dossier, editor):
    saved = save_record(user=editor, dossier_id=dossier.pk, expected_version=1, kind="staff", values={"name": "Dr. A"})
    save_record(user=editor, dossier_id=dossier.pk, expected_version=2, kind="staff", values={"fte": 0.5}, record_id=saved.object.pk)
    history = StaffMember.history.filter(id=saved.object.pk).order_by("history_date")
    assert [(h.history_type, h.fte, h.history_user_id) for h in history] == [("+", 0, editor.pk), ("~", 0.5, editor.pk)]


def test_an_unknown_record_kind_is_refused_by_name(dossier, editor):
    with pytest.raises(ValueError, match="Onbekende soort onderdeel 'bonus'"):
        save_record(user=editor, dossier_id=dossier.pk, expected_version=1, kind="bonus", values={})


def test_a_submitted_dossier_can_no_longer_be_changed(dossier):
    manager = manager_of(dossier.department)
    submit_dossier(user=manager, dossier_id=dossier.pk, expected_version=1)
    with pytest.raises(DossierNotEditableError, match="ingediend"):
        update_dossier(user=manager, dossier_id=dossier.pk, expected_version=2, target_group="later")


def test_an_editor_cannot_submit_the_dossier_but_the_manager_can(dossier, editor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        submit_dossier(user=editor, dossier_id=dossier.pk, expected_version=1)
    assert submit_dossier(user=manager_of(dossier.department), dossier_id=dossier.pk, expected_version=1).object.status == "submitted"


def test_the_bureau_can_reopen_a_submitted_dossier(dossier):
    submit_dossier(user=manager_of(dossier.department), dossier_id=dossier.pk, expected_version=1)
    assert reopen_dossier(user=bureau_admin(), dossier_id=dossier.pk, expected_version=2).object.status == "draft"


def test_an_uploaded_cv_becomes_an_attachment_the_staff_member_links_to(dossier, editor):
    uploaded = upload_attachment(
        user=editor, dossier_id=dossier.pk, expected_version=1, file=SimpleUploadedFile("cv jansen.pdf", PDF), title="Cv Jansen", kind="cv"
    )
    save_record(user=editor, dossier_id=dossier.pk, expected_version=2, kind="staff", values={"name": "P. Jansen", "cv": uploaded.object})
    pure = load_dossier(dossier.pk, user=editor)
    assert pure.staff[0].cv == "cv-jansen"
    assert pure.attachments[0].file == "cv jansen.pdf"
    assert uploaded.object.file.name.startswith(f"dossiers/{dossier.pk}/")


def test_an_upload_that_is_not_what_its_extension_says_is_refused_before_anything_is_written(dossier, editor):
    with pytest.raises(ValidationError, match="past niet bij de extensie"):
        upload_attachment(user=editor, dossier_id=dossier.pk, expected_version=1, file=SimpleUploadedFile("cv.pdf", b"MZ\x90\x00"))
    assert not Attachment.objects.exists() and Dossier.objects.get(pk=dossier.pk).version == 1
