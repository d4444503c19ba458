"""Is an answer of GET /api/v1/afdelingen a real page of results? (The finder benchmark's checks,
read from the API's JSON instead of the finder's HTML.)"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

PER_PAGE = 10


@dataclass
class Page:
    hits: int
    total: int | None
    field_errors: list[str] = field(default_factory=list)
    past_the_end: bool = False


def read_page(body: bytes) -> Page:
    try:
        data = json.loads(body)
    except ValueError:
        return Page(0, None, ["not JSON"])
    if "results" in data:
        return Page(len(data["results"]), data["count"])
    params = [item["name"] for item in data.get("invalid_params", [])]
    return Page(0, None, [f"{item['name']}: {item['reason']}" for item in data.get("invalid_params", [])],
                past_the_end=params == ["pagina"])


def check_search_page(status: int, page: Page | None, query: dict) -> str:
    """'' for a good answer, else what is wrong with it. A page past the end is refused (400, names
    only 'pagina') where the website shows the last page: that is a good answer too."""
    if page is not None and status == 400 and page.past_the_end and query["page"] > 1:
        return ""
    if status != 200:
        return f"HTTP {status}" + (": " + " | ".join(page.field_errors) if page and page.field_errors else "")
    if page.total is None:
        return "not a page of results"
    if query["expect"] and page.hits == 0:
        return f"no results, but {query['strict']} departments certainly match"
    expected_hits = max(0, min(PER_PAGE, page.total - PER_PAGE * (query["page"] - 1)))
    if page.hits != expected_hits:
        return f"{page.hits} results for total {page.total} on page {query['page']}"
    return ""


def below_certain(page: Page | None, query: dict) -> bool:
    return page is not None and page.total is not None and page.total < query["strict"] and query["category"] not in {
        "typo", "no_match"}
