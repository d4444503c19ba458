"""Fictional monthly capacity reports for the demo register (python manage.py load_demo_insight).

Twelve months per department with a treatment offer, from a seed per department (the same figures
every time). A few departments stop reporting four months ago, so "niet actueel" shows too.
Departments with an inpatient location report beds.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from register.models import Department, Offer

from .models import CapacityReport
from .services import sync_department

MONTHS = 12
STALE_EVERY = 7  # every seventh department stopped reporting four months ago


def load_demo_insight(today: date) -> int:
    """The number of reports added; 0 when the demo reports are already there (or there is no register)."""
    departments = list(
        Department.objects.filter(offers__kind=Offer.Kind.TREATMENT).order_by("pk").distinct()
        .prefetch_related("offers", "locations__care_functions")
    )
    if not departments or CapacityReport.objects.exists():
        return 0
    this_month = today.replace(day=1)
    reports = []
    for position, department in enumerate(departments):
        rng = random.Random(department.pk * 7919)
        inpatient = any(
            f.code in ("inpatient_open", "inpatient_closed") for loc in department.locations.all() for f in loc.care_functions.all()
        )
        paused = any(o.kind == Offer.Kind.TREATMENT and o.status == Offer.Status.PAUSED for o in department.offers.all())
        last = this_month - relativedelta(months=4 if position % STALE_EVERY == 3 else 1)
        intake, treatment = rng.uniform(2, 9), rng.uniform(4, 14)
        beds_total = rng.choice((12, 16, 20, 24)) if inpatient else None
        for back in range(MONTHS - 1, -1, -1):
            month = last - relativedelta(months=back)
            intake = min(max(intake + rng.uniform(-1.2, 1.2), 0.5), 20)
            treatment = min(max(treatment + rng.uniform(-1.5, 1.5), 1), 30)
            measured = month + relativedelta(months=1, days=-1)
            reports.append(CapacityReport(
                department=department, offer_kind=Offer.Kind.TREATMENT, month=month,
                measured_on=min(measured, today), intake_weeks=Decimal(f"{intake:.1f}"),
                treatment_weeks=Decimal(f"{treatment:.1f}"), waiting_count=rng.randint(5, 90),
                beds_free=rng.randint(0, beds_total // 3) if beds_total else None, beds_total=beds_total,
                paused=paused and back == 0,
            ))
    CapacityReport.objects.bulk_create(reports, batch_size=500)
    for department in departments:
        sync_department(department.pk)
    return len(reports)
