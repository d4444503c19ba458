"""The finder's search engine: ``search(FinderQuery) -> FinderResult``.

How a search runs, in a fixed number of SQL queries whatever the number of hits:

1. ``context.current()``: one query checks the index stamp; vocabularies,
   lexicon, the department table (name order, certification) and the
   location table come from the process cache.
2. The place (``query.place``) is resolved with geo.selectors.resolve_place
   (one or two queries); a ValidationError becomes ``errors["plaats"]`` and
   the search goes on without distance. The free text is read (reading.py):
   terms, target groups, age groups, corrections, maybe a place name. On
   PostgreSQL, unknown words cost one pg_trgm query.
3. One candidate query (sql.py): ``SELECT id, <query-dependent score> FROM
   <the departments the text selects, or all> WHERE <filters>``; the bounding
   box of a radius is one of the filters. Without text and filters there is
   no query: every indexed department is a candidate.
4. numpy adds the certified point, computes each candidate's nearest
   location when there is an origin (one vectorised pass over the location
   table), keeps those within the radius and orders: score, then distance,
   then name, then id (or distance first for sort="distance").
5. The page's departments are fetched with everything a result card shows
   (page.py, four queries; institutions, vocabularies, municipalities and
   provinces from the cache).

With no hits, suggestions.py says what to widen (at most one more query).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from geo.distance import bounding_box
from geo.selectors import resolve_place

from ..models import Offer
from . import backends, context, sql
from .page import load_page
from .reading import Reading, read_query
from .scoring import CERTIFIED_POINTS, PROXIMITY_POINTS
from .suggestions import suggest
from .types import PER_PAGE, DepartmentHit, FinderQuery, FinderResult

MAX_PER_PAGE = 100


def search(query: FinderQuery) -> FinderResult:
    ctx = context.current()
    backend = backends.current()
    errors: dict[str, str] = {}

    origin = None
    if (query.place or "").strip():
        try:
            origin = resolve_place(query.place)
        except ValidationError as error:
            errors["plaats"] = " ".join(error.messages)
    reading = _read(query.text, ctx, backend)
    text_origin = reading.place if origin is None else None
    ranking_origin = origin or text_origin
    radius = float(query.radius_km) if origin is not None and (query.radius_km or 0) > 0 else None

    filters = _filters(query, ctx, origin, radius, errors)
    text_source = _text_source(reading, ctx, backend)
    score = sql.score(
        [ctx.target_groups[c].pk for c in reading.target_groups],
        [ctx.age_groups[c].pk for c in reading.age_groups],
        _scored_terms(reading, ctx),
        backend,
    )
    ranking = _rank(
        _candidates(text_source, sql.all_of(filters.values()), score),
        origin=ranking_origin,
        radius=radius,
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
        text_condition = text_source
        if text_source is not None and text_source is not sql.NOTHING:
            text_condition = sql.ids_in(text_source.sql, text_source.params)
        result.suggestions = suggest(
            query=query, reading=reading, filters=filters, text_condition=text_condition, ctx=ctx,
            origin=origin, radius=radius,
        )
    return result


# --- reading and conditions -------------------------------------------------------------


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


def _scored_terms(reading: Reading, ctx) -> list:
    """The words that are matched against the documents: not age words ("jongeren"), which
    count as their age group instead."""
    return [term for term in reading.terms if term.word not in ctx.concepts.age_words]


def _text_source(reading: Reading, ctx, backend) -> sql.Sql | None:
    """A subquery of the departments the text selects (None: the text selects nothing, e.g. only a place).

    A department must have a target group the text was read as, or have a word
    of the text in its name, institutions, target-group terms or description.
    Age words ("jongeren") only select when the text names nothing else; they
    always count for the score. Unknown words only: no department.
    """
    if not reading.searches_text:
        return None
    terms = _scored_terms(reading, ctx)
    sources = []
    if terms:
        sources.append(sql.text_ids(backend, [s for term in terms for s in term.stems]))
    if reading.target_groups:
        sources.append(sql.target_group_ids(ctx.target_groups[c].pk for c in reading.target_groups))
    if not sources and reading.age_groups:
        sources.append(sql.age_group_ids(ctx.age_groups[c].pk for c in reading.age_groups))
    return sql.union(sources) if sources else sql.NOTHING


def _filters(query: FinderQuery, ctx, origin, radius, errors) -> dict[str, sql.Sql]:
    """The filters that apply, by URL parameter name. Within a filter any value will do.

    Unknown codes are reported in `errors` and ignored.
    """
    filters: dict[str, sql.Sql] = {}
    groups = _known_codes(query.target_groups, ctx.target_groups, "doelgroep", _("doelgroep"), errors)
    if groups:
        filters["doelgroep"] = sql.has_target_group(ctx.target_groups[c].pk for c in groups)
    ages = _known_codes(query.age_groups, ctx.age_groups, "leeftijd", _("leeftijdsgroep"), errors)
    if ages:
        filters["leeftijd"] = sql.has_age_group(ctx.age_groups[c].pk for c in ages)
    kinds = _known_codes(query.offers, dict(Offer.Kind.choices), "aanbod", _("soort aanbod"), errors)
    if kinds:
        filters["aanbod"] = sql.has_offer(kinds)
    functions = _known_codes(query.care_functions, ctx.care_functions, "zorgfunctie", _("zorgfunctie"), errors)
    if functions:
        filters["zorgfunctie"] = sql.has_care_function(ctx.care_functions[c].pk for c in functions)
    province = (query.province or "").strip()
    if province and _known_codes((province,), ctx.provinces, "provincie", _("provincie"), errors):
        filters["provincie"] = sql.in_province(province)
    if radius is not None:
        filters["afstand"] = sql.in_box(bounding_box(origin.lat, origin.lon, radius))
    return filters


def _known_codes(codes, known, field: str, noun: str, errors: dict) -> list[str]:
    codes = list(dict.fromkeys(c for c in codes if c))
    unknown = [c for c in codes if c not in known]
    if unknown:
        errors[field] = _("Onbekende %(noun)s: %(codes)s. Dit filter is niet gebruikt.") % {
            "noun": noun,
            "codes": ", ".join(unknown),
        }
    return [c for c in codes if c in known]


# --- candidates and their order -------------------------------------------------------------


def _candidates(source: sql.Sql | None, where: sql.Sql | None, score: sql.Sql | None):
    """(ids, query-dependent scores) of the departments that pass every condition."""
    if source is sql.NOTHING:
        return np.array([], dtype=np.int64), np.array([], dtype=float)
    if source is None and where is None and score is None:
        ids = context.departments().ids
        return ids, np.zeros(len(ids))
    rows = sql.fetch(sql.select([score] if score is not None else [], where, source))
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    if score is None:
        return ids, np.zeros(len(ids))
    return ids, np.fromiter((row[1] for row in rows), dtype=float, count=len(rows))


@dataclass(frozen=True)
class Ranking:
    """The candidates (arrays) and their result order (indices into them)."""

    ids: np.ndarray
    scores: np.ndarray
    km: np.ndarray
    location_ids: np.ndarray
    order: np.ndarray

    def __len__(self):
        return len(self.order)

    def rows(self, start: int, stop: int) -> list[tuple]:
        """(id, score, km or None, nearest location id or None) of hits start..stop-1."""
        return [
            (
                int(self.ids[i]),
                float(self.scores[i]),
                float(self.km[i]) if np.isfinite(self.km[i]) else None,
                int(self.location_ids[i]) if self.location_ids[i] >= 0 else None,
            )
            for i in self.order[start:stop]
        ]


def _rank(candidates, *, origin, radius, proximity, distance_sort) -> Ranking:
    """Order the candidates for the result list, all in numpy.

    Relevance: score (query-dependent part + certified point + proximity points
    for a place named in the text), then distance when there is an origin, then
    name, then id. Distance: distance (none last), then score, name, id. With a
    radius, only departments whose nearest location lies within it are kept.
    """
    ids, scores = candidates
    km = np.full(len(ids), np.inf)
    location_ids = np.full(len(ids), -1, dtype=np.int64)
    if not len(ids):
        return Ranking(ids, scores, km, location_ids, np.array([], dtype=np.int64))
    table = context.departments()
    scores = scores + CERTIFIED_POINTS * table.is_certified(ids)
    keep = np.ones(len(ids), dtype=bool)
    if origin is not None:
        km, location_ids = context.locations().nearest(origin.lat, origin.lon).lookup(ids)
        if proximity:
            scores = scores + proximity_points(km)
        if radius is not None:
            keep = km <= radius
    names = table.rank(ids)
    if distance_sort:
        order = np.lexsort((ids, names, -scores, km))
    else:
        order = np.lexsort((ids, names, km, -scores))
    return Ranking(ids, scores, km, location_ids, order[keep[order]])


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
    departments = load_page([row[0] for row in page_rows], ctx, context.municipalities(), context.institutions())
    wanted = set(reading.target_groups) | set(query.target_groups)
    hits = []
    for pk, points, km, location_id in page_rows:
        department = departments.get(pk)
        if department is None:  # deleted since the candidate query
            continue
        hits.append(
            DepartmentHit(
                department=department,
                score=points,
                matched_target_groups=[g for g in department.target_groups.all() if g.code in wanted],
                nearest_location=next((loc for loc in department.locations.all() if loc.pk == location_id), None),
                distance_km=km,
            )
        )
    return hits
