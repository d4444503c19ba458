"""Every promise on a page is true: the platform does not (yet) take requests for consultation or a second opinion.

Referrers ask a department itself (its page says how). The registration and
home pages, in Dutch and English, must neither say that an account or the
platform lets you request them (now or "later"), nor leave it unsaid where a
request goes.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

SERVICES = re.compile(r"consultati|second opinion", re.IGNORECASE)
# A sentence that says the visitor can request something (Dutch "u kunt ... aanvragen", English "you can ... request").
CAN_REQUEST = re.compile(
    r"\b(kunt u|u kunt)\b[^.?!]*\b(aanvragen|aanvraag|vragen|indienen|volgen)\b"
    r"|\byou can\b[^.?!]*\b(request|ask|submit|follow)\b",
    re.IGNORECASE,
)
FUTURE = re.compile(r"\b(later|binnenkort|straks|soon)\b", re.IGNORECASE)

# What is true now, in each language: requests go to the department itself, not through the platform.
WHERE_REQUESTS_GO = {
    "nl": "bij de afdeling zelf",
    "en": "from the department itself",
}
NOT_THROUGH_THE_PLATFORM = {
    "nl": "niet via dit platform",
    "en": "not through this platform",
}


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main" or self.depth:
            self.depth += tag not in {"br", "input", "img", "meta", "link", "hr", "wbr"}

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def main_sentences(html: str) -> list[str]:
    parser = _MainText()
    parser.feed(html)
    text = re.sub(r"\s+", " ", " ".join(parser.parts))
    return [sentence.strip() for sentence in re.split(r"(?<=[.?!])\s+", text) if sentence.strip()]


def page_sentences(client, name: str, language: str) -> list[str]:
    with translation.override(language):
        path = reverse(name)
    response = client.get(path)
    assert response.status_code == 200
    return main_sentences(response.content.decode())


def promises_of_requests(sentences: list[str]) -> list[str]:
    """Sentences about consultation or a second opinion that say the visitor can request it, or will later."""
    return [s for s in sentences if SERVICES.search(s) and (CAN_REQUEST.search(s) or FUTURE.search(s))]


PAGES = [("home", language) for language in ("nl", "en")] + [("accounts:register", language) for language in ("nl", "en")]


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_the_promise_check_recognises_the_old_promises():
    old = [
        "Met een account kunt u later consultatie of een second opinion aanvragen.",
        "With an account you can later request a consultation or a second opinion.",
        "U kunt ook een second opinion aanvragen.",
        "You can also request a second opinion.",
    ]

    assert promises_of_requests(old) == old


@pytest.mark.parametrize(("name", "language"), PAGES)
def test_the_page_does_not_promise_online_requests_for_consultation_or_a_second_opinion(client, name, language):
    sentences = page_sentences(client, name, language)

    assert any(SERVICES.search(s) for s in sentences), "the page no longer mentions the services at all"
    assert promises_of_requests(sentences) == []


@pytest.mark.parametrize(("name", "language"), PAGES)
def test_the_page_says_a_request_goes_to_the_department_itself_not_through_the_platform(client, name, language):
    text = " ".join(page_sentences(client, name, language))

    assert WHERE_REQUESTS_GO[language] in text
    assert NOT_THROUGH_THE_PLATFORM[language] in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_registration_page_does_not_promise_that_an_account_gives_more_than_searching(client, language):
    text = " ".join(page_sentences(client, "accounts:register", language))

    assert FUTURE.search(text) is None
    assert {"nl": "geen extra mogelijkheden", "en": "no extra options"}[language] in text
