"""Test data: the example dossiers, the seeded criteria set as data, and small record builders."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from certification.rules.checker import check_dossier
from certification.rules.criteria import CriteriaSetData, Norm
from certification.format.dossier import (
    Author,
    Dossier,
    FigureheadRole,
    Publication,
    SeniorResearcherRole,
    StaffMember,
    Study,
)
from certification.format.jsonio import dossier_from_json
from certification.rules.report import CriterionResult

APP = Path(__file__).resolve().parent.parent
EXAMPLES = APP / "examples"
DATA = Path(__file__).resolve().parent / "data"
SEED_2019_2022 = APP / "migrations" / "data" / "criteria_2019_2022.json"

PASSING = "voldoet-aan-alle-criteria.json"
FIGUREHEAD_LEFT = "boegbeeld-vertrokken.json"
TOO_FEW = "te-weinig-publicaties-en-hoogspecialistische-zorg.json"

V = date(2022, 6, 15)  # the visitation date of the example dossiers
DAY = timedelta(days=1)
WEEK = timedelta(days=7)


@cache
def criteria_2019_2022() -> CriteriaSetData:
    return CriteriaSetData.from_dict(json.loads(SEED_2019_2022.read_text(encoding="utf-8")))


def load_json(name: str, folder: Path = EXAMPLES) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


@cache
def example(name: str = PASSING) -> Dossier:
    return dossier_from_json(load_json(name))


def passing(**changes) -> Dossier:
    """The dossier that meets every criterion, with ``changes`` applied (dataclasses.replace)."""
    return replace(example(), **changes)


def check(dossier: Dossier, number: int, criteria: CriteriaSetData | None = None) -> CriterionResult:
    return check_dossier(dossier, criteria or criteria_2019_2022()).result(number)


def texts(result: CriterionResult) -> str:
    """All reasons and missing evidence of a result as one string, for "names the record" assertions."""
    return "\n".join([*result.texts(), *(str(m) for m in result.missing)])


def with_norm(criteria: CriteriaSetData, number: int, kind: str, **params) -> CriteriaSetData:
    """A copy of ``criteria`` with some parameters of one norm changed: a new set, as data."""

    def change(criterion):
        norms = tuple(
            Norm(kind=n.kind, params={**n.params, **params}) if n.kind == kind else n for n in criterion.norms
        )
        return replace(criterion, norms=norms)

    if number == 0:
        return replace(criteria, general=change(criteria.general))
    return replace(criteria, criteria=tuple(change(c) if c.number == number else c for c in criteria.criteria))


# ---------------------------------------------------------------- records


def person(name: str, **kw) -> StaffMember:
    defaults = dict(
        discipline="psychiater",
        function="psychiater",
        fte=0.8,
        hours_per_week=32,
        clinical_hours_per_week=16,
        research_hours_per_week=8,
        phd="obtained",
        cv=f"cv-{name.split()[-1].lower()}",
        start_date=date(2010, 1, 1),
    )
    return StaffMember(name=name, **{**defaults, **kw})


def figurehead(name: str, attached: float, clinical: float, **kw) -> StaffMember:
    return person(
        name, hours_per_week=attached, clinical_hours_per_week=clinical, figurehead=FigureheadRole(field="dwang"), **kw
    )


def researcher(name: str, hours: float, clinical: float = 0, **kw) -> StaffMember:
    return person(
        name, hours_per_week=hours, clinical_hours_per_week=clinical, senior_researcher=SeniorResearcherRole(), **kw
    )


def without_roles(staff, *roles) -> tuple[StaffMember, ...]:
    return tuple(replace(m, **{r: None for r in roles}) for m in staff)


def publication(title: str, day: date, **kw) -> Publication:
    defaults = dict(
        type="article",
        authors=(Author(name="A. Auteur", unit_author=True),),
        journal="Tijdschrift voor Psychiatrie",
        peer_reviewed=True,
        international=True,
        indexes=("PubMed",),
    )
    return Publication(title=title, date=day, **{**defaults, **kw})


def study(title: str, start: date, end: date | None = None, phd: bool = False, **kw) -> Study:
    defaults = dict(subject="onderwerp", researchers=("Dr. A",), phase="inclusie")
    if phd:
        defaults.update(
            is_phd_study=True, phd_candidate="B MSc", promotors=("Prof. C",), candidate_involvement="behandelaar"
        )
    return Study(title=title, start_date=start, end_date=end, **{**defaults, **kw})
