"""schemathesis against the committed OpenAPI document (api/openapi.json), in the normal test run:
every operation with generated parameters, zero server errors, zero answers that break the document
(status codes, content types, bodies, headers). Examples are limited to keep it fast; the whole
suite of checks runs on each."""

from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from api.tests.conftest import make_department

# Not run: "positive data acceptance" (a request the document allows must not get 400). The codes of
# the vocabulary are data the bureau keeps (a new target group needs no new document), so the document
# says "a code" and the API answers 400 for a code that does not exist; every other check runs.
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

OPENAPI = Path(__file__).resolve().parents[1] / "openapi.json"

schema = schemathesis.openapi.from_path(str(OPENAPI))
schema.app = WSGIHandler()


@pytest.fixture
def in_test_transaction():
    """Serve through Django's WSGI handler inside the test's transaction (as the test client does:
    no closing of the connection at the end of each request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def register_data(departments):
    make_department("Eetstoornissen Centrum Maastricht", "eetstoornissen-maastricht", target_groups=("eating_disorders",),
                    lat=50.85, lon=5.69, city="Maastricht")
    return departments


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_api_answers_as_its_openapi_document_says(case, register_data, in_test_transaction):
    case.call_and_validate(headers={"Host": "localhost"}, excluded_checks=[positive_data_acceptance])
