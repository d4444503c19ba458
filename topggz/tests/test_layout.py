import re

import pytest

from accounts.testing import login_verified
from django.contrib.auth import get_user_model

from .htmlscan import elements, focusable_elements

PAGES = ["/", "/en/", "/toegankelijkheid/", "/en/toegankelijkheid/", "/kennis/", "/en/kennis/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_the_skip_link_is_the_first_focusable_element_and_targets_main_content(client, path):
    html = client.get(path).content.decode()

    tag, attrs = focusable_elements(html)[0]
    assert tag == "a"
    assert "utrecht-skip-link" in attrs["class"]
    assert attrs["href"] == "#main-content"
    targets = [(tag, attrs) for tag, attrs in elements(html) if attrs.get("id") == "main-content"]
    assert [tag for tag, _ in targets] == ["main"]


@pytest.mark.django_db
def test_the_language_switch_is_a_post_form_to_set_language_that_returns_to_the_current_page(client):
    html = client.get("/toegankelijkheid/").content.decode()

    form = re.search(r'<form class="topggz-language"[^>]*>(.*?)</form>', html, re.S)
    assert form is not None
    assert 'action="/i18n/setlang/"' in form.group(0)
    assert 'method="post"' in form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert '<input type="hidden" name="next" value="/toegankelijkheid/">' in form.group(1)
    buttons = re.findall(r'<button[^>]*name="language" value="(\w+)" lang="(\w+)"[^>]*>([^<]+)</button>', form.group(1))
    assert [(value, lang, label) for value, lang, label in buttons] == [
        ("nl", "nl", "Nederlands"),
        ("en", "en", "English"),
    ]


@pytest.mark.django_db
def test_switching_language_on_a_subpage_returns_to_that_page_in_the_new_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/toegankelijkheid/"})

    assert response.status_code == 302
    assert response["Location"] == "/en/toegankelijkheid/"


@pytest.mark.django_db
def test_the_navigation_marks_the_current_page(client):
    html = client.get("/toegankelijkheid/").content.decode()

    current = re.findall(r'<a [^>]*href="([^"]+)" aria-current="page">', html)
    assert current == ["/toegankelijkheid/"]


@pytest.mark.django_db
def test_the_beheer_link_is_hidden_from_visitors(client):
    html = client.get("/").content.decode()

    assert 'href="/beheer/"' not in html


@pytest.mark.django_db
def test_the_beheer_link_is_shown_to_staff(client):
    staff = get_user_model().objects.create_user(
        email="beheer@topggz.example", password="x" * 16, is_staff=True, role="bureau_admin"
    )
    login_verified(client, staff)

    html = client.get("/").content.decode()

    assert re.search(r'<a [^>]*href="/beheer/"[^>]*>Beheer</a>', html)


@pytest.mark.django_db
def test_htmx_is_loaded_from_our_own_static_files_with_defer(client):
    html = client.get("/").content.decode()

    assert re.search(r'<script src="/static/vendor/htmx/htmx\.min\.js" defer></script>', html)


@pytest.mark.django_db
def test_the_footer_links_to_the_accessibility_statement(client):
    html = client.get("/").content.decode()

    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    assert 'href="/toegankelijkheid/"' in footer


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PAGES, "/healthz", "/beheer/login/"])
def test_every_response_carries_a_content_security_policy_without_unsafe_inline(client, path):
    response = client.get(path)

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
