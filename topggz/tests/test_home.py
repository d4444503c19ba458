import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_page_is_served_in_dutch_by_default(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Hulp bij ernstige, ingewikkelde of zeldzame psychische problemen" in html


def test_home_page_shows_the_register_size_from_the_database(client, register_rows):
    response = client.get("/")

    html = response.content.decode()
    assert "In het register staan 3 afdelingen van 2 instellingen." in html
    assert "2 afdelingen hebben het TOPGGz-keurmerk." in html


def test_home_page_uses_the_singular_for_one_department(client, register_rows):
    from register.models import Department

    Department.objects.exclude(name="Dwang").delete()

    html = client.get("/").content.decode()

    assert "In het register staat 1 afdeling van 1 instelling." in html
    assert "1 afdeling heeft het TOPGGz-keurmerk." in html


@pytest.mark.django_db
def test_home_page_says_the_register_is_being_filled_when_it_is_empty(client):
    html = client.get("/").content.decode()

    assert "Het register wordt op dit moment gevuld." in html
    assert "In het register staan 0" not in html


@pytest.mark.django_db
def test_home_page_tells_people_in_crisis_to_call_their_gp_or_112(client):
    html = client.get("/").content.decode()

    assert "Bel bij een crisis uw huisarts." in html
    assert 'href="tel:112"' in html


def test_home_page_is_in_english_after_choosing_english_in_the_language_switch(client, register_rows):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/en/"
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Help with severe, complex or rare mental health problems" in html
    assert "The register lists 3 departments from 2 institutions." in html
    assert "2 departments have the TOPGGz quality mark." in html


@pytest.mark.django_db
def test_home_page_is_in_english_under_the_en_prefix(client):
    response = client.get("/en/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Skip to main content" in html
    assert "Hulp bij ernstige" not in html


@pytest.mark.django_db
def test_home_page_does_not_accept_a_post(client):
    assert client.post("/").status_code == 405
