#!/usr/bin/env python
"""Profile one desk page with cProfile, in-process, on a kept benchmark database.

    .venv/bin/python bench/consultation/run.py --db sqlite --keep-db       # keeps bench/results/consultation.sqlite3
    .venv/bin/python bench/consultation/profile_page.py --db sqlite case-small
    .venv/bin/python bench/consultation/profile_page.py --db sqlite inbox-gesloten-large

The page is one of the run's pages (``bench/results/consultation-pages-<db>.json``: inbox,
inbox-bezig, inbox-gesloten, case; -small or -large). Logs its desk user in anew (the run's
sessions were signed with that run's throwaway key), sends the request through Django's test
client with the production settings run.py uses (DEBUG off), once to warm up, then prints the
median time of 10 requests without profiler, the SQL statements of one request (count and
time), and cProfile's functions with the most cumulative and own time over --repeat requests.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="a page's name from the run, for example case-small or inbox-large")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    import run

    database = run.SQLiteDatabase() if args.db == "sqlite" else run.PostgresDatabase()
    if args.db == "sqlite" and not run.SQLITE_FILE.exists():
        raise SystemExit(f"{run.SQLITE_FILE} is missing: run `bench/consultation/run.py --db sqlite --keep-db` first")
    pages = {p["name"]: p for p in json.loads((run.RESULTS / f"consultation-pages-{args.db}.json").read_text())}
    if args.page not in pages:
        raise SystemExit(f"unknown page {args.page!r}; the run's pages: {', '.join(pages)}")
    page = pages[args.page]
    os.environ.update(run.app_env(database.url()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topggz.settings")

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from accounts.testing import login_verified

    client = login_verified(Client(HTTP_HOST=run.HOST, HTTP_ACCEPT_LANGUAGE="nl"),
                            User.objects.get(email=page["user"]))
    path = page["path"]
    response = client.get(path)  # warm-up: imports, vocabularies, the finder's snapshot, the connection
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")

    statements = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((time.perf_counter() - started, sql))

    with connection.execute_wrapper(record):
        started = time.perf_counter()
        client.get(path)
        single = time.perf_counter() - started

    timings = []
    for _ in range(10):
        started = time.perf_counter()
        client.get(path)
        timings.append(time.perf_counter() - started)
    median = sorted(timings)[len(timings) // 2] * 1000

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(args.repeat):
        client.get(path)
    profiler.disable()
    mean = (time.perf_counter() - started) / args.repeat

    print(f"{args.page} ({path}) on {args.db}: median of 10 without profiler {median:.1f} ms; "
          f"{mean * 1000:.1f} ms mean under cProfile ({args.repeat} runs)")
    sql_time = sum(t for t, _ in statements)
    print(f"SQL: {len(statements)} statements, {sql_time * 1000:.1f} ms of {single * 1000:.1f} ms"
          + (" (SQLite: time to the first row; later rows are fetched outside this measure)"
             if connection.vendor == "sqlite" else ""))
    for seconds, sql in sorted(statements, reverse=True)[:8]:
        print(f"  {seconds * 1000:7.2f} ms  {' '.join(sql.split())[:200]}")
    sections = [
        ("the project's own functions by cumulative time", "cumulative", [rf"^{ROOT}/(?!\.venv)"]),
        ("all functions by own time", "tottime", []),
        ("all functions by cumulative time", "cumulative", []),
    ]
    for title, order, restrictions in sections:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(order).print_stats(*restrictions, args.top)
        print(f"\n--- {title} (top {args.top}) ---")
        text = out.getvalue().replace(str(ROOT) + "/", "").replace(str(ROOT / ".venv") + "/", "")
        print("\n".join(line for line in text.splitlines() if line.strip())[:12000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
