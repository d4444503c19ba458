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
