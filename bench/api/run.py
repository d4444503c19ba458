#!/usr/bin/env python
"""API benchmark: GET /api/v1/afdelingen (the department search) against /healthz, in one run.

    .venv/bin/python bench/api/run.py [--db sqlite|postgres|both] [--queries N]

The finder benchmark's harness (bench/finder/run.py: the synthetic register at 100 times the real
size, the same query mix, gunicorn with production settings, /healthz interleaved, server time from
the access log) with the API in place of the page: each query's URL parameters are sent to
/api/v1/afdelingen (the API takes the finder's parameters) with ``aantal=10`` (the finder's page
size), and the JSON is checked (bench/api/checks.py). The anonymous rate limit is off for the run
(API_ANON_RATE=off): the benchmark is one client sending thousands of requests. See README.md here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
FINDER = HERE.parent / "finder"
sys.path.insert(0, str(FINDER))
import run as harness  # noqa: E402  (bench/finder/run.py)


def _load_api_checks():
    """bench/api/checks.py under its own name (the finder's harness already imported its own `checks`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("api_bench_checks", HERE / "checks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


api_checks = _load_api_checks()

API_PATH = "/api/v1/afdelingen"
POSTGRES_URL = os.environ.get("BENCH_API_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/topggz_api_bench")
_finder_env = harness.app_env


def search_path(query: dict) -> str:
    return API_PATH + "?" + urlencode([tuple(p) for p in query["params"]] + [("aantal", "10")])


def app_env(database_url: str) -> dict:
    env = _finder_env(database_url)
    env["API_ANON_RATE"] = "off"
    return env


def install() -> None:
    """Point the finder's harness at the API."""
    harness.SEARCH_PATH = API_PATH
    harness.SQLITE_FILE = harness.RESULTS / "api.sqlite3"
    harness.search_path = search_path
    harness.app_env = app_env
    harness.checks = api_checks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="API benchmark: /api/v1/afdelingen against /healthz over HTTP.")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--queries", type=int, default=300, help="measured searches per database (at least 200)")
    parser.add_argument("--warmup", type=int, default=harness.WARMUP)
    parser.add_argument("--scale", type=int, default=100, help="register size in times the real one")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args(argv)
    if args.queries < 1 or 2 * (args.queries + args.warmup) + 100 > harness.MAX_REQUESTS:
        parser.error("--queries out of range")
    install()
    harness.RESULTS.mkdir(parents=True, exist_ok=True)
    info = harness.machine()
    harness.collect_static()
    databases = {"sqlite": [harness.SQLiteDatabase()], "postgres": [harness.PostgresDatabase(POSTGRES_URL)],
                 "both": [harness.SQLiteDatabase(), harness.PostgresDatabase(POSTGRES_URL)]}[args.db]
    results = []
    for db in databases:
        result = harness.bench_database(db, args.queries, args.warmup, args.scale, args.keep_db)
        samples = harness.RESULTS / f"finder-{db.name}-samples.json"
        if samples.exists():
            samples.replace(harness.RESULTS / f"api-{db.name}-samples.json")
        results.append(result)
    mixes = {(harness.RESULTS / f"queries-{db.name}.json").read_text(encoding="utf-8") for db in databases}
    text = harness.report(info, results, args.queries, args.warmup, args.scale, same_mix=len(mixes) == 1)
    text = text.replace("Finder benchmark", "API benchmark (GET /api/v1/afdelingen with the finder's query mix)")
    text = text.replace("| /zoeken/ |", f"| {API_PATH} |")
    print()
    print(text)
    (harness.RESULTS / "api-last-run.md").write_text(text + "\n", encoding="utf-8")
    return 0 if all(not r.failures for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
