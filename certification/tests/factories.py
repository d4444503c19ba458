"""factory_boy factories for the stored dossier, its records and the people who act on it."""

from __future__ import annotations

import datetime

import factory

from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_member
from certification import models as m
from register.tests.factories import DepartmentFactory

V = datetime.date(2022, 6, 15)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Dossier

    department = factory.SubFactory(DepartmentFactory)
    visitation_date = V
    department_name = factory.LazyAttribute(lambda o: o.department.name)
    institution = "GGz Voorbeeld (fictief)"
    specialised_since = datetime.date(2012, 1, 1)
    target_group = "Volwassenen met een therapieresistente dwangstoornis."


class _Record(factory.django.DjangoModelFactory):
    dossier = factory.SubFactory(DossierFactory)
    position = factory.Sequence(lambda n: n)


class AttachmentFactory(_Record):
    class Meta:
        model = m.Attachment

    key = factory.Sequence(lambda n: f"bijlage-{n}")
    title = factory.Sequence(lambda n: f"Bijlage {n}")
    kind = m.Attachment.Kind.OTHER
    file_name = "bijlage.pdf"


class LocationFactory(_Record):
    class Meta:
        model = m.DossierLocation

    name = factory.Sequence(lambda n: f"Locatie {n}")
    size = "12 bedden"
    care_functions = ["outpatient"]


class StaffMemberFactory(_Record):
    class Meta:
        model = m.StaffMember

    name = factory.Sequence(lambda n: f"Dr. Medewerker {n}")
    discipline = "psychiater"
    function = "psychiater"
    fte = 0.8
    hours_per_week = 32
    clinical_hours_per_week = 16
    research_hours_per_week = 8
    phd = m.StaffMember.Phd.OBTAINED
    start_date = datetime.date(2010, 1, 1)


class PatientYearFactory(_Record):
    class Meta:
        model = m.PatientYear

    year = factory.Sequence(lambda n: 1950 + n)
    count = 250


class TreatmentQuarterFactory(_Record):
    class Meta:
        model = m.TreatmentQuarter

    year = factory.Sequence(lambda n: 1950 + n // 4)
    quarter = factory.Sequence(lambda n: n % 4 + 1)
    started = 40
    high_specialist = 30


class ConsultationServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ConsultationService

    dossier = factory.SubFactory(DossierFactory)
    kind = "consultation"
    description = "Telefonisch en via beeldbellen."


class ConsultationQuarterFactory(_Record):
    class Meta:
        model = m.ConsultationQuarter

    kind = "consultation"
    year = factory.Sequence(lambda n: 1950 + n // 4)
    quarter = factory.Sequence(lambda n: n % 4 + 1)
    count = 12
    supra_regional_share = 0.5


class InnovationFactory(_Record):
    class Meta:
        model = m.Innovation

    title = factory.Sequence(lambda n: f"Innovatie {n}")
    description = "Intensieve behandeling in vier dagen."


class OutcomeMeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.OutcomeMeasurement

    dossier = factory.SubFactory(DossierFactory)
    individual_use = "Besproken in elke evaluatie."


class OutcomeInstrumentFactory(_Record):
    class Meta:
        model = m.OutcomeInstrument

    name = factory.Sequence(lambda n: f"Y-BOCS {n}")
    moments = "start, einde"


class StudyFactory(_Record):
    class Meta:
        model = m.Study

    title = factory.Sequence(lambda n: f"Onderzoek {n}")
    researchers = ["Dr. A"]
    start_date = datetime.date(2018, 1, 1)


class PublicationFactory(_Record):
    class Meta:
        model = m.Publication

    type = m.Publication.Type.ARTICLE
    title = factory.Sequence(lambda n: f"Publicatie {n}")
    date = datetime.date(2021, 3, 1)
    authors = [{"name": "Jansen, P.", "unit_author": True}]
    journal = "Tijdschrift voor Psychiatrie"
    peer_reviewed = True
    international = True
    indexes = ["PubMed"]


class PresentationFactory(_Record):
    class Meta:
        model = m.Presentation

    date = datetime.date(2021, 10, 1)
    congress = "Voorjaarscongres NVvP"
    scope = m.Presentation.Scope.NATIONAL
    title = factory.Sequence(lambda n: f"Voordracht {n}")
    presenter = "Dr. P. Jansen"
    kind = m.Presentation.Kind.LECTURE


class KnowledgeTransferFactory(_Record):
    class Meta:
        model = m.KnowledgeTransferActivity

    title = factory.Sequence(lambda n: f"Klinische les {n}")
    date = datetime.date(2021, 5, 1)


class PatientParticipationFactory(_Record):
    class Meta:
        model = m.PatientParticipation

    title = factory.Sequence(lambda n: f"Cliëntenpanel {n}")
    date = datetime.date(2021, 5, 1)
    result = "Wachtkamerinformatie herschreven."


class UniversityAgreementFactory(_Record):
    class Meta:
        model = m.UniversityAgreement

    partner = factory.Sequence(lambda n: f"Universiteit {n}")
    partner_kind = m.UniversityAgreement.PartnerKind.UNIVERSITY
    start_date = datetime.date(2015, 1, 1)


class TrainingPlaceFactory(_Record):
    class Meta:
        model = m.TrainingPlace

    discipline = "psychiater"
    places = 2


class TrainingOccupancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrainingOccupancy

    place = factory.SubFactory(TrainingPlaceFactory)
    year = 2021
    occupied = 2


class BoardStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.BoardStatement

    dossier = factory.SubFactory(DossierFactory)
    commitment = "De raad van bestuur steunt de topklinische functie."
    signed_by = "Drs. R. van Bestuur"
    signed_on = datetime.date(2022, 3, 1)


class SelfEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.SelfEvaluation

    dossier = factory.SubFactory(DossierFactory)
    strengths = "Sterk team."


LIST_FACTORIES = (
    AttachmentFactory,
    LocationFactory,
    StaffMemberFactory,
    PatientYearFactory,
    TreatmentQuarterFactory,
    ConsultationQuarterFactory,
    InnovationFactory,
    OutcomeInstrumentFactory,
    StudyFactory,
    PublicationFactory,
    PresentationFactory,
    KnowledgeTransferFactory,
    PatientParticipationFactory,
    UniversityAgreementFactory,
)


def fill(dossier: m.Dossier, n: int) -> m.Dossier:
    """``n`` records of every list kind (with links between them), and each one-to-one part once."""
    for factory_class in LIST_FACTORIES:
        factory_class.create_batch(n, dossier=dossier)
    attachments = list(dossier.attachments.all())
    studies = list(dossier.studies.all())
    for i, member in enumerate(dossier.staff.all()):
        member.cv = attachments[i]
        member.is_phd_candidate = True
        member.phd_candidate_study = studies[i]
        member.save()
    for i, innovation in enumerate(dossier.innovations.all()):
        innovation.study = studies[i]
        innovation.save()
    for i, agreement in enumerate(dossier.university_agreements.all()):
        agreement.document = attachments[i]
        agreement.save()
    for place in TrainingPlaceFactory.create_batch(n, dossier=dossier):
        TrainingOccupancyFactory(place=place)
    ConsultationServiceFactory(dossier=dossier, kind="consultation")
    ConsultationServiceFactory(dossier=dossier, kind="second_opinion")
    OutcomeMeasurementFactory(dossier=dossier)
    BoardStatementFactory(dossier=dossier)
    SelfEvaluationFactory(dossier=dossier)
    dossier.organigram = attachments[0]
    dossier.save()
    return dossier


# ------------------------------------------------------------------ people


def editor_of(department, role=Role.DEPARTMENT_EDITOR):
    user = UserFactory(role=role)
    make_member(user, department)
    return user


def manager_of(department):
    return editor_of(department, role=Role.DEPARTMENT_MANAGER)


def bureau_admin():
    return UserFactory(role=Role.BUREAU_ADMIN)


def committee_member(dossier=None, role=Role.COMMITTEE_MEMBER):
    user = UserFactory(role=role)
    if dossier is not None:
        m.CommitteeAssignment.objects.create(
            user=user,
            dossier=dossier,
            role="secretary" if role == Role.COMMITTEE_SECRETARY else "member",
        )
    return user
