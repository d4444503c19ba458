"""Fixtures for the browser tests: one Chromium for all of them, a fresh context per test.

* ``browser``: Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM_PATH``)
  driven by Playwright's sync API. Never ``playwright install``. It is
  package-scoped: started for the first browser test and stopped after the
  last one, so that the rest of the test session does not run next to
  Playwright's event loop (see ``playwright_driver``). Run on its own
  (``pytest browser_tests``) that is the whole session.
* ``page``: a page with JavaScript on; ``page_nojs``: a page in a context with
  JavaScript off (how the site must work without it).
* ``url``: ``url("accounts:login")`` is that page's address on the live server.
* ``demo_register``: the fictional demo register, committed so that the live
  server thread sees it.

Data: ``live_server`` needs committed data, so every browser test is a
transactional test (``pytest.mark.django_db(transaction=True)``), and Django
empties the database after each one. ``serialized_rollback=True`` puts back
what the migrations seeded (the vocabularies) before the next test, so these
tests neither depend on nor break the order of the other transactional tests.
Because of that flush, the demo cannot be loaded once per module; it is loaded
per test (about a second) and only by the tests that need it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from .environment import HERE, unavailable
from .environment import chromium_path as find_chromium

# Quiet and self-contained: no background traffic, updates, sync or QUIC.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Fail fast: a page of this site answers in well under a second.
TIMEOUT_MS = 10_000
VIEWPORT = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(config, items):
    """Everything in this folder drives a browser: mark it so (`-m "not browser"` leaves it out)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package", autouse=True)
def _empty_database_before_browser_tests(django_db_setup, django_db_blocker):
    """Start from an empty test database, which serialized_rollback then fills.

    A transactional test without serialized_rollback that ran earlier in the
    session (e.g. in audit/) leaves content types and permissions re-created
    by post_migrate under new ids; restoring the serialized rows on top of
    them would fail on unique constraints. Each browser test's own teardown
    empties the database the same way, so this adds nothing new.
    """
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)


@pytest.fixture(scope="package")
def chromium_path() -> str:
    return find_chromium()


@pytest.fixture(scope="package")
def playwright_driver():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        unavailable(f"the Playwright Python package is missing ({exc}): pip install -r requirements-dev.txt")
    from django.db import connections

    # Playwright's sync API leaves an event loop running in this thread. Django
    # then (1) refuses ORM calls from the test (demo loading, the flush after
    # each test) unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and (2) looks its
    # connections up per async context instead of per thread, which would give
    # the test new connection objects: without the test database's serialized
    # contents (so serialized_rollback would silently restore nothing) and, on
    # in-memory SQLite, not the one shared with the live server. So the
    # thread's connections are carried over into that context.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    thread_connections = {alias: connections[alias] for alias in connections}
    try:
        try:
            driver = sync_playwright().start()
        except Exception as exc:  # noqa: BLE001 - a broken or missing driver, whatever the error type
            unavailable(f"the Playwright driver does not start: {exc}")
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        try:
            yield driver
        finally:
            driver.stop()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright_driver, chromium_path):
    try:
        browser = playwright_driver.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
    except Exception as exc:  # noqa: BLE001
        unavailable(f"Chromium at {chromium_path} does not start: {exc}")
    yield browser
    browser.close()


def _new_page(browser, **options):
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORT, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    """A page with JavaScript on, in its own context (own cookies)."""
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture
def page_nojs(browser, live_server):
    """A page with JavaScript off: what a visitor without JavaScript gets."""
    context, page = _new_page(browser, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, live_server):
    """A JavaScript page used only to check a no-JavaScript page with axe (see axe.py)."""
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture
def url(live_server):
    """url("name", *args) -> the full address of that page on the live server."""

    def make(name: str, *args, **kwargs) -> str:
        return live_server.url + reverse(name, args=args, kwargs=kwargs or None)

    return make


@pytest.fixture
def demo_register(live_server):
    """The fictional demo register (and the geography), committed for the live server."""
    from register.demo import load_demo

    return load_demo()
