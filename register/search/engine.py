"""The finder's search engine: ``search(FinderQuery) -> FinderResult``.

How a search runs, in a fixed number of SQL queries whatever the number of hits:

1. ``context.current()``: one query checks the index stamp; vocabularies,
   lexicon, the department table (name order, certification), the location
   table, the filters' facets and the geography come from the process cache.
2. The place (``query.place``) is resolved from the cached geography as
   geo.selectors.resolve_place would (which is asked itself for what the
   cache cannot answer: unknown or ambiguous places, with its own errors);
   an error becomes ``errors["plaats"]`` and the search goes on without
   distance. The free text is read (reading.py): terms, target groups, age
   groups, corrections, maybe a place name. On PostgreSQL, unknown words cost
   one pg_trgm query.
3. Every condition is a boolean column over the indexed departments: the
   filters from the cached facets (snapshot.Facets), the radius from the
   nearest locations (one vectorised pass over the cached location table), the
   text from its target and age groups (facets) and, when it has words to
   match, one query (sql.py) for the description in the full-text index:
   per word the ids of the departments that have it (the short columns,
   target groups, name and institutions, are answered in memory).
4. numpy adds the target-group, age and certified points (and proximity
   points for a place named in the text) and orders: score, then distance,
   then name, then id (or distance first for sort="distance").
5. The page's departments come from the cached card table (cards.py): what
   a result card shows of each department, no query.

With no hits, suggestions.py says what to widen (from the same columns, no query).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo.selectors import resolve_place

from ..models import Offer
from . import backends, context, sql
from .reading import Reading, read_query
from .scoring import AGE_POINTS, CERTIFIED_POINTS, COLUMN_POINTS, PROXIMITY_POINTS, WORD_POINTS_CAP, group_points
from .snapshot import Facets, WordColumns
from .suggestions import suggest
from .types import PER_PAGE, DepartmentHit, FinderQuery, FinderResult

MAX_PER_PAGE = 100


def search(query: FinderQuery, ctx: context.SearchContext | None = None) -> FinderResult:
    """One page of ranked hits; `ctx`: the caller's context.current() of this request, if it has one."""
    ctx = ctx if ctx is not None else context.current()
    backend = backends.current()
    errors: dict[str, str] = {}

    origin = None
    if (query.place or "").strip():
        try:
            origin = _resolve_place(query.place)
        except ValidationError as error:
            errors["plaats"] = " ".join(error.messages)
    reading = drop_concepts(_read(query.text, ctx, backend), query.dropped, ctx)
    text_origin = reading.place if origin is None else None
    ranking_origin = origin or text_origin
    radius = float(query.radius_km) if origin is not None and (query.radius_km or 0) > 0 else None

    facets = context.facets()
    conditions = _filters(query, ctx, facets, errors)
    text = _text(reading, ctx, facets, backend)
    if text is not None:
        conditions["q"] = text.selected
    nearest = None
    if ranking_origin is not None:
        nearest = context.locations().nearest(facets.ids, ranking_origin.lat, ranking_origin.lon, radius)
        if radius is not None:
            conditions["afstand"] = nearest[0] <= radius
    ranking = _rank(
        facets.ids,
        _all(conditions.values(), len(facets.ids)),
        _scores(reading, ctx, facets, text),
        nearest,
        proximity=text_origin is not None,
        distance_sort=query.sort == "distance" and ranking_origin is not None,
    )
    per_page = min(MAX_PER_PAGE, max(1, int(query.per_page or PER_PAGE)))
    total = len(ranking)
    page, num_pages = _clamp(query.page, total, per_page)
    hits = _hits(ranking.rows((page - 1) * per_page, page * per_page), reading, query, ctx)

    result = FinderResult(
        query=query,
        hits=hits,
        total=total,
        page=page,
        num_pages=num_pages,
        origin=ranking_origin,
        interpreted_target_groups=[ctx.target_groups[c] for c in reading.target_groups],
        errors=errors,
        interpreted_age_groups=[ctx.age_groups[c] for c in reading.age_groups],
        corrections=dict(reading.corrections),
        unknown_words=list(reading.unknown_words),
        text_place=text_origin,
    )
    if total == 0:
        km = None
        if radius is not None:  # every department's distance, to suggest a larger radius
            km = context.locations().nearest(facets.ids, origin.lat, origin.lon)[0]
        result.suggestions = suggest(query=query, reading=reading, conditions=conditions, ctx=ctx, km=km, radius=radius)
    return result


def _resolve_place(text: str):
    """geo.selectors.resolve_place(text), answered from the process cache when it can be."""
    return context.gazetteer().place(text) or resolve_place(text)


# --- reading and conditions -------------------------------------------------------------
#
# Every condition is a boolean column over the indexed departments (Facets.ids):
# the filters come from the cached facets, the text from one SQL query when it
# has words to match, the radius from the cached location table.


def _read(text: str, ctx, backend) -> Reading:
    if not (text or "").strip():
        return Reading(text="")
    return read_query(
        text,
        ctx.concepts,
        ctx.lexicon,
        lambda words: backend.similar_words(words, ctx.lexicon),
        context.places,
    )


def drop_concepts(reading: Reading, codes, ctx) -> Reading:
    """`reading` without the target groups and age groups of `codes` (FinderQuery.dropped: the person
    removed them from "We zochten naar"): not read from the text, no weight, and no word of the text
    that names only those groups (e.g. "eetstoornissen" when Eetstoornissen is dropped) is matched
    either, so neither selection nor ranking uses the concept. The text itself stays as typed."""
    dropped = set(codes or ())
    if not dropped:
        return reading
    dropped_pks = {group.pk for code, group in ctx.target_groups.items() if code in dropped}

    def names_only_dropped(term) -> bool:
        groups = {pk for stem in term.stems for pk in ctx.groups_by_stem.get(stem, ())}
        return bool(groups) and groups <= dropped_pks

    return dataclasses.replace(
        reading,
        target_groups=[code for code in reading.target_groups if code not in dropped],
        age_groups=[code for code in reading.age_groups if code not in dropped],
        group_weights={code: weight for code, weight in reading.group_weights.items() if code not in dropped},
        terms=[term for term in reading.terms if not names_only_dropped(term)],
    )


def _scored_terms(reading: Reading, ctx) -> list:
    """The words that are matched against the documents: not age words ("jongeren"), which
    count as their age group instead, nor the words of a multi-word complaint ("stemmen horen"
    means psychosis, "horen" alone nothing)."""
    return [
        term
        for term in reading.terms
        if term.word not in ctx.concepts.age_words and term.word not in reading.complaint_words
    ]


@dataclass(frozen=True)
class TextMatch:
    selected: np.ndarray  # the departments the text selects
    term_points: np.ndarray  # per department, the points of the query words (scoring.COLUMN_POINTS)


def _text(reading: Reading, ctx, facets: Facets, backend) -> TextMatch | None:
    """What the text selects, and the points its words give (None: the text asks nothing, e.g. only a place).

    A department must have a target group the text was read as, or have a word
    of the text in its name, institutions, target-group terms or description.
    Age words ("jongeren") only select when the text names nothing else; they
    always count for the score. Unknown words only: no department.
    """
    if not reading.searches_text:
        return None
    selected = facets.none()
    term_points = np.zeros(len(facets.ids))
    terms = _scored_terms(reading, ctx)
    if terms:
        term_points = _term_points(terms, ctx, facets, backend)
        selected |= term_points > 0
    if reading.target_groups:
        selected |= facets.any_of(facets.target_groups, [ctx.target_groups[c].pk for c in reading.target_groups])
    if not terms and not reading.target_groups and reading.age_groups:
        selected |= facets.any_of(facets.age_groups, [ctx.age_groups[c].pk for c in reading.age_groups])
    return TextMatch(selected, term_points)


# The index's columns that the full-text index answers: the description, the long text. The short
# ones are answered in memory: the target-group column from the vocabulary and the facets
# (SearchContext.groups_by_stem), the name and institution columns from a word index of the documents'
# stems (snapshot.WordColumns).
INDEXED_COLUMNS = {"description": COLUMN_POINTS["description"]}
WORD_COLUMNS = {column: COLUMN_POINTS[column] for column in WordColumns.NAMES}


def _term_points(terms, ctx, facets: Facets, backend) -> np.ndarray:
    """Per department (a row of the facets), the points of the words: per word the points of the
    strongest column that has one of its stems, summed over the words (scoring.term_points).

    A department's target-group column holds the terms of its target groups
    (index.group_terms), so "has this stem there" is "has a target group whose
    terms have this stem": a facet lookup. Its name and institution columns
    are looked up in the word index. The description comes from one query
    with, per word, the ids of the departments whose description has it.
    """
    best = np.zeros((len(terms), len(facets.ids)))
    words = context.words()
    for number, term in enumerate(terms):
        groups = {pk for stem in term.stems for pk in ctx.groups_by_stem.get(stem, ())}
        if groups:
            best[number] = COLUMN_POINTS["groups"] * facets.any_of(facets.target_groups, groups)
        for column, points in WORD_COLUMNS.items():
            rows = words.rows(column, term.stems)
            best[number, rows] = np.maximum(best[number, rows], points)
    for number, points, id_list in sql.fetch(sql.column_hits(backend, terms, INDEXED_COLUMNS)):
        rows, found = facets.rows(sql.ids(id_list))
        rows = rows[found]
        best[number, rows] = np.maximum(best[number, rows], points)
    return best.sum(axis=0)


def _scores(reading: Reading, ctx, facets: Facets, text: TextMatch | None) -> np.ndarray:
    """The query-dependent part of each department's score (see scoring.py): the words' points
    (at most WORD_POINTS_CAP when the text was read as a target group), GROUP_POINTS times the
    weight of each target group the text was read as, AGE_POINTS for one of its age groups."""
    scores = text.term_points.copy() if text is not None else np.zeros(len(facets.ids))
    if reading.target_groups:
        scores = np.minimum(scores, WORD_POINTS_CAP)
    for code in reading.target_groups:
        points = group_points(reading.group_weights.get(code, 1.0))
        scores += points * facets.any_of(facets.target_groups, [ctx.target_groups[code].pk])
    if reading.age_groups:
        scores += AGE_POINTS * facets.any_of(facets.age_groups, [ctx.age_groups[c].pk for c in reading.age_groups])
    return scores


def _filters(query: FinderQuery, ctx, facets: Facets, errors) -> dict[str, np.ndarray]:
    """The filters that apply, by URL parameter name. Within a filter any value will do.

    Unknown codes are reported in `errors` and ignored.
    """
    filters: dict[str, np.ndarray] = {}
    groups = _known_codes(query.target_groups, ctx.target_groups, "doelgroep", FILTER_NOUNS["doelgroep"], errors)
    if groups:
        filters["doelgroep"] = facets.any_of(facets.target_groups, [ctx.target_groups[c].pk for c in groups])
    ages = _known_codes(query.age_groups, ctx.age_groups, "leeftijd", FILTER_NOUNS["leeftijd"], errors)
    if ages:
        filters["leeftijd"] = facets.any_of(facets.age_groups, [ctx.age_groups[c].pk for c in ages])
    kinds = _known_codes(query.offers, OFFER_KINDS, "aanbod", FILTER_NOUNS["aanbod"], errors)
    if kinds:
        filters["aanbod"] = facets.any_of(facets.offers, kinds)
    functions = _known_codes(query.care_functions, ctx.care_functions, "zorgfunctie", FILTER_NOUNS["zorgfunctie"], errors)
    if functions:
        filters["zorgfunctie"] = facets.any_of(facets.care_functions, [ctx.care_functions[c].pk for c in functions])
    province = (query.province or "").strip()
    if province and _known_codes((province,), ctx.provinces, "provincie", FILTER_NOUNS["provincie"], errors):
        filters["provincie"] = facets.any_of(facets.provinces, [province])
    return filters


OFFER_KINDS = frozenset(Offer.Kind.values)
# What an unknown code of each filter is called in its message (translated only when there is one).
FILTER_NOUNS = {
    "doelgroep": gettext_lazy("doelgroep"),
    "leeftijd": gettext_lazy("leeftijdsgroep"),
    "aanbod": gettext_lazy("soort aanbod"),
    "zorgfunctie": gettext_lazy("zorgfunctie"),
    "provincie": gettext_lazy("provincie"),
}


def _known_codes(codes, known, field: str, noun, errors: dict) -> list[str]:
    """The known ones of `codes` (no duplicates); `noun` (lazy: translated only for a message)."""
    if not codes:
        return []
    codes = list(dict.fromkeys(c for c in codes if c))
    unknown = [c for c in codes if c not in known]
    if unknown:
        errors[field] = _("Onbekende %(noun)s: %(codes)s. Dit filter is niet gebruikt.") % {
            "noun": noun,
            "codes": ", ".join(unknown),
        }
    return [c for c in codes if c in known]


def _all(conditions, size: int) -> np.ndarray:
    passed = np.ones(size, dtype=bool)
    for condition in conditions:
        passed &= condition
    return passed


# --- the order -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranking:
    """The candidates (arrays) and how to order them; only the rows a page shows are ever ordered.

    Relevance: score (query-dependent part + certified point + proximity points
    for a place named in the text), then distance when there is an origin, then
    name, then id. Distance: distance (none last), then score, name, id.
    """

    ids: np.ndarray
    scores: np.ndarray
    km: np.ndarray
    location_ids: np.ndarray
    names: np.ndarray  # each candidate's place in the name order (DepartmentTable.rank)
    distance_sort: bool

    def __len__(self):
        return len(self.ids)

    def rows(self, start: int, stop: int) -> list[tuple]:
        """(id, score, km or None, nearest location id or None) of hits start..stop-1."""
        return [
            (
                int(self.ids[i]),
                float(self.scores[i]),
                float(self.km[i]) if np.isfinite(self.km[i]) else None,
                int(self.location_ids[i]) if self.location_ids[i] >= 0 else None,
            )
            for i in self.first(stop)[start:stop]
        ]

    def first(self, count: int) -> np.ndarray:
        """The indices of the first `count` candidates in result order.

        Only the candidates that can be among them are sorted. Key by key (most
        significant first), those below the `count`-th smallest value are in,
        those above are out, and only the ties go on to the next key; so page 1
        of 3,000 hits sorts a dozen candidates, not 3,000.
        """
        count = min(count, len(self.ids))
        if count <= 0:
            return np.array([], dtype=np.int64)
        if self.distance_sort:
            keys = [(self.km, False), (-self.scores, True), (self.names, False), (self.ids, False)]
        else:
            keys = [(-self.scores, True), (self.km, False), (self.names, False), (self.ids, False)]
        certain: list[np.ndarray] = []  # candidates certainly among the first `count`
        open_ = np.arange(len(self.ids))  # candidates that may be
        needed = count
        for key, few_values in keys:
            if len(open_) <= needed:
                break
            values = key[open_]
            threshold = _kth_smallest(values, needed, few_values)
            below = open_[values < threshold]
            certain.append(below)
            needed -= len(below)
            open_ = open_[values == threshold]
        at = np.concatenate([*certain, open_]) if certain else open_
        order = np.lexsort(tuple(key[at] for key, _few in reversed(keys)))
        return at[order][:count]


def _kth_smallest(values: np.ndarray, k: int, few_values: bool):
    """The k-th smallest of `values` (1-based). np.partition is fast unless most values are equal
    (scores: a handful of distinct values), where sorting is faster by far."""
    if few_values:
        return np.sort(values)[k - 1]
    return np.partition(values, k - 1)[k - 1]


def _rank(ids, passed, scores, nearest, *, proximity, distance_sort) -> Ranking:
    """The departments that pass every condition, with what orders them (see Ranking), all in numpy.

    `nearest`: (km, location id) per department when there is an origin.
    """
    keep = np.flatnonzero(passed)
    ids, scores = ids[keep], scores[keep]
    if nearest is not None:
        km, location_ids = nearest[0][keep], nearest[1][keep]
    else:
        km, location_ids = np.full(len(ids), np.inf), np.full(len(ids), -1, dtype=np.int64)
    table = context.departments()
    if len(ids):
        scores = scores + CERTIFIED_POINTS * table.is_certified(ids)
        if proximity:
            scores = scores + proximity_points(km)
    return Ranking(ids, scores, km, location_ids, table.rank(ids), distance_sort)


def proximity_points(km: np.ndarray) -> np.ndarray:
    """scoring.proximity_points for an array of distances (inf: no location)."""
    points = np.zeros(len(km))
    for limit, value in reversed(PROXIMITY_POINTS):
        points[km <= limit] = value
    return points


def _clamp(page, total: int, per_page: int) -> tuple[int, int]:
    num_pages = max(1, math.ceil(total / per_page))
    try:
        page = int(page)
    except (TypeError, ValueError):
        page = 1
    return min(max(1, page), num_pages), num_pages


# --- hits ------------------------------------------------------------------------------------


def _hits(page_rows, reading: Reading, query: FinderQuery, ctx) -> list[DepartmentHit]:
    if not page_rows:
        return []
    cards = context.cards(ctx)
    wanted = set(reading.target_groups) | set(query.target_groups)
    hits = []
    for pk, points, km, location_id in page_rows:
        card = cards.get(pk)
        if card is None:  # not in the table the process holds (written without signals)
            continue
        hits.append(
            DepartmentHit(
                department=card,
                score=points,
                matched_target_groups=[g for g in card.target_groups if g.code in wanted],
                nearest_location=card.location(location_id),
                distance_km=km,
            )
        )
    return hits
