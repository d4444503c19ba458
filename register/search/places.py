"""Place names in the free text: "autisme volwassenen Groningen".

When the text names a municipality or a town (woonplaats) and the query has
no place of its own, the finder uses that place as the origin: hits get their
distance, nearby departments a few points, equally relevant ones come nearest
first. It never filters. Reference geography only (CBS / PDOK), loaded once
per process.

Many place names are also Dutch words ("Heel", "Buren", "Best"), so a single
word counts as a place only when it is safe:

- a municipality: always, unless it is an everyday word (EVERYDAY_WORDS),
  which counts only when typed with a capital;
- a town that is no municipality: only when typed with a capital and not a
  word the register itself uses (the lexicon) or an everyday word.

Names of several words ("Den Haag", "Bergen op Zoom") always count.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.models import Municipality, PostcodeArea
from geo.postcodes import MUNICIPALITY_ALIASES, base_name_key, looks_like_postcode, name_key, parse_postcode
from geo.selectors import Place, PlaceKind, municipality_place

from .text import STOP_WORDS, fold

# Place names that are also everyday words: a place only when typed with a capital.
EVERYDAY_WORDS = frozenset(
    """
    best beek bergen born buren duiven echt goes hall heel hoek hof hoorn huizen lage laren leiden lies
    lith loon made mill neer nes oost putten sluis son stein veen vries weg west wijk
    """.split()
)

ALIASES = {"den haag": "GM0518", "the hague": "GM0518", "den bosch": "GM0796", "nuenen": "GM0820"}


@dataclass(frozen=True)
class PlaceMatch:
    place: Place
    start: int
    length: int


class PlaceIndex:
    def __init__(self, places: dict[tuple[str, ...], Place], municipal: set[tuple[str, ...]]):
        self.places = places
        self.municipal = municipal  # keys that name a municipality
        self.max_words = max((len(key) for key in places), default=1)

    def __len__(self):
        return len(self.places)

    def find(self, words: list[tuple[str, str]], known=frozenset()) -> PlaceMatch | None:
        """The first (longest) place name in `words` ((as typed, folded) pairs), or None.

        `known`: words of the register; a town that is one of them is no place.
        """
        folded = [f for _, f in words]
        for start in range(len(words)):
            for length in range(min(self.max_words, len(words) - start), 0, -1):
                key = tuple(folded[start : start + length])
                place = self.places.get(key)
                if place is not None and (length > 1 or self._single_word_is_place(*words[start], known)):
                    return PlaceMatch(place, start, length)
        return None

    def _single_word_is_place(self, typed: str, folded: str, known) -> bool:
        if folded in STOP_WORDS or len(folded) < 3:
            return False
        capital = typed[:1].isupper()
        if (folded,) in self.municipal:
            return capital or folded not in EVERYDAY_WORDS
        return capital and folded not in EVERYDAY_WORDS and folded not in known


def load_place_index() -> PlaceIndex:
    """Municipalities (with common aliases) and woonplaatsen, two queries."""
    places: dict[tuple[str, ...], Place] = {}
    towns: dict[tuple[str, ...], list] = {}
    for name, lat, lon, population, municipality_id in PostcodeArea.objects.values_list(
        "place_name", "lat", "lon", "population", "municipality_id"
    ).order_by("code"):
        key = tuple(fold(name).split())
        if key:
            towns.setdefault(key, []).append((name, lat, lon, population, municipality_id))
    for key, rows in towns.items():
        weights = [row[3] for row in rows] if sum(row[3] for row in rows) else [1] * len(rows)
        by_municipality: dict[str, int] = {}
        for row, weight in zip(rows, weights):
            by_municipality[row[4]] = by_municipality.get(row[4], 0) + weight
        places[key] = Place(
            label=rows[0][0],
            lat=sum(w * row[1] for w, row in zip(weights, rows)) / sum(weights),
            lon=sum(w * row[2] for w, row in zip(weights, rows)) / sum(weights),
            kind=PlaceKind.MUNICIPALITY,
            municipality_code=max(sorted(by_municipality), key=by_municipality.get),
        )
    municipalities = {
        code: Place(label=name, lat=lat, lon=lon, kind=PlaceKind.MUNICIPALITY, municipality_code=code)
        for code, name, lat, lon in Municipality.objects.values_list(
            "code", "name", "pop_weighted_lat", "pop_weighted_lon"
        ).order_by("code")
    }
    municipal: set[tuple[str, ...]] = set()
    for place in municipalities.values():  # a municipality wins over a town of the same name
        key = tuple(fold(place.label).split())
        if key:
            places[key] = place
            municipal.add(key)
        base = tuple(fold(place.label.split("(")[0]).split())
        if base and base not in municipal:
            places[base] = place
            municipal.add(base)
    for alias, code in ALIASES.items():
        if code in municipalities:
            places[tuple(alias.split())] = municipalities[code]
            municipal.add(tuple(alias.split()))
    return PlaceIndex(places, municipal)


class Gazetteer:
    """geo.selectors.resolve_place over the process's cached geography: postcodes and municipality names.

    resolve_place reads the database on each call (every municipality's name,
    or a postcode area); this keeps what it reads. ``place()`` answers only
    what it can answer exactly as resolve_place would; for anything else
    (unknown or ambiguous names, unknown postcodes) it returns None and the
    caller asks geo.selectors, so the error messages stay the geography's own.
    """

    def __init__(self, municipalities: dict, areas: dict):
        self.municipalities = municipalities  # code -> Municipality
        self.areas = areas  # PC4 -> (lat, lon, place name, municipality code)
        self.exact: dict[str, list[str]] = {}
        self.base: dict[str, list[str]] = {}
        for code, municipality in municipalities.items():
            self.exact.setdefault(name_key(municipality.name), []).append(code)
            self.base.setdefault(base_name_key(municipality.name), []).append(code)

    @classmethod
    def load(cls, municipalities: dict) -> Gazetteer:
        areas = {
            code: (lat, lon, place_name, municipality_id)
            for code, lat, lon, place_name, municipality_id in PostcodeArea.objects.order_by().values_list(
                "code", "lat", "lon", "place_name", "municipality_id"
            )
        }
        return cls(municipalities, areas)

    def place(self, text: str) -> Place | None:
        """What geo.selectors.resolve_place(text) returns, or None (then ask it).

        A malformed postcode raises resolve_place's own ValidationError (parse_postcode).
        """
        if not (text or "").strip():
            return None
        if looks_like_postcode(text):
            return self._postcode(text)
        return self._municipality(text)

    def _postcode(self, text: str) -> Place | None:
        parsed = parse_postcode(text)
        area = self.areas.get(parsed.pc4)
        if area is None or area[3] not in self.municipalities:
            return None
        lat, lon, place_name, municipality_code = area
        town = place_name or self.municipalities[municipality_code].name
        return Place(
            label=f"{parsed} {town}", lat=lat, lon=lon, kind=PlaceKind.POSTCODE, municipality_code=municipality_code
        )

    def _municipality(self, name: str) -> Place | None:
        """find_municipality's choice, when it finds exactly one."""
        key = name_key(name)
        if not key:
            return None
        matches = self.exact.get(key, [])
        if not matches and MUNICIPALITY_ALIASES.get(key) in self.municipalities:
            matches = [MUNICIPALITY_ALIASES[key]]
        matches = matches or self.base.get(key, [])
        if len(matches) != 1:
            return None
        return municipality_place(self.municipalities[matches[0]])
