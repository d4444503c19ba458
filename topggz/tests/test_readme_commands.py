"""Every command the README prints works as printed, in a clean environment (issue 10, finding 12).

The commands are read from README.md (code blocks and inline code): every
``.venv/bin/python manage.py ...`` and every ``make ...``. Each runs in a
subprocess with only PATH, HOME and LANG set (no DEBUG, no SECRET_KEY, no
DATABASE_URL except a path to an SQLite file that does not exist, which must
stay so). ``certification check`` really runs, in that fresh state; the other
manage.py commands run with ``--help`` (which loads the settings and the
command, and so fails exactly as the README's user would when DEBUG or
SECRET_KEY is missing), and make targets run with ``make -n``. Commands in
a block that starts with ``export`` are the production recipe: they run with
DEBUG=false and a SECRET_KEY, as that block sets.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PYTHON = ".venv/bin/python"


def readme_commands() -> list[tuple[tuple[str, ...], bool]]:
    """(argv, production) for every manage.py and make command in the README, in order, without repeats."""
    text = README.read_text(encoding="utf-8")
    found: list[tuple[tuple[str, ...], bool]] = []
    for block in re.findall(r"```(?:sh|bash|console)?\n(.*?)```", text, flags=re.S):
        production = block.lstrip().startswith("export ")
        for line in block.splitlines():
            found.extend((argv, production) for argv in _commands(line))
    for span in re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S)):
        found.extend((argv, False) for argv in _commands(span))
    return list(dict.fromkeys(found))


def _commands(line: str) -> list[tuple[str, ...]]:
    line = line.strip()
    if not (line.startswith(f"{PYTHON} manage.py ") or line.startswith("make ")):
        return []
    return [tuple(shlex.split(line, comments=True))]


COMMANDS = readme_commands()


def clean_env(tmp_path: Path, production: bool) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    if production:
        env.update(PRODUCTION_ENV)
    return env


# What production must set (the README's `export` line names each of them).
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "readme-test-" + "x" * 40,
    "ALLOWED_HOSTS": "topggz.example",
    "AUDIT_HMAC_KEYS": "readme-test:" + "k" * 40,
}


def test_the_readmes_production_recipe_exports_every_variable_production_requires():
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    recipes = [block for block in blocks if block.lstrip().startswith("export ")]
    assert recipes, "the README has no production recipe"
    for name in PRODUCTION_ENV:
        assert f"{name}=" in recipes[0], name


def python() -> str:
    return str(ROOT / PYTHON) if (ROOT / PYTHON).exists() else sys.executable


def test_the_readme_prints_the_commands_this_test_expects():
    names = {argv[2] if argv[0] == PYTHON else "make" for argv, _ in COMMANDS}
    assert {"certification", "demo_totp", "load_demo", "import_register", "export_register", "audit_verify", "make"} <= names


@pytest.mark.parametrize("argv, production", COMMANDS, ids=[" ".join(argv) for argv, _ in COMMANDS])
def test_a_readme_command_works_as_printed_in_a_clean_environment(argv, production, tmp_path):
    env = clean_env(tmp_path, production)
    if argv[0] == "make":
        result = subprocess.run(["make", "-n", *argv[1:]], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return
    if argv[2:4] == ("certification", "check"):
        run = [python(), *argv[1:]]  # really runs: a fresh checkout, no database
    else:
        run = [python(), "manage.py", argv[2], "--help"]
    result = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "fresh.sqlite3").exists(), "the command created a database"


def test_certification_check_runs_in_a_fresh_checkout_without_debug_or_a_database(tmp_path):
    env = clean_env(tmp_path, production=False)
    example = "certification/examples/boegbeeld-vertrokken.json"
    result = subprocess.run(
        [python(), "manage.py", "certification", "check", example], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr  # a criterion is not met: the real verdict, not a crash
    assert "Criterium 4. Boegbeeld: VOLDOET NIET" in result.stdout
    assert not (tmp_path / "fresh.sqlite3").exists()


def test_manage_py_defaults_to_development_only_when_neither_debug_nor_secret_key_is_set():
    sys.path.insert(0, str(ROOT))
    try:
        from manage import developer_defaults
    finally:
        sys.path.remove(str(ROOT))
    for given, expected in [
        ({}, "true"),
        ({"DEBUG": "false"}, "false"),
        ({"SECRET_KEY": "s"}, None),
        ({"DEBUG": "false", "SECRET_KEY": "s"}, "false"),
    ]:
        environ = dict(given)
        developer_defaults(environ)
        assert environ.get("DEBUG") == expected, given


def test_production_settings_still_refuse_to_start_without_a_secret_key(tmp_path):
    env = clean_env(tmp_path, production=False) | {"DEBUG": "false", "DJANGO_SETTINGS_MODULE": "topggz.settings"}
    result = subprocess.run(
        [python(), "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
