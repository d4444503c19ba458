"""The site's main menu leads to the insight pages."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_main_menu_links_to_the_insight_pages(client):
    html = client.get("/").content.decode()
    assert re.search(r'<nav [^>]*aria-label="Hoofdmenu".*href="/inzicht/"', html, re.S)


def test_the_main_menu_marks_the_insight_page_as_current_there(client):
    html = client.get("/inzicht/").content.decode()
    assert re.findall(r'<a [^>]*href="([^"]+)" aria-current="page">', html) == ["/inzicht/"]
