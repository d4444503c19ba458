#!/usr/bin/env python
"""Profile one finder request with cProfile, in-process, on a kept benchmark database.

    .venv/bin/python bench/finder/run.py --db sqlite --keep-db      # builds bench/results/finder.sqlite3
    .venv/bin/python bench/finder/profile_query.py --db sqlite "/zoeken/?q=ptss&plaats=Utrecht&afstand=25"

Sends the request through Django's test client with the production settings
run.py uses (DEBUG off), once to warm up and then --repeat times under
cProfile; prints the mean time, the SQL statements of one request (count and
time) and the functions with the most cumulative and own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
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
    parser.add_argument("path", help='for example "/zoeken/?q=ptss"')
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    import run

    database = run.SQLiteDatabase() if args.db == "sqlite" else run.PostgresDatabase()
    if args.db == "sqlite" and not run.SQLITE_FILE.exists():
        raise SystemExit(f"{run.SQLITE_FILE} is missing: run `bench/finder/run.py --db sqlite --keep-db` first")
    os.environ.update(run.app_env(database.url()))
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topggz.settings")

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    response = client.get(args.path)  # warm-up: imports, vocabularies, connection
    if response.status_code != 200:
        raise SystemExit(f"{args.path}: HTTP {response.status_code}")

    statements = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((time.perf_counter() - started, sql))

    with connection.execute_wrapper(record):
        started = time.perf_counter()
        client.get(args.path)
        single = time.perf_counter() - started

    # Without the profiler: the whole request against the search engine alone (register.search.search).
    from django.http import QueryDict

    from register import search as finder
    from register.search.querystring import parse_query

    query, _ = parse_query(QueryDict(args.path.partition("?")[2]))
    timings = {"request": [], "engine": []}
    for _ in range(max(args.repeat, 10)):
        started = time.perf_counter()
        client.get(args.path)
        timings["request"].append(time.perf_counter() - started)
        started = time.perf_counter()
        finder.search(query)
        timings["engine"].append(time.perf_counter() - started)
    median = {k: sorted(v)[len(v) // 2] * 1000 for k, v in timings.items()}

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(args.repeat):
        client.get(args.path)
    profiler.disable()
    mean = (time.perf_counter() - started) / args.repeat

    print(f"{args.path} on {args.db}: {single * 1000:.1f} ms without profiler, {mean * 1000:.1f} ms mean "
          f"under cProfile ({args.repeat} runs)")
    print(f"Median of {len(timings['request'])} without profiler: whole request {median['request']:.1f} ms, "
          f"search engine alone {median['engine']:.1f} ms, the rest (middleware, presenters, template) "
          f"{median['request'] - median['engine']:.1f} ms")
    sql_time = sum(t for t, _ in statements)
    print(f"SQL: {len(statements)} statements, {sql_time * 1000:.1f} ms of {single * 1000:.1f} ms"
          + (" (SQLite: time to the first row; later rows are fetched outside this measure)"
             if connection.vendor == "sqlite" else ""))
    for seconds, sql in sorted(statements, reverse=True)[:5]:
        print(f"  {seconds * 1000:7.2f} ms  {' '.join(sql.split())[:160]}")
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
