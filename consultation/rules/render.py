"""The replay report as Dutch text and as JSON (pure)."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from .clocks import ClockResult
from .escalation import LEVEL_NAMES_NL, LEVELS
from .quarters import CRITERION_3_KINDS

if TYPE_CHECKING:
    from .lifecycle import AssignmentClocks
    from .replay import Report, RequestReport

KINDS_NL = {
    "consultation": "consultatie & advies",
    "second_opinion": "second opinion",
    "co_treatment": "medebehandeling",
    "remote_supervision": "supervisie op afstand",
    "treatment": "verzoek om behandeling",
}
STATUSES_NL = {
    "at_desk": "bij de balie van het bureau",
    "new": "nieuw",
    "in_progress": "in behandeling",
    "waiting_info": "wacht op informatie",
    "answered": "beantwoord",
    "declined": "afgewezen",
    "closed": "gesloten",
}
REASONS_NL = {
    "exclusion_criterion": "exclusiecriterium van de afdeling",
    "outside_target_group": "buiten de doelgroep",
    "registration_pause": "aanmeldstop",
    "not_high_specialist": "niet hoogspecialistisch",
    "other": "andere reden",
}
ENDED_BY_NL = {"declined": "afgewezen", "forwarded": "doorgestuurd", "closed": "gesloten"}
ESCALATION_OUTCOMES_NL = {
    "placed": "geplaatst",
    "advice": "advies gegeven",
    "no_solution": "geen oplossing",
    "withdrawn": "cliënt trok zich terug",
}
CLOSE_OUTCOMES_NL = {
    "helped": "geholpen",
    "not_helped": "niet geholpen",
    "withdrawn": "ingetrokken",
    "referred": "verwezen",
    "other": "anders",
}
CLOCKS_NL = {"triage": ("triage", "besloten"), "answer": ("antwoord", "gegeven")}


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _days(n: int, word: str = "werkdag", plural: str = "werkdagen") -> str:
    return f"{n} {word if n == 1 else plural}"


# ------------------------------------------------------------------ text


def _clock_line(name: str, clock: ClockResult, a: AssignmentClocks) -> str:
    label, done_word = CLOCKS_NL[name]
    head = f"{label} ({_days(clock.working_days)}): "
    due = f"uiterlijk {_d(clock.due_on)}" if clock.due_on else "geen termijn zolang op informatie wordt gewacht"
    used = f"{_days(clock.working_days_used)} gebruikt"
    if clock.done_on is not None:
        verdict = "op tijd" if clock.met else "te laat"
        done_on = a.triaged_on if name == "triage" else a.answered_on
        how = f"{done_word} {_d(done_on)}" if done_on else f"gestopt {_d(clock.done_on)} ({ENDED_BY_NL[a.ended_by]})"
        return f"{head}{due}; {how}: {verdict} ({used})"
    if clock.paused:
        state = "staat stil (wacht op informatie)" + (", termijn verstreken" if clock.overdue else "")
    elif clock.overdue:
        state = "loopt, termijn verstreken"
    else:
        state = f"loopt, nog {_days(clock.working_days_left)}" + ("; herinnering" if clock.remind else "")
    return f"{head}{due}; {state} ({used})"


def _assignment_lines(a: AssignmentClocks) -> list[str]:
    ended = f", {ENDED_BY_NL[a.ended_by]} {_d(a.ended_on)}" if a.ended_on else ""
    lines = [f"  Afdeling {a.department}, ontvangen {_d(a.received_on)}{ended}"]
    for name, clock in (("triage", a.triage), ("answer", a.answer)):
        if clock is not None:
            lines.append("    " + _clock_line(name, clock, a))
    return lines


def _waiting_line(r: RequestReport) -> str | None:
    w = r.waiting
    if w is None:
        return None
    until = {"treatment_started": "tot de start van de behandeling", "closed": "tot het sluiten", "today": "tot vandaag"}
    norm = f"boven de norm van {w.norm_weeks} weken" if w.over_norm else f"binnen de norm van {w.norm_weeks} weken"
    return (
        f"  Wachttijd: {_days(w.days, 'dag', 'dagen')} ({_decimal(w.weeks)} weken) sinds {_d(w.since)} "
        f"{until[w.until_reason]}; meegenomen bij ontvangst: {_days(w.carried_over_days, 'dag', 'dagen')}; {norm}"
    )


def _escalation_lines(r: RequestReport) -> list[str]:
    s = r.state
    lines = []
    if s.escalations:
        current = s.open_escalation
        head = (
            f"niveau {current.level} ({LEVEL_NAMES_NL[current.level]}) sinds {_d(current.entered_on)}"
            if current
            else "geen open niveau"
        )
        lines.append(f"  Escalatie: {head}")
        for entry, days in zip(sorted(s.escalations, key=lambda e: e.entered_on), r.levels):
            how = "open" if days.open else f"tot {_d(entry.left_on)}"
            outcome = f", {ESCALATION_OUTCOMES_NL[entry.outcome]}" if entry.outcome else ""
            placed = f" bij {entry.placed_at}" if entry.placed_at else ""
            lines.append(
                f"    niveau {entry.level} {LEVEL_NAMES_NL[entry.level]}: {_days(days.days, 'dag', 'dagen')} "
                f"({_d(entry.entered_on)} {how}{outcome}{placed})"
            )
    if r.auto_escalation_due:
        lines.append(
            f"  Automatische escalatie naar niveau 1 nodig: afgewezen door {len(s.declined_by)} afdeling(en), "
            f"{r.clocks_expired} verlopen termijn(en)"
        )
    return lines


def _request_lines(r: RequestReport) -> list[str]:
    s = r.state
    lines = [f"Verzoek {s.request}: {KINDS_NL[s.kind]}; status {STATUSES_NL[s.status]}"]
    if s.via_desk:
        lines.append(f"  Ontvangen bij de balie van het bureau op {_d(s.first_received_on)}")
    for a in r.assignments:
        lines += _assignment_lines(a)
    if s.declines:
        reasons = "; ".join(f"{d.department} {_d(d.on)}: {REASONS_NL[d.reason]}" for d in s.declines)
        lines.append(f"  Afwijzingen: {reasons}")
    waiting = _waiting_line(r)
    if waiting:
        lines.append(waiting)
    lines += _escalation_lines(r)
    if s.closed_on:
        extra = []
        if s.helped is not None:
            extra.append("het antwoord hielp" if s.helped else "het antwoord hielp niet")
        if s.referral_avoided is not None:
            extra.append("verwijzing voorkomen" if s.referral_avoided else "verwijzing niet voorkomen")
        tail = f" ({', '.join(extra)})" if extra else ""
        lines.append(f"  Gesloten {_d(s.closed_on)}: {CLOSE_OUTCOMES_NL[s.outcome]}{tail}")
    return [line for line in lines if line]


def _quarter_groups(report: Report) -> list[dict]:
    groups: dict[tuple, dict] = {}
    for q in report.quarters:
        group = groups.setdefault(
            (q.department, q.year, q.quarter),
            {
                "department": q.department,
                "year": q.year,
                "quarter": q.quarter,
                "label": q.label,
                "kinds": {},
                "total": 0,
                "supra_regional": 0,
                "unknown_region": 0,
            },
        )
        group["kinds"][q.kind] = {
            "count": q.count,
            "supra_regional": q.supra_regional,
            "unknown_region": q.unknown_region,
            "share": round(q.share, 4),
        }
        group["total"] += q.count
        group["supra_regional"] += q.supra_regional
        group["unknown_region"] += q.unknown_region
    for group in groups.values():
        group["share"] = round(group["supra_regional"] / group["total"], 4) if group["total"] else 0.0
        c3 = [group["kinds"][k] for k in CRITERION_3_KINDS if k in group["kinds"]]
        count = sum(k["count"] for k in c3)
        supra = sum(k["supra_regional"] for k in c3)
        group["criterion_3"] = {"count": count, "supra_regional": supra, "share": round(supra / count, 4) if count else 0.0}
    return list(groups.values())


def render_text(report: Report) -> str:
    """The report as Dutch text, one block per request, then the quarter counts."""
    lines = [f"Consultatiebalie: herberekening op {_d(report.today)} ({len(report.requests)} verzoek(en))", ""]
    for r in report.requests:
        lines += _request_lines(r)
        lines.append("")
    lines.append("Per afdeling en kwartaal (beantwoorde verzoeken, geteld in het kwartaal van het antwoord)")
    groups = _quarter_groups(report)
    if not groups:
        lines.append("  geen beantwoorde verzoeken")
    for g in groups:
        kinds = ", ".join(f"{KINDS_NL[k]} {v['count']}" for k, v in g["kinds"].items())
        unknown = f"; regio onbekend: {g['unknown_region']}" if g["unknown_region"] else ""
        lines.append(
            f"  {g['department']} {g['label']}: {kinds}; bovenregionaal {g['supra_regional']} van {g['total']} "
            f"({_percent(g['share'])}){unknown}"
        )
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ JSON


def _clock_dict(clock: ClockResult | None) -> dict | None:
    if clock is None:
        return None
    return {
        "working_days": clock.working_days,
        "due_on": _d(clock.due_on),
        "done_on": _d(clock.done_on),
        "met": clock.met,
        "overdue": clock.overdue,
        "paused": clock.paused,
        "working_days_used": clock.working_days_used,
        "working_days_left": clock.working_days_left,
        "remind": clock.remind,
    }


def _request_dict(r: RequestReport) -> dict:
    s = r.state
    w = r.waiting
    open_level = s.open_escalation
    return {
        "request": s.request,
        "kind": s.kind,
        "status": s.status,
        "department": s.department,
        "first_received_on": _d(s.first_received_on),
        "via_desk": s.via_desk,
        "assignments": [
            {
                "department": a.department,
                "received_on": _d(a.received_on),
                "ended_on": _d(a.ended_on),
                "ended_by": a.ended_by,
                "triaged_on": _d(a.triaged_on),
                "answered_on": _d(a.answered_on),
                "clocks": {"triage": _clock_dict(a.triage), "answer": _clock_dict(a.answer)},
            }
            for a in r.assignments
        ],
        "declines": [
            {"department": d.department, "on": _d(d.on), "reason": d.reason, "suggestion": d.suggestion}
            for d in s.declines
        ],
        "forwards": [{"from": f.from_department, "to": f.to_department, "on": _d(f.on)} for f in s.forwards],
        "waiting": None
        if w is None
        else {
            "since": _d(w.since),
            "until": _d(w.until),
            "until_reason": w.until_reason,
            "days": w.days,
            "weeks": w.weeks,
            "carried_over_days": w.carried_over_days,
            "norm_weeks": w.norm_weeks,
            "over_norm": w.over_norm,
        },
        "escalation": {
            "level": open_level.level if open_level else None,
            "ladder_level": s.ladder_level,
            "levels": [
                {
                    "level": e.level,
                    "name": LEVELS[e.level],
                    "by": e.by,
                    "entered_on": _d(e.entered_on),
                    "left_on": _d(e.left_on),
                    "days": days.days,
                    "open": days.open,
                    "outcome": e.outcome,
                    "placed_at": e.placed_at,
                }
                for e, days in zip(sorted(s.escalations, key=lambda e: e.entered_on), r.levels)
            ],
            "declined_by": len(s.declined_by),
            "clocks_expired": r.clocks_expired,
            "auto_escalation_due": r.auto_escalation_due,
        },
        "answered_on": _d(s.answered_on),
        "answered_by": s.answered_by,
        "treatment_started_on": _d(s.treatment_started_on),
        "closed_on": _d(s.closed_on),
        "outcome": s.outcome,
        "helped": s.helped,
        "referral_avoided": s.referral_avoided,
    }


def to_dict(report: Report) -> dict:
    """The report as JSON-ready data."""
    return {
        "today": _d(report.today),
        "valid": report.valid,
        "errors": [e.to_dict() for e in report.errors],
        "requests": [_request_dict(r) for r in report.requests],
        "quarters": _quarter_groups(report),
    }


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
