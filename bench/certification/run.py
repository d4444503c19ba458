#!/usr/bin/env python
"""Certification benchmark: load 600 stored dossiers vs load and check them, in one run.

    .venv/bin/python bench/certification/run.py [--db sqlite|postgres|both] [--dossiers 600] [--repeat 5]

For each database: create a fresh benchmark database (the SQLite file
bench/results/certification.sqlite3, or the PostgreSQL database
topggz_bench_cert via createdb), let measure.py fill it with synthetic
dossiers (bulk_create) and time, in one process, loading all of them with
``selectors.load_dossier`` against loading and checking them with
``selectors.check_stored_dossier`` (time.perf_counter, several repetitions,
median), then drop the database. Prints the totals, the time per dossier
and the ratio check/load with the date and the machine, and writes the same
to bench/results/certification-last-run.md. See README.md here.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
SQLITE_FILE = RESULTS / "certification.sqlite3"
POSTGRES_URL = os.environ.get("BENCH_CERT_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/topggz_bench_cert")
TIMEOUT_S = 3600


# --- machine ---------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def command(args: list[str]) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def django_version() -> str:
    return command([str(PYTHON), "-c", "import django; print(django.get_version())"])


def postgres_version(url: str) -> str:
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    out = command(["psql", admin_url, "-Atc", "show server_version"])
    return out.split()[0] if out and out != "unknown" else "unknown"


def machine(databases: list[str]) -> dict:
    info = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "arch": command(["uname", "-m"]),
        "nproc": command(["nproc"]),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "django": django_version(),
        "sqlite": sqlite3.sqlite_version,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    if "postgres" in databases:
        info["postgresql"] = postgres_version(POSTGRES_URL)
    return info


# --- databases -------------------------------------------------------------------------


def run_checked(cmd: list[str], env: dict | None = None) -> None:
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")


class SQLiteDatabase:
    name = "sqlite"

    def url(self) -> str:
        return f"sqlite:///{SQLITE_FILE}"

    def create(self) -> None:
        RESULTS.mkdir(parents=True, exist_ok=True)
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
        self.args = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
        self.env = dict(os.environ, PGPASSWORD=parts.password) if parts.password else None

    def url(self) -> str:
        return self._url

    def create(self) -> None:
        self.drop()
        run_checked(["createdb", *self.args, self.dbname], env=self.env)

    def drop(self) -> None:
        run_checked(["dropdb", *self.args, "--if-exists", "--force", self.dbname], env=self.env)


def worker_env(database_url: str) -> dict:
    """Production-like settings: DEBUG off (no query log kept in memory), a throwaway key."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-" + secrets.token_urlsafe(32),
        AUDIT_HMAC_KEYS="bench:" + secrets.token_urlsafe(32),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run_database(db, dossiers: int, repeat: int, keep: bool) -> dict:
    print(f"[{db.name}] fresh database, {dossiers} dossiers, {repeat} repetitions", file=sys.stderr, flush=True)
    db.create()
    try:
        out = subprocess.run(
            [str(PYTHON), str(HERE / "measure.py"), "--dossiers", str(dossiers), "--repeat", str(repeat)],
            cwd=ROOT,
            env=worker_env(db.url()),
            stdout=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT_S,
        )
        if out.returncode != 0:
            raise RuntimeError(f"measure.py failed on {db.name} ({out.returncode})")
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if not keep:
            db.drop()


# --- report ----------------------------------------------------------------------------


def ms(seconds: float, count: int) -> str:
    return f"{seconds / count * 1000:.2f} ms"


def report(info: dict, results: dict, dossiers: int, repeat: int) -> str:
    lines = [
        f"Certification benchmark: {dossiers} stored dossiers, load vs load + check (median of {repeat} repetitions)",
        "",
        f"- date: {info['date']}",
        f"- machine: {info['arch']}, {info['nproc']} CPUs, {info['cpu']} (load average at the start: {info['load']})",
        f"- software: Python {info['python']}, Django {info['django']}, SQLite {info['sqlite']}"
        + (f", PostgreSQL {info['postgresql']}" if "postgresql" in info else ""),
    ]
    first = next(iter(results.values()))
    mean = first["mean_per_dossier"]
    lines.append(
        f"- per dossier on average: {first['records'] / first['dossiers']:.0f} records, of which "
        + ", ".join(f"{v:g} {k}" for k, v in mean.items())
    )
    lines.append(
        "- verdicts: " + ", ".join(f"{v} {k}" for k, v in sorted(first["verdicts"].items())) + f" (of {first['dossiers']})"
    )
    lines += [
        "",
        "| database | load all | per dossier | load + check all | per dossier | ratio (load + check) / load | checker alone per dossier |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        n = r["dossiers"]
        lines.append(
            f"| {name} | {r['load_median_s']:.2f} s | {ms(r['load_median_s'], n)} | {r['load_check_median_s']:.2f} s "
            f"| {ms(r['load_check_median_s'], n)} | {r['ratio_median']:.2f} "
            f"| {ms(r['pure_check_median_s'], n)} |"
        )
    lines += [
        "",
        "The same measurement in CPU time of the measuring process (`time.process_time`; on SQLite that is all "
        "the work, on PostgreSQL the server's share is not in it), which a busy machine disturbs less:",
        "",
        "| database | load all (CPU) | load + check all (CPU) | ratio |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['load_cpu_median_s']:.2f} s | {r['load_check_cpu_median_s']:.2f} s | {r['cpu_ratio_median']:.2f} |"
        )
    lines += [
        "",
        "Totals are medians over the repetitions; the ratio is the median of the per-repetition ratios "
        "(load and load + check are timed in alternating blocks of 50 dossiers). Every repetition, in seconds "
        "(load / load + check):",
        "",
    ]
    for name, r in results.items():
        pairs = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(r["load_s"], r["load_check_s"], strict=True))
        before, after = " ".join(f"{x:.2f}" for x in r["loadavg"][:3]), " ".join(f"{x:.2f}" for x in r["loadavg"][3:])
        lines.append(
            f"- {name}: {pairs}; building the {r['records']} records took {r['build_s']:.1f} s "
            f"(migrations {r['migrate_s']:.1f} s); load average {before} before, {after} after measuring"
        )
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--dossiers", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep-db", action="store_true", help="keep the benchmark database(s) afterwards")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.dossiers < 1:
        parser.error("--dossiers and --repeat must be at least 1")

    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    info = machine(databases)
    results = {}
    for name in databases:
        db = SQLiteDatabase() if name == "sqlite" else PostgresDatabase()
        results[name] = run_database(db, args.dossiers, args.repeat, args.keep_db)
    text = report(info, results, args.dossiers, args.repeat)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "certification-last-run.md").write_text(text, encoding="utf-8")
    (RESULTS / "certification-last-run.json").write_text(json.dumps({"machine": info, "results": results}, indent=2), encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
