"""Demand against supply (pure): counts of consultation requests, refusals, escalations and triage
outcomes per region, target group and quarter; inflow, throughput and outflow per quarter.

The inputs are anonymous rows read by insight.selectors (codes and dates only, no content):

- ``RequestRow``: one consultation request with its quarter of receipt, region, target groups,
  whether it was declined (and the reason code), whether it was escalated, and the quarters in
  which a treatment started and the request was closed.
- ``TriageRow``: one triage result: quarter, region, target group, outcome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


def quarter_label(day: date | None) -> str | None:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else None


@dataclass(frozen=True)
class RequestRow:
    quarter: str
    region: str  # zorgkantoor region name, or "onbekend"
    target_groups: tuple[str, ...]  # labels
    declined_reason: str | None  # DeclineReason code
    concerns: tuple[str, ...]  # exclusion criteria labels named in the request
    escalated: bool
    started_quarter: str | None
    closed_quarter: str | None


@dataclass(frozen=True)
class TriageRow:
    quarter: str
    region: str
    target_group: str
    outcome: str  # ResultOutcome code


def requests_by(rows: Iterable[RequestRow], key: str) -> dict[str, tuple[int, int, int]]:
    """{value of `key` ("region", "target_group" or "quarter"): (requests, declined, escalated)}.
    A request with several target groups counts once in each of them."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        values = row.target_groups or ("onbekend",) if key == "target_group" else (getattr(row, key),)
        for value in values:
            cell = counts.setdefault(value, [0, 0, 0])
            cell[0] += 1
            cell[1] += row.declined_reason is not None
            cell[2] += row.escalated
    return {k: tuple(v) for k, v in sorted(counts.items())}


def refusals_by_reason(rows: Iterable[RequestRow]) -> Counter:
    return Counter(row.declined_reason for row in rows if row.declined_reason)


def exclusion_refusals(rows: Iterable[RequestRow]) -> Counter:
    """How often each exclusion criterion was named in a request refused for an exclusion criterion."""
    counter: Counter = Counter()
    for row in rows:
        if row.declined_reason == "exclusion_criterion":
            counter.update(row.concerns or ("niet opgegeven",))
    return counter


def flow(rows: Iterable[RequestRow]) -> dict[str, tuple[int, int, int]]:
    """{quarter: (inflow: received, throughput: treatment started, outflow: closed)}."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        counts.setdefault(row.quarter, [0, 0, 0])[0] += 1
        if row.started_quarter:
            counts.setdefault(row.started_quarter, [0, 0, 0])[1] += 1
        if row.closed_quarter:
            counts.setdefault(row.closed_quarter, [0, 0, 0])[2] += 1
    return {k: tuple(v) for k, v in sorted(counts.items())}


def triage_outcomes(rows: Iterable[TriageRow], key: str, outcomes: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """{value of `key`: counts per outcome, in the order of `outcomes`}."""
    order = list(outcomes)
    counts: dict[str, list[int]] = {}
    for row in rows:
        cell = counts.setdefault(getattr(row, key), [0] * len(order))
        if row.outcome in order:
            cell[order.index(row.outcome)] += 1
    return {k: tuple(v) for k, v in sorted(counts.items())}
