"""The public finder: search the register by complaint, target group, age and distance.

This package's public interface (used by views, tests and the benchmark):

- ``FinderQuery``: what the user asked, parsed from the URL (``parse_query``).
- ``search(query) -> FinderResult``: one page of ranked hits.

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
