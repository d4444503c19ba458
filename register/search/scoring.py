"""The finder's ranking: a tiered score from features both databases compute alike.

No engine-specific relevance (FTS5's bm25, PostgreSQL's ts_rank) is used. A
department's score is the sum of

- GROUP_POINTS times the weight of each target group the text was read as
  that it has: a target-group term ("anorexia", "PTSS") weighs 1, a lay
  word its own weight ("stemmen horen": psychosis 1, psychotrauma 0.4), and a
  group named by several distinct terms the sum of their weights, at most
  concepts.MAX_GROUP_WEIGHT; so a department that has both groups of
  "verslaving en depressie" comes before one that has one of them;
- AGE_POINTS when it has one of the age groups the text names;
- for each other query word (not an age word, not a place name), the points
  of the strongest column that has it:
  the department's name, its target groups' terms, its institutions, its
  description (COLUMN_POINTS); when the text was read as a target group,
  the words together give at most WORD_POINTS_CAP, less than one group, so
  that the concepts of a long story outweigh its incidental words;
- PROXIMITY_POINTS when the text names a place and the department has a
  location near it (computed in Python, see engine);
- CERTIFIED_POINTS when it is certified.

Equal scores are ordered by distance (when there is an origin), then by name,
then by id. ``score()`` is the reference definition; register.search.sql
computes the query-dependent part in SQL and the engine adds the rest in
numpy (a test keeps them equal).
"""

from __future__ import annotations

from dataclasses import dataclass

GROUP_POINTS = 100
AGE_POINTS = 40
# The columns of the index (register.search.backends.COLUMNS), strongest first.
COLUMN_POINTS = {"name": 30, "groups": 20, "institutions": 15, "description": 5}
# The most the words give together when the text was read as a target group (less than GROUP_POINTS).
WORD_POINTS_CAP = 90
CERTIFIED_POINTS = 1
# (at most this many km, points) for a place named in the text.
PROXIMITY_POINTS = ((25, 40), (50, 30), (100, 20), (150, 10))


@dataclass(frozen=True)
class Features:
    matched_groups: float = 0  # the summed weights of the text's target groups that the department has
    read_groups: bool = False  # the text was read as at least one target group (the words are capped)
    matched_age: bool = False
    term_columns: tuple[frozenset[str], ...] = ()  # per query word: the columns that have it
    certified: bool = False
    text_place_km: float | None = None


def term_points(columns) -> int:
    return max((COLUMN_POINTS[c] for c in columns), default=0)


def proximity_points(km: float | None) -> int:
    if km is None:
        return 0
    return next((points for limit, points in PROXIMITY_POINTS if km <= limit), 0)


def group_points(weight: float) -> int:
    """The points of a target group the text was read as with this weight."""
    return round(GROUP_POINTS * weight)


def words_points(term_columns, read_groups: bool) -> int:
    total = sum(term_points(columns) for columns in term_columns)
    return min(total, WORD_POINTS_CAP) if read_groups else total


def score(features: Features) -> int:
    return (
        group_points(features.matched_groups)
        + (AGE_POINTS if features.matched_age else 0)
        + words_points(features.term_columns, features.read_groups)
        + (CERTIFIED_POINTS if features.certified else 0)
        + proximity_points(features.text_place_km)
    )
