"""The quality-mark procedure as a plain transition table, and its deadlines. Pure: no database.

States, in the order of the published procedure::

    application -> planning -> dossier_due -> committee_review -> visit -> draft_report
    -> hearing -> committee_advice -> board_decision -> certified | refused
    refused -> objection -> board_decision (objection upheld) | refused (objection rejected)
    board_decision -> recovery (a failed re-visitation) -> committee_review (re-assessment) | withdrawn

Who may take a transition is said with *actor roles*, worked out per procedure by the services:

- ``bureau``: the bureau (bureau admins, superusers); the bureau may take every transition
  except the department's own (``submit_dossier``, ``respond``, ``object``), which it may take
  on the department's behalf only where the table says so;
- ``manager``: a manager of the procedure's department;
- ``chair``, ``secretary``: the team's chair or secretary on this procedure (who declared no
  conflict of interest).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

APPLICATION = "application"
PLANNING = "planning"
DOSSIER_DUE = "dossier_due"
COMMITTEE_REVIEW = "committee_review"
VISIT = "visit"
DRAFT_REPORT = "draft_report"
HEARING = "hearing"
COMMITTEE_ADVICE = "committee_advice"
BOARD_DECISION = "board_decision"
CERTIFIED = "certified"
REFUSED = "refused"
OBJECTION = "objection"
RECOVERY = "recovery"
WITHDRAWN = "withdrawn"

STATES = (
    APPLICATION, PLANNING, DOSSIER_DUE, COMMITTEE_REVIEW, VISIT, DRAFT_REPORT, HEARING, COMMITTEE_ADVICE,
    BOARD_DECISION, CERTIFIED, REFUSED, OBJECTION, RECOVERY, WITHDRAWN,
)
FINAL = frozenset({CERTIFIED, WITHDRAWN})

BUREAU = "bureau"
MANAGER = "manager"
CHAIR = "chair"
SECRETARY = "secretary"

# Team composition the published procedure asks for: a chair, two members and a secretary.
TEAM = {"chair": 1, "member": 2, "secretary": 1}

DOSSIER_WEEKS_BEFORE_VISIT = 8
DOSSIER_REMINDER_DAYS = (14, 7)  # reminders this many days before the dossier is due
RECOVERY_MONTHS = 6


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    roles: frozenset[str]
    label: str  # Dutch, marked for translation (gettext_lazy), shown on the procedure page


def _t(name, source, target, roles, label):
    return Transition(name, source, target, frozenset(roles), label)


TRANSITIONS: tuple[Transition, ...] = (
    _t("plan", APPLICATION, PLANNING, {BUREAU}, gettext_lazy("Aanvraag in behandeling nemen")),
    _t("request_dossier", PLANNING, DOSSIER_DUE, {BUREAU}, gettext_lazy("Visitatie vastleggen en dossier opvragen")),
    _t("submit_dossier", DOSSIER_DUE, COMMITTEE_REVIEW, {MANAGER, BUREAU}, gettext_lazy("Dossier indienen")),
    _t("start_visit", COMMITTEE_REVIEW, VISIT, {CHAIR, SECRETARY, BUREAU}, gettext_lazy("Beoordeling afronden, naar de visitatie")),
    _t("draft_report", VISIT, DRAFT_REPORT, {SECRETARY, BUREAU}, gettext_lazy("Conceptrapport opstellen")),
    _t("send_for_hearing", DRAFT_REPORT, HEARING, {SECRETARY, BUREAU}, gettext_lazy("Conceptrapport voorleggen (hoor en wederhoor)")),
    _t("respond", HEARING, COMMITTEE_ADVICE, {MANAGER}, gettext_lazy("Reactie van de afdeling indienen")),
    _t("close_hearing", HEARING, COMMITTEE_ADVICE, {BUREAU}, gettext_lazy("Hoor en wederhoor sluiten (termijn verstreken)")),
    _t("advise", COMMITTEE_ADVICE, BOARD_DECISION, {CHAIR, SECRETARY, BUREAU}, gettext_lazy("Advies aan het bestuur uitbrengen")),
    _t("grant", BOARD_DECISION, CERTIFIED, {BUREAU}, gettext_lazy("Bestuur: keurmerk verlenen")),
    _t("refuse", BOARD_DECISION, REFUSED, {BUREAU}, gettext_lazy("Bestuur: keurmerk weigeren")),
    _t("object", REFUSED, OBJECTION, {MANAGER}, gettext_lazy("Bezwaar maken")),
    _t("uphold_objection", OBJECTION, BOARD_DECISION, {BUREAU}, gettext_lazy("Bezwaar gegrond: opnieuw naar het bestuur")),
    _t("reject_objection", OBJECTION, REFUSED, {BUREAU}, gettext_lazy("Bezwaar ongegrond")),
    _t("start_recovery", BOARD_DECISION, RECOVERY, {BUREAU}, gettext_lazy("Bestuur: herstelperiode van zes maanden")),
    _t("reassess", RECOVERY, COMMITTEE_REVIEW, {BUREAU}, gettext_lazy("Herbeoordeling na herstel")),
    _t("withdraw", RECOVERY, WITHDRAWN, {BUREAU}, gettext_lazy("Bestuur: keurmerk intrekken")),
)
BY_NAME = {t.name: t for t in TRANSITIONS}


class TransitionRefused(Exception):
    """The transition does not exist, does not start from this state, or the actor may not take it."""


def transition(name: str, state: str, roles: frozenset[str] | set[str]) -> Transition:
    """The transition ``name`` from ``state`` for an actor with ``roles``, or ``TransitionRefused`` saying why."""
    found = BY_NAME.get(name)
    if found is None:
        raise TransitionRefused(_("Onbekende stap '%(name)s'.") % {"name": name})
    if found.source != state:
        raise TransitionRefused(
            _("De stap '%(step)s' kan niet in deze fase (%(state)s).") % {"step": found.label, "state": state}
        )
    if not found.roles & set(roles):
        raise TransitionRefused(
            _("De stap '%(step)s' mag niet met de rol %(roles)s.")
            % {"step": found.label, "roles": ", ".join(sorted(roles)) or _("geen")}
        )
    return found


def available(state: str, roles: frozenset[str] | set[str]) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state and t.roles & set(roles)]


def team_problems(members: list[tuple[str, bool]]) -> list[str]:
    """What keeps a team (``(role, declared no conflict of interest)`` per member) from visiting."""
    problems = []
    for role, wanted in TEAM.items():
        have = sum(1 for r, _declared in members if r == role)
        if have != wanted:
            problems.append(
                _("het team heeft %(wanted)s × %(role)s nodig, niet %(have)s") % {"wanted": wanted, "role": role, "have": have}
            )
    if any(not declared for _role, declared in members):
        problems.append(_("niet ieder teamlid heeft verklaard geen belangen te hebben bij de afdeling"))
    return problems


# --- deadlines (exact dates) -----------------------------------------------------------------


def dossier_due(visit_date: date) -> date:
    """The dossier is due at least eight weeks before the visit: the same weekday, 56 days earlier."""
    return visit_date - timedelta(weeks=DOSSIER_WEEKS_BEFORE_VISIT)


def dossier_reminders(visit_date: date) -> tuple[date, ...]:
    due = dossier_due(visit_date)
    return tuple(due - timedelta(days=days) for days in DOSSIER_REMINDER_DAYS)


def hearing_due(sent_on: date, days: int) -> date:
    """The department's response to the draft report is due ``days`` days after it was sent (that day included)."""
    return sent_on + timedelta(days=days)


def objection_due(decided_on: date, weeks: int) -> date:
    """Objection is possible up to and including ``weeks`` weeks after the decision."""
    return decided_on + timedelta(weeks=weeks)


def recovery_due(started_on: date) -> date:
    """Six calendar months after the recovery period starts (the month's last day where the day does not exist)."""
    return started_on + relativedelta(months=RECOVERY_MONTHS)


def invitation_date(valid_until: date) -> date:
    """Twelve months before a certificate expires (the day after its last valid day) the department is invited."""
    return valid_until + timedelta(days=1) - relativedelta(months=12)
