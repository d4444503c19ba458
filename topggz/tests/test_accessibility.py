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

    assert '<time datetime="2026-12-06">6 december 2026</time>' in html


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
    assert '<time datetime="2026-12-06">6 December 2026</time>' in html


# ---- The parts of the Dutch model statement (modelverklaring, digitoegankelijk.nl) --------------------

STATUS_SENTENCE = {"nl": "Status: eerste maatregelen genomen.", "en": "Status: first measures taken."}
# Why the status is not "voldoet gedeeltelijk" although our own tests say so: no independent evaluation.
STATUS_REASON = {"nl": "onafhankelijke deskundige", "en": "independent expert"}
CHECKS = {
    "nl": ["axe-core", "echte webbrowser", "met en zonder JavaScript", "alleen een toetsenbord", "met de hand", "320 pixels"],
    "en": ["axe-core", "real web browser", "with and without JavaScript", "keyboard alone", "by hand", "320 pixels"],
}
RESPONSE_TIME = {"nl": "binnen 5 werkdagen antwoord", "en": "within 5 working days"}
LAST_CHECK = {
    "nl": 'De laatste controle van de website was op <time datetime="2026-12-06">6 december 2026</time>.',
    "en": 'The website was last checked on <time datetime="2026-12-06">6 December 2026</time>.',
}
PATHS = {"nl": "/toegankelijkheid/", "en": "/en/toegankelijkheid/"}
LANGUAGES = pytest.mark.parametrize("language", ["nl", "en"])


def statement(client, language):
    response = client.get(PATHS[language])
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading_id):
    """The HTML of the <section> labelled by the heading with this id."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def list_items(html, list_class):
    start = html.index(f'class="utrecht-unordered-list utrecht-unordered-list--html-content {list_class}"')
    return html[start : html.index("</ul>", start)].count("<li ")


@pytest.mark.django_db
@LANGUAGES
def test_accessibility_statement_states_its_compliance_status_and_why(client, language):
    status = section(statement(client, language), "status-heading")

    assert STATUS_SENTENCE[language] in status
    assert STATUS_REASON[language] in status


@pytest.mark.django_db
@LANGUAGES
def test_accessibility_statement_says_how_the_site_was_checked(client, language):
    checks = section(statement(client, language), "checks-heading")

    for method in CHECKS[language]:
        assert method in checks


@pytest.mark.django_db
@LANGUAGES
def test_accessibility_statement_lists_known_problems_and_what_was_not_checked(client, language):
    limitations = section(statement(client, language), "limitations-heading")

    assert list_items(limitations, "topggz-known-problems") >= 3
    assert list_items(limitations, "topggz-not-checked") >= 3
    assert "/beheer/" in limitations and "PDF" in limitations


@pytest.mark.django_db
@LANGUAGES
def test_accessibility_statement_claims_no_problem_free_site(client, language):
    html = statement(client, language)

    assert "Wij kennen op dit moment geen problemen" not in html
    assert "We are not currently aware of any" not in html
    assert "voldoet volledig." not in html and "fully compliant." not in html


@pytest.mark.django_db
@LANGUAGES
def test_accessibility_statement_gives_the_date_of_the_last_check(client, language):
    dates = section(statement(client, language), "date-heading")

    assert LAST_CHECK[language] in dates


@pytest.mark.django_db
@LANGUAGES
def test_accessibility_statement_says_how_to_report_a_problem_and_when_an_answer_comes(client, language):
    report = section(statement(client, language), "report-heading")

    assert 'href="mailto:toegankelijkheid@topggz.example"' in report
    assert RESPONSE_TIME[language] in report


@pytest.mark.django_db
def test_accessibility_statement_uses_the_singular_for_one_working_day(client, monkeypatch):
    from topggz import views

    monkeypatch.setattr(views, "ACCESSIBILITY_RESPONSE_WORKING_DAYS", 1)

    assert "binnen 1 werkdag antwoord" in section(statement(client, "nl"), "report-heading")
