#!/usr/bin/env python
"""The insight pages and the department page against /healthz, over HTTP, at 100 times the real register.

    .venv/bin/python bench/insight/pages.py [--db sqlite|postgres] [--requests 200] [--scale 100]

Reuses the finder benchmark (bench/finder): its database handling, its synthetic register
(build.py, synth.py), its gunicorn harness (one sync worker, production settings, server time from
the access log) and its percentile. On top of the finder's register it writes 12 months of
capacity reports for a share of the departments (`--waiting-share`, default 40 %) and copies the
latest onto the department through insight.services.sync_department (as the app does).

Then requests interleaved one to one with /healthz (`--page-requests` of each insight page):

- department: /afdelingen/<slug>/ for `--requests` different departments (with and without figures);
- dashboard: /inzicht/wachttijden/ with no filter, a target group, a province, or both;
- coverage: /inzicht/dekking/?doelgroep=<code> for four target groups (warmed first: the first
  request per group computes the coverage, later ones read the per-process cache);
- demand: /inzicht/vraag-en-aanbod/ (the benchmark register has no desk traffic).

It prints p50 and p95 (server time) per kind next to /healthz in the same run and the ratios; the
goal is the department page's p95 within 5 x the /healthz p95. The exit status is 1 when a
response was not HTTP 200.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FINDER = ROOT / "bench" / "finder"
GOAL_RATIO = 5.0  # the department page's p95 within 5 x /healthz p95 (issue 15)
COVERAGE_GROUPS = 4


def finder_run():
    """bench/finder/run.py as a module (named finder_run: this directory has a run.py of its own)."""
    spec = importlib.util.spec_from_file_location("finder_run", FINDER / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["finder_run"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# --- inside the benchmark database (a subprocess with DATABASE_URL set) ------------------------


def fill(share: float, seed: int) -> dict:
    """Capacity reports for a share of the departments, synced onto them; what the requests need."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topggz.settings")
    import django

    django.setup()
    from datetime import date
    from decimal import Decimal

    from dateutil.relativedelta import relativedelta
    from django.db import transaction

    from geo.models import Province
    from insight.models import CapacityReport
    from insight.services import sync_department
    from register.models import Department, Offer, TargetGroup

    rng = random.Random(seed)
    departments = list(Department.objects.order_by("pk").values_list("pk", "slug"))
    chosen = sorted(rng.sample([pk for pk, _s in departments], int(len(departments) * share)))
    this_month = date.today().replace(day=1)
    reports = []
    for pk in chosen:
        intake, treatment = rng.uniform(1, 12), rng.uniform(2, 20)
        beds = rng.choice([None, None, 12, 20, 30])
        for back in range(12):
            month = this_month - relativedelta(months=back + 1)
            intake = max(0.5, intake + rng.uniform(-1.5, 1.5))
            treatment = max(0.5, treatment + rng.uniform(-2, 2))
            reports.append(CapacityReport(
                department_id=pk, offer_kind=Offer.Kind.TREATMENT, month=month,
                measured_on=month + relativedelta(months=1, days=rng.randint(0, 9)),
                intake_weeks=Decimal(f"{intake:.1f}"), treatment_weeks=Decimal(f"{treatment:.1f}"),
                waiting_count=rng.randint(0, 120), beds_total=beds,
                beds_free=None if beds is None else rng.randint(0, beds),
            ))
    with transaction.atomic():
        CapacityReport.objects.bulk_create(reports, batch_size=2000)
        for pk in chosen:
            sync_department(pk)
    with_figures = set(chosen)
    groups = list(TargetGroup.objects.order_by("code").values_list("code", flat=True))
    return {
        "reports": len(reports),
        "departments": [(slug, pk in with_figures) for pk, slug in departments],
        "target_groups": groups,
        "provinces": list(Province.objects.order_by("code").values_list("code", flat=True)),
    }


# --- the run -----------------------------------------------------------------------------------


def plan_requests(facts: dict, n: int, seed: int, n_department: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    departments = facts["departments"]
    picked = rng.sample(departments, min(n_department, len(departments)))
    groups, provinces = facts["target_groups"], facts["provinces"]
    coverage_groups = rng.sample(groups, min(COVERAGE_GROUPS, len(groups)))

    def dashboard(i):
        params = [("", ""), (f"doelgroep={rng.choice(groups)}", ""), ("", f"provincie={rng.choice(provinces)}"),
                  (f"doelgroep={rng.choice(groups)}", f"provincie={rng.choice(provinces)}")][i % 4]
        query = "&".join(p for p in params if p)
        return "/inzicht/wachttijden/" + (f"?{query}" if query else "")

    return {
        "department": [f"/afdelingen/{slug}/" for slug, _f in picked],
        "dashboard": [dashboard(i) for i in range(n)],
        "coverage": [f"/inzicht/dekking/?doelgroep={coverage_groups[i % len(coverage_groups)]}" for i in range(n)],
        "demand": ["/inzicht/vraag-en-aanbod/"] * n,
    }


def measure(fr, port: int, paths: dict[str, list[str]], warm: list[str]):
    """Every page with a /healthz next to it, alternating the order; returns Replay-like samples."""
    client = fr.Client(port)
    result = fr.Replay()
    try:
        for path in warm:
            client.get(path)
            client.get(fr.HEALTH_PATH)
        result.before_measuring = client.sent
        order = [(kind, path) for kind, items in paths.items() for path in items]
        random.Random(7).shuffle(order)
        for i, (kind, path) in enumerate(order):
            pair = [(kind, path), ("health", fr.HEALTH_PATH)]
            if i % 2:
                pair.reverse()
            for k, p in pair:
                status, body, ms = client.get(p)
                sample = fr.Sample(k, p, status, ms)
                if status != 200 or (k == "health" and b'"ok"' not in body):
                    sample.check = f"HTTP {status}"
                result.samples.append(sample)
    finally:
        client.close()
        result.requests_sent = client.sent
    return result


def report(fr, info: dict, build: dict, facts: dict, run, db: str, n: str) -> tuple[str, bool]:
    p = fr.percentile
    by_kind: dict[str, list[float]] = {}
    for s in run.samples:
        by_kind.setdefault(s.kind, []).append(s.server_ms)
    health = by_kind.pop("health")
    h50, h95 = p(health, 50), p(health, 95)
    with_figures = sum(1 for _s, f in facts["departments"] if f)
    lines = [
        f"Insight pages benchmark, {info['date']}, {db}",
        f"Machine: {info['arch']}, {info['nproc']} CPUs ({info['cpu']}); Python {info['python']}, "
        f"Django {info['django']}, SQLite {info['sqlite']}, PostgreSQL {info['postgresql']}",
        "Dataset: {departments:,} departments, {locations:,} locations, {offers:,} offers".format(**build["counts"])
        + f"; {with_figures:,} departments with waiting figures ({facts['reports']:,} monthly reports)",
        f"{n}, each next to a /healthz; one gunicorn sync worker, DEBUG off. "
        f"Load average before: {info['load']}; after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "",
        "| page | server p50 | server p95 | p50 / healthz | p95 / healthz |",
        "|---|---:|---:|---:|---:|",
        f"| /healthz | {fr.ms(h50)} | {fr.ms(h95)} | 1.0x | 1.0x |",
    ]
    for kind, values in by_kind.items():
        lines.append(f"| {kind} | {fr.ms(p(values, 50))} | {fr.ms(p(values, 95))} | "
                     f"{p(values, 50) / h50:.1f}x | {p(values, 95) / h95:.1f}x |")
    failures = [f"{s.path}: {s.check}" for s in run.samples if s.check]
    ratio = p(by_kind["department"], 95) / h95
    met = ratio <= GOAL_RATIO and not failures
    lines += ["", f"Goal (department page p95 <= {GOAL_RATIO:g} x /healthz p95): {'MET' if met else 'NOT MET'} "
              f"({ratio:.1f}x; {len(failures)} failed responses)."]
    lines += [f"  FAIL {f}" for f in failures[:20]]
    return "\n".join(lines), not failures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=200, help="measured department pages (different departments)")
    parser.add_argument("--page-requests", type=int, default=30,
                        help="measured requests per insight page (dashboard, coverage, demand)")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--waiting-share", type=float, default=0.4)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--fill", action="store_true", help=argparse.SUPPRESS)  # inside the benchmark database
    args = parser.parse_args(argv)
    if args.fill:
        print(json.dumps(fill(args.waiting_share, seed=15)))
        return 0
    if not (1 <= args.requests <= 2000 and 1 <= args.page_requests <= 500):
        parser.error("--requests must be between 1 and 2000, --page-requests between 1 and 500")

    fr = finder_run()
    fr.RESULTS.mkdir(parents=True, exist_ok=True)
    info = fr.machine()
    fr.collect_static()
    db = fr.SQLiteDatabase() if args.db == "sqlite" else fr.PostgresDatabase()
    env = fr.app_env(db.url())
    server = None
    try:
        print(f"[{db.name}] building the synthetic register (bench/finder/build.py) ...", flush=True)
        db.create()
        out = fr.run_checked([str(fr.PYTHON), str(FINDER / "build.py"), "--scale", str(args.scale), "--queries", "1",
                              "--out", str(fr.RESULTS / "insight-queries.json")], env=env, timeout=1800)
        build = json.loads(out.strip().splitlines()[-1])
        out = fr.run_checked([str(fr.PYTHON), str(Path(__file__).resolve()), "--fill",
                              "--waiting-share", str(args.waiting_share)], env=env, timeout=1800)
        facts = json.loads(out.strip().splitlines()[-1])
        paths = plan_requests(facts, args.page_requests, seed=15, n_department=args.requests)
        warm = sorted(set(paths["coverage"])) + paths["dashboard"][:4] + paths["demand"][:2] + paths["department"][:5]
        server = fr.Gunicorn(env, f"insight-{db.name}")
        print(f"[{db.name}] gunicorn on {fr.HOST}:{server.port}; measuring ...", flush=True)
        server.start()
        run = measure(fr, server.port, paths, warm)
        server.stop()
        fr.attach_server_times(run, server.access_log)
        text, ok = report(fr, info, build, facts, run, db.name, f"{args.requests} department pages, "
                          f"{args.page_requests} of each insight page")
    finally:
        if server is not None:
            server.stop()
        if not args.keep_db:
            db.drop()
    print()
    print(text)
    (fr.RESULTS / f"insight-pages-{db.name}.md").write_text(text + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
