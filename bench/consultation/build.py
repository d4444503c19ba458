"""Fill an empty benchmark database for the consultation benchmark, and log the bench users in.

Run by run.py once per database, with DATABASE_URL pointing at the benchmark database and the
same settings (SECRET_KEY!) as the gunicorn it starts next: the sessions made here are signed
with that key. Refuses a database that already holds departments or requests.

    DATABASE_URL=sqlite:///…/bench/results/consultation.sqlite3 DEBUG=false SECRET_KEY=… AUDIT_HMAC_KEYS=… \
        .venv/bin/python bench/consultation/build.py

Steps: migrations, the reference geography, the regional tables, the synthetic register
(1,000 departments), people, 100,000 requests (``synth.py``), then the subjects of the
measurement: a "small" department with about 150 requests and the large one, a desk user of
each logged in with a verified second factor (a session in the database, as after a real
log-in: ``accounts.testing.login_verified``), a typical case and a heavy one. ``ANALYZE`` last.

Prints one JSON line: row counts, timings, the subjects and their session cookies.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topggz.settings")

SMALL_TARGET = 150  # requests of the department the "small" desk user works for (the closest there is)
TYPICAL_MESSAGES = 2
# The inbox's lists measured (consultation.selectors.DEPARTMENT_SECTIONS): the default one (new
# requests), the requests in progress and the closed ones (the longest list); with the statuses
# each holds, to know whether it must show rows.
INBOX_TABS = [
    ("inbox", "", "inbox, default list 'nieuw'", ("new",)),
    ("inbox-bezig", "?lijst=bezig", "inbox, list 'bezig'", ("in_progress",)),
    ("inbox-gesloten", "?lijst=gesloten", "inbox, list 'gesloten'", ("closed", "declined")),
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def session_cookie(user) -> str:
    """A session for ``user`` that has passed both factors; returns the session key (the cookie's value)."""
    from django.test import Client

    from accounts.testing import login_verified

    client = Client()
    login_verified(client, user)
    return client.session.session_key


def pick_subjects() -> dict:
    """The departments, users and cases the benchmark requests."""
    from django.db.models import Count

    from accounts.models import DepartmentMembership
    from consultation.models import ConsultationRequest

    per_department = dict(
        ConsultationRequest.objects.filter(department__isnull=False).values_list("department_id")
        .annotate(n=Count("pk")).values_list("department_id", "n")
    )
    counts = sorted(per_department.values())
    large_id = max(per_department, key=per_department.get)
    all_events = list(ConsultationRequest.objects.annotate(n=Count("events")).values_list("n", flat=True))
    typical_events = round(statistics.median(all_events))

    def cases(**filters):
        return (ConsultationRequest.objects.filter(content_removed_on__isnull=True, **filters)
                .annotate(n_events=Count("events", distinct=True), n_messages=Count("messages", distinct=True),
                          n_attachments=Count("attachments", distinct=True),
                          n_escalations=Count("escalations", distinct=True))
                .values("reference", "department_id", "status", "n_events", "n_messages", "n_attachments",
                        "n_escalations"))

    # The typical case: a request in progress (the page then offers every step a department takes,
    # forwarding with its list of departments among them), never escalated, with the median number
    # of events and two messages. The small department: of the departments that have such a case,
    # the one whose number of requests is closest to 150 (when no case is exactly typical, as in
    # small trial runs: of the departments with a request in progress, and its closest case).
    candidates = [c for c in cases(status="in_progress", escalation_level=0, department__isnull=False)
                  if c["n_escalations"] == 0 and c["department_id"] != large_id]

    def distance(c):
        return abs(c["n_events"] - typical_events) + abs(c["n_messages"] - TYPICAL_MESSAGES)

    exact = [c for c in candidates if distance(c) == 0]
    small_id = min({c["department_id"] for c in exact} or {c["department_id"] for c in candidates},
                   key=lambda d: (abs(per_department[d] - SMALL_TARGET), d))
    typical = min((c for c in candidates if c["department_id"] == small_id),
                  key=lambda c: (distance(c), c["reference"]))
    # The heavy case: the large department's request in progress (the same steps on the page) with
    # the most events, messages, attachments and escalations: its queries must not grow with them.
    heavy = max(cases(department_id=large_id, status="in_progress"),
                key=lambda c: (c["n_events"] + c["n_messages"] + c["n_attachments"] + c["n_escalations"],
                               c["reference"]))

    def department(department_id: int) -> dict:
        membership = (DepartmentMembership.objects.select_related("user", "department")
                      .filter(department_id=department_id).order_by("pk").first())
        by_status = dict(ConsultationRequest.objects.filter(department_id=department_id).values_list("status")
                         .annotate(n=Count("pk")).values_list("status", "n"))
        return {"department_id": department_id, "name": membership.department.name, "user": membership.user.email,
                "requests": per_department[department_id], "by_status": by_status,
                "session": session_cookie(membership.user)}

    return {
        "small": department(small_id),
        "large": department(large_id),
        "typical_case": typical,
        "heavy_case": heavy,
        "median_events_per_request": typical_events,
        "requests_per_department": {
            "departments_with_requests": len(counts),
            "min": counts[0], "p10": counts[len(counts) // 10], "median": counts[len(counts) // 2],
            "p90": counts[len(counts) * 9 // 10], "max": counts[-1],
        },
    }


def page_plan(subjects: dict) -> tuple[list[dict], str]:
    """The pages to measure: per desk user (small and large department) the inbox's default tab and
    two more, and a case page. Returns (pages, why there are none)."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    try:
        with translation.override("nl"):
            inbox = reverse("consultation:inbox")
            case_prefix = reverse("consultation:case", args=["TG-X"]).removesuffix("TG-X/")
    except NoReverseMatch as exc:
        return [], f"the desk's pages are not there ({exc})"
    pages = []
    for size, case_name in (("small", "typical_case"), ("large", "heavy_case")):
        who, case = subjects[size], subjects[case_name]
        common = {"size": size, "session": who["session"], "user": who["user"]}
        for kind, query, label, statuses in INBOX_TABS:
            rows = sum(who["by_status"].get(status, 0) for status in statuses)
            pages.append({
                "name": f"{kind}-{size}", "kind": kind, "label": f"{label} ({size} department, {rows:,} rows)",
                "path": inbox + query,
                # a list with rows links to its cases; an empty one links to none
                "expect": [case_prefix] if rows else [], **common,
            })
        pages.append({
            "name": f"case-{size}", "kind": "case",
            "label": f"case page, {case['n_events']} events, {case['n_messages']} messages ({size} department)",
            "path": f"{case_prefix}{case['reference']}/", "expect": [case["reference"]], **common,
        })
    return pages, ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000, help="requests to write (default 100,000)")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command, get_commands
    from django.db import connection
    from django.utils import timezone

    from consultation.loading import load_regional_tables
    from consultation.models import ConsultationRequest
    from geo.loading import ensure_geo_loaded
    from register.models import Department

    import synth

    timings = {}

    def timed(name, fn, *args, **kwargs):
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        timings[name] = round(time.perf_counter() - started, 2)
        log(f"  {name}: {timings[name]} s")
        return result

    timed("migrate_s", call_command, "migrate", interactive=False, verbosity=0)
    if Department.objects.exists() or ConsultationRequest.objects.exists():
        log(f"{connection.settings_dict['NAME']} already holds departments or requests: not a fresh benchmark database")
        return 2
    timed("geography_s", ensure_geo_loaded)
    load_regional_tables()
    today = timezone.localdate()
    plan = timed("register_plan_s", synth.build_register, today)
    timed("register_write_s", synth.write_register, plan)
    index = "rebuild_search_index" in get_commands()
    if index:
        timed("search_index_s", call_command, "rebuild_search_index", verbosity=0)
    departments = [d.department for d in plan.departments]
    staff, referrers = timed("people_s", synth.write_people, departments)
    written = timed("requests_s", synth.write_requests, plan, staff, referrers, today, n_requests=args.requests,
                    progress=lambda n: log(f"    {n:,} requests written"))
    with connection.cursor() as cursor:  # fresh statistics for the query planner, as in production
        timed("analyze_s", cursor.execute, "ANALYZE")
    subjects = timed("subjects_s", pick_subjects)
    pages, missing = page_plan(subjects)
    print(json.dumps({
        "vendor": connection.vendor,
        "today": today.isoformat(),
        "counts": {"departments": len(departments), "locations": sum(len(d.locations) for d in plan.departments),
                   "institutions": len(plan.institutions), "staff": len(staff), "referrers": len(referrers),
                   **{k: v for k, v in written.items() if k != "large_department_id"}},
        "search_index_rebuilt": index,
        "subjects": subjects,
        "pages": pages,
        "pages_missing": missing,
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
        "timings": timings,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
