"""A request body above REQUEST_MAX_BYTES is refused with 413 before it is read (issue 10, finding 7)."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_request_declaring_a_body_above_the_limit_is_refused_with_413_naming_the_limit(settings, monkeypatch):
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    monkeypatch.setattr("django.http.request.HttpRequest.read", lambda *a, **k: pytest.fail("read the body"))
    response = Client().post("/dossiers/1/bijlagen/", data=b"x", content_type="application/octet-stream", CONTENT_LENGTH=str(10**9))
    assert response.status_code == 413
    assert response.content.decode() == "Het verzoek is 953,7 MB; de grens is 1 MB (REQUEST_MAX_BYTES). Er is niets opgeslagen."


@pytest.mark.django_db
def test_a_request_within_the_limit_passes(settings):
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    response = Client().post("/account/inloggen/", data={"username": "a@b.example", "password": "x"})
    assert response.status_code == 200  # the login form again, with its error


def test_the_default_request_limit_is_above_every_upload_limit():
    from topggz.limits import DEFAULTS

    uploads = [DEFAULTS["DOSSIER_UPLOAD_MAX_BYTES"], 5 * DEFAULTS["REGISTER_IMPORT_MAX_BYTES"], DEFAULTS["DOSSIER_IMPORT_MAX_BYTES"]]
    assert DEFAULTS["REQUEST_MAX_BYTES"] > max(uploads)
