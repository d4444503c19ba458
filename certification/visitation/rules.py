"""The certificate's rules as pure functions (no database): validity, state on a day, the register's view.

Definitions (issue 14, used by the app and by ``manage.py certification check --on``):

- A certificate is valid for four years from the board's decision, up to and including the day
  before the same date four years later (``relativedelta``: the month's last day where that day
  does not exist).
- A suspended or withdrawn certificate is not in force from the day of the suspension or
  withdrawal; a suspension that is lifted puts it back in force from that day until its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

VALIDITY_YEARS = 4

VALID = "valid"
SUSPENDED = "suspended"
WITHDRAWN = "withdrawn"
EXPIRED = "expired"
NOT_YET = "not_yet"

# The register's three statuses (register.models.Department.Status); certification writes them.
REGISTER_CERTIFIED = "certified"
REGISTER_IN_PROCEDURE = "in_procedure"
REGISTER_EXPIRED = "expired"


def valid_until(decided_on: date) -> date:
    """The last day a certificate decided on ``decided_on`` is valid: the day before the same date four years later."""
    return decided_on + relativedelta(years=VALIDITY_YEARS) - timedelta(days=1)


def months_after(day: date, months: int) -> date:
    """The same day number ``months`` calendar months later; the month's last day where that day does not exist."""
    return day + relativedelta(months=months)


@dataclass(frozen=True)
class Suspension:
    start: date
    end: date | None = None  # the day it was lifted (in force again from that day); None: still suspended


@dataclass(frozen=True)
class CertificateFacts:
    """What the rules need of one certificate."""

    valid_from: date
    valid_until: date
    suspensions: tuple[Suspension, ...] = ()
    withdrawn_on: date | None = None


def state_on(certificate: CertificateFacts, day: date) -> str:
    """``valid``, ``suspended``, ``withdrawn``, ``expired`` or ``not_yet`` on ``day``."""
    if certificate.withdrawn_on is not None and day >= certificate.withdrawn_on:
        return WITHDRAWN
    if day < certificate.valid_from:
        return NOT_YET
    if day > certificate.valid_until:
        return EXPIRED
    for suspension in certificate.suspensions:
        if suspension.start <= day and (suspension.end is None or day < suspension.end):
            return SUSPENDED
    return VALID


def last_day_in_force(certificate: CertificateFacts, day: date) -> date:
    """The last day up to ``day`` the certificate was in force (its end, or the day before it stopped)."""
    if certificate.withdrawn_on is not None and certificate.withdrawn_on <= certificate.valid_until:
        end = certificate.withdrawn_on - timedelta(days=1)
    else:
        end = certificate.valid_until
    for suspension in certificate.suspensions:
        if suspension.end is None and suspension.start <= day:
            end = min(end, suspension.start - timedelta(days=1))
    return end


@dataclass(frozen=True)
class RegisterState:
    status: str
    certified_from: date | None
    certified_until: date | None


def register_state(certificates: list[CertificateFacts], day: date, current: RegisterState) -> RegisterState:
    """The register's status and dates on ``day``, derived from the department's certificates.

    A certificate in force: ``certified`` with its dates. Otherwise the most recent certificate that
    has begun: ``expired`` with the first day and the last day it was in force (a register entry
    with dates keeps ``until`` after ``from``: the database requires it). No certificate that has
    begun: the register keeps what it had (entries from before the platform issued certificates),
    except that a department whose only certificates lie in the future is ``in_procedure``.
    """
    begun = sorted((c for c in certificates if c.valid_from <= day), key=lambda c: c.valid_from)
    for certificate in reversed(begun):
        if state_on(certificate, day) == VALID:
            return RegisterState(REGISTER_CERTIFIED, certificate.valid_from, certificate.valid_until)
    if begun:
        latest = begun[-1]
        end = max(last_day_in_force(latest, day), latest.valid_from + timedelta(days=1))
        return RegisterState(REGISTER_EXPIRED, latest.valid_from, end)
    if certificates:
        return RegisterState(REGISTER_IN_PROCEDURE, None, None)
    return current


def current_index(certificates: list[CertificateFacts], day: date) -> int | None:
    """Which of a department's certificates tells its state on ``day`` (the index, or None for none):
    the one in force (the latest to begin), else the latest that has begun (expired, suspended or
    withdrawn: shown as such), else the first that is still to begin."""
    if not certificates:
        return None
    order = sorted(range(len(certificates)), key=lambda i: certificates[i].valid_from)
    begun = [i for i in order if certificates[i].valid_from <= day]
    for i in reversed(begun):
        if state_on(certificates[i], day) == VALID:
            return i
    if begun:
        return begun[-1]
    return order[0]


def certificate_number(year: int, sequence: int) -> str:
    """``TOPGGZ-2026-0007``: the year of the decision and a sequence number within that year."""
    return f"TOPGGZ-{year}-{sequence:04d}"
