"""Continuous compliance, pure: judge a dossier as of any day, and for each criterion that fails, since when.

Definitions (issue 14; the app and ``manage.py certification check --on`` use exactly these):

- A change takes effect on the first day a criterion fails: the day after a person's end date, a
  study's end date, a training place's last day (or a university agreement's end date).
- The notification is due one calendar month after that day, recovery six calendar months after
  (same day number; the month's last day where that day does not exist).

The checker judges a dossier as of its visitation date; judging it "as of ``day``" is the same
dossier with ``day`` as that date. A dossier changes only on the change days above, so a criterion fails
"since" the latest change day on which it fails while it passed the day before, provided it fails on
every change day from there up to ``day``. Where no change day qualifies (it failed before every
change, or it passed after the last change and a moving window made it fail) ``since`` is None:
no change in the dossier explains the failure, and the committee judges it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from certification.format.dossier import Dossier
from certification.rules.checker import check_dossier
from certification.rules.criteria import CriteriaSetData
from certification.rules.report import FAIL, CheckReport, Verdict

from .rules import months_after

NOTIFICATION_MONTHS = 1
RECOVERY_MONTHS = 6


@dataclass(frozen=True)
class Failure:
    number: int
    title: str
    since: date | None  # None: no change in the dossier explains it (it failed before, or a window moved)
    notification_due: date | None
    recovery_due: date | None
    reasons: tuple[str, ...]


def notification_due(since: date) -> date:
    return months_after(since, NOTIFICATION_MONTHS)


def recovery_due(since: date) -> date:
    return months_after(since, RECOVERY_MONTHS)


def change_days(dossier: Dossier) -> list[date]:
    """The days the dossier changes by itself: the day after each end date it holds."""
    ends = [m.end_date for m in dossier.staff]
    ends += [s.end_date for s in dossier.studies]
    ends += [a.end_date for a in dossier.university_agreements]
    ends += [place.end_date for place in dossier.training.places]
    return sorted({end + timedelta(days=1) for end in ends if end is not None})


def judge_on(dossier: Dossier, criteria: CriteriaSetData, day: date) -> CheckReport:
    return check_dossier(replace(dossier, visitation_date=day), criteria)


def _failing(report: CheckReport) -> dict[int, object]:
    return {r.number: r for r in report.results if r.verdict is Verdict.NOT_MET}


def failures_on(dossier: Dossier, criteria: CriteriaSetData, day: date, *, since_not_before: date | None = None) -> list[Failure]:
    """Each criterion that fails on ``day``, with the first day it fails and the two deadlines.

    ``since_not_before`` (for a certified department: the certificate's first day) keeps the search
    for the first failing day from going back past the day the department was last judged whole.
    """
    today = _failing(judge_on(dossier, criteria, day))
    if not today:
        return []
    candidates = [c for c in change_days(dossier) if c <= day and (since_not_before is None or c >= since_not_before)]
    cache: dict[date, dict[int, object]] = {}

    def fails(number: int, on: date) -> bool:
        if on not in cache:
            cache[on] = _failing(judge_on(dossier, criteria, on))
        return number in cache[on]

    found = []
    for number, result in today.items():
        since = None
        for candidate in reversed(candidates):
            if not fails(number, candidate):
                break  # it passed after the last change: no change explains the failure
            if not fails(number, candidate - timedelta(days=1)):
                since = candidate
                break
        found.append(
            Failure(
                number=number,
                title=result.title,
                since=since,
                notification_due=notification_due(since) if since else None,
                recovery_due=recovery_due(since) if since else None,
                reasons=tuple(reason.text for reason in result.reasons if reason.effect == FAIL),
            )
        )
    return sorted(found, key=lambda f: f.number)
