"""Static checks on the Jinja2 templates (topggz/jinja2/, <app>/jinja2/).

The CSP forbids inline scripts, styles and event handlers, as for the Django
templates (test_templates.py). And makemessages reads these files as Django
templates: it extracts translatable text only from ``_("literal")``, so that is
the only way they may say something translatable, and each such text must be in
the English catalogue.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    path
    for directory in [BASE_DIR / "topggz" / "jinja2", *BASE_DIR.glob("*/jinja2")]
    for path in directory.rglob("*.html")
)
IDS = [str(path.relative_to(BASE_DIR)) for path in TEMPLATES]

# As django.utils.translation.template.constant_re, which makemessages uses.
LITERAL_GETTEXT = re.compile(r"""_\(((?:".*?")|(?:'.*?'))\)""")


def test_there_are_jinja_templates_to_check():
    assert {str(path.relative_to(BASE_DIR)) for path in TEMPLATES} >= {
        "topggz/jinja2/base.html",
        "register/jinja2/register/search.html",
        "register/jinja2/register/_results.html",
    }


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_jinja_template_has_inline_scripts_styles_or_event_handlers(path):
    text = path.read_text(encoding="utf-8")

    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.I | re.S)
    assert all(re.search(r"\bsrc=", attrs) and not body.strip() for attrs, body in scripts), scripts
    assert not re.search(r"\sstyle\s*=|<style\b", text, re.I)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", text, re.I)


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_translatable_text_is_written_so_that_makemessages_finds_it(path):
    text = path.read_text(encoding="utf-8")

    assert not re.search(r"{%-?\s*(trans|pluralize|blocktrans)", text), "use _(\"…\"), not Jinja's {% trans %}"
    assert not re.search(r"\b(n?gettext|npgettext)\(", text), "plurals belong in Python (ngettext)"
    # _( always with a string literal, and never right after {{- (makemessages would not see it).
    assert not re.search(r"""\b_\((?!["'])""", text)
    assert not re.search(r"{{-\s*_\(", text)


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_every_translatable_text_has_an_english_translation(path):
    catalogue = gettext.GNUTranslations(
        (BASE_DIR / "topggz" / "locale" / "en" / "LC_MESSAGES" / "django.mo").open("rb")
    )._catalog
    text = path.read_text(encoding="utf-8")

    messages = [ast.literal_eval(literal) for literal in LITERAL_GETTEXT.findall(text)]
    missing = [message for message in messages if not catalogue.get(message)]
    assert not missing
