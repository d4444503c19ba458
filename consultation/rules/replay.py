"""Replaying an event log with the desk's rules (pure): ``manage.py consultation replay`` is a thin shell.

``load_events(data)`` validates a parsed JSON document against
``consultation/schema/events.schema.json`` and returns the log with every
error found; ``replay(log, ...)`` applies the events with the same state
machine the web app uses (``lifecycle.apply``) and computes, per request, its
status, each assignment's clocks, the waiting time, the escalation levels, and
per department and quarter the counts by kind with the supra-regional share.

Errors are collected, never raised one at a time: every schema error with its
JSON path, every refused transition with its event index and request, every
unknown department or postcode, every BSN-like number in the log, and the
first event of a request dated after the report's day. An event the schema
refuses is not applied, and neither are the later events of its request (they
would only repeat the first error); a refused transition is skipped and the
request's next events are still tried; the other requests are replayed in full.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .bsn import find_bsns
from .calendar import dutch_calendar
from .clocks import DEFAULT_CLOCKS, REMIND_BEFORE
from .config import DECLINE_LIMIT, EXPIRED_LIMIT, DeskConfig
from .escalation import LevelDays, days_in_levels
from .jsonerrors import json_path, schema_errors
from .lifecycle import (
    CLOSED,
    AssignmentClocks,
    CaseState,
    Event,
    TransitionRefused,
    all_clocks,
    apply,
    clocks_expired,
    escalation_due,
)
from .quarters import AnsweredRequest, QuarterCount, quarter_counts
from .render import render_text, to_dict, to_json
from .waiting import Waiting, waiting_of

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "events.schema.json"
MAX_BYTES = 20 * 1024 * 1024  # a log of about 100,000 events


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@dataclass(frozen=True)
class ReplayError:
    """Something wrong in the log: where (JSON path), what (Dutch), and for which event and request."""

    path: str
    message: str
    index: int | None = None  # the event's position in "events"
    request: str | None = None
    code: str | None = None  # a refused transition's code

    def __str__(self) -> str:
        where = f" (verzoek {self.request})" if self.request else ""
        return f"{self.path}{where}: {self.message}"

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class EventLog:
    """A validated log: its events (each with its index in the file), report day, configuration and regions."""

    events: tuple[tuple[int, Event], ...] = ()
    today: date | None = None
    config: DeskConfig = field(default_factory=DeskConfig)
    departments: Mapping[str, frozenset[str]] = field(default_factory=dict)
    postcodes: Mapping[str, str] = field(default_factory=dict)
    invalid_from: Mapping[str, int] = field(default_factory=dict)  # request -> index of its first invalid event

    def referenced(self) -> tuple[set[str], set[str]]:
        """The department slugs and postcodes the events name (to look up what the file does not give)."""
        departments, postcodes = set(), set()
        for _, event in self.events:
            if event.data.get("department"):
                departments.add(event.data["department"])
            if event.data.get("patient_pc4"):
                postcodes.add(event.data["patient_pc4"])
        return departments, postcodes


# ------------------------------------------------------------------ loading


def parse_json(text: str | bytes) -> tuple[Any, list[ReplayError]]:
    """The file's JSON, or the reason it is not JSON."""
    size = len(text.encode("utf-8")) if isinstance(text, str) else len(text)
    if size > MAX_BYTES:
        return None, [ReplayError("$", f"het bestand is {size // (1024 * 1024)} MB; de grens is 20 MB")]
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, [ReplayError("$", f"het bestand is geen UTF-8-tekst ({exc.reason})")]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        return None, [ReplayError("$", f"geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})")]
    except RecursionError:
        return None, [ReplayError("$", "het bestand is te diep genest")]


def _sort_key(error: ReplayError):
    return (error.index if error.index is not None else -1, error.path)


def _event_at(data, location) -> tuple[int | None, str | None]:
    """The index of the event ``location`` lies in, and that event's request id (when it has a usable one)."""
    if len(location) < 2 or location[0] != "events" or not isinstance(location[1], int):
        return None, None
    event = data["events"][location[1]]
    request = event.get("request") if isinstance(event, dict) else None
    return location[1], request if isinstance(request, str) else None


def _schema_errors(data) -> list[ReplayError]:
    errors: list[ReplayError] = []
    unknown: set[str] = set()
    # Unknown fields first: a field no event has is "onbekend veld", not also "not for this kind".
    raw = sorted(_validator().iter_errors(data), key=lambda e: "propertyNames" in e.relative_schema_path)
    for error in raw:
        index, request = _event_at(data, tuple(error.absolute_path))
        naming = "propertyNames" in error.relative_schema_path
        for location, message in schema_errors(error):
            path = json_path(location)
            if naming and path in unknown:
                continue
            if naming and index is not None and len(location) == 3:
                message = f"hoort niet bij een gebeurtenis {json.dumps(data['events'][index].get('kind'))}"
            if error.validator == "additionalProperties":
                unknown.add(path)
            found = ReplayError(path, message, index, request)
            if found not in errors:  # a date can fail both its format and its pattern
                errors.append(found)
    return errors


def _config(raw: Mapping | None) -> DeskConfig:
    raw = raw or {}
    clocks = {kind: dict(lengths) for kind, lengths in DEFAULT_CLOCKS.items()}
    for kind, lengths in (raw.get("clocks") or {}).items():
        clocks[kind].update(lengths)
    extra = [date.fromisoformat(d) for d in raw.get("extra_days_off", [])]
    return DeskConfig(
        clocks=clocks,
        decline_limit=raw.get("decline_limit", DECLINE_LIMIT),
        expired_limit=raw.get("expired_limit", EXPIRED_LIMIT),
        remind_before=raw.get("remind_before", REMIND_BEFORE),
        calendar=dutch_calendar(extra_days_off=extra),
    )


def _event(raw: Mapping) -> Event:
    data = {k: v for k, v in raw.items() if k not in ("request", "on", "kind")}
    if data.get("waiting_since"):
        data["waiting_since"] = date.fromisoformat(data["waiting_since"])
    return Event(raw["request"], date.fromisoformat(raw["on"]), raw["kind"], data)


def _bsn_errors(data) -> list[ReplayError]:
    """Every text in the log that holds a number passing the BSN eleven-test (the number is not repeated)."""
    errors = []
    stack = [((), data)]
    while stack:
        location, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(((*location, key), value) for key, value in node.items())
            stack.extend(((*location, key), key) for key in node if isinstance(key, str) and find_bsns(key))
        elif isinstance(node, list):
            stack.extend(((*location, i), value) for i, value in enumerate(node))
        elif isinstance(node, str) and find_bsns(node):
            index, request = _event_at(data, location)
            errors.append(
                ReplayError(
                    json_path(location),
                    "bevat een nummer dat de BSN-elfproef doorstaat; een verzoek noemt de patiënt alleen "
                    "gepseudonimiseerd (geen BSN)",
                    index,
                    None if request is not None and find_bsns(request) else request,
                    "bsn",
                )
            )
    return errors


def load_events(data) -> tuple[EventLog, list[ReplayError]]:
    """The log in ``data`` (parsed JSON) and every error in it; only valid events are in the log."""
    errors = _schema_errors(data) + _bsn_errors(data)
    if not isinstance(data, dict):
        return EventLog(), errors
    bad_places = {e.path for e in errors}
    bad_events = {e.index for e in errors if e.index is not None}

    def valid(path: str) -> bool:
        return not any(p == path or p.startswith(path + ".") or p.startswith(path + "[") for p in bad_places)

    today = date.fromisoformat(data["today"]) if "today" in data and valid("$.today") else None
    config = _config(data.get("config")) if valid("$.config") else DeskConfig()
    departments = {}
    if isinstance(data.get("departments"), dict):
        for slug, entry in data["departments"].items():
            if valid(json_path(("departments", slug))):
                departments[slug] = frozenset(entry["regions"])
    postcodes = {}
    if isinstance(data.get("postcodes"), dict):
        for pc4, region in data["postcodes"].items():
            if valid(json_path(("postcodes", pc4))):
                postcodes[pc4] = region
    events, invalid_from = [], {}
    raw_events = data.get("events") if isinstance(data.get("events"), list) else []
    for index, raw in enumerate(raw_events):
        request = raw.get("request") if isinstance(raw, dict) else None
        if index in bad_events:
            if isinstance(request, str):
                invalid_from.setdefault(request, index)
            continue
        events.append((index, _event(raw)))
    log = EventLog(tuple(events), today, config, departments, postcodes, invalid_from)
    return log, sorted(errors, key=_sort_key)


# ------------------------------------------------------------------ the report


@dataclass(frozen=True)
class RequestReport:
    state: CaseState
    assignments: tuple[AssignmentClocks, ...]
    waiting: Waiting | None
    levels: tuple[LevelDays, ...]
    clocks_expired: int
    auto_escalation_due: bool

    @property
    def request(self) -> str:
        return self.state.request


@dataclass(frozen=True)
class Report:
    today: date
    requests: tuple[RequestReport, ...]
    quarters: tuple[QuarterCount, ...]
    errors: tuple[ReplayError, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.errors


def request_report(state: CaseState, today: date, config: DeskConfig) -> RequestReport:
    return RequestReport(
        state=state,
        assignments=tuple(all_clocks(state, today, config)),
        waiting=waiting_of(state, today),
        levels=tuple(days_in_levels(state.escalations, today)),
        clocks_expired=clocks_expired(state, today, config),
        auto_escalation_due=escalation_due(state, today, config),
    )


def _refusal(index: int, event: Event, exc: TransitionRefused) -> ReplayError:
    return ReplayError(json_path(("events", index)), exc.dutch, index, event.request, exc.code)


def replay(
    log: EventLog,
    *,
    today: date | None = None,
    department_regions: Mapping[str, Iterable[str]] | None = None,
    postcode_regions: Mapping[str, str] | None = None,
) -> Report:
    """Apply the log's events and report; ``report.errors`` lists every refusal and unknown name.

    ``today`` defaults to the log's, else the real today. The region maps
    default to the log's own ``departments`` and ``postcodes``; a department
    or postcode an event names that is in neither is an error.
    """
    today = today or log.today or date.today()
    regions = {k: frozenset(v) for k, v in (department_regions if department_regions is not None else log.departments).items()}
    postcodes = postcode_regions if postcode_regions is not None else log.postcodes
    config = log.config
    states: dict[str, CaseState | None] = {}
    errors: list[ReplayError] = []
    in_future: set[str] = set()  # requests with an event after today: their later events are not read
    for index, event in log.events:
        invalid_at = log.invalid_from.get(event.request)
        if (invalid_at is not None and index > invalid_at) or event.request in in_future:
            continue
        errors.extend(_name_errors(index, event, regions, postcodes))
        if event.on > today:
            in_future.add(event.request)
            errors.append(
                ReplayError(
                    json_path(("events", index, "on")),
                    f"{event.on.isoformat()} ligt na de peildatum {today.isoformat()} "
                    "(de latere gebeurtenissen van dit verzoek zijn niet gelezen)",
                    index,
                    event.request,
                )
            )
            continue
        try:
            states[event.request] = apply(states.get(event.request), event, config)
        except TransitionRefused as exc:
            errors.append(_refusal(index, event, exc))
    done = [s for s in states.values() if s is not None]
    answered = [
        AnsweredRequest(
            department=s.answered_by,
            kind=s.kind,
            answered_on=s.answered_on,
            patient_region=postcodes.get(s.patient_pc4) if s.patient_pc4 else None,
            department_regions=regions.get(s.answered_by, frozenset()),
        )
        for s in done
        if s.answered_on is not None and s.answered_by is not None
    ]
    return Report(
        today=today,
        requests=tuple(request_report(s, today, config) for s in done),
        quarters=tuple(quarter_counts(answered)),
        errors=tuple(sorted(errors, key=_sort_key)),
    )


def _name_errors(index: int, event: Event, regions: Mapping, postcodes: Mapping) -> list[ReplayError]:
    errors = []
    department = event.data.get("department")
    if department and department not in regions:
        errors.append(
            ReplayError(
                json_path(("events", index, "department")),
                f"onbekende afdeling {json.dumps(department)}: niet in \"departments\" en niet in de database",
                index,
                event.request,
            )
        )
    pc4 = event.data.get("patient_pc4")
    if pc4 and pc4 not in postcodes:
        errors.append(
            ReplayError(
                json_path(("events", index, "patient_pc4")),
                f"onbekende postcode {json.dumps(pc4)}: niet in \"postcodes\" en niet in de database",
                index,
                event.request,
            )
        )
    return errors


def replay_data(data, *, today: date | None = None) -> Report:
    """Load and replay parsed JSON with only the file's own region data; all errors in ``report.errors``."""
    log, errors = load_events(data)
    report = replay(log, today=today)
    return Report(report.today, report.requests, report.quarters, tuple(sorted(errors + list(report.errors), key=_sort_key)))


__all__ = [
    "EventLog",
    "Report",
    "ReplayError",
    "RequestReport",
    "Waiting",
    "load_events",
    "parse_json",
    "render_text",
    "replay",
    "replay_data",
    "schema",
    "to_dict",
    "to_json",
]
