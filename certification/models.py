"""The models of the certification app, for Django (which imports ``<app>.models``).

They live in the sub-package of their concept: criteria sets in ``criteria/models.py``, the stored
dossier in ``dossier/models.py``. Code inside ``certification`` imports them from there; other
apps may import them from here.
"""

from .criteria.models import CriteriaSet, Criterion, SubItem, validate_evidence_keys, validate_norms, validate_text_list  # noqa: F401
from .dossier.models import (  # noqa: F401
    Activity,
    Attachment,
    BoardStatement,
    CommitteeAssignment,
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
from .visitation.models import (  # noqa: F401,E402
    BoardMeeting,
    Certificate,
    CertificateEvent,
    ComplianceCase,
    HearingResponse,
    Procedure,
    ProcedureStep,
    ReviewMessage,
    CommitteeJudgement,
    TeamMember,
)
