import pytest


@pytest.mark.django_db
def test_accessibility_statement_is_served(client):
    response = client.get("/toegankelijkheid/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1 class=\"utrecht-heading-1\">Toegankelijkheidsverklaring</h1>" in html
    assert "WCAG 2.1 op niveau AA" in html


@pytest.mark.django_db
def test_accessibility_statement_gives_its_date(client):
    html = client.get("/toegankelijkheid/").content.decode()

    assert '<time datetime="2026-11-25">25 november 2026</time>' in html


@pytest.mark.django_db
def test_accessibility_statement_gives_the_default_contact_address(client):
    html = client.get("/toegankelijkheid/").content.decode()

    assert 'href="mailto:toegankelijkheid@topggz.example"' in html


@pytest.mark.django_db
def test_accessibility_statement_uses_the_contact_address_from_settings(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "a11y@example.org"

    html = client.get("/toegankelijkheid/").content.decode()

    assert 'href="mailto:a11y@example.org"' in html


@pytest.mark.django_db
def test_accessibility_statement_is_available_in_english(client):
    html = client.get("/en/toegankelijkheid/").content.decode()

    assert "Accessibility statement" in html
    assert '<time datetime="2026-11-25">25 November 2026</time>' in html
