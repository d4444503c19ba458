"""Fill an empty benchmark database: migrate, geography, the synthetic register, the search index, the queries.

Run by run.py once per database, with DATABASE_URL pointing at the benchmark
database (never the development or production one: it refuses a database
that already holds departments).

    DATABASE_URL=sqlite:///…/bench/results/finder.sqlite3 .venv/bin/python bench/finder/build.py \
        --queries 300 --out bench/results/queries-sqlite.json

Prints one JSON line: row counts and how long each step took.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topggz.settings")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="times the real register (default 100)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--out", required=True, help="where to write the queries (JSON)")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command, get_commands
    from django.db import connection
    from django.utils import timezone

    from geo.loading import ensure_geo_loaded
    from register.models import Department

    import queries as query_mix
    import synth

    timings = {}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    timings["migrate_s"] = time.perf_counter() - started

    if Department.objects.exists():
        print(f"{connection.settings_dict['NAME']} already holds departments: not a fresh benchmark database",
              file=sys.stderr)
        return 2

    started = time.perf_counter()
    ensure_geo_loaded()
    timings["geography_s"] = time.perf_counter() - started

    started = time.perf_counter()
    geo = synth.Geography.from_database()
    plan = synth.build_plan(timezone.localdate(), geo, scale=args.scale)
    timings["plan_s"] = time.perf_counter() - started

    started = time.perf_counter()
    links = synth.write_plan(plan)
    timings["write_s"] = time.perf_counter() - started

    index = "rebuild_search_index" in get_commands()
    if index:
        started = time.perf_counter()
        call_command("rebuild_search_index", verbosity=0)
        timings["search_index_s"] = time.perf_counter() - started

    with connection.cursor() as cursor:  # fresh statistics for the query planner, as in production
        cursor.execute("ANALYZE")

    started = time.perf_counter()
    mix = query_mix.make_queries(plan, args.queries)
    timings["queries_s"] = time.perf_counter() - started
    Path(args.out).write_text(json.dumps(mix, ensure_ascii=False, indent=1), encoding="utf-8")

    print(json.dumps({
        "vendor": connection.vendor,
        "counts": plan.counts(),
        "links": links,
        "search_index_rebuilt": index,
        "query_mix": query_mix.summarise(mix),
        "timings": {k: round(v, 2) for k, v in timings.items()},
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
