"""The finder's contract: the query, a hit and a result page. Pure data, no database access."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from geo.selectors import Place
    from register.models import AgeGroup, Department, Location, TargetGroup

DISTANCE_CHOICES = (5, 10, 25, 50, 100)  # km; None means the whole country
SORT_CHOICES = ("relevance", "distance")
PER_PAGE = 10


@dataclass(frozen=True)
class FinderQuery:
    """Everything a results page depends on; it round-trips through the URL.

    URL parameters (all optional, repeatable ones may occur several times):
    q (free text), doelgroep (target-group code, repeatable), leeftijd (age-group
    code, repeatable), aanbod (Offer.Kind value, repeatable), zorgfunctie
    (care-function code, repeatable), provincie (PVxx code), plaats (postcode or
    municipality name), afstand (5/10/25/50/100; empty = whole country),
    sorteer (relevance/distance), pagina (1-based), niet (a concept read from
    q to leave out: target-group or age-group code, repeatable).
    """

    text: str = ""
    target_groups: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    care_functions: tuple[str, ...] = ()
    province: str = ""
    place: str = ""
    radius_km: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    # niet (repeatable): target-group or age-group codes that the reading of `text` must leave out
    # (the person removed them from "We zochten naar"); they do not filter, they only stop the text's concept.
    dropped: tuple[str, ...] = ()


@dataclass
class DepartmentHit:
    department: "Department"  # institutions, target_groups, age_groups, offers prefetched
    score: float
    matched_target_groups: list["TargetGroup"] = field(default_factory=list)
    nearest_location: "Location | None" = None
    distance_km: float | None = None


@dataclass
class FinderResult:
    query: FinderQuery
    hits: list[DepartmentHit]
    total: int
    page: int
    num_pages: int
    origin: "Place | None" = None  # the resolved postcode / municipality, if any
    interpreted_target_groups: list["TargetGroup"] = field(default_factory=list)  # what the text was read as
    suggestions: list[str] = field(default_factory=list)  # kind hints when there are no results
    errors: dict[str, str] = field(default_factory=dict)  # field -> Dutch message (e.g. unknown postcode)
    # Added by the engine (all optional for readers):
    interpreted_age_groups: list["AgeGroup"] = field(default_factory=list)  # age words in the text ("jongeren")
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> what was searched ("eetsoornis" -> "eetstoornis")
    unknown_words: list[str] = field(default_factory=list)  # words of the text that were not understood
    text_place: "Place | None" = None  # a place named in the text, used as origin when `place` is empty
