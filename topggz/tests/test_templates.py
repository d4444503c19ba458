"""Static checks on the template files: the CSP forbids inline scripts and styles."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATE_DIR = Path(settings.BASE_DIR) / "topggz" / "templates"
TEMPLATES = sorted(TEMPLATE_DIR.rglob("*.html"))


def test_there_are_templates_to_check():
    assert {path.name for path in TEMPLATES} >= {"base.html", "home.html", "accessibility.html"}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(TEMPLATE_DIR)))
def test_no_template_contains_an_inline_script(path):
    text = path.read_text(encoding="utf-8")

    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.I | re.S)
    assert all(re.search(r"\bsrc=", attrs) and not body.strip() for attrs, body in scripts), scripts


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(TEMPLATE_DIR)))
def test_no_template_contains_inline_styles(path):
    text = path.read_text(encoding="utf-8")

    assert not re.search(r"\sstyle\s*=", text, re.I)
    assert not re.search(r"<style\b", text, re.I)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(TEMPLATE_DIR)))
def test_no_template_contains_inline_event_handlers(path):
    text = path.read_text(encoding="utf-8")

    assert not re.search(r"<[^>]*\son[a-z]+\s*=", text, re.I)
