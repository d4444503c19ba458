#!/usr/bin/env python
"""Finder benchmark: the search page against /healthz, on a register 100 times the real size.

    .venv/bin/python bench/finder/run.py [--db sqlite|postgres|both] [--queries N]

For each database: create a fresh benchmark database (an SQLite file under
bench/results/ or the PostgreSQL database topggz_bench), fill it with the
synthetic register (build.py), start gunicorn on 127.0.0.1 with production
settings, warm up, replay the query mix against /zoeken/ with the same number
of /healthz requests interleaved, stop gunicorn and drop the database. Server
time comes from gunicorn's access log (%(D)s, microseconds from the start of
the request to the last byte written); the client's round trip on loopback is
reported next to it. See README.md in this directory.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = ROOT / "bench" / "results"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
GUNICORN = VENV_BIN / "gunicorn"

SQLITE_FILE = RESULTS / "finder.sqlite3"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/topggz_bench")
HOST = "127.0.0.1"
SEARCH_PATH = "/zoeken/"
HEALTH_PATH = "/healthz"
GOAL_RATIO = 8.0  # search p95 within 8 x the /healthz p95 (issue 11: one template engine)
WARMUP = 20
MAX_REQUESTS = 20_000  # a hard bound on the requests one run may send
READY_TIMEOUT_S = 60
REQUEST_TIMEOUT_S = 60
ACCESS_LOG_FORMAT = "%(D)s %(s)s %(m)s %(U)s %(q)s"

sys.path.insert(0, str(HERE))
import checks  # noqa: E402  (sibling module)


# --- machine and environment ---------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def postgres_version() -> str:
    try:
        out = subprocess.run(
            ["psql", POSTGRES_URL.rsplit("/", 1)[0] + "/postgres", "-Atc", "show server_version"],
            capture_output=True, text=True, timeout=10, check=True,
        )
        return out.stdout.strip().split()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unavailable"


def machine() -> dict:
    import django

    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "arch": platform.machine(),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def app_env(database_url: str) -> dict:
    """Production settings (DEBUG off) on loopback; see the README's configuration table."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-" + secrets.token_urlsafe(32),
        # Production refuses to start without an audit key (the finder writes no audit entries).
        AUDIT_HMAC_KEYS="bench:" + secrets.token_urlsafe(32),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(RESULTS / "static"),
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run_checked(cmd: list, env: dict | None = None, timeout: int = 600) -> str:
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return out.stdout


# --- databases -----------------------------------------------------------------------


class Database:
    name = ""

    def url(self) -> str:
        raise NotImplementedError

    def create(self) -> None:
        raise NotImplementedError

    def drop(self) -> None:
        raise NotImplementedError


class SQLiteDatabase(Database):
    name = "sqlite"

    def url(self) -> str:
        return f"sqlite:///{SQLITE_FILE}"

    def _files(self):
        return [SQLITE_FILE, *(SQLITE_FILE.with_name(SQLITE_FILE.name + s) for s in ("-wal", "-shm", "-journal"))]

    def create(self) -> None:
        self.drop()

    def drop(self) -> None:
        for path in self._files():
            path.unlink(missing_ok=True)


class PostgresDatabase(Database):
    name = "postgres"

    def __init__(self, url: str = POSTGRES_URL):
        self._url = url
        parts = urlsplit(url)
        self.dbname = parts.path.lstrip("/")
        if not self.dbname.endswith("_bench"):
            raise SystemExit(f"refusing to drop and create {self.dbname!r}: the benchmark database must end in _bench")
        self.args = ["-h", parts.hostname or HOST, "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
        self.env = dict(os.environ, PGPASSWORD=parts.password) if parts.password else None

    def url(self) -> str:
        return self._url

    def create(self) -> None:
        self.drop()
        run_checked(["createdb", *self.args, self.dbname], env=self.env)

    def drop(self) -> None:
        run_checked(["dropdb", *self.args, "--if-exists", "--force", self.dbname], env=self.env)


# --- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Gunicorn:
    """One gunicorn (one sync worker) that this script starts and always stops."""

    def __init__(self, env: dict, tag: str):
        self.env = env
        self.port = free_port()
        self.access_log = RESULTS / f"access-{tag}.log"
        self.error_log = RESULTS / f"gunicorn-{tag}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.access_log.unlink(missing_ok=True)
        cmd = [
            str(GUNICORN), "topggz.wsgi", "-w", "1", "--bind", f"{HOST}:{self.port}",
            "--access-logfile", str(self.access_log), "--access-logformat", ACCESS_LOG_FORMAT,
            "--error-logfile", "-", "--timeout", str(REQUEST_TIMEOUT_S),
        ]
        # A session of its own, so stop() can end the master and its worker and nothing else.
        with open(self.error_log, "wb") as output:  # Django's own log (errors with tracebacks) goes here too
            self.process = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL,
                                            stdout=output, stderr=output, start_new_session=True)
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.error_log}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", HEALTH_PATH)
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer {HEALTH_PATH} within {READY_TIMEOUT_S} s; see {self.error_log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        pgid = self.process.pid  # start_new_session: the group id is the master's pid
        try:
            os.killpg(pgid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass


# --- replay ----------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str  # "search" or "health"
    path: str
    status: int
    round_trip_ms: float
    server_ms: float | None = None
    query: dict | None = None
    check: str = ""  # "" when fine, else why the response does not count as a good answer
    hits: int = 0  # departments shown on the page (search only)
    total: int | None = None  # "N afdelingen gevonden" (search only)
    below_certain: bool = False  # the finder reports fewer departments than certainly match


@dataclass
class Replay:
    samples: list[Sample] = field(default_factory=list)
    requests_sent: int = 0
    before_measuring: int = 0  # requests before the measured ones (readiness, warm-up)


def search_path(query: dict) -> str:
    return SEARCH_PATH + "?" + urlencode([tuple(p) for p in query["params"]])


class Client:
    """http.client on loopback, one connection object reused (gunicorn's sync worker closes after each
    response; http.client then reconnects by itself)."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
        self.sent = 0

    def get(self, path: str) -> tuple[int, bytes, float]:
        if self.sent >= MAX_REQUESTS:
            raise RuntimeError(f"more than {MAX_REQUESTS} requests: stopping")
        self.sent += 1
        started = time.perf_counter_ns()
        self.conn.request("GET", path, headers={"Accept-Language": "nl", "Host": HOST})
        response = self.conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter_ns() - started) / 1e6
        return response.status, body, elapsed

    def close(self):
        self.conn.close()


def replay(port: int, queries: list[dict], warmup: list[dict], pages_dir: Path) -> Replay:
    client = Client(port)
    result = Replay()
    try:
        for query in warmup:
            client.get(search_path(query))
            client.get(HEALTH_PATH)
        result.before_measuring = client.sent
        for i, query in enumerate(queries):
            pair = [("search", search_path(query)), ("health", HEALTH_PATH)]
            if i % 2:
                pair.reverse()  # alternate the order, so neither kind always follows the other
            for kind, path in pair:
                status, body, ms = client.get(path)
                sample = Sample(kind, path, status, ms, query=query if kind == "search" else None)
                if kind == "search":
                    (pages_dir / f"{query['id']:04d}.html").write_bytes(body)
                    page = checks.read_page(body) if status == 200 else None
                    sample.check = checks.check_search_page(status, page, query)
                    if page is not None:
                        sample.hits, sample.total = page.hits, page.total
                        sample.below_certain = checks.below_certain(page, query)
                elif status != 200 or b'"ok"' not in body:
                    sample.check = f"HTTP {status}"
                result.samples.append(sample)
    finally:
        client.close()
        result.requests_sent = client.sent
    return result


def attach_server_times(run: Replay, access_log: Path) -> None:
    """Match the access log's lines (one per request, in order) to the samples."""
    lines = [line.split(" ", 4) for line in access_log.read_text().splitlines() if line.strip()]
    # The readiness probes come first; then warm-up and measured requests, in the order sent.
    extra = len(lines) - run.requests_sent
    if extra < 0:
        raise RuntimeError(f"access log has {len(lines)} lines for {run.requests_sent} requests")
    measured = lines[extra + run.before_measuring:]
    if len(measured) != len(run.samples):
        raise RuntimeError(f"access log: {len(measured)} measured lines for {len(run.samples)} samples")
    for sample, parts in zip(run.samples, measured):
        micros, status, _method, path = parts[0], parts[1], parts[2], parts[3]
        query = parts[4] if len(parts) > 4 else ""
        logged = path + ("?" + query if query and query != "-" else "")
        if logged != sample.path or int(status) != sample.status:
            raise RuntimeError(f"access log out of step: {logged} {status} for {sample.path} {sample.status}")
        sample.server_ms = int(micros) / 1000


# --- statistics ------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class DbResult:
    db: str
    build: dict
    search_server: list[float]
    health_server: list[float]
    search_rtt: list[float]
    health_rtt: list[float]
    failures: list[str]
    typo_hits: tuple[int, int]
    by_category: dict[str, list[float]]
    slowest: list[tuple[float, str]]
    expected: int
    below_certain: list[str] = field(default_factory=list)

    def p(self, values, q):
        return percentile(values, q)

    @property
    def ratio95(self) -> float:
        return self.p(self.search_server, 95) / self.p(self.health_server, 95)

    @property
    def goal_met(self) -> bool:
        return self.ratio95 <= GOAL_RATIO and not self.failures


def summarise(db: str, build: dict, run: Replay) -> DbResult:
    search = [s for s in run.samples if s.kind == "search"]
    health = [s for s in run.samples if s.kind == "health"]
    failures = [f"{s.path}: {s.check}" for s in run.samples if s.check]
    by_category: dict[str, list[float]] = {}
    for s in search:
        by_category.setdefault(s.query["category"], []).append(s.server_ms)
    typos = [s for s in search if s.query["category"] == "typo"]
    slowest = sorted(((s.server_ms, s.path) for s in search), reverse=True)[:5]
    return DbResult(
        db=db,
        build=build,
        search_server=[s.server_ms for s in search],
        health_server=[s.server_ms for s in health],
        search_rtt=[s.round_trip_ms for s in search],
        health_rtt=[s.round_trip_ms for s in health],
        failures=failures,
        typo_hits=(sum(1 for s in typos if s.hits > 0), len(typos)),
        below_certain=[f"{s.path}: {s.total} found, {s.query['strict']} certain" for s in search if s.below_certain],
        by_category=by_category,
        slowest=slowest,
        expected=sum(1 for s in search if s.query["expect"]),
    )


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"


def mix_summary(queries: list[dict]) -> str:
    by_category: dict[str, int] = {}
    for q in queries:
        by_category[q["category"]] = by_category.get(q["category"], 0) + 1
    parts = ", ".join(f"{k} {v}" for k, v in sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])))
    pages = sum(1 for q in queries if q["page"] > 1)
    near = sum(1 for q in queries if any(k == "plaats" for k, _ in q["params"]))
    return (f"{len(queries)} searches ({parts}); {near} near a postcode or municipality, {pages} on page 2-3; "
            f"results certain (and checked) for {sum(q['expect'] for q in queries)}")


def report(info: dict, results: list[DbResult], n_queries: int, warmup: int, scale: int, same_mix: bool) -> str:
    lines = []
    counts = next((r.build.get("counts") for r in results), {})
    lines.append(f"Finder benchmark, {info['date']}")
    lines.append(
        f"Machine: {info['arch']}, {info['nproc']} CPUs ({info['cpu']}); Python {info['python']}, "
        f"Django {info['django']}, SQLite {info['sqlite']}, PostgreSQL {info['postgresql']}"
    )
    if counts:
        lines.append(
            "Dataset: {departments:,} departments, {locations:,} locations, {institutions:,} institutions, "
            "{offers:,} offers, {exclusions:,} exclusion criteria".format(**counts)
            + f" (synthetic, {scale} x the real register; fixed seed)"
        )
    if results:
        lines.append(f"Queries: {results[0].build['measured_mix']}"
                     + ("; the same on both databases" if len(results) > 1 and same_mix else "")
                     + ("; NOT the same on both databases" if len(results) > 1 and not same_mix else ""))
    lines.append(
        f"Each database: {warmup} warm-up pairs, then {n_queries} searches and {n_queries} /healthz requests "
        "interleaved, one gunicorn sync worker, DEBUG off."
    )
    lines.append(f"Load average (1, 5, 15 min) before: {info['load']}; after: "
                 + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (other work on the machine adds noise).")
    lines.append("Server time = gunicorn access log %(D)s; round trip = http.client on loopback (nothing subtracted).")
    lines.append("")
    lines.append("| database | page | server p50 | server p95 | round trip p50 | round trip p95 |")
    lines.append("|---|---|---:|---:|---:|---:|")
    for r in results:
        lines.append(f"| {r.db} | /zoeken/ | {ms(r.p(r.search_server, 50))} | {ms(r.p(r.search_server, 95))} | "
                     f"{ms(r.p(r.search_rtt, 50))} | {ms(r.p(r.search_rtt, 95))} |")
        lines.append(f"| {r.db} | /healthz | {ms(r.p(r.health_server, 50))} | {ms(r.p(r.health_server, 95))} | "
                     f"{ms(r.p(r.health_rtt, 50))} | {ms(r.p(r.health_rtt, 95))} |")
        ratio = lambda a, b, q: f"{r.p(a, q) / r.p(b, q):.1f}x"  # noqa: E731
        lines.append(f"| {r.db} | search / healthz | {ratio(r.search_server, r.health_server, 50)} | "
                     f"{ratio(r.search_server, r.health_server, 95)} | {ratio(r.search_rtt, r.health_rtt, 50)} | "
                     f"{ratio(r.search_rtt, r.health_rtt, 95)} |")
    lines.append("")
    for r in results:
        verdict = "MET" if r.goal_met else "NOT MET"
        why = f"search p95 = {r.ratio95:.1f} x /healthz p95 (server time), goal <= {GOAL_RATIO:g} x"
        if r.failures:
            why += f"; {len(r.failures)} failed responses"
        lines.append(f"Goal on {r.db}: {verdict} ({why}).")
    lines.append("")
    for r in results:
        lines.append(
            f"Checks on {r.db}: {len(r.search_server) - sum(1 for f in r.failures if SEARCH_PATH in f)}"
            f"/{len(r.search_server)} search responses good (HTTP 200 and results where expected: "
            f"{r.expected} queries); {len(r.failures)} failures; typos with results "
            f"{r.typo_hits[0]}/{r.typo_hits[1]}."
        )
        if r.below_certain:
            lines.append(f"  Note: on {len(r.below_certain)} queries the finder reports fewer departments than "
                         "certainly match (see README, 'checks'), e.g.:")
            lines.extend(f"    {item}" for item in r.below_certain[:5])
        for failure in r.failures[:20]:
            lines.append(f"  FAIL {failure}")
        if len(r.failures) > 20:
            lines.append(f"  ... and {len(r.failures) - 20} more")
    lines.append("")
    lines.append("Search server time by kind of query (p50 / p95 / n):")
    for r in results:
        parts = [f"{cat} {ms(percentile(v, 50))} / {ms(percentile(v, 95))} / {len(v)}"
                 for cat, v in sorted(r.by_category.items(), key=lambda kv: -percentile(kv[1], 95))]
        lines.append(f"  {r.db}: " + "; ".join(parts))
    lines.append("Slowest searches (server time):")
    for r in results:
        for value, path in r.slowest[:3]:
            lines.append(f"  {r.db}: {ms(value)} {path}")
    lines.append("Build (s): " + "; ".join(
        f"{r.db} " + ", ".join(f"{k.removesuffix('_s')} {v}" for k, v in r.build.get("timings", {}).items())
        for r in results))
    return "\n".join(lines)


# --- one database -----------------------------------------------------------------------------


def collect_static() -> None:
    if not (ROOT / "topggz" / "static" / "vendor").exists():
        raise SystemExit("front-end assets missing: run `make assets` first (the Makefile's bench target does)")
    run_checked([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v", "0"], env=app_env("sqlite://:memory:"))


def bench_database(db: Database, n_queries: int, warmup: int, scale: int, keep: bool) -> DbResult:
    env = app_env(db.url())
    queries_file = RESULTS / f"queries-{db.name}.json"
    pages_dir = RESULTS / f"pages-{db.name}"
    shutil.rmtree(pages_dir, ignore_errors=True)
    pages_dir.mkdir(parents=True)
    server = None
    try:
        print(f"[{db.name}] creating the benchmark database and the synthetic register ...", flush=True)
        db.create()
        out = run_checked([str(PYTHON), str(HERE / "build.py"), "--scale", str(scale),
                           "--queries", str(n_queries + warmup), "--out", str(queries_file)], env=env, timeout=1800)
        build = json.loads(out.strip().splitlines()[-1])
        print(f"[{db.name}] {build['counts']} built in {build['timings']} s; "
              f"search index rebuilt: {build['search_index_rebuilt']}", flush=True)
        mix = json.loads(queries_file.read_text(encoding="utf-8"))
        queries, warm = mix[:n_queries], mix[n_queries:]
        build["measured_mix"] = mix_summary(queries)
        server = Gunicorn(env, db.name)
        print(f"[{db.name}] gunicorn on {HOST}:{server.port}; replaying {len(queries)} queries ...", flush=True)
        server.start()
        run = replay(server.port, queries, warm, pages_dir)
        server.stop()
        attach_server_times(run, server.access_log)
        result = summarise(db.name, build, run)
        (RESULTS / f"finder-{db.name}-samples.json").write_text(json.dumps(
            [{"kind": s.kind, "path": s.path, "status": s.status, "round_trip_ms": round(s.round_trip_ms, 3),
              "server_ms": s.server_ms, "check": s.check, "hits": s.hits, "total": s.total,
              "category": s.query["category"] if s.query else None} for s in run.samples], ensure_ascii=False, indent=0))
        return result
    finally:
        if server is not None:
            server.stop()
        if not keep:
            db.drop()
            shutil.rmtree(pages_dir, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Finder benchmark: /zoeken/ against /healthz over HTTP.")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--queries", type=int, default=300, help="measured searches per database (at least 200)")
    parser.add_argument("--warmup", type=int, default=WARMUP, help="warm-up search + healthz pairs")
    parser.add_argument("--scale", type=int, default=100, help="register size in times the real one")
    parser.add_argument("--keep-db", action="store_true", help="keep the benchmark databases and pages afterwards")
    args = parser.parse_args(argv)
    if args.queries < 1 or 2 * (args.queries + args.warmup) + 100 > MAX_REQUESTS:
        parser.error(f"--queries must be between 1 and {MAX_REQUESTS // 2 - args.warmup - 50}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()
    collect_static()
    databases = {"sqlite": [SQLiteDatabase()], "postgres": [PostgresDatabase()],
                 "both": [SQLiteDatabase(), PostgresDatabase()]}[args.db]
    results = [bench_database(db, args.queries, args.warmup, args.scale, args.keep_db) for db in databases]
    mixes = {(RESULTS / f"queries-{db.name}.json").read_text(encoding="utf-8") for db in databases}
    text = report(info, results, args.queries, args.warmup, args.scale, same_mix=len(mixes) == 1)
    print()
    print(text)
    (RESULTS / "finder-last-run.md").write_text(text + "\n", encoding="utf-8")
    return 0 if all(not r.failures for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
