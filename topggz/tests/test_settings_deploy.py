"""Production settings pass Django's deployment checklist with no warnings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7#kP2$vQ9!mZ4@wL8^nB3&rT6*yH1%cF5(jD0)gS2-aE7+uM4=",
        ALLOWED_HOSTS="topggz.example",
        AUDIT_HMAC_KEYS="2026-01:Vq3nZ8yR1tLw6pXc4mHs9bKd2fGj7aUe5oNi0rTy",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false", ALLOWED_HOSTS="topggz.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("value,expected", [("postgres://u:p@db.example:5432/topggz", "postgresql"), ("", "sqlite3")])
def test_the_database_follows_database_url(value, expected):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = run_manage("shell", "-c", code, DEBUG="true", DATABASE_URL=value)
    assert result.stdout.strip().endswith(expected), result.stderr


@pytest.mark.parametrize("value,expected", [
    ("", "LocMemCache"), ("locmem", "LocMemCache"), ("database", "DatabaseCache"), ("Database", "DatabaseCache"),
])
def test_the_cache_follows_cache_backend(value, expected):
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_manage("shell", "-c", code, DEBUG="true", CACHE_BACKEND=value)
    assert result.stdout.strip().endswith(expected), result.stderr


def test_an_unknown_cache_backend_is_refused_with_the_known_ones():
    result = run_manage("check", DEBUG="true", CACHE_BACKEND="redis")
    assert result.returncode != 0
    assert "CACHE_BACKEND must be one of locmem, database, not 'redis'" in result.stderr


def test_with_the_database_cache_make_migrate_makes_its_table_and_charts_are_kept_there(tmp_path):
    database = f"sqlite:///{tmp_path / 'cache.sqlite3'}"
    made = run_manage("createcachetable", DEBUG="true", CACHE_BACKEND="database", DATABASE_URL=database)
    assert made.returncode == 0, made.stderr
    code = ("from django.core.cache import cache; cache.set('topggz-chart:svg:x', b'<svg/>', 60); "
            "from django.db import connection; c = connection.cursor(); c.execute('SELECT COUNT(*) FROM topggz_cache'); "
            "print(c.fetchone()[0])")
    result = run_manage("shell", "-c", code, DEBUG="true", CACHE_BACKEND="database", DATABASE_URL=database)
    assert result.stdout.strip().endswith("1"), result.stderr
