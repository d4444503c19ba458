"""The desk's operational figures for others to read (criterion 3 of the quality mark); reads only.

Definition (issue 12): a request counts in the quarter in which it was
answered, for the department that answered it; it is supra-regional when the
patient's 4-digit postcode lies outside every zorgkantoor region of the
department's locations. The counting itself is the pure
``rules.quarters.quarter_counts`` that the ``consultation replay`` command
runs too; this module only gathers its input from the database.

- The department that answered is the department of the ``answered`` event
  (``Event.department_id`` is the department holding the request when the
  event happened), not the request's current department: whatever happens to
  the request afterwards does not move the count.
- The department's regions are those of its locations *now* (register
  ``Location`` -> municipality -> zorgkantoor region); the register keeps no
  dated history of locations that the count could read instead.
- The patient's region is the one stored with the request when it was
  submitted (derived from the PC4 then); retention keeps it.

``certification`` reads these (the dossier's criterion-3 records);
``consultation`` never imports ``certification``.
"""

from __future__ import annotations

from datetime import date

from register.models import Location

from .models import ConsultationRequest, Event
from .rules.quarters import CRITERION_3_KINDS, AnsweredRequest, QuarterCount, quarter_counts


def department_regions(department_id: int) -> frozenset[str]:
    """The zorgkantoor region codes of the department's locations (one query)."""
    return frozenset(
        Location.objects.filter(department_id=department_id)
        .values_list("municipality__zorgkantoor_region_id", flat=True)
        .distinct()
    )


def _answers(department_id: int, start: date, end: date, kinds):
    return Event.objects.filter(
        kind=Event.Kind.ANSWERED,
        department_id=department_id,
        on__gte=start,
        on__lte=end,
        request__kind__in=kinds,
    )


def answered_requests(
    department_id: int, start: date, end: date, *, kinds=CRITERION_3_KINDS
) -> list[AnsweredRequest]:
    """The requests of ``kinds`` that ``department_id`` answered from ``start`` to ``end`` (both included).

    Two queries whatever the number of requests: the answers, and the department's regions. A request
    counts once (the rules allow one answer per request; should a log hold two by the same department,
    the first in the range counts).
    """
    rows = (
        _answers(department_id, start, end, kinds)
        .order_by("request_id", "on", "pk")
        .values_list("request_id", "request__kind", "on", "request__patient_region_id")
    )
    regions = department_regions(department_id)
    seen: set[int] = set()
    answered = []
    for request_id, kind, on, patient_region in rows:
        if request_id in seen:
            continue
        seen.add(request_id)
        answered.append(
            AnsweredRequest(
                department=str(department_id),
                kind=kind,
                answered_on=on,
                patient_region=patient_region,
                department_regions=regions,
            )
        )
    return answered


def quarter_counts_for(department_id: int, start: date, end: date, *, kinds=CRITERION_3_KINDS) -> list[QuarterCount]:
    """Per quarter answered and kind: the count, the supra-regional count and the unknown regions; sorted."""
    return quarter_counts(answered_requests(department_id, start, end, kinds=kinds))


def answered_in_quarter(department_id: int, kind: str, year: int, quarter: int):
    """The requests behind one quarter count: what ``quarter_counts_for`` counted, as a queryset of requests.

    For the department's inbox (``?afdeling=<id>&beantwoord=<year>-Q<n>&soort=<kind>``), so the list a
    dossier links to holds exactly the requests its figure counts.
    """
    if not 1 <= quarter <= 4:
        return ConsultationRequest.objects.none()
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    answers = Event.objects.filter(
        kind=Event.Kind.ANSWERED, department_id=department_id, on__gte=start, on__lt=end
    ).values("request_id")
    return ConsultationRequest.objects.filter(kind=kind, pk__in=answers)
