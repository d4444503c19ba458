"""The public finder: search the register by complaint, target group, age and distance.

This package's public interface (used by views, tests and the benchmark):

- ``FinderQuery``: what the user asked, parsed from the URL (``parse_query``).
- ``search(query[, context]) -> FinderResult``: one page of ranked hits.
- ``current_context()``: the cached vocabularies, up to date (one query).
- ``rebuild_index()``: rebuild the search index (also ``manage.py rebuild_search_index``).

See ``types.py`` for the contract and ``engine.py`` for how it works.
"""

from .types import (  # noqa: F401
    DISTANCE_CHOICES,
    PER_PAGE,
    SORT_CHOICES,
    DepartmentHit,
    FinderQuery,
    FinderResult,
)


def search(query: FinderQuery, context=None) -> FinderResult:
    """One page of ranked hits for `query` (see register.search.engine).

    `context`: the ``current_context()`` the caller already read in this request (saves a query).
    """
    from .engine import search as _search

    return _search(query, context)


def current_context():
    """The vocabularies (target groups, age groups, care functions, provinces) and the rest the
    engine caches per process, checked against the index stamp (one query)."""
    from .context import current

    return current()


def rebuild_index() -> int:
    """Rebuild every department's search document and the lexicon; returns the number of documents."""
    from .index import rebuild_index as _rebuild

    return _rebuild()
