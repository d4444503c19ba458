"""The stored dossier's invariants hold in the database itself, not only in forms."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from certification.models import Dossier, StaffMember

from .factories import (
    AttachmentFactory,
    ConsultationQuarterFactory,
    DossierFactory,
    KnowledgeTransferFactory,
    StaffMemberFactory,
    StudyFactory,
    TrainingOccupancyFactory,
    TreatmentQuarterFactory,
    UniversityAgreementFactory,
)

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


@pytest.mark.parametrize("field", ["hours_per_week", "clinical_hours_per_week", "research_hours_per_week", "professor_hours_per_week"])
@pytest.mark.parametrize("hours", [-1, 168.5])
def test_weekly_hours_outside_0_to_168_are_refused_by_the_database(field, hours):
    refused(lambda: StaffMemberFactory(**{field: hours}))


@pytest.mark.parametrize("fte", [-0.1, 2.01])
def test_an_fte_outside_0_to_2_is_refused_by_the_database(fte):
    refused(lambda: StaffMemberFactory(fte=fte))


def test_the_boundaries_of_hours_and_fte_are_allowed():
    StaffMemberFactory(fte=2, hours_per_week=168, clinical_hours_per_week=0)


def test_a_staff_member_who_leaves_before_starting_is_refused_by_the_database():
    refused(lambda: StaffMemberFactory(start_date=datetime.date(2020, 1, 2), end_date=datetime.date(2020, 1, 1)))


def test_a_staff_member_whose_last_day_is_the_first_day_is_allowed():
    StaffMemberFactory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 1))


@pytest.mark.parametrize(
    "make",
    [
        lambda: StudyFactory(start_date=datetime.date(2020, 1, 2), end_date=datetime.date(2020, 1, 1)),
        lambda: KnowledgeTransferFactory(date=datetime.date(2020, 1, 2), end_date=datetime.date(2020, 1, 1)),
        lambda: UniversityAgreementFactory(start_date=datetime.date(2020, 1, 2), end_date=datetime.date(2020, 1, 1)),
    ],
)
def test_studies_activities_and_agreements_with_dates_out_of_order_are_refused(make):
    refused(make)


@pytest.mark.parametrize("share", [-0.01, 1.01])
def test_a_supra_regional_share_outside_0_to_1_is_refused_by_the_database(share):
    refused(lambda: ConsultationQuarterFactory(supra_regional_share=share))


def test_more_high_specialist_treatments_than_started_are_refused_by_the_database():
    refused(lambda: TreatmentQuarterFactory(started=10, high_specialist=11))


def test_a_quarter_number_outside_1_to_4_is_refused_by_the_database():
    refused(lambda: TreatmentQuarterFactory(quarter=5))


def test_a_department_has_one_dossier_per_visitation_date():
    first = DossierFactory()
    refused(lambda: DossierFactory(department=first.department, visitation_date=first.visitation_date))


def test_the_same_department_may_have_dossiers_for_different_visitations():
    first = DossierFactory()
    DossierFactory(department=first.department, visitation_date=datetime.date(2026, 6, 15))


def test_attachment_ids_are_unique_within_a_dossier():
    first = AttachmentFactory(key="cv-jansen")
    refused(lambda: AttachmentFactory(dossier=first.dossier, key="cv-jansen"))


def test_study_titles_are_unique_within_a_dossier():
    first = StudyFactory(title="ERP-studie")
    refused(lambda: StudyFactory(dossier=first.dossier, title="ERP-studie"))


def test_a_training_place_has_one_occupancy_per_year():
    first = TrainingOccupancyFactory(year=2021)
    refused(lambda: TrainingOccupancyFactory(place=first.place, year=2021))


def test_a_submitted_dossier_records_when_it_was_submitted():
    refused(lambda: DossierFactory(status=Dossier.Status.SUBMITTED, submitted_at=None))


def test_a_dossier_starts_at_version_one():
    assert DossierFactory().version == 1


def test_changes_to_records_are_kept_in_their_history():
    member = StaffMemberFactory(fte=0.8)
    member.fte = 0.6
    member.save()
    assert [h.fte for h in StaffMember.history.filter(id=member.pk).order_by("history_date")] == [0.8, 0.6]


def test_a_dossier_without_a_chosen_set_uses_the_published_set_in_force_on_its_date():
    assert DossierFactory(visitation_date=datetime.date(2021, 1, 1)).effective_criteria_set().code == "2019-2022"


def test_a_record_cannot_be_saved_with_an_invalid_list_of_authors():
    from django.core.exceptions import ValidationError

    from .factories import PublicationFactory

    with pytest.raises(ValidationError, match="Auteur 1 moet de vorm"):
        PublicationFactory.build(dossier=DossierFactory(), authors=[{"naam": "Jansen"}]).full_clean()


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
@pytest.mark.parametrize("field", ["hours_per_week", "fte"])
def test_hours_and_fte_that_are_not_finite_numbers_are_invalid(field, value):
    from django.core.exceptions import ValidationError

    member = StaffMemberFactory.build(dossier=DossierFactory(), **{field: value})
    with pytest.raises(ValidationError) as refusal:
        member.full_clean()
    assert field in refusal.value.message_dict


def test_an_absurd_number_of_started_treatments_is_invalid():
    from django.core.exceptions import ValidationError

    quarter = TreatmentQuarterFactory.build(dossier=DossierFactory(), started=10**12, high_specialist=1)
    with pytest.raises(ValidationError) as refusal:
        quarter.full_clean()
    assert "started" in refusal.value.message_dict
