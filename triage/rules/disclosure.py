"""Small counts out of sight (pure): what analysts see of the triage figures.

Outside the bureau's own staff, a count from 1 to 4 is shown as "<5" (``SMALL``): with so few
patients in a department, a quarter or a target group, a count could point to a person. Zero is
shown (nothing can be learned about a person from it). In a row whose total is shown, one hidden
cell could be worked out from the total and the others, so the smallest other non-zero cell is
hidden too (secondary suppression); when no such cell exists, the total is hidden. A share is
shown only when both its numerator and its denominator are shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"


@dataclass(frozen=True)
class Shown:
    value: int | None  # None: hidden
    text: str

    @property
    def hidden(self) -> bool:
        return self.value is None


def visible(value: int) -> Shown:
    return Shown(value, str(value))


HIDDEN = Shown(None, SMALL)


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def protect_row(cells: Sequence[int], total: int | None = None, *, hide: bool = True) -> tuple[list[Shown], Shown | None]:
    """The cells of one row (and its total, when the row has one), with small counts hidden when ``hide``."""
    if not hide:
        return [visible(c) for c in cells], (visible(total) if total is not None else None)
    if total is not None and is_small(total):
        return [HIDDEN if c else visible(0) for c in cells], HIDDEN
    hidden = [is_small(c) for c in cells]
    shown_total = visible(total) if total is not None else None
    if total is not None and sum(hidden) == 1:
        candidates = [(c, i) for i, c in enumerate(cells) if c and not hidden[i]]
        if candidates:
            hidden[min(candidates)[1]] = True
        else:
            shown_total = HIDDEN
    return [HIDDEN if h else visible(c) for c, h in zip(cells, hidden)], shown_total


def protect(value: int, *, hide: bool = True) -> Shown:
    return HIDDEN if hide and is_small(value) else visible(value)


def share_text(numerator: Shown, denominator: Shown, decimals: int = 0) -> str:
    """'62%' from shown counts; '' when either is hidden or the denominator is zero."""
    if numerator.hidden or denominator.hidden or not denominator.value:
        return ""
    return f"{100 * numerator.value / denominator.value:.{decimals}f}%"
