"""One database of the certification benchmark: build the dossiers, then time load vs load + check.

Run by run.py with DATABASE_URL pointing at a fresh benchmark database
(it refuses a database that already holds dossiers). Prints one JSON object
on stdout; progress goes to stderr.

    DATABASE_URL=sqlite:///…/bench/results/certification.sqlite3 DEBUG=false SECRET_KEY=… AUDIT_HMAC_KEYS=bench:… \\
        .venv/bin/python bench/certification/measure.py --dossiers 600 --repeat 5
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topggz.settings")

SEED = "topggz-keurmerk-bench"
BATCH = 100
BLOCK_SIZE = 50  # dossiers per timed block


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(dossiers: int) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    import synth
    from accounts.models import User
    from accounts.roles import Role
    from certification.dossier.db import DossierWriter, dossier_fields
    from certification.models import CriteriaSet, Dossier
    from register.models import Department

    if Dossier.objects.exists():
        raise SystemExit(f"{connection.settings_dict['NAME']} already holds dossiers: not a fresh benchmark database")
    criteria_set = CriteriaSet.objects.get(code="2019-2022")
    today = timezone.localdate()
    started = time.perf_counter()
    records = 0
    writer = DossierWriter()
    with transaction.atomic():
        for first in range(0, dossiers, BATCH):
            numbers = range(first, min(first + BATCH, dossiers))
            pures = []
            for number in numbers:
                rng = random.Random(f"{SEED}-{number}")
                visitation = synth.visitation_date(rng)
                pures.append(synth.synth_dossier(number, rng, f"bench-afdeling-{number:04d}", visitation))
            departments = Department.objects.bulk_create(
                Department(
                    name=p.department.name,
                    slug=p.department.register_slug,
                    description="Synthetische afdeling voor de keurmerkbenchmark.",
                    status=Department.Status.IN_PROCEDURE,
                    last_confirmed_on=today,
                )
                for p in pures
            )
            rows = Dossier.objects.bulk_create(
                Dossier(
                    department=department,
                    criteria_set=criteria_set if number % 2 else None,  # half follow the set in force on their date
                    **dossier_fields(p),
                )
                for number, department, p in zip(numbers, departments, pures, strict=True)
            )
            writer.write(list(zip(rows, pures, strict=True)))
            records += sum(synth.record_count(p) for p in pures)
    build_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    user = User(email="bureau.bench@topggz.example", role=Role.BUREAU_ADMIN, is_staff=True)
    user.set_unusable_password()
    user.save()
    return {"build_s": build_s, "records": records}


def measure(repeat: int) -> dict:
    from django.db import connection

    from accounts.models import User
    from certification.rules.checker import check_dossier
    from certification.models import CriteriaSet, Dossier
    from certification.dossier.selectors import check_stored_dossier, load_dossier
    from certification.criteria.selectors import criteria_set_data

    user = User.objects.get(email="bureau.bench@topggz.example")
    ids = list(Dossier.objects.order_by("pk").values_list("pk", flat=True))

    def load(block):
        for dossier_id in block:
            load_dossier(dossier_id, user=user)

    def load_and_check(block):
        for dossier_id in block:
            check_stored_dossier(dossier_id, user=user)

    def timed(work, block) -> tuple[float, float]:
        """(wall-clock seconds, this process's CPU seconds)."""
        started, cpu = time.perf_counter(), time.process_time()
        work(block)
        return time.perf_counter() - started, time.process_time() - cpu

    blocks = [ids[i : i + BLOCK_SIZE] for i in range(0, len(ids), BLOCK_SIZE)]

    # Warm-up: one untimed pass of each (connection, caches, the audit log's first entries).
    log("  warm-up")
    load(ids)
    load_and_check(ids)

    # Paired measurement: within each repetition, every block of dossiers is loaded and loaded + checked
    # right after each other (alternating which goes first), so that background load on the machine
    # hits both sides alike; a repetition's totals are the sums over all blocks.
    load_s, check_s, load_cpu, check_cpu = [], [], [], []
    for rep in range(repeat):
        gc.collect()
        totals = {"load": [0.0, 0.0], "check": [0.0, 0.0]}
        for number, block in enumerate(blocks):
            order = [("load", load), ("check", load_and_check)]
            for name, work in reversed(order) if (rep + number) % 2 else order:
                wall, cpu = timed(work, block)
                totals[name][0] += wall
                totals[name][1] += cpu
        load_s.append(totals["load"][0])
        check_s.append(totals["check"][0])
        load_cpu.append(totals["load"][1])
        check_cpu.append(totals["check"][1])
        log(f"  repetition {rep + 1}/{repeat}: load {load_s[-1]:.2f} s, load + check {check_s[-1]:.2f} s (wall clock)")

    # The checker alone, on dossiers already in memory (no database): what checking adds.
    criteria = criteria_set_data(CriteriaSet.objects.get(code="2019-2022"))
    loaded = [load_dossier(dossier_id, user=user) for dossier_id in ids]
    pure_s = []
    for _ in range(repeat):
        started = time.perf_counter()
        reports = [check_dossier(p, criteria) for p in loaded]
        pure_s.append(time.perf_counter() - started)
    verdicts = Counter("all met" if r.all_met else "not all met" for r in reports)
    per_dossier = Counter()
    for p in loaded:
        per_dossier.update(
            staff=len(p.staff), publications=len(p.publications), presentations=len(p.presentations),
            studies=len(p.studies), innovations=len(p.innovations), attachments=len(p.attachments),
        )  # fmt: skip
    return {
        "vendor": connection.vendor,
        "dossiers": len(ids),
        "repeat": repeat,
        "load_s": load_s,
        "load_check_s": check_s,
        "pure_check_s": pure_s,
        "ratio_median": statistics.median(c / lo for lo, c in zip(load_s, check_s, strict=True)),
        "load_cpu_s": load_cpu,
        "load_check_cpu_s": check_cpu,
        "cpu_ratio_median": statistics.median(c / lo for lo, c in zip(load_cpu, check_cpu, strict=True)),
        "load_cpu_median_s": statistics.median(load_cpu),
        "load_check_cpu_median_s": statistics.median(check_cpu),
        "load_median_s": statistics.median(load_s),
        "load_check_median_s": statistics.median(check_s),
        "pure_check_median_s": statistics.median(pure_s),
        "verdicts": dict(verdicts),
        "mean_per_dossier": {k: round(v / len(ids), 1) for k, v in per_dossier.items()},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_s = time.perf_counter() - started
    log(f"  migrated in {migrate_s:.1f} s; building {args.dossiers} dossiers")
    built = build(args.dossiers)
    log(f"  built {built['records']} records in {built['build_s']:.1f} s")
    load_before = os.getloadavg()
    result = measure(args.repeat)
    result.update(built, migrate_s=migrate_s, loadavg=[round(x, 2) for x in (*load_before, *os.getloadavg())])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
