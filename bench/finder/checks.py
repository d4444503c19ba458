"""Is an answer of /zoeken/ a real results page? (A benchmark that times error pages is worthless.)

Reads the HTML the finder renders (register/templates/register/_results.html,
_hits.html, _status.html, _field_error.html): one `<li class="topggz-hit">`
per department shown, the status line "N afdelingen gevonden", and a
`utrecht-form-field-error-message` paragraph per field error.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

PER_PAGE = 10

_HIT = re.compile(rb'<li class="topggz-hit[" ]')
_TOTAL = re.compile(r"([0-9][0-9.,\u00a0 ]*)\s+afdeling(?:en)?\s+gevonden")
_NONE = "Geen afdelingen gevonden"
_FIELD_ERROR = re.compile(r'<p class="utrecht-form-field-error-message">(.*?)</p>', re.S)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Page:
    hits: int
    total: int | None  # None: no status line found
    field_errors: list[str] = field(default_factory=list)


def read_page(body: bytes) -> Page:
    hits = len(_HIT.findall(body))
    text = body.decode("utf-8", errors="replace")
    total = None
    match = _TOTAL.search(text)
    if match:
        total = int(re.sub(r"[^0-9]", "", match.group(1)))
    elif _NONE in text:
        total = 0
    errors = [html.unescape(_TAGS.sub("", m)).strip() for m in _FIELD_ERROR.findall(text)]
    return Page(hits, total, [e for e in errors if e])


def check_search_page(status: int, page: Page | None, query: dict) -> str:
    """'' for a good answer, else what is wrong with it."""
    if status != 200:
        return f"HTTP {status}"
    if page.total is None:
        return "no status line ('N afdelingen gevonden'): not a results page"
    if page.field_errors:
        return "field error: " + " | ".join(page.field_errors)
    if query["expect"] and page.hits == 0:
        return f"no results, but {query['strict']} departments certainly match"
    # A page past the end shows the last page (the finder clamps it), so count with that page.
    last_page = max(1, -(-page.total // PER_PAGE))
    shown_page = min(query["page"], last_page)
    expected_hits = max(0, min(PER_PAGE, page.total - PER_PAGE * (shown_page - 1)))
    if page.hits != expected_hits:
        return f"{page.hits} results shown for total {page.total} on page {query['page']}"
    return ""


def below_certain(page: Page | None, query: dict) -> bool:
    """The finder reports fewer departments than certainly match (a finder issue, not a benchmark failure)."""
    return page is not None and page.total is not None and page.total < query["strict"] and query["category"] not in {
        "typo", "no_match"}
