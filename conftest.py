import os

import pytest

# Tests run with DEBUG on so that a SECRET_KEY is not required; production
# behaviour is checked explicitly where it matters (manage.py check --deploy).
os.environ.setdefault("DEBUG", "true")


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://... to run it")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine} (set DATABASE_URL to choose; CI runs sqlite3 and postgresql)"


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, but past the second factor that staff need."""
    from accounts.testing import login_verified

    return login_verified(client, admin_user)


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request under /en/ leaves English active in the thread (LocaleMiddleware does not reset it);
    put the default language back so that later tests see Dutch messages whatever the order."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
