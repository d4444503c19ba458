"""The committed OpenAPI document is the one the code generates, and the API serves it."""

import json

from django.core.management import call_command

from api.management.commands.api_openapi import OPENAPI_FILE, generated_text


def test_the_committed_openapi_document_equals_the_generated_one():
    assert OPENAPI_FILE.read_text(encoding="utf-8") == generated_text(), "run: manage.py api_openapi"


def test_the_check_command_passes_on_the_committed_document(capsys):
    call_command("api_openapi", "--check")
    assert "up to date" in capsys.readouterr().out


def test_the_api_serves_the_document_it_was_generated_from(client):
    served = client.get("/api/v1/openapi.json").json()
    assert served == json.loads(generated_text())


def test_errors_are_declared_as_problem_details():
    document = json.loads(generated_text())
    responses = document["paths"]["/api/v1/afdelingen"]["get"]["responses"]
    assert list(responses["400"]["content"]) == ["application/problem+json"]
