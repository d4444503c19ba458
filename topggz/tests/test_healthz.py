import pytest
from django.db import OperationalError, connections


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_database_cursor_fails(client, monkeypatch):
    def broken_cursor(self, *args, **kwargs):
        raise OperationalError("database is unreachable")

    monkeypatch.setattr(type(connections["default"]), "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError"}
