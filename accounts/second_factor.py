"""The lock-out of the second log-in step: pure rules, no database access.

Every wrong code (a code from the authenticator app, a recovery code, or the
first code when the app is linked) counts for the user, whatever session or
address it came from. After ``limit`` wrong codes in a row the second step is
locked for ``cooloff``; the count then starts again, so after the cool-off
the user has ``limit`` tries once more. A code that passes resets the count.
The bureau can lift a lock before the cool-off ends.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class SecondFactorState:
    failures: int
    locked_until: datetime | None


def locked(locked_until: datetime | None, now: datetime) -> bool:
    """Whether the second step is locked at ``now``."""
    return locked_until is not None and now < locked_until


def after_failure(state: SecondFactorState, *, now: datetime, limit: int, cooloff: timedelta) -> SecondFactorState:
    """The state after one more wrong code; a lock starts when the count reaches ``limit``."""
    if locked(state.locked_until, now):
        return state
    failures = state.failures + 1
    if failures >= max(1, limit):
        return SecondFactorState(failures=0, locked_until=now + cooloff)
    return SecondFactorState(failures=failures, locked_until=None)


def after_success() -> SecondFactorState:
    return SecondFactorState(failures=0, locked_until=None)
