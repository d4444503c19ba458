"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

Run them with ``DEBUG=true .venv/bin/pytest browser_tests -q``. They are marked
``browser``; without Chromium (``/usr/bin/chromium`` or ``$CHROMIUM_PATH``), the
Playwright driver or axe-core (``npm ci``) they are skipped with the reason,
except when ``CI=true``: then they fail, so CI never passes by skipping them.
"""
