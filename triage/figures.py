"""Triage's operational figures for others to read (criterion 2 of the quality mark); reads only.

Definition (issue 13): a registration counts in the quarter of its start date, for its department;
it counts as high-specialist when the department decided so (``IntakeRegistration.high_specialist``):
criterion 2 asks for the share of started treatments with a high-specialist care need by the
department's own criteria (2a), preferably a decision tool. The counting itself is the pure
``rules.quarters.treatment_counts``; this module only gathers its input from the database.

``certification`` reads these (the dossier's criterion-2 records); ``triage`` never imports
``certification``.
"""

from __future__ import annotations

from datetime import date

from .models import IntakeRegistration
from .rules.quarters import StartedTreatment, TreatmentCount, quarter_bounds, treatment_counts


def started_treatments(department_id: int, start: date, end: date) -> list[StartedTreatment]:
    """The treatments ``department_id`` started from ``start`` to ``end`` (both included); one query."""
    rows = IntakeRegistration.objects.filter(department_id=department_id, started_on__gte=start, started_on__lte=end)
    return [StartedTreatment(department_id, started, high) for started, high in rows.values_list("started_on", "high_specialist")]


def treatment_counts_for(department_id: int, start: date, end: date) -> list[TreatmentCount]:
    """Per quarter started: the treatments started and how many had a high-specialist care need; sorted."""
    return treatment_counts(started_treatments(department_id, start, end))


def registrations_in_quarter(department_id: int, year: int, quarter: int):
    """The registrations behind one quarter's figures, as a queryset (what ``treatment_counts_for`` counted)."""
    if not 1 <= quarter <= 4:
        return IntakeRegistration.objects.none()
    first, last = quarter_bounds(year, quarter)
    return IntakeRegistration.objects.filter(department_id=department_id, started_on__gte=first, started_on__lte=last)


def registrations_url(department_id: int, year: int, quarter: int) -> str:
    """The intake page listing the registrations behind one quarter: ``/triage/intake/?afdeling=<id>&kwartaal=<y>-Q<n>``."""
    from urllib.parse import urlencode

    from django.urls import reverse

    return reverse("triage:intake") + "?" + urlencode({"afdeling": department_id, "kwartaal": f"{year}-Q{quarter}"})
