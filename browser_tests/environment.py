"""Where the browser tests find their tools, and what happens when one is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str):
    """Skip locally; fail under CI=true, where a missing tool is a broken setup, not a reason to skip."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str:
    """Debian's Chromium, or the one named by $CHROMIUM_PATH; never a downloaded browser."""
    path = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        unavailable(
            f"Chromium not found at {path}: install Debian's chromium package "
            "(apt-get install chromium) or set CHROMIUM_PATH"
        )
    return path
