"""Small helpers shared by the rules: formatting numbers and names in Dutch."""

from __future__ import annotations

from fractions import Fraction

from certification.format.periods import fmt


def hours(value: float) -> str:
    """16 -> "16", 7.5 -> "7,5"."""
    return f"{value:g}".replace(".", ",")


def percent(value: Fraction) -> str:
    """A share as a Dutch percentage, rounded *down* to one decimal so 49,96% never shows as 50%."""
    tenths = (value * 1000).numerator // (value * 1000).denominator
    whole, tenth = divmod(tenths, 10)
    return f"{whole}%" if tenth == 0 else f"{whole},{tenth}%"


def share(value) -> Fraction:
    """A norm's share (0.5 in the data) as an exact fraction."""
    return Fraction(str(value))


def names(items) -> str:
    """'A', 'B' en 'C'."""
    quoted = [f"'{i}'" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " en " + quoted[-1]


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def short(text: str, limit: int = 80) -> str:
    """A free text cut to ``limit`` characters for a one-line reason."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def blank(text: str) -> bool:
    return not (text or "").strip()


def absence(member, day) -> str:
    """Why a staff member is not attached on ``day`` ("" if they are)."""
    if member.start_date and member.start_date > day:
        return f"begint pas op {fmt(member.start_date)}, na de visitatiedatum {fmt(day)}"
    if member.end_date and member.end_date < day:
        return f"vertrokken op {fmt(member.end_date)}, voor de visitatiedatum {fmt(day)}"
    return ""


def departure_note(o, member, role: str, day, path: str) -> None:
    """Note an announced departure on or after the visitation day: that is a change to report."""
    if member.end_date and member.end_date >= day:
        o.note(
            f"{role} '{member.name}' vertrekt op {fmt(member.end_date)}: dat is een wijziging die binnen een maand "
            f"gemeld moet worden, met herstel binnen zes maanden.",
            path,
        )
