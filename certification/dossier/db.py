"""Between the database dossier (``dossier.models``) and the pure dossier (``certification.format.dossier``).

- ``to_dataclass(dossier)`` reads a ``Dossier`` fetched with
  ``selectors.dossier_queryset()`` (everything prefetched) and returns the
  frozen ``dossier.Dossier`` the checker reads, without a single query.
- ``DossierWriter`` stores pure dossiers as rows in a few bulk inserts per
  record kind, however many dossiers: JSON import uses it for one dossier
  (with history), the benchmark for hundreds (without).

Links between records (a CV, an organigram, an agreement document point at
an attachment; an innovation or a PhD candidate at a study) are foreign keys
here and ids or titles in the pure dossier.
"""

from __future__ import annotations

from collections import defaultdict

from certification.format import dossier as d
from certification.publications.bibliography import normalise_doi
from .models import (
    Attachment,
    BoardStatement,
    ConsultationQuarter,
    ConsultationService,
    Dossier,
    DossierLocation,
    Innovation,
    KnowledgeTransferActivity,
    OutcomeInstrument,
    OutcomeMeasurement,
    PatientParticipation,
    PatientYear,
    Presentation,
    Publication,
    SelfEvaluation,
    StaffMember,
    Study,
    TrainingOccupancy,
    TrainingPlace,
    TreatmentQuarter,
    UniversityAgreement,
)
from certification.format.periods import Quarter

# What ``selectors.dossier_queryset`` must prefetch so that ``to_dataclass`` runs no query.
SELECT_RELATED = ("department", "criteria_set", "outcome_measurement", "board_statement", "self_evaluation")
PREFETCH = (
    "attachments",
    "locations",
    "staff",
    "patient_years",
    "treatment_quarters",
    "consultation_services",
    "consultation_quarters",
    "innovations",
    "outcome_instruments",
    "studies",
    "publications",
    "presentations",
    "knowledge_transfer",
    "patient_participation",
    "university_agreements",
    "training_places",
    "training_places__occupancy",
)


def number(value):
    """32.0 -> 32, 0.9 -> 0.9: numbers read back as they were written (reasons print them)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# ------------------------------------------------------------------ rows -> pure


def _empty(value) -> str:
    return value or ""


def to_dataclass(obj: Dossier) -> d.Dossier:
    """The pure dossier of a fully prefetched ``Dossier`` (no queries)."""
    attachments = list(obj.attachments.all())
    attachment_key = {a.pk: a.key for a in attachments}
    studies = list(obj.studies.all())
    study_title = {s.pk: s.title for s in studies}
    services = {s.kind: s for s in obj.consultation_services.all()}
    quarters = defaultdict(list)
    for q in obj.consultation_quarters.all():
        quarters[q.kind].append(q)
    outcome = _one(obj, "outcome_measurement")
    board = _one(obj, "board_statement")
    selfev = _one(obj, "self_evaluation")

    return d.Dossier(
        visitation_date=obj.visitation_date,
        criteria_set=obj.criteria_set.code if obj.criteria_set_id else "",
        department=d.DepartmentInfo(
            name=obj.department_name,
            institution=obj.institution,
            register_slug=obj.department.slug,
            specialised_since=obj.specialised_since,
            target_group=obj.target_group,
            diagnoses=tuple(obj.diagnoses),
            age_groups=tuple(obj.age_groups),
            other_characteristics=obj.other_characteristics,
            locations=tuple(
                d.Location(name=x.name, size=x.size, care_functions=tuple(x.care_functions))
                for x in obj.locations.all()
            ),
            specialist_offer=obj.specialist_offer,
            management=obj.management,
            organigram=attachment_key.get(obj.organigram_id, ""),
            chain_position=obj.chain_position,
        ),
        staff=tuple(_staff_member(m, attachment_key, study_title) for m in obj.staff.all()),
        patients=d.Patients(
            treated_per_year=tuple(d.YearCount(year=x.year, count=x.count) for x in obj.patient_years.all()),
            intake_criteria=obj.intake_criteria,
            decision_tool=obj.decision_tool,
            outflow_criteria=obj.outflow_criteria,
            treatments_started=tuple(
                d.StartedQuarter(quarter=Quarter(x.year, x.quarter), started=x.started, high_specialist=x.high_specialist)
                for x in obj.treatment_quarters.all()
            ),
        ),
        consultation=_service(services.get("consultation"), quarters["consultation"]),
        second_opinion=_service(services.get("second_opinion"), quarters["second_opinion"]),
        innovations=tuple(
            d.Innovation(
                title=x.title,
                target_group=x.target_group,
                description=x.description,
                innovative_aspect=x.innovative_aspect,
                difference_from_regular_care=x.difference_from_regular_care,
                effectiveness_design=x.effectiveness_design,
                study=study_title.get(x.study_id, ""),
            )
            for x in obj.innovations.all()
        ),
        outcome_measurement=d.OutcomeMeasurement(
            instruments=tuple(d.Instrument(name=x.name, moments=x.moments) for x in obj.outcome_instruments.all()),
            individual_use=_empty(outcome and outcome.individual_use),
            group_results=_empty(outcome and outcome.group_results),
            appreciation_method=_empty(outcome and outcome.appreciation_method),
            appreciation_results=_empty(outcome and outcome.appreciation_results),
            adjustment_example=_empty(outcome and outcome.adjustment_example),
        ),
        studies=tuple(
            d.Study(
                title=s.title,
                subject=s.subject,
                researchers=tuple(s.researchers),
                start_date=s.start_date,
                end_date=s.end_date,
                phase=s.phase,
                is_phd_study=s.is_phd_study,
                phd_candidate=s.phd_candidate,
                promotors=tuple(s.promotors),
                candidate_involvement=s.candidate_involvement,
            )
            for s in studies
        ),
        publications=tuple(
            d.Publication(
                type=p.type,
                title=p.title,
                date=p.date,
                authors=tuple(d.Author(name=a["name"], unit_author=a.get("unit_author", False)) for a in p.authors),
                journal=p.journal,
                peer_reviewed=p.peer_reviewed,
                international=p.international,
                indexes=tuple(p.indexes),
                link=p.link,
            )
            for p in obj.publications.all()
        ),
        presentations=tuple(
            d.Presentation(
                date=p.date, congress=p.congress, scope=p.scope, title=p.title, presenter=p.presenter, kind=p.kind
            )
            for p in obj.presentations.all()
        ),
        knowledge_transfer=tuple(_activity(a) for a in obj.knowledge_transfer.all()),
        patient_participation=tuple(_activity(a) for a in obj.patient_participation.all()),
        university_agreements=tuple(
            d.UniversityAgreement(
                partner=a.partner,
                partner_kind=a.partner_kind,
                description=a.description,
                document=attachment_key.get(a.document_id, ""),
                start_date=a.start_date,
                end_date=a.end_date,
            )
            for a in obj.university_agreements.all()
        ),
        training=d.Training(
            participation=obj.training_participation,
            places=tuple(
                d.TrainingPlace(
                    discipline=p.discipline,
                    places=p.places,
                    recognition=p.recognition,
                    occupancy=tuple(d.Occupancy(year=o.year, occupied=o.occupied) for o in p.occupancy.all()),
                    end_date=p.end_date,
                )
                for p in obj.training_places.all()
            ),
        ),
        board_statement=d.BoardStatement(
            commitment=_empty(board and board.commitment),
            funding=_empty(board and board.funding),
            signed_by=_empty(board and board.signed_by),
            signed_on=board.signed_on if board else None,
        ),
        self_evaluation=d.SelfEvaluation(
            strengths=_empty(selfev and selfev.strengths),
            weaknesses=_empty(selfev and selfev.weaknesses),
            development_points=_empty(selfev and selfev.development_points),
        ),
        attachments=tuple(
            d.Attachment(id=a.key, title=a.title, kind=a.kind, file=a.file_name or a.file.name) for a in attachments
        ),
    )


def _one(obj, name):
    """A reverse one-to-one (select_related), or None when the section was never filled in."""
    try:
        return getattr(obj, name)
    except (OutcomeMeasurement.DoesNotExist, BoardStatement.DoesNotExist, SelfEvaluation.DoesNotExist):
        return None


def _staff_member(m: StaffMember, attachment_key, study_title) -> d.StaffMember:
    return d.StaffMember(
        name=m.name,
        discipline=m.discipline,
        function=m.function,
        fte=number(m.fte),
        hours_per_week=number(m.hours_per_week),
        clinical_hours_per_week=number(m.clinical_hours_per_week),
        research_hours_per_week=number(m.research_hours_per_week),
        phd=m.phd,
        phd_equivalent_explanation=m.phd_equivalent_explanation,
        cv=attachment_key.get(m.cv_id, ""),
        start_date=m.start_date,
        end_date=m.end_date,
        figurehead=d.FigureheadRole(field=m.figurehead_field) if m.is_figurehead else None,
        senior_researcher=d.SeniorResearcherRole() if m.is_senior_researcher else None,
        professor=(
            d.ProfessorRole(
                hours_per_week=number(m.professor_hours_per_week),
                contribution=m.professor_contribution,
                chair=m.professor_chair,
                university=m.professor_university,
            )
            if m.is_professor
            else None
        ),
        phd_candidate=(
            d.PhdCandidateRole(study=study_title.get(m.phd_candidate_study_id, "")) if m.is_phd_candidate else None
        ),
    )


def _service(service: ConsultationService | None, quarters) -> d.ConsultationService:
    return d.ConsultationService(
        description=service.description if service else "",
        requesters=service.requesters if service else "",
        professionals=service.professionals if service else "",
        example=service.example if service else "",
        example_benefit=service.example_benefit if service else "",
        quarters=tuple(
            d.ServiceQuarter(
                quarter=Quarter(q.year, q.quarter), count=q.count, supra_regional_share=number(q.supra_regional_share)
            )
            for q in quarters
        ),
    )


def _activity(a) -> d.Activity:
    return d.Activity(
        title=a.title, date=a.date, end_date=a.end_date, kind=a.kind, description=a.description, result=a.result
    )


# ------------------------------------------------------------------ pure -> rows


def dossier_fields(pure: d.Dossier) -> dict:
    """The ``Dossier`` columns that come from a pure dossier (not department, criteria set, status, version)."""
    dep = pure.department
    return {
        "visitation_date": pure.visitation_date,
        "department_name": dep.name,
        "institution": dep.institution,
        "specialised_since": dep.specialised_since,
        "target_group": dep.target_group,
        "diagnoses": list(dep.diagnoses),
        "age_groups": list(dep.age_groups),
        "other_characteristics": dep.other_characteristics,
        "specialist_offer": dep.specialist_offer,
        "management": dep.management,
        "chain_position": dep.chain_position,
        "intake_criteria": pure.patients.intake_criteria,
        "decision_tool": pure.patients.decision_tool,
        "outflow_criteria": pure.patients.outflow_criteria,
        "training_participation": pure.training.participation,
    }


def _has_text(*values) -> bool:
    return any(v not in ("", None) for v in values)


class DossierWriter:
    """Writes the records of pure dossiers into already saved ``Dossier`` rows, one bulk insert per kind.

    ``create`` is the insert function: ``Model.objects.bulk_create`` by
    default, or ``simple_history.utils.bulk_create_with_history`` wrapped
    with a user (see ``services``). Both return the rows with primary keys
    (PostgreSQL and SQLite >= 3.35), which the links need.
    """

    def __init__(self, create=None, batch_size: int = 2000):
        self._create = create or (lambda model, rows: model.objects.bulk_create(rows, batch_size=batch_size))

    def write(self, pairs: list[tuple[Dossier, d.Dossier]]) -> None:
        create = self._create

        # Attachments first: the organigram, CVs and agreements point at them.
        rows, owners = [], []
        for obj, pure in pairs:
            for i, a in enumerate(pure.attachments):
                rows.append(Attachment(dossier=obj, position=i, key=a.id, title=a.title, kind=a.kind, file_name=a.file))
                owners.append(obj.pk)
        attachments = {(o, a.key): a for o, a in zip(owners, create(Attachment, rows), strict=True)}

        organigram_changed = []
        for obj, pure in pairs:
            ref = pure.department.organigram
            if ref:
                obj.organigram = attachments[(obj.pk, ref)]
                organigram_changed.append(obj)
        if organigram_changed:
            Dossier.objects.bulk_update(organigram_changed, ["organigram"])

        rows, owners = [], []
        for obj, pure in pairs:
            for i, s in enumerate(pure.studies):
                rows.append(
                    Study(
                        dossier=obj,
                        position=i,
                        title=s.title,
                        subject=s.subject,
                        researchers=list(s.researchers),
                        start_date=s.start_date,
                        end_date=s.end_date,
                        phase=s.phase,
                        is_phd_study=s.is_phd_study,
                        phd_candidate=s.phd_candidate,
                        promotors=list(s.promotors),
                        candidate_involvement=s.candidate_involvement,
                    )
                )
                owners.append(obj.pk)
        studies = {(o, s.title): s for o, s in zip(owners, create(Study, rows), strict=True)}

        def attachment(obj, ref):
            return attachments[(obj.pk, ref)] if ref else None

        def study(obj, title):
            return studies[(obj.pk, title)] if title else None

        records = defaultdict(list)
        places = []  # (TrainingPlace, pure place)
        for obj, pure in pairs:
            add = lambda model, **kw: records[model].append(model(dossier=obj, **kw))  # noqa: E731
            for i, x in enumerate(pure.department.locations):
                add(DossierLocation, position=i, name=x.name, size=x.size, care_functions=list(x.care_functions))
            for i, m in enumerate(pure.staff):
                add(
                    StaffMember,
                    position=i,
                    name=m.name,
                    discipline=m.discipline,
                    function=m.function,
                    fte=m.fte,
                    hours_per_week=m.hours_per_week,
                    clinical_hours_per_week=m.clinical_hours_per_week,
                    research_hours_per_week=m.research_hours_per_week,
                    phd=m.phd,
                    phd_equivalent_explanation=m.phd_equivalent_explanation,
                    cv=attachment(obj, m.cv),
                    start_date=m.start_date,
                    end_date=m.end_date,
                    is_figurehead=m.figurehead is not None,
                    figurehead_field=m.figurehead.field if m.figurehead else "",
                    is_senior_researcher=m.senior_researcher is not None,
                    is_professor=m.professor is not None,
                    professor_hours_per_week=m.professor.hours_per_week if m.professor else 0,
                    professor_contribution=m.professor.contribution if m.professor else "",
                    professor_chair=m.professor.chair if m.professor else "",
                    professor_university=m.professor.university if m.professor else "",
                    is_phd_candidate=m.phd_candidate is not None,
                    phd_candidate_study=study(obj, m.phd_candidate.study) if m.phd_candidate else None,
                )
            for i, x in enumerate(pure.patients.treated_per_year):
                add(PatientYear, position=i, year=x.year, count=x.count)
            for i, x in enumerate(pure.patients.treatments_started):
                add(
                    TreatmentQuarter,
                    position=i,
                    year=x.quarter.year,
                    quarter=x.quarter.number,
                    started=x.started,
                    high_specialist=x.high_specialist,
                )
            for kind, service in (("consultation", pure.consultation), ("second_opinion", pure.second_opinion)):
                if _has_text(
                    service.description, service.requesters, service.professionals, service.example, service.example_benefit
                ):
                    add(
                        ConsultationService,
                        kind=kind,
                        description=service.description,
                        requesters=service.requesters,
                        professionals=service.professionals,
                        example=service.example,
                        example_benefit=service.example_benefit,
                    )
                for i, q in enumerate(service.quarters):
                    add(
                        ConsultationQuarter,
                        position=i,
                        kind=kind,
                        year=q.quarter.year,
                        quarter=q.quarter.number,
                        count=q.count,
                        supra_regional_share=q.supra_regional_share,
                    )
            for i, x in enumerate(pure.innovations):
                add(
                    Innovation,
                    position=i,
                    title=x.title,
                    target_group=x.target_group,
                    description=x.description,
                    innovative_aspect=x.innovative_aspect,
                    difference_from_regular_care=x.difference_from_regular_care,
                    effectiveness_design=x.effectiveness_design,
                    study=study(obj, x.study),
                )
            om = pure.outcome_measurement
            if _has_text(om.individual_use, om.group_results, om.appreciation_method, om.appreciation_results, om.adjustment_example):
                add(
                    OutcomeMeasurement,
                    individual_use=om.individual_use,
                    group_results=om.group_results,
                    appreciation_method=om.appreciation_method,
                    appreciation_results=om.appreciation_results,
                    adjustment_example=om.adjustment_example,
                )
            for i, x in enumerate(om.instruments):
                add(OutcomeInstrument, position=i, name=x.name, moments=x.moments)
            for i, p in enumerate(pure.publications):
                add(Publication, position=i, **publication_fields(p))
            for i, p in enumerate(pure.presentations):
                add(
                    Presentation,
                    position=i,
                    date=p.date,
                    congress=p.congress,
                    scope=p.scope,
                    title=p.title,
                    presenter=p.presenter,
                    kind=p.kind,
                )
            for model, activities in (
                (KnowledgeTransferActivity, pure.knowledge_transfer),
                (PatientParticipation, pure.patient_participation),
            ):
                for i, a in enumerate(activities):
                    add(
                        model,
                        position=i,
                        title=a.title,
                        date=a.date,
                        end_date=a.end_date,
                        kind=a.kind,
                        description=a.description,
                        result=a.result,
                    )
            for i, a in enumerate(pure.university_agreements):
                add(
                    UniversityAgreement,
                    position=i,
                    partner=a.partner,
                    partner_kind=a.partner_kind,
                    description=a.description,
                    document=attachment(obj, a.document),
                    start_date=a.start_date,
                    end_date=a.end_date,
                )
            for i, p in enumerate(pure.training.places):
                place = TrainingPlace(
                    dossier=obj, position=i, discipline=p.discipline, places=p.places, recognition=p.recognition,
                    end_date=p.end_date,
                )
                records[TrainingPlace].append(place)
                places.append((place, p))
            b = pure.board_statement
            if _has_text(b.commitment, b.funding, b.signed_by, b.signed_on):
                add(BoardStatement, commitment=b.commitment, funding=b.funding, signed_by=b.signed_by, signed_on=b.signed_on)
            s = pure.self_evaluation
            if _has_text(s.strengths, s.weaknesses, s.development_points):
                add(
                    SelfEvaluation,
                    strengths=s.strengths,
                    weaknesses=s.weaknesses,
                    development_points=s.development_points,
                )

        for model, rows in records.items():
            saved = create(model, rows)
            if model is TrainingPlace:
                places = [(row, p) for row, (_unsaved, p) in zip(saved, places, strict=True)]
        occupancy = [
            TrainingOccupancy(place=row, year=o.year, occupied=o.occupied) for row, p in places for o in p.occupancy
        ]
        if occupancy:
            create(TrainingOccupancy, occupancy)


def publication_fields(p: d.Publication) -> dict:
    return {
        "type": p.type,
        "title": p.title,
        "date": p.date,
        "authors": [{"name": a.name, "unit_author": a.unit_author} for a in p.authors],
        "journal": p.journal,
        "peer_reviewed": p.peer_reviewed,
        "international": p.international,
        "indexes": list(p.indexes),
        "link": p.link,
        "doi": normalise_doi(p.link),
    }
