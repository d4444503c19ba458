"""The dossier's JSON format: load (validated) and export.

``dossier_from_json(data)`` validates ``data`` against
``schema/dossier.schema.json`` (JSON Schema draft 2020-12, formats
asserted) and against the rules a schema cannot express (references to
attachments and studies, dates in order, no more high-specialist
treatments than started, no duplicate quarters). It collects *every* error
with its JSON path and raises ``DossierValidationError`` listing them all;
only a valid file becomes a ``Dossier``. ``dossier_to_json`` is the way
back, so a dossier can be exported and re-imported unchanged.

Limits (``topggz.limits``) come first: ``parse_json`` refuses a file above
DOSSIER_IMPORT_MAX_BYTES before decoding it, reads NaN, Infinity, 1e999 and
integers of more than 15 digits as refused values instead of numbers, and
turns nesting deeper than Python can parse into an error; ``limit_errors``
then refuses nesting deeper than DOSSIER_IMPORT_MAX_DEPTH, lists longer
than DOSSIER_MAX_RECORDS_PER_KIND, text longer than IMPORT_MAX_TEXT_CHARS
and numbers that are not finite or absurdly large, each with its JSON path,
before the schema is applied (so hostile input never reaches the schema
validator).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from topggz import limits

from certification.format import dossier as d
from .periods import Quarter
from .schemaerrors import DossierError, document_order, json_path, schema_errors

__all__ = [
    "DossierError",
    "DossierValidationError",
    "dossier_from_json",
    "dossier_to_json",
    "json_path",
    "limit_errors",
    "parse_json",
    "schema",
]

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "dossier.schema.json"
FORMAT_VERSION = 1


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


class DossierValidationError(ValueError):
    def __init__(self, errors: list[DossierError]):
        self.errors = errors
        super().__init__(f"{len(errors)} fout(en) in het dossier:\n" + "\n".join(str(e) for e in errors))


def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------- rules beyond the schema


def _items(data, *keys):
    """(index, item) for the dict items of the list at ``data[keys...]``; nothing if the shape is wrong."""
    node = data
    for key in keys:
        if not isinstance(node, dict):
            return []
        node = node.get(key)
    if not isinstance(node, list):
        return []
    return [(i, item) for i, item in enumerate(node) if isinstance(item, dict)]


def _date(value) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) else None
        except ValueError:
            return None
    return None


def _semantic_errors(data) -> list[DossierError]:
    if not isinstance(data, dict):
        return []
    errors: list[DossierError] = []

    def add(location, message):
        errors.append(DossierError(tuple(location), message))

    # Attachments: unique ids, and every reference points at one.
    ids = set()
    for i, a in _items(data, "attachments"):
        aid = a.get("id")
        if isinstance(aid, str):
            if aid in ids:
                add(("attachments", i, "id"), f"bijlage-id {_show(aid)} komt vaker voor")
            ids.add(aid)

    def check_ref(location, value):
        if isinstance(value, str) and value and value not in ids:
            add(location, f"verwijst naar bijlage {_show(value)}, die niet in attachments staat")

    department = data.get("department")
    if isinstance(department, dict):
        check_ref(("department", "organigram"), department.get("organigram"))
    for i, m in _items(data, "staff"):
        check_ref(("staff", i, "cv"), m.get("cv"))
    for i, a in _items(data, "university_agreements"):
        check_ref(("university_agreements", i, "document"), a.get("document"))

    # Dates in order.
    for key in ("staff", "studies", "knowledge_transfer", "patient_participation", "university_agreements"):
        start_key = "date" if key in ("knowledge_transfer", "patient_participation") else "start_date"
        for i, item in _items(data, key):
            start, end = _date(item.get(start_key)), _date(item.get("end_date"))
            if start and end and end < start:
                add((key, i, "end_date"), f"de einddatum {end.isoformat()} ligt voor de begindatum {start.isoformat()}")

    # Studies: unique titles; references from innovations and PhD candidates.
    titles = set()
    for i, s in _items(data, "studies"):
        title = s.get("title")
        if isinstance(title, str):
            if title in titles:
                add(("studies", i, "title"), f"onderzoek {_show(title)} komt vaker voor; titels moeten uniek zijn")
            titles.add(title)
    for i, inn in _items(data, "innovations"):
        ref = inn.get("study")
        if isinstance(ref, str) and ref and ref not in titles:
            add(("innovations", i, "study"), f"verwijst naar onderzoek {_show(ref)}, dat niet in studies staat")
    for i, m in _items(data, "staff"):
        roles = m.get("roles")
        candidate = roles.get("phd_candidate") if isinstance(roles, dict) else None
        ref = candidate.get("study") if isinstance(candidate, dict) else None
        if isinstance(ref, str) and ref and ref not in titles:
            add(
                ("staff", i, "roles", "phd_candidate", "study"),
                f"verwijst naar onderzoek {_show(ref)}, dat niet in studies staat",
            )

    # Quarters: no duplicates; no more high-specialist treatments than started.
    seen = set()
    for i, q in _items(data, "patients", "treatments_started"):
        quarter = q.get("quarter")
        if isinstance(quarter, str):
            if quarter in seen:
                add(("patients", "treatments_started", i, "quarter"), f"kwartaal {quarter} komt vaker voor")
            seen.add(quarter)
        started, high = q.get("started"), q.get("high_specialist")
        if isinstance(started, int) and isinstance(high, int) and high > started:
            add(
                ("patients", "treatments_started", i, "high_specialist"),
                f"{high} met een hoogspecialistische zorgvraag is meer dan de {started} gestarte behandelingen",
            )
    for service in ("consultation", "second_opinion"):
        seen = set()
        for i, q in _items(data, service, "quarters"):
            quarter = q.get("quarter")
            if isinstance(quarter, str):
                if quarter in seen:
                    add((service, "quarters", i, "quarter"), f"kwartaal {quarter} komt vaker voor")
                seen.add(quarter)

    # Years: no duplicates.
    seen = set()
    for i, row in _items(data, "patients", "treated_per_year"):
        if row.get("year") in seen:
            add(("patients", "treated_per_year", i, "year"), f"jaar {row.get('year')} komt vaker voor")
        seen.add(row.get("year"))
    for p, place in _items(data, "training", "places"):
        seen = set()
        for i, row in _items(place, "occupancy"):
            if row.get("year") in seen:
                add(("training", "places", p, "occupancy", i, "year"), f"jaar {row.get('year')} komt vaker voor")
            seen.add(row.get("year"))
    return errors


# ------------------------------------------------------------------- limits

MAX_INT_DIGITS = 15  # more digits is no count, year or hour; Python itself refuses 4,300 with a traceback
MAX_LIMIT_ERRORS = 100


@dataclass(frozen=True)
class RefusedNumber:
    """What ``parse_json`` puts where the file has NaN, Infinity, 1e999 or a 5,000-digit integer."""

    text: str
    why: str


def _parse_int(text: str):
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return RefusedNumber(text[:20] + "…", f"is een geheel getal van {limits.number(len(text.lstrip('-')))} cijfers")
    return int(text)


def _parse_float(text: str):
    value = float(text)
    if not math.isfinite(value):
        return RefusedNumber(text[:40], "is geen eindig getal")
    return value


def _parse_constant(name: str):
    return RefusedNumber(name, "is geen getal (JSON kent NaN en Infinity niet)")


def parse_json(data: bytes | bytearray | str):
    """Parse a dossier file's bytes or text within the limits; raises ``DossierValidationError``.

    The size is checked before anything is decoded. Numbers that are not numbers come back as
    ``RefusedNumber`` (so ``limit_errors`` can name their JSON path) instead of NaN or a traceback.
    """
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if limits.over(size, "DOSSIER_IMPORT_MAX_BYTES"):
        raise DossierValidationError([DossierError((), limits.too_large("het bestand", size, "DOSSIER_IMPORT_MAX_BYTES"))])
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DossierValidationError([DossierError((), f"het bestand is geen UTF-8-tekst ({exc.reason})")]) from exc
    try:
        return json.loads(data, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        raise DossierValidationError(
            [DossierError((), f"geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})")]
        ) from exc
    except RecursionError as exc:
        depth = limits.number(limits.limit("DOSSIER_IMPORT_MAX_DEPTH"))
        raise DossierValidationError(
            [DossierError((), f"het bestand is te diep genest; de grens is {depth} niveaus (DOSSIER_IMPORT_MAX_DEPTH)")]
        ) from exc


def _number_text(value) -> str:
    """A refused number as the message shows it (never ``str`` of a huge integer, which Python refuses)."""
    if isinstance(value, float):
        return _show(value) if math.isfinite(value) else repr(value)
    if value.bit_length() > 64:
        return f"een getal van ongeveer {limits.number(int(value.bit_length() * math.log10(2)) + 1)} cijfers"
    return str(value)


def limit_errors(data) -> list[DossierError]:
    """Nesting, list lengths, text lengths and numbers beyond the limits, each with its JSON path.

    Walks the data without recursion and does not descend below a refused list or level, so the
    work is bounded by the limits, not by the input.
    """
    max_depth = limits.limit("DOSSIER_IMPORT_MAX_DEPTH")
    max_items = limits.limit("DOSSIER_MAX_RECORDS_PER_KIND")
    max_chars = limits.limit("IMPORT_MAX_TEXT_CHARS")
    errors: list[DossierError] = []
    stack = [((), data)]
    while stack and len(errors) < MAX_LIMIT_ERRORS:
        location, node = stack.pop()
        depth = len(location)
        if isinstance(node, (dict, list)):
            if depth >= max_depth:
                errors.append(
                    DossierError(location, f"is te diep genest; de grens is {limits.number(max_depth)} niveaus (DOSSIER_IMPORT_MAX_DEPTH)")
                )
                continue
            if len(node) > max_items:
                noun = "velden" if isinstance(node, dict) else "items"
                what = "dit object" if isinstance(node, dict) else "deze lijst"
                errors.append(DossierError(location, limits.too_many(what, len(node), "DOSSIER_MAX_RECORDS_PER_KIND", noun)))
                continue
            children = node.items() if isinstance(node, dict) else enumerate(node)
            for key, child in reversed(list(children)):
                if isinstance(key, str) and len(key) > max_chars:
                    errors.append(DossierError(location, f"een veldnaam is {limits.number(len(key))} tekens lang"))
                    continue
                stack.append(((*location, key), child))
        elif isinstance(node, str):
            if len(node) > max_chars:
                errors.append(
                    DossierError(
                        location,
                        f"de tekst is {limits.number(len(node))} tekens lang; de grens is {limits.number(max_chars)} (IMPORT_MAX_TEXT_CHARS)",
                    )
                )
        elif isinstance(node, RefusedNumber):
            errors.append(DossierError(location, f"{node.text} {node.why}"))
        elif (problem := limits.number_problem(node)) is not None:
            errors.append(DossierError(location, f"{_number_text(node)} {problem}"))
    return errors


def validation_errors(data) -> list[DossierError]:
    """Every problem in ``data`` (empty list: valid), in the order they appear in the file.

    Data beyond the limits is refused with only the limit errors: the schema is not applied to it.
    """
    refused = limit_errors(data)
    if refused:
        return refused
    errors = [e for error in _validator().iter_errors(data) for e in schema_errors(error)]
    errors += _semantic_errors(data)
    unique = list(dict.fromkeys(errors))  # a bad date fails both its pattern and its format
    return sorted(unique, key=lambda e: document_order(data, e.location))


# ------------------------------------------------------------------- load


def _opt_date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _strings(values) -> tuple[str, ...]:
    return tuple(values or ())


def dossier_from_json(data) -> d.Dossier:
    """A ``Dossier`` from parsed JSON; raises ``DossierValidationError`` with every error."""
    errors = validation_errors(data)
    if errors:
        raise DossierValidationError(errors)
    dep = data["department"]
    patients = data.get("patients", {})
    outcome = data.get("outcome_measurement", {})
    training = data.get("training", {})
    board = data.get("board_statement", {})
    selfev = data.get("self_evaluation", {})
    return d.Dossier(
        visitation_date=date.fromisoformat(data["visitation_date"]),
        criteria_set=data.get("criteria_set", ""),
        department=d.DepartmentInfo(
            name=dep["name"],
            institution=dep.get("institution", ""),
            register_slug=dep.get("register_slug", ""),
            specialised_since=_opt_date(dep.get("specialised_since")),
            target_group=dep.get("target_group", ""),
            diagnoses=_strings(dep.get("diagnoses")),
            age_groups=_strings(dep.get("age_groups")),
            other_characteristics=dep.get("other_characteristics", ""),
            locations=tuple(
                d.Location(name=x["name"], size=x.get("size", ""), care_functions=_strings(x.get("care_functions")))
                for x in dep.get("locations", ())
            ),
            specialist_offer=dep.get("specialist_offer", ""),
            management=dep.get("management", ""),
            organigram=dep.get("organigram", ""),
            chain_position=dep.get("chain_position", ""),
        ),
        staff=tuple(_staff_member(x) for x in data.get("staff", ())),
        patients=d.Patients(
            treated_per_year=tuple(
                d.YearCount(year=x["year"], count=x["count"]) for x in patients.get("treated_per_year", ())
            ),
            intake_criteria=patients.get("intake_criteria", ""),
            decision_tool=patients.get("decision_tool", ""),
            outflow_criteria=patients.get("outflow_criteria", ""),
            treatments_started=tuple(
                d.StartedQuarter(
                    quarter=Quarter.parse(x["quarter"]), started=x["started"], high_specialist=x["high_specialist"]
                )
                for x in patients.get("treatments_started", ())
            ),
        ),
        consultation=_service(data.get("consultation", {})),
        second_opinion=_service(data.get("second_opinion", {})),
        innovations=tuple(
            d.Innovation(
                title=x["title"],
                target_group=x.get("target_group", ""),
                description=x.get("description", ""),
                innovative_aspect=x.get("innovative_aspect", ""),
                difference_from_regular_care=x.get("difference_from_regular_care", ""),
                effectiveness_design=x.get("effectiveness_design", ""),
                study=x.get("study", ""),
            )
            for x in data.get("innovations", ())
        ),
        outcome_measurement=d.OutcomeMeasurement(
            instruments=tuple(
                d.Instrument(name=x["name"], moments=x.get("moments", "")) for x in outcome.get("instruments", ())
            ),
            individual_use=outcome.get("individual_use", ""),
            group_results=outcome.get("group_results", ""),
            appreciation_method=outcome.get("appreciation_method", ""),
            appreciation_results=outcome.get("appreciation_results", ""),
            adjustment_example=outcome.get("adjustment_example", ""),
        ),
        studies=tuple(
            d.Study(
                title=x["title"],
                subject=x.get("subject", ""),
                researchers=_strings(x.get("researchers")),
                start_date=date.fromisoformat(x["start_date"]),
                end_date=_opt_date(x.get("end_date")),
                phase=x.get("phase", ""),
                is_phd_study=x.get("is_phd_study", False),
                phd_candidate=x.get("phd_candidate", ""),
                promotors=_strings(x.get("promotors")),
                candidate_involvement=x.get("candidate_involvement", ""),
            )
            for x in data.get("studies", ())
        ),
        publications=tuple(
            d.Publication(
                type=x["type"],
                title=x["title"],
                date=date.fromisoformat(x["date"]),
                authors=tuple(d.Author(name=a["name"], unit_author=a.get("unit_author", False)) for a in x["authors"]),
                journal=x.get("journal", ""),
                peer_reviewed=x.get("peer_reviewed", False),
                international=x.get("international", False),
                indexes=_strings(x.get("indexes")),
                link=x.get("link", ""),
            )
            for x in data.get("publications", ())
        ),
        presentations=tuple(
            d.Presentation(
                date=date.fromisoformat(x["date"]),
                congress=x["congress"],
                scope=x["scope"],
                title=x["title"],
                presenter=x["presenter"],
                kind=x.get("kind", ""),
            )
            for x in data.get("presentations", ())
        ),
        knowledge_transfer=tuple(_activity(x) for x in data.get("knowledge_transfer", ())),
        patient_participation=tuple(_activity(x) for x in data.get("patient_participation", ())),
        university_agreements=tuple(
            d.UniversityAgreement(
                partner=x["partner"],
                partner_kind=x.get("partner_kind", ""),
                description=x.get("description", ""),
                document=x.get("document", ""),
                start_date=_opt_date(x.get("start_date")),
                end_date=_opt_date(x.get("end_date")),
            )
            for x in data.get("university_agreements", ())
        ),
        training=d.Training(
            participation=training.get("participation", ""),
            places=tuple(
                d.TrainingPlace(
                    discipline=x["discipline"],
                    places=x["places"],
                    recognition=x.get("recognition", ""),
                    occupancy=tuple(
                        d.Occupancy(year=o["year"], occupied=o["occupied"]) for o in x.get("occupancy", ())
                    ),
                    end_date=_opt_date(x.get("end_date")),
                )
                for x in training.get("places", ())
            ),
        ),
        board_statement=d.BoardStatement(
            commitment=board.get("commitment", ""),
            funding=board.get("funding", ""),
            signed_by=board.get("signed_by", ""),
            signed_on=_opt_date(board.get("signed_on")),
        ),
        self_evaluation=d.SelfEvaluation(
            strengths=selfev.get("strengths", ""),
            weaknesses=selfev.get("weaknesses", ""),
            development_points=selfev.get("development_points", ""),
        ),
        attachments=tuple(
            d.Attachment(id=x["id"], title=x["title"], kind=x.get("kind", "other"), file=x.get("file", ""))
            for x in data.get("attachments", ())
        ),
    )


def _staff_member(x: dict) -> d.StaffMember:
    roles = x.get("roles", {})
    fig, prof, cand = roles.get("figurehead"), roles.get("professor"), roles.get("phd_candidate")
    return d.StaffMember(
        name=x["name"],
        discipline=x["discipline"],
        function=x["function"],
        fte=x["fte"],
        hours_per_week=x["hours_per_week"],
        clinical_hours_per_week=x.get("clinical_hours_per_week", 0),
        research_hours_per_week=x.get("research_hours_per_week", 0),
        phd=x.get("phd", d.PHD_NONE),
        phd_equivalent_explanation=x.get("phd_equivalent_explanation", ""),
        cv=x.get("cv", ""),
        start_date=_opt_date(x.get("start_date")),
        end_date=_opt_date(x.get("end_date")),
        figurehead=d.FigureheadRole(field=fig.get("field", "")) if fig is not None else None,
        senior_researcher=d.SeniorResearcherRole() if "senior_researcher" in roles else None,
        professor=(
            d.ProfessorRole(
                hours_per_week=prof.get("hours_per_week", 0),
                contribution=prof.get("contribution", ""),
                chair=prof.get("chair", ""),
                university=prof.get("university", ""),
            )
            if prof is not None
            else None
        ),
        phd_candidate=d.PhdCandidateRole(study=cand.get("study", "")) if cand is not None else None,
    )


def _service(x: dict) -> d.ConsultationService:
    return d.ConsultationService(
        description=x.get("description", ""),
        requesters=x.get("requesters", ""),
        professionals=x.get("professionals", ""),
        example=x.get("example", ""),
        example_benefit=x.get("example_benefit", ""),
        quarters=tuple(
            d.ServiceQuarter(
                quarter=Quarter.parse(q["quarter"]), count=q["count"], supra_regional_share=q["supra_regional_share"]
            )
            for q in x.get("quarters", ())
        ),
    )


def _activity(x: dict) -> d.Activity:
    return d.Activity(
        title=x["title"],
        date=date.fromisoformat(x["date"]),
        end_date=_opt_date(x.get("end_date")),
        kind=x.get("kind", ""),
        description=x.get("description", ""),
        result=x.get("result", ""),
    )


def load_dossier_file(path) -> d.Dossier:
    """Read and load a dossier file; a file that is not JSON, or beyond the limits, raises ``DossierValidationError`` too.

    The size is taken from the file system before the file is read.
    """
    path = Path(path)
    size = path.stat().st_size
    maximum = limits.limit("DOSSIER_IMPORT_MAX_BYTES")
    if size > maximum:
        raise DossierValidationError([DossierError((), limits.too_large("het bestand", size, "DOSSIER_IMPORT_MAX_BYTES"))])
    with path.open("rb") as file:
        data = file.read(maximum + 1)  # bounded: a pipe or device has no size to check first
    if len(data) > maximum:
        raise DossierValidationError(
            [DossierError((), f"het bestand is groter dan {limits.megabytes(maximum)} (DOSSIER_IMPORT_MAX_BYTES)")]
        )
    return dossier_from_json(parse_json(data))


# ----------------------------------------------------------------- export


def _compact(mapping: dict) -> dict:
    """Leave out empty optional values so an export reads like a hand-written file."""
    return {k: v for k, v in mapping.items() if v not in ("", None, [], {}, ())}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def dossier_to_json(dossier: d.Dossier) -> dict:
    """The JSON form of a dossier (valid against the schema; ``dossier_from_json`` gives it back)."""
    dep = dossier.department
    out = {
        "format_version": FORMAT_VERSION,
        "criteria_set": dossier.criteria_set,
        "visitation_date": dossier.visitation_date.isoformat(),
        "department": _compact(
            {
                "name": dep.name,
                "institution": dep.institution,
                "register_slug": dep.register_slug,
                "specialised_since": _iso(dep.specialised_since),
                "target_group": dep.target_group,
                "diagnoses": list(dep.diagnoses),
                "age_groups": list(dep.age_groups),
                "other_characteristics": dep.other_characteristics,
                "locations": [
                    _compact({"name": x.name, "size": x.size, "care_functions": list(x.care_functions)})
                    for x in dep.locations
                ],
                "specialist_offer": dep.specialist_offer,
                "management": dep.management,
                "organigram": dep.organigram,
                "chain_position": dep.chain_position,
            }
        ),
        "staff": [_staff_json(m) for m in dossier.staff],
        "patients": _compact(
            {
                "treated_per_year": [{"year": x.year, "count": x.count} for x in dossier.patients.treated_per_year],
                "intake_criteria": dossier.patients.intake_criteria,
                "decision_tool": dossier.patients.decision_tool,
                "outflow_criteria": dossier.patients.outflow_criteria,
                "treatments_started": [
                    {"quarter": str(x.quarter), "started": x.started, "high_specialist": x.high_specialist}
                    for x in dossier.patients.treatments_started
                ],
            }
        ),
        "consultation": _service_json(dossier.consultation),
        "second_opinion": _service_json(dossier.second_opinion),
        "innovations": [
            _compact(
                {
                    "title": x.title,
                    "target_group": x.target_group,
                    "description": x.description,
                    "innovative_aspect": x.innovative_aspect,
                    "difference_from_regular_care": x.difference_from_regular_care,
                    "effectiveness_design": x.effectiveness_design,
                    "study": x.study,
                }
            )
            for x in dossier.innovations
        ],
        "outcome_measurement": _compact(
            {
                "instruments": [
                    _compact({"name": i.name, "moments": i.moments}) for i in dossier.outcome_measurement.instruments
                ],
                "individual_use": dossier.outcome_measurement.individual_use,
                "group_results": dossier.outcome_measurement.group_results,
                "appreciation_method": dossier.outcome_measurement.appreciation_method,
                "appreciation_results": dossier.outcome_measurement.appreciation_results,
                "adjustment_example": dossier.outcome_measurement.adjustment_example,
            }
        ),
        "studies": [
            _compact(
                {
                    "title": s.title,
                    "subject": s.subject,
                    "researchers": list(s.researchers),
                    "start_date": s.start_date.isoformat(),
                    "end_date": _iso(s.end_date),
                    "phase": s.phase,
                    "is_phd_study": s.is_phd_study or None,
                    "phd_candidate": s.phd_candidate,
                    "promotors": list(s.promotors),
                    "candidate_involvement": s.candidate_involvement,
                }
            )
            for s in dossier.studies
        ],
        "publications": [
            _compact(
                {
                    "type": p.type,
                    "title": p.title,
                    "date": p.date.isoformat(),
                    "authors": [{"name": a.name, "unit_author": a.unit_author} for a in p.authors],
                    "journal": p.journal,
                    "peer_reviewed": p.peer_reviewed,
                    "international": p.international,
                    "indexes": list(p.indexes),
                    "link": p.link,
                }
            )
            for p in dossier.publications
        ],
        "presentations": [
            _compact(
                {
                    "date": p.date.isoformat(),
                    "congress": p.congress,
                    "scope": p.scope,
                    "title": p.title,
                    "presenter": p.presenter,
                    "kind": p.kind,
                }
            )
            for p in dossier.presentations
        ],
        "knowledge_transfer": [_activity_json(a) for a in dossier.knowledge_transfer],
        "patient_participation": [_activity_json(a) for a in dossier.patient_participation],
        "university_agreements": [
            _compact(
                {
                    "partner": a.partner,
                    "partner_kind": a.partner_kind,
                    "description": a.description,
                    "document": a.document,
                    "start_date": _iso(a.start_date),
                    "end_date": _iso(a.end_date),
                }
            )
            for a in dossier.university_agreements
        ],
        "training": _compact(
            {
                "participation": dossier.training.participation,
                "places": [
                    _compact(
                        {
                            "discipline": p.discipline,
                            "places": p.places,
                            "recognition": p.recognition,
                            "occupancy": [{"year": o.year, "occupied": o.occupied} for o in p.occupancy],
                            "end_date": _iso(p.end_date),
                        }
                    )
                    | {"places": p.places}
                    for p in dossier.training.places
                ],
            }
        ),
        "board_statement": _compact(
            {
                "commitment": dossier.board_statement.commitment,
                "funding": dossier.board_statement.funding,
                "signed_by": dossier.board_statement.signed_by,
                "signed_on": _iso(dossier.board_statement.signed_on),
            }
        ),
        "self_evaluation": _compact(
            {
                "strengths": dossier.self_evaluation.strengths,
                "weaknesses": dossier.self_evaluation.weaknesses,
                "development_points": dossier.self_evaluation.development_points,
            }
        ),
        "attachments": [
            _compact({"id": a.id, "title": a.title, "kind": a.kind, "file": a.file}) for a in dossier.attachments
        ],
    }
    return {k: v for k, v in out.items() if v not in ("", [], {})}


def _staff_json(m: d.StaffMember) -> dict:
    roles = {}
    if m.figurehead is not None:
        roles["figurehead"] = _compact({"field": m.figurehead.field})
    if m.senior_researcher is not None:
        roles["senior_researcher"] = {}
    if m.professor is not None:
        roles["professor"] = _compact(
            {
                "hours_per_week": m.professor.hours_per_week,
                "contribution": m.professor.contribution,
                "chair": m.professor.chair,
                "university": m.professor.university,
            }
        )
    if m.phd_candidate is not None:
        roles["phd_candidate"] = _compact({"study": m.phd_candidate.study})
    out = _compact(
        {
            "name": m.name,
            "discipline": m.discipline,
            "function": m.function,
            "clinical_hours_per_week": m.clinical_hours_per_week,
            "research_hours_per_week": m.research_hours_per_week,
            "phd": m.phd,
            "phd_equivalent_explanation": m.phd_equivalent_explanation,
            "cv": m.cv,
            "start_date": _iso(m.start_date),
            "end_date": _iso(m.end_date),
        }
    )
    out.update({"discipline": m.discipline, "function": m.function, "fte": m.fte, "hours_per_week": m.hours_per_week})
    if roles:
        out["roles"] = roles
    return out


def _service_json(s: d.ConsultationService) -> dict:
    return _compact(
        {
            "description": s.description,
            "requesters": s.requesters,
            "professionals": s.professionals,
            "example": s.example,
            "example_benefit": s.example_benefit,
            "quarters": [
                {"quarter": str(q.quarter), "count": q.count, "supra_regional_share": q.supra_regional_share}
                for q in s.quarters
            ],
        }
    )


def _activity_json(a: d.Activity) -> dict:
    return _compact(
        {
            "title": a.title,
            "date": a.date.isoformat(),
            "end_date": _iso(a.end_date),
            "kind": a.kind,
            "description": a.description,
            "result": a.result,
        }
    )
