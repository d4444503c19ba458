"""register.presenters: pure presentation of a FinderResult (no database)."""

import pytest

from register import presenters
from register.search import FinderQuery, FinderResult
from register.search.querystring import to_querystring

QUERY = FinderQuery(
    text="eetstoornis & jongeren",
    target_groups=("eetstoornissen",),
    offers=("treatment", "second_opinion"),
    place="3511 AB",
    radius_km=25,
    sort="distance",
    page=4,
)


def result_of(query, page: int, num_pages: int) -> FinderResult:
    return FinderResult(query=query, hits=[], total=num_pages * 10, page=page, num_pages=num_pages)


@pytest.mark.parametrize("query", [QUERY, FinderQuery(page=4)])
def test_every_paging_link_is_the_url_of_the_whole_query_on_that_page(query):
    links = presenters.pagination(result_of(query, 4, 9), query)
    expected = {
        number: "/zoeken/" + (f"?{qs}" if (qs := to_querystring(query, page=number)) else "")
        for number in range(1, 10)
    }
    assert links.previous_url == expected[3]
    assert links.next_url == expected[5]
    assert [(link.number, link.url) for link in links.pages if link.number] == [
        (number, expected[number]) for number in (1, 2, 3, 4, 5, 6, 9)
    ]


def test_a_single_page_has_no_paging_links():
    assert presenters.pagination(result_of(QUERY, 1, 1), QUERY) is None
