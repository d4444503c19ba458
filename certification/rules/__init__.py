"""The rule functions the norms of a criteria set point at, by ``kind``.

A rule is a pure function ``(dossier, params, context) -> Outcome``. It
reads every number from ``params`` (taken from the criteria set), so the
bureau changes a norm by editing data; a new *kind* of norm needs code.
Each rule declares a JSON Schema for its parameters: the admin validates a
set against it when the bureau saves, and the checker validates again
before running (a bad set gives ``needs_review``, never a crash).

The package is the pure half of certification: it reads a dossier as plain
data (``certification.format``) and a criteria set as ``criteria.CriteriaSetData``,
and never touches the database. ``checker.check_dossier`` runs every rule;
``report`` holds the verdicts; ``evidence`` the required-evidence checks.
"""

from .registry import (  # noqa: F401
    COUNT,
    FLAG,
    HOURS,
    NAMES,
    POSITIVE,
    RULES,
    SHARE,
    Context,
    RuleFunction,
    RuleSpec,
    norm_errors,
    params,
    rule,
)

# Register the rules (import order is the order in the admin's help text).
from . import (  # noqa: E402,F401
    consultation,
    figureheads,
    general,
    innovations,
    patients,
    presentations,
    publications,
    researchers,
    studies,
    training,
    university,
)
