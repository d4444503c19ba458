"""What every search needs and each process caches.

``current()`` runs index.ensure_index() (one query) and returns the cached
SearchContext (vocabularies, concepts, lexicon) while the index stamp and the
size of the reference geography are unchanged; otherwise it loads a new one
(six queries, once per change per process). ``departments()``,
``locations()``, ``facets()``, ``cards()`` and ``places()`` are loaded on first use
after a change.
Every register write that matters changes the stamp (register.services: the
one invalidation path, for single and bulk writes alike); the highest
location id is compared as well.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from geo.models import Municipality, Province

from ..models import AgeGroup, CareFunction, ComplaintLink, SearchTerm, TargetGroup
from . import index
from .cards import CardTable
from .concepts import AgeEntry, ComplaintEntry, ConceptIndex, TermEntry
from .lexicon import Lexicon
from .text import stems
from .places import Gazetteer, PlaceIndex, load_place_index
from .snapshot import DepartmentTable, Facets, LocationTable, WordColumns


@dataclass(frozen=True)
class SearchContext:
    stamp: str | None
    target_groups: dict  # code -> TargetGroup, in vocabulary order
    age_groups: dict  # code -> AgeGroup
    care_functions: dict  # code -> CareFunction
    provinces: dict  # code -> Province
    concepts: ConceptIndex
    lexicon: Lexicon
    # stem -> pks of the target groups whose terms (index.group_terms) have it: what the index's
    # target-group column of a department holds, stemmed as the index stems it.
    groups_by_stem: dict


_lock = threading.Lock()
_cache: dict = {
    "key": None, "context": None, "geo_key": None, "places": None, "municipalities": None, "gazetteer": None,
    "register_key": None, "departments": None, "locations": None, "facets": None, "cards": None, "words": None,
}


def current() -> SearchContext:
    stamp, location_key, geo_key = index.ensure_index()
    key = (stamp, geo_key)
    with _lock:
        if _cache["geo_key"] != geo_key:
            _cache.update(geo_key=geo_key, places=None, municipalities=None, gazetteer=None, facets=None)
        if _cache["register_key"] != (stamp, location_key) or stamp is None:
            _cache.update(
                register_key=(stamp, location_key), departments=None, locations=None, facets=None, cards=None, words=None
            )
        if stamp is not None and _cache["key"] == key:
            return _cache["context"]
    context = load(stamp)
    with _lock:
        _cache.update(key=key, context=context)
    return context


def departments() -> DepartmentTable:
    """Every indexed department's name order and certification (loaded once per index stamp)."""
    return _lazy("departments", DepartmentTable.load)


def locations() -> LocationTable:
    """Every location's department and coordinates (loaded once per index stamp)."""
    return _lazy("locations", LocationTable.load)


def facets() -> Facets:
    """What the filters ask of each indexed department (loaded once per index stamp and geography)."""
    return _lazy("facets", lambda: Facets.load(departments().ids))


def words() -> WordColumns:
    """The name and institution columns of the index as a word index (loaded once per index stamp)."""
    return _lazy("words", lambda: WordColumns.load(departments().ids))


def loaded_cards() -> CardTable | None:
    """The card table the process holds now, if any (never loads: no query)."""
    with _lock:
        return _cache["cards"]


def cards(ctx: SearchContext) -> CardTable:
    """What the result card of each department shows (loaded once per index stamp); `ctx`: this
    request's current(), whose vocabulary objects the cards hold."""
    return _lazy("cards", lambda: CardTable.load(ctx))


def municipalities() -> dict:
    """{code: Municipality} with its province, for result cards (loaded once per geography)."""
    return _lazy("municipalities", _load_municipalities)


def gazetteer() -> Gazetteer:
    """Postcode areas and municipality names, to resolve a place without queries (loaded once per geography)."""
    return _lazy("gazetteer", lambda: Gazetteer.load(municipalities()))


def _load_municipalities() -> dict:
    return {m.code: m for m in Municipality.objects.select_related("province").order_by("code")}


def places() -> PlaceIndex:
    """The place-name index (loaded on first use after a change of the geography)."""
    return _lazy("places", load_place_index)


def _lazy(name, loader):
    with _lock:
        cached = _cache[name]
    if cached is None:
        cached = loader()
        with _lock:
            _cache[name] = cached
    return cached


def clear() -> None:
    with _lock:
        for name in _cache:
            _cache[name] = None


def load_complaints() -> list[ComplaintEntry]:
    """The complaints vocabulary (register.models.ComplaintTerm) with its weights: one query."""
    weights: dict[str, list] = {}
    rows = ComplaintLink.objects.order_by("complaint__term", "target_group__order", "target_group__code")
    for term, code, weight in rows.values_list("complaint__term", "target_group__code", "weight"):
        weights.setdefault(term, []).append((code, float(weight)))
    return [ComplaintEntry(term, tuple(pairs)) for term, pairs in weights.items()]


def load(stamp: str | None) -> SearchContext:
    target_groups = {group.code: group for group in TargetGroup.objects.order_by("order", "label_nl", "pk")}
    age_groups = {age.code: age for age in AgeGroup.objects.order_by("order", "label_nl", "pk")}
    care_functions = {cf.code: cf for cf in CareFunction.objects.order_by("order", "label_nl", "pk")}
    provinces = {province.code: province for province in Province.objects.order_by("name")}
    concepts = ConceptIndex(
        [
            TermEntry(
                code=group.code,
                terms=(group.label_nl, *group.synonyms),
                abbreviations=tuple(group.abbreviations),
                english_label=group.label_en,
            )
            for group in target_groups.values()
        ],
        [AgeEntry(age.code, age.label_nl, age.min_age, age.max_age) for age in age_groups.values()],
        load_complaints(),
    )
    lexicon = Lexicon(
        SearchTerm.objects.values_list("word", flat=True), extra_known=concepts.words, vocabulary=concepts.words
    )
    groups_by_stem: dict[str, tuple] = {}
    for group in target_groups.values():
        for stem in dict.fromkeys(stems(" ".join(index.group_terms(group)))):
            groups_by_stem[stem] = (*groups_by_stem.get(stem, ()), group.pk)
    return SearchContext(
        stamp, target_groups, age_groups, care_functions, provinces, concepts, lexicon, groups_by_stem
    )
