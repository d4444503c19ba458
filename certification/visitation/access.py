"""Who reads a dossier and its visitation report because of a procedure (the team, the department).

The procedure's team (chair, members, secretary) may need no ``CommitteeAssignment``: being on the
team of a procedure about a dossier is enough, for as long as the team's work lasts.

- ``REVIEW_STATES``: from the committee's review up to and including its advice, a team member who
  declared no conflict of interest reads the dossier and takes the review's actions (findings,
  questions, verdicts), like an assigned committee member.
- ``TEAM_REPORT_STATES``: from the review on, and also after the advice (board decision, certificate,
  refusal, objection, recovery, withdrawal), the team member reads the visitation report; after the
  review period that is all they read of the dossier.
- ``DEPARTMENT_REPORT_STATES``: the department's managers and editors read the report once the
  procedure reached the draft report (the hearing is about it), not while the committee still forms it.

The state rules are pure functions; the queries below only ask which procedures a user is on.
Other dossiers (other departments') stay closed: access always goes through the procedure's dossier.
"""

from __future__ import annotations

from django.db.models import Q

from . import procedure as p

REVIEW_STATES = frozenset({p.COMMITTEE_REVIEW, p.VISIT, p.DRAFT_REPORT, p.HEARING, p.COMMITTEE_ADVICE})
AFTER_REVIEW_STATES = frozenset({p.BOARD_DECISION, p.CERTIFIED, p.REFUSED, p.OBJECTION, p.RECOVERY, p.WITHDRAWN})
TEAM_REPORT_STATES = REVIEW_STATES | AFTER_REVIEW_STATES
DEPARTMENT_REPORT_STATES = frozenset({p.DRAFT_REPORT, p.HEARING, p.COMMITTEE_ADVICE}) | AFTER_REVIEW_STATES


def team_reviews_in(state: str) -> bool:
    """A team member reads the dossier and reviews it in this state of the procedure."""
    return state in REVIEW_STATES


def team_reads_report_in(state: str) -> bool:
    return state in TEAM_REPORT_STATES


def department_reads_report_in(state: str) -> bool:
    return state in DEPARTMENT_REPORT_STATES


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _committee(user) -> bool:
    from certification.dossier.permissions import COMMITTEE_ROLES

    return _active(user) and user.role in COMMITTEE_ROLES


def _team_rows(user, states):
    from .models import TeamMember

    return TeamMember.objects.filter(
        user=user, no_conflict_declared_at__isnull=False, procedure__state__in=states, procedure__dossier__isnull=False
    )


def team_dossiers(user, *, for_report: bool = False) -> Q:
    """A filter on ``Dossier``: the dossiers ``user`` reads as a member of a procedure's team (nothing if none).

    Registered with ``certification.dossier.permissions`` at start-up (``certification.apps``), so the
    dossier pages, which only ask ``visible_dossiers``, open for the team.
    """
    if not _committee(user):
        return Q(pk__in=[])
    states = TEAM_REPORT_STATES if for_report else REVIEW_STATES
    return Q(pk__in=_team_rows(user, states).values("procedure__dossier_id"))


def team_reviews(user, dossier) -> bool:
    """``user`` is on the team of a procedure about ``dossier`` that is in its review period."""
    return _committee(user) and _team_rows(user, REVIEW_STATES).filter(procedure__dossier=dossier).exists()


def team_reads_report(user, dossier) -> bool:
    return _committee(user) and _team_rows(user, TEAM_REPORT_STATES).filter(procedure__dossier=dossier).exists()


def department_reads_report(dossier) -> bool:
    """A procedure about this dossier reached the draft report (the caller checks the user is the department's)."""
    from .models import Procedure

    return Procedure.objects.filter(dossier=dossier, state__in=DEPARTMENT_REPORT_STATES).exists()
