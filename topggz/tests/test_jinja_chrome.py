"""The two layouts print the same page chrome.

Django renders most pages with topggz/templates/base.html; Jinja2 renders the
finder with its twin topggz/jinja2/base.html (see topggz/jinja_env.py). A
visitor must not see a difference when going from one page to the other, so a
minimal page is rendered through both engines for the same request, and the
head, header, messages and footer must be the same HTML (whitespace aside, and
each form's CSRF token, which is masked afresh every time).
"""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.template import engines
from django.urls import resolve
from django.utils import translation
from django.utils.safestring import mark_safe

from accounts.models import User
from accounts.roles import Role

CONTENT = "<p>Inhoud</p>"
DJANGO_PAGE = '{% extends "base.html" %}{% block content %}' + CONTENT + "{% endblock %}"
JINJA_PAGE = '{% extends "base.html" %}{% block content %}' + CONTENT + "{% endblock %}"

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')


def normalise(html: str) -> str:
    html = CSRF_VALUE.sub(r'\1TOKEN"', html)
    html = re.sub(r"\s+", " ", html)
    return re.sub(r">\s+<", "><", html).strip()


def part(html: str, pattern: str) -> str:
    found = re.search(pattern, html, re.S)
    assert found, f"no {pattern} in the page"
    return found.group(0)


USERS = {
    "anonymous": lambda: AnonymousUser(),
    "referrer": lambda: User(email="verwijzer@topggz.example", role=Role.REFERRER),
    "committee member": lambda: User(email="lid@topggz.example", role=Role.COMMITTEE_MEMBER),
    "staff": lambda: User(email="beheer@topggz.example", role=Role.BUREAU_ADMIN, is_staff=True),
}

MESSAGES = {
    "no message": [],
    "messages": [
        (messages.SUCCESS, "Opgeslagen: ‘Eetstoornissen & co’ <b>\"nu\"</b> 't Goy"),
        (messages.ERROR, "Dat ging mis."),
        (messages.INFO, mark_safe("Zie <strong>de lijst</strong>.")),
    ],
}


def request_for(rf, path, user, queued):
    request = rf.get(path)
    request.user = user
    request.resolver_match = resolve(path)
    request._messages = CookieStorage(request)
    for level, text in queued:
        messages.add_message(request, level, text)
    return request


def render_both(rf, path, language, user_kind, message_kind):
    """The minimal page through Django's engine and through Jinja2, each for its own (equal) request."""
    pages = []
    for engine, source in [("django", DJANGO_PAGE), ("jinja2", JINJA_PAGE)]:
        with translation.override(language):  # as LocaleMiddleware: /en/ paths resolve in English
            request = request_for(rf, path, USERS[user_kind](), MESSAGES[message_kind])
            pages.append(engines[engine].from_string(source).render({}, request))
    return pages


@pytest.mark.parametrize("message_kind", MESSAGES)
@pytest.mark.parametrize("user_kind", USERS)
@pytest.mark.parametrize(
    "language, path", [("nl", "/zoeken/"), ("en", "/en/zoeken/"), ("nl", "/toegankelijkheid/"), ("en", "/en/")]
)
def test_the_jinja_layout_prints_the_same_chrome_as_the_django_layout(rf, language, path, user_kind, message_kind):
    django_html, jinja_html = render_both(rf, path, language, user_kind, message_kind)

    for pattern in [
        r"<head>.*</head>",
        r"<header\b.*</header>",
        r'<main id="main-content".*</main>',
        r"<footer\b.*</footer>",
    ]:
        assert normalise(part(jinja_html, pattern)) == normalise(part(django_html, pattern))
    assert normalise(jinja_html) == normalise(django_html)


def test_the_comparison_sees_the_parts_it_compares(rf):
    """A logged-in staff member in English with messages: every conditional part of the chrome is there."""
    _django_html, jinja_html = render_both(rf, "/en/zoeken/", "en", "staff", "messages")

    assert '<html lang="en" dir="ltr">' in jinja_html
    assert 'class="topggz-logout"' in jinja_html
    assert jinja_html.count('name="csrfmiddlewaretoken"') == 2
    assert '<input type="hidden" name="next" value="/zoeken/">' in jinja_html
    assert re.search(r'href="/en/zoeken/" aria-current="page">Search</a>', jinja_html)
    assert ">Management</a>" in jinja_html and ">Dossiers</a>" in jinja_html
    assert 'value="en" lang="en" aria-current="true">English</button>' in jinja_html
    assert "utrecht-alert--ok" in jinja_html and 'role="alert"' in jinja_html
    assert "&amp; co’ &lt;b&gt;&quot;nu&quot;&lt;/b&gt; &#x27;t Goy" in jinja_html  # Django's escaping
    assert "Zie <strong>de lijst</strong>." in jinja_html  # a safe message stays HTML
    assert CONTENT in jinja_html
