"""Fictional triage data for the demo: questionnaire results and a year of intake registrations.

Everything goes through ``services``: the demo referrer fills in the example tool for patients of
several target groups; the registrations of the first demo departments (the demo editor's among
them) are uploaded per quarter as CSV files, exactly as a department's record system would, for
the four complete quarters before ``today``. About two thirds are high-specialist, mostly
established with the example tool, and the department's decision now and then differs from the
tool's outcome, so the analysis has something to show. Idempotent: nothing is added when the
demo departments already have registrations.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from accounts.demo import demo_email
from accounts.models import User
from accounts.roles import Role
from register.models import Department

from . import selectors, services
from .models import IntakeRegistration, TriageResult
from .rules.intake import COLUMNS
from .rules.quarters import quarter_bounds, quarter_of
from .rules.scoring import score

EXAMPLE = "voorbeeld-hoogspecialistisch"
DEPARTMENTS = 6
RESULTS = 40
SEED = 2026


def _previous_quarters(today: date, n: int) -> list[tuple[int, int]]:
    year, quarter = quarter_of(today)
    found = []
    for _ in range(n):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        found.append((year, quarter))
    return list(reversed(found))


def _answers(rng: random.Random, tool, high_leaning: float) -> dict:
    answers = {}
    for item in tool.items:
        roll = rng.random()
        if roll < 0.05:
            continue  # left open
        answers[item.key] = None if roll < 0.1 else rng.random() < high_leaning
    return answers


def _csv_for(rng: random.Random, tool, department: Department, year: int, quarter: int, today: date) -> str:
    first, last = quarter_bounds(year, quarter)
    last = min(last, today - timedelta(days=1))
    groups = [g.code for g in department.target_groups.all()] or ["transdiagnostisch"]
    ages = [a.code for a in department.age_groups.all()]
    lines = [";".join(COLUMNS)]
    for _ in range(rng.randint(12, 28)):
        started = first + timedelta(days=rng.randint(0, (last - first).days))
        group = rng.choice(groups)
        age = rng.choice(ages) if ages else ""
        if rng.random() < 0.8:
            scoring = score(tool, {item.key: rng.random() < 0.7 for item in tool.items})
            agrees = rng.random() < 0.88
            high = (scoring.outcome == "high_specialist") == agrees
            outcome = {"none": "geen", "specialist": "specialistisch", "high_specialist": "hoogspecialistisch"}[scoring.outcome]
            lines.append(f"{started.isoformat()};{group};{age};{tool.code};{tool.version};{scoring.score};{outcome};;{'ja' if high else 'nee'}")
        else:
            high = rng.random() < 0.6
            lines.append(f"{started.isoformat()};{group};{age};;;;;Intakeoverleg volgens eigen criteria (demo);{'ja' if high else 'nee'}")
    return "\n".join(lines) + "\n"


def load_demo_triage(today: date) -> tuple[int, int]:
    """(results, registrations) added; (0, 0) when the demo data is already there or cannot be made."""
    departments = list(Department.objects.order_by("name")[:DEPARTMENTS])
    version = selectors.published_version(EXAMPLE)
    bureau = User.objects.filter(email=demo_email(Role.BUREAU_ADMIN)).first()
    referrer = User.objects.filter(email=demo_email(Role.REFERRER)).first()
    if not departments or version is None or bureau is None or referrer is None:
        return 0, 0
    if IntakeRegistration.objects.filter(department__in=departments).exists():
        return 0, 0
    tool = selectors.tool_data(version)
    rng = random.Random(SEED)
    registrations = 0
    with transaction.atomic():
        for department in departments:
            for year, quarter in _previous_quarters(today, 4):
                content = _csv_for(rng, tool, department, year, quarter, today)
                outcome = services.upload_intakes(
                    user=bureau, department_id=department.pk, year=year, quarter=quarter,
                    file_name=f"demo-{department.slug}-{year}-q{quarter}.csv", content=content.encode("utf-8"), today=today,
                )
                if not outcome.ok:
                    raise RuntimeError(f"demo upload refused: {[str(e) for e in outcome.errors[:3]]}")
                registrations += outcome.upload.rows
        groups = sorted({g.code for d in departments for g in d.target_groups.all()}) or ["transdiagnostisch"]
        results = 0
        if not TriageResult.objects.filter(created_by=referrer).exists():
            for n in range(RESULTS):
                services.record_result(
                    user=referrer, version_id=version.pk, answers=_answers(rng, tool, 0.35 + 0.5 * (n % 3) / 2),
                    target_group=groups[n % len(groups)], age_group="adults" if n % 4 else "", pc4="3511" if n % 2 else "",
                )
                results += 1
    return results, registrations
