#!/usr/bin/env python
"""Consultation desk benchmark: the inbox and a case page against /healthz, 100,000 requests.

    .venv/bin/python bench/consultation/run.py [--db sqlite|postgres|both] [--samples N]

For each database: create a fresh benchmark database (an SQLite file under bench/results/ or
the PostgreSQL database topggz_bench_consult), fill it (build.py: the synthetic register of
1,000 departments, 100,000 requests with their events, messages and escalations, two desk
users logged in), count the SQL queries of every page in-process (count_queries.py), start
gunicorn on 127.0.0.1 with production settings, warm up, request every page with /healthz
interleaved, stop gunicorn and drop the database. Server time comes from gunicorn's access
log (%(D)s); the client's round trip on loopback is reported next to it. See README.md here.
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
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = ROOT / "bench" / "results"
STATIC = RESULTS / "static-consultation"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
GUNICORN = VENV_BIN / "gunicorn"

SQLITE_FILE = RESULTS / "consultation.sqlite3"
POSTGRES_URL = os.environ.get("BENCH_CONSULT_POSTGRES_URL",
                              "postgres://postgres@127.0.0.1:5432/topggz_bench_consult")
HOST = "127.0.0.1"
HEALTH_PATH = "/healthz"
WARMUP = 10  # warm-up rounds: every page and /healthz once per round, not measured
SAMPLES = 200  # measured requests per page (and as many /healthz)
MAX_REQUESTS = 20_000  # a hard bound on the requests one run may send
READY_TIMEOUT_S = 60
REQUEST_TIMEOUT_S = 60
BUILD_TIMEOUT_S = 3600
ACCESS_LOG_FORMAT = "%(D)s %(s)s %(m)s %(U)s %(q)s"


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


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


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
        "commit": git_commit(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def app_env(database_url: str) -> dict:
    """Production settings (DEBUG off) on loopback, with a throwaway SECRET_KEY and audit key."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-" + secrets.token_urlsafe(32),
        # Production refuses to start without an audit key; the case page writes an audit entry.
        AUDIT_HMAC_KEYS="bench:" + secrets.token_urlsafe(32),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(STATIC),
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


class SQLiteDatabase:
    name = "sqlite"

    def url(self) -> str:
        return f"sqlite:///{SQLITE_FILE}"

    def create(self) -> None:
        self.drop()

    def drop(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            SQLITE_FILE.with_name(SQLITE_FILE.name + suffix).unlink(missing_ok=True)


class PostgresDatabase:
    name = "postgres"

    def __init__(self, url: str = POSTGRES_URL):
        self._url = url
        parts = urlsplit(url)
        self.dbname = parts.path.lstrip("/")
        if not self.dbname.startswith("topggz_bench"):
            raise SystemExit(f"refusing to drop and create {self.dbname!r}: its name must start with topggz_bench")
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
        self.access_log = RESULTS / f"consultation-access-{tag}.log"
        self.error_log = RESULTS / f"consultation-gunicorn-{tag}.log"
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


# --- requests --------------------------------------------------------------------------------


@dataclass
class Sample:
    page: str  # a page's name from the plan, or "healthz"
    path: str
    status: int
    round_trip_ms: float
    server_ms: float | None = None
    check: str = ""  # "" when fine, else why the response does not count as a good answer


@dataclass
class Replay:
    samples: list[Sample] = field(default_factory=list)
    requests_sent: int = 0
    before_measuring: int = 0  # requests before the measured ones (readiness, warm-up)


class Client:
    """http.client on loopback, one connection object reused (gunicorn's sync worker closes after each
    response; http.client then reconnects by itself)."""

    def __init__(self, port: int, cookie_name: str):
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
        self.cookie_name = cookie_name
        self.sent = 0

    def get(self, path: str, session: str | None = None) -> tuple[int, bytes, float]:
        if self.sent >= MAX_REQUESTS:
            raise RuntimeError(f"more than {MAX_REQUESTS} requests: stopping")
        self.sent += 1
        headers = {"Accept-Language": "nl", "Host": HOST}
        if session:
            headers["Cookie"] = f"{self.cookie_name}={session}"
        started = time.perf_counter_ns()
        self.conn.request("GET", path, headers=headers)
        response = self.conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter_ns() - started) / 1e6
        return response.status, body, elapsed

    def close(self):
        self.conn.close()


def check_page(page: dict, status: int, body: bytes) -> str:
    """Only good answers count: HTTP 200 (not the log-in or second-factor page) with what must be on it."""
    if status != 200:
        return f"HTTP {status}"
    text = body.decode("utf-8", "replace")
    missing = [marker for marker in page.get("expect", []) if marker not in text]
    return f"missing {', '.join(missing)}" if missing else ""


def replay(port: int, pages: list[dict], samples: int, warmup: int, cookie_name: str) -> Replay:
    """Rounds of every page, each followed or preceded by /healthz (alternating), all pages in turn."""
    client = Client(port, cookie_name)
    result = Replay()
    try:
        for _ in range(warmup):
            for page in pages:
                client.get(page["path"], page["session"])
                client.get(HEALTH_PATH)
        result.before_measuring = client.sent
        n = 0
        for _ in range(samples):
            for page in pages:
                pair = [page, None]
                if n % 2:
                    pair.reverse()  # alternate the order, so neither kind always follows the other
                n += 1
                for item in pair:
                    if item is None:
                        status, body, ms = client.get(HEALTH_PATH)
                        check = "" if status == 200 and b'"ok"' in body else f"HTTP {status}"
                        result.samples.append(Sample("healthz", HEALTH_PATH, status, ms, check=check))
                    else:
                        status, body, ms = client.get(item["path"], item["session"])
                        result.samples.append(Sample(item["name"], item["path"], status, ms,
                                                     check=check_page(item, status, body)))
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
    pages: list[dict]
    server: dict[str, list[float]]  # page name (and "healthz") -> server times
    rtt: dict[str, list[float]]
    failures: list[str]
    queries: list[dict]

    def constant(self) -> list[tuple[str, list[dict], bool]]:
        """Per kind of page: the pages of that kind (small and large) and whether their query counts are equal."""
        by_kind: dict[str, list[dict]] = {}
        for q in self.queries:
            if q["kind"] == "healthz":
                continue
            by_kind.setdefault(q["kind"], []).append(q)
        return [(kind, rows, len({r["queries"] for r in rows}) == 1 and all(r["status"] == 200 for r in rows))
                for kind, rows in by_kind.items()]

    @property
    def queries_constant(self) -> bool:
        return all(equal for _kind, _rows, equal in self.constant())


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"


def report(info: dict, results: list[DbResult], samples: int, warmup: int) -> str:
    lines = []
    build = results[0].build if results else {}
    counts = build.get("counts", {})
    subjects = build.get("subjects", {})
    lines.append(f"Consultation desk benchmark, {info['date']} (commit {info['commit']})")
    lines.append(
        f"Machine: {info['arch']}, {info['nproc']} CPUs ({info['cpu']}); Python {info['python']}, "
        f"Django {info['django']}, SQLite {info['sqlite']}, PostgreSQL {info['postgresql']}"
    )
    if counts:
        lines.append(
            "Dataset: {requests:,} requests, {events:,} events, {messages:,} messages, {attachments:,} attachment rows, "
            "{escalations:,} escalation levels; {departments:,} departments, {locations:,} locations, "
            "{staff:,} desk users, {referrers:,} referrers (synthetic, fixed seed)".format(**counts))
        lines.append("Requests by status: " + ", ".join(f"{k} {v:,}" for k, v in counts["statuses"].items())
                     + f"; {counts['overdue']:,} overdue; content removed (retention) {counts['content_removed']:,}")
        lines.append("Events per request: " + ", ".join(f"{k}: {v:,}" for k, v in counts["events_per_request"].items()))
        spread = subjects["requests_per_department"]
        lines.append(f"Requests per department: min {spread['min']}, p10 {spread['p10']}, median {spread['median']}, "
                     f"p90 {spread['p90']}, max {spread['max']:,}")
        for size in ("small", "large"):
            s = subjects[size]
            lines.append(f"{size.capitalize()} department: {s['name']} (id {s['department_id']}), {s['requests']:,} requests ("
                         + ", ".join(f"{k} {v:,}" for k, v in sorted(s["by_status"].items())) + f"); desk user {s['user']}")
        for name in ("typical_case", "heavy_case"):
            c = subjects[name]
            lines.append(f"{name.replace('_', ' ').capitalize()}: {c['reference']} ({c['status']}): {c['n_events']} events, "
                         f"{c['n_messages']} messages, {c['n_attachments']} attachments, {c['n_escalations']} escalation levels")
    lines.append(
        f"Each database: {warmup} warm-up rounds, then {samples} requests per page and one /healthz after or before "
        "each (alternating), pages in turn; one gunicorn sync worker, DEBUG off, logged in with a verified second factor."
    )
    lines.append(f"Load average (1, 5, 15 min) before: {info['load']}; after: "
                 + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (other work on the machine adds noise).")
    lines.append("Server time = gunicorn access log %(D)s; round trip = http.client on loopback (nothing subtracted); "
                 "ratio = the page's server p95 / the /healthz server p95 of the same run.")
    lines.append("")
    lines.append("| database | page | server p50 | server p95 | round trip p50 | round trip p95 | p95 / healthz p95 | SQL queries |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        health95 = percentile(r.server["healthz"], 95)
        queries = {q["name"]: q["queries"] for q in r.queries}
        for page in r.pages:
            server, rtt = r.server[page["name"]], r.rtt[page["name"]]
            lines.append(f"| {r.db} | {page['label']} | {ms(percentile(server, 50))} | {ms(percentile(server, 95))} | "
                         f"{ms(percentile(rtt, 50))} | {ms(percentile(rtt, 95))} | "
                         f"{percentile(server, 95) / health95:.1f}x | {queries.get(page['name'], '?')} |")
        lines.append(f"| {r.db} | /healthz | {ms(percentile(r.server['healthz'], 50))} | {ms(health95)} | "
                     f"{ms(percentile(r.rtt['healthz'], 50))} | {ms(percentile(r.rtt['healthz'], 95))} | 1.0x | "
                     f"{queries.get('healthz', '?')} |")
    lines.append("")
    for r in results:
        parts = []
        for kind, rows, equal in r.constant():
            counted = " / ".join(f"{row['size']} {row['queries']}" for row in rows)
            parts.append(f"{kind}: {counted} ({'equal' if equal else 'NOT EQUAL'})")
        lines.append(f"SQL queries per page on {r.db} (in-process, Django test client): " + "; ".join(parts)
                     + f" -> {'constant' if r.queries_constant else 'NOT CONSTANT'}.")
    lines.append("")
    for r in results:
        good = sum(len(v) for k, v in r.server.items()) - len(r.failures)
        lines.append(f"Checks on {r.db}: {good}/{sum(len(v) for v in r.server.values())} responses good "
                     f"(HTTP 200 with the expected content); {len(r.failures)} failures.")
        for failure in r.failures[:20]:
            lines.append(f"  FAIL {failure}")
        if len(r.failures) > 20:
            lines.append(f"  ... and {len(r.failures) - 20} more")
    lines.append("Build (s): " + "; ".join(
        f"{r.db} " + ", ".join(f"{k.removesuffix('_s')} {v}" for k, v in r.build.get("timings", {}).items())
        for r in results))
    return "\n".join(lines)


# --- one database -----------------------------------------------------------------------------


def collect_static() -> None:
    if not (ROOT / "topggz" / "static" / "vendor").exists():
        raise SystemExit("front-end assets missing: run `make assets` first (the Makefile's bench target does)")
    env = app_env("sqlite://:memory:")
    run_checked([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env)


def bench_database(db, samples: int, warmup: int, keep: bool, n_requests: int) -> DbResult:
    env = app_env(db.url())  # one SECRET_KEY for build.py (the sessions) and gunicorn
    pages_file = RESULTS / f"consultation-pages-{db.name}.json"
    server = None
    try:
        print(f"[{db.name}] creating the benchmark database and the synthetic desk traffic (a few minutes) ...",
              flush=True)
        db.create()
        out = subprocess.run([str(PYTHON), str(HERE / "build.py"), "--requests", str(n_requests)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             text=True, timeout=BUILD_TIMEOUT_S)
        if out.returncode != 0:
            raise RuntimeError(f"build.py failed on {db.name} ({out.returncode})")
        build = json.loads(out.stdout.strip().splitlines()[-1])
        pages = build["pages"]
        if not pages:
            raise RuntimeError(f"no pages to measure: {build.get('pages_missing')}")
        health = {"name": "healthz", "kind": "healthz", "size": "", "path": HEALTH_PATH, "session": None}
        pages_file.write_text(json.dumps(pages + [health], ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"[{db.name}] built in {build['timings']} s; counting SQL queries per page ...", flush=True)
        queries = json.loads(run_checked(
            [str(PYTHON), str(HERE / "count_queries.py"), str(pages_file),
             "--sql-out", str(RESULTS / f"consultation-sql-{db.name}.json")], env=env).strip().splitlines()[-1])
        by_name = {p["name"]: p for p in pages + [health]}
        for q in queries:
            q["kind"], q["size"] = by_name[q["name"]]["kind"], by_name[q["name"]]["size"]
        server = Gunicorn(env, db.name)
        server.start()
        print(f"[{db.name}] gunicorn on {HOST}:{server.port}; {samples} requests per page ...", flush=True)
        run = replay(server.port, pages, samples, warmup, build["session_cookie_name"])
        server.stop()
        attach_server_times(run, server.access_log)
        result = DbResult(
            db=db.name, build=build, pages=pages,
            server={name: [s.server_ms for s in run.samples if s.page == name]
                    for name in [p["name"] for p in pages] + ["healthz"]},
            rtt={name: [s.round_trip_ms for s in run.samples if s.page == name]
                 for name in [p["name"] for p in pages] + ["healthz"]},
            failures=[f"{s.path}: {s.check}" for s in run.samples if s.check],
            queries=queries,
        )
        (RESULTS / f"consultation-{db.name}-samples.json").write_text(json.dumps(
            [{"page": s.page, "path": s.path, "status": s.status, "round_trip_ms": round(s.round_trip_ms, 3),
              "server_ms": s.server_ms, "check": s.check} for s in run.samples], ensure_ascii=False, indent=0))
        return result
    finally:
        if server is not None:
            server.stop()
        if not keep:
            db.drop()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Consultation desk benchmark: inbox and case page against /healthz.")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--samples", type=int, default=SAMPLES, help="measured requests per page (at least 100)")
    parser.add_argument("--warmup", type=int, default=WARMUP, help="warm-up rounds (every page and /healthz once)")
    parser.add_argument("--keep-db", action="store_true", help="keep the benchmark databases afterwards")
    parser.add_argument("--requests", type=int, default=100_000,
                        help="requests in the database (default 100,000; fewer only to try the harness)")
    args = parser.parse_args(argv)
    if args.samples < 1 or 2 * 6 * (args.samples + args.warmup) + 100 > MAX_REQUESTS:
        parser.error(f"--samples must be between 1 and {MAX_REQUESTS // 12 - args.warmup - 10}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()
    collect_static()
    databases = {"sqlite": [SQLiteDatabase()], "postgres": [PostgresDatabase()],
                 "both": [SQLiteDatabase(), PostgresDatabase()]}[args.db]
    results = [bench_database(db, args.samples, args.warmup, args.keep_db, args.requests) for db in databases]
    text = report(info, results, args.samples, args.warmup)
    print()
    print(text)
    (RESULTS / "consultation-last-run.md").write_text(text + "\n", encoding="utf-8")
    return 0 if all(not r.failures and r.queries_constant for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
