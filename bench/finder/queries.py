"""A fixed, realistic mix of finder queries, drawn deterministically from the synthetic register.

Each query is a list of URL parameters for /zoeken/ (see FinderQuery's docstring)
plus what the benchmark may expect of its answer:

- `strict`: how many departments certainly match, counted on the plan with the
  strictest reading of every part of the query (only certified departments;
  every free-text word must be in the department's name or description, or be
  a term of one of its target groups; filters combine with AND, also the
  repeated ones; one and the same location must have the care function, lie in
  the province and lie within 95 % of the radius; an offer must be open).
  Any reasonable finder returns at least these departments.
- `expect`: True when `strict` is large enough that the requested page must
  show results. Typos and questions the register cannot answer ("dyslexie") have
  expect False: they must answer 200, their hit rate is reported apart.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass, field

import numpy as np

from geo.distance import haversine_km_many

from synth import TARGET_GROUP_WEIGHTS, Plan, Truth

QUERY_SEED = 424242
PER_PAGE = 10
RADIUS_MARGIN = 0.95

CATEGORY_WEIGHTS = {
    "text": 22,  # free text only
    "typo": 7,  # a misspelt term
    "no_match": 3,  # something the register does not cover
    "text_place": 15,  # free text, near a postcode or municipality
    "filters": 13,  # one to three filters, no text
    "filters_place": 12,  # filters near a place
    "text_filters": 8,  # free text with filters (province, age, offer)
    "place_only": 8,  # everything near a place, often sorted by distance
    "paging": 12,  # page 2 or 3 of a broad question
}
RADIUS_WEIGHTS = {5: 1, 10: 3, 25: 4, 50: 3, 100: 1}
OFFER_WEIGHTS = {"treatment": 2, "consultation": 3, "second_opinion": 3, "co_treatment": 1, "remote_supervision": 1}
CARE_FUNCTION_WEIGHTS = {
    "outpatient": 1, "day_treatment": 2, "inpatient_open": 2, "inpatient_closed": 1, "home_treatment": 2, "crisis": 1,
}
AGE_WEIGHTS = {"children": 2, "youth": 3, "young_adults": 2, "adults": 3, "elderly": 1}
AGE_WORDS = {"kinderen": "children", "jongeren": "youth", "jongvolwassenen": "young_adults",
             "volwassenen": "adults", "ouderen": "elderly"}
# What people type, most common first (with a weight): abbreviations, everyday words, diagnoses.
POPULAR_TEXT = {
    "ptss": 8, "autisme": 8, "eetstoornis": 6, "borderline": 6, "trauma": 5, "psychose": 5, "depressie": 5,
    "anorexia": 4, "ocd": 3, "schizofrenie": 3, "bipolaire stoornis": 3, "angststoornis": 3, "verslaving": 3,
    "tourette": 2, "ass": 2, "lvb": 2, "dubbele diagnose": 2, "paniekstoornis": 2, "boulimia": 2, "solk": 1,
    "genderdysforie": 1, "hersenletsel": 1, "manisch-depressief": 1, "complex trauma": 1, "sociale angst": 1,
    "therapieresistente depressie": 1, "dementie met psychiatrische problemen": 1, "hechting": 1, "tics": 1,
    "dwanggedachten": 1, "eerste psychose": 1, "transgender": 1, "ptsd": 1, "asperger": 1, "korsakov": 1,
}
# Words from the descriptions that people also type.
DESCRIPTION_WORDS = ["emdr", "clozapine", "ect", "schematherapie", "mentaliseren", "nachtmerries", "paniekaanvallen",
                     "epilepsie", "huilt", "diëtist", "stemmen"]
NO_MATCH_TEXT = ["dyslexie", "stotteren", "rouwverwerking", "hoogbegaafdheid", "bedplassen", "hooikoorts", "kiespijn"]
MUNICIPALITY_ALIASES = {"GM0518": "Den Haag", "GM0796": "Den Bosch"}

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Query:
    id: int
    category: str
    params: list[tuple[str, str]]
    strict: int
    expect: bool
    page: int = 1
    notes: dict = field(default_factory=dict)


class QueryMaker:
    def __init__(self, plan: Plan, truth: Truth, seed: int = QUERY_SEED):
        self.rng = random.Random(seed)
        self.plan = plan
        self.truth = truth
        self.terms = self._terms()
        self.pc4s = plan.geo.pc4s
        self.municipalities = plan.geo.municipalities
        self.provinces = plan.geo.provinces
        self.certified = truth.status == "certified"

    # -- vocabulary
    @staticmethod
    def _terms() -> dict[str, frozenset[str]]:
        from register.vocabulary import TARGET_GROUPS

        terms: dict[str, set[str]] = {}
        for code, label_nl, label_en, synonyms, abbreviations in TARGET_GROUPS:
            for term in [label_nl, label_en, *synonyms, *abbreviations]:
                terms.setdefault(term.lower(), set()).add(code)
        return {term: frozenset(codes) for term, codes in terms.items()}

    def pick(self, weights: dict):
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    # -- strict counting
    def text_mask(self, text: str) -> np.ndarray:
        """Departments that match every part of `text` under the strictest reading."""
        truth = self.truth
        mask = np.ones(len(truth.words), dtype=bool)
        rest = text.lower()
        # Whole vocabulary terms first (longest first), then single words.
        for term in sorted(self.terms, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", rest):
                codes = self.terms[term]
                mask &= np.array([codes <= groups for groups in truth.target_groups])
                rest = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", " ", rest)
        for word in _WORD.findall(rest):
            mask &= np.array([word in words for words in truth.words])
            if word in AGE_WORDS:
                mask &= np.array([AGE_WORDS[word] in ages for ages in truth.age_groups])
        # Age words that are also vocabulary terms ("ouderen") need the age group as well.
        for word in _WORD.findall(text.lower()):
            if word in AGE_WORDS and word in self.terms:
                mask &= np.array([AGE_WORDS[word] in ages for ages in truth.age_groups])
        return mask

    def strict_count(self, params: list[tuple[str, str]], origin: tuple[float, float] | None) -> int:
        truth = self.truth
        mask = self.certified.copy()
        values: dict[str, list[str]] = {}
        for key, value in params:
            values.setdefault(key, []).append(value)
        if "q" in values:
            mask &= self.text_mask(values["q"][0])
        for code in values.get("doelgroep", []):
            mask &= np.array([code in groups for groups in truth.target_groups])
        for code in values.get("leeftijd", []):
            mask &= np.array([code in ages for ages in truth.age_groups])
        for kind in values.get("aanbod", []):
            mask &= np.array([kind in offers for offers in truth.open_offers])
        location_filters = {"zorgfunctie", "provincie", "afstand"} & values.keys()
        if location_filters:
            loc_mask = np.ones(len(truth.loc_department), dtype=bool)
            for code in values.get("zorgfunctie", []):
                loc_mask &= np.array([code in funcs for funcs in truth.loc_care_functions])
            if "provincie" in values:
                loc_mask &= np.array([p == values["provincie"][0] for p in truth.loc_province])
            if "afstand" in values:
                distances = haversine_km_many(origin[0], origin[1], truth.loc_lat, truth.loc_lon)
                loc_mask &= distances <= int(values["afstand"][0]) * RADIUS_MARGIN
            has_location = np.zeros(len(mask), dtype=bool)
            has_location[truth.loc_department[loc_mask]] = True
            mask &= has_location
        return int(mask.sum())

    # -- parts of a query
    def popular_text(self) -> str:
        return self.pick(POPULAR_TEXT)

    def any_term(self) -> str:
        return self.rng.choice(sorted(self.terms))

    def free_text(self) -> str:
        roll = self.rng.random()
        if roll < 0.55:
            return self.popular_text()
        if roll < 0.7:
            return self.any_term()
        if roll < 0.85:
            return f"{self.popular_text()} {self.rng.choice(sorted(AGE_WORDS))}"
        if roll < 0.93:
            return f"{self.popular_text()} {self.rng.choice(DESCRIPTION_WORDS)}"
        return self.rng.choice(DESCRIPTION_WORDS)

    def typo(self) -> str:
        rng = self.rng
        word = rng.choice([t for t in POPULAR_TEXT if len(t) >= 6 and " " not in t])
        i = rng.randrange(1, len(word) - 1)
        operation = rng.choice(["swap", "drop", "double", "replace"])
        if operation == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if operation == "drop":
            return word[:i] + word[i + 1:]
        if operation == "double":
            return word[:i] + word[i] + word[i:]
        return word[:i] + rng.choice("aeiouszkc") + word[i + 1:]

    def place(self) -> tuple[str, tuple[float, float]]:
        rng = self.rng
        if rng.random() < 0.5:
            pc = rng.choices(self.pc4s, weights=[p.population for p in self.pc4s])[0]
            style = rng.choice(["full", "full", "compact", "pc4"])
            letters = rng.choice(["AB", "CD", "EK", "GH", "JL", "MN", "PR", "TV", "XZ"])
            text = {"full": f"{pc.code} {letters}", "compact": f"{pc.code}{letters}", "pc4": pc.code}[style]
            return text, (pc.lat, pc.lon)
        m = rng.choices(self.municipalities, weights=[m["population"] for m in self.municipalities])[0]
        name = MUNICIPALITY_ALIASES.get(m["code"], m["name"]) if rng.random() < 0.7 else m["name"]
        if rng.random() < 0.2:
            name = name.lower()
        return name, (m["pop_weighted_lat"], m["pop_weighted_lon"])

    def filters(self, max_count: int = 3) -> list[tuple[str, str]]:
        rng = self.rng
        kinds = rng.sample(["doelgroep", "leeftijd", "aanbod", "zorgfunctie", "provincie"], rng.randint(1, max_count))
        params = []
        for kind in sorted(kinds, key=["doelgroep", "leeftijd", "aanbod", "zorgfunctie", "provincie"].index):
            if kind == "doelgroep":
                params.append((kind, self.pick(TARGET_GROUP_WEIGHTS)))
                if rng.random() < 0.1:
                    params.append((kind, self.pick(TARGET_GROUP_WEIGHTS)))
            elif kind == "leeftijd":
                params.append((kind, self.pick(AGE_WEIGHTS)))
            elif kind == "aanbod":
                params.append((kind, self.pick(OFFER_WEIGHTS)))
            elif kind == "zorgfunctie":
                params.append((kind, self.pick(CARE_FUNCTION_WEIGHTS)))
            else:
                p = rng.choices(self.provinces, weights=[p["population"] for p in self.provinces])[0]
                params.append((kind, p["code"]))
        return list(dict.fromkeys(params))

    def near(self, params, *, radius_share: float = 0.8, sort_share: float = 0.4):
        text, origin = self.place()
        params = [p for p in params if p[0] != "provincie"] + [("plaats", text)]
        if self.rng.random() < radius_share:
            params.append(("afstand", str(self.pick(RADIUS_WEIGHTS))))
        if self.rng.random() < sort_share:
            params.append(("sorteer", "distance"))
        return params, origin

    # -- queries
    def make(self, index: int) -> Query:
        rng = self.rng
        category = self.pick(CATEGORY_WEIGHTS)
        origin = None
        page = 1
        if category == "text":
            params = [("q", self.free_text())]
        elif category == "typo":
            params = [("q", self.typo())]
        elif category == "no_match":
            params = [("q", rng.choice(NO_MATCH_TEXT))]
        elif category == "text_place":
            params, origin = self.near([("q", self.popular_text())])
        elif category == "filters":
            params = self.filters()
        elif category == "filters_place":
            params, origin = self.near(self.filters(2))
        elif category == "text_filters":
            params = [("q", self.popular_text())] + self.filters(2)
        elif category == "place_only":
            params, origin = self.near([], radius_share=0.7, sort_share=0.6)
        else:  # paging through a broad question
            base = rng.choice(["text", "filter", "near"])
            if base == "text":
                params = [("q", self.popular_text())]
            elif base == "filter":
                params = self.filters(1)
            else:
                params, origin = self.near([], radius_share=1.0, sort_share=0.5)
                params = [p for p in params if p[0] != "afstand"] + [("afstand", rng.choice(["50", "100"]))]
            page = rng.choice([2, 2, 3])
            params.append(("pagina", str(page)))
        strict = self.strict_count(params, origin)
        expect = category not in {"typo", "no_match"} and strict > PER_PAGE * (page - 1)
        return Query(index, category, params, strict, expect, page)


def make_queries(plan: Plan, count: int, seed: int = QUERY_SEED) -> list[dict]:
    maker = QueryMaker(plan, Truth.from_plan(plan), seed)
    return [asdict(maker.make(i)) for i in range(count)]


def summarise(queries: list[dict]) -> str:
    by_category: dict[str, int] = {}
    for q in queries:
        by_category[q["category"]] = by_category.get(q["category"], 0) + 1
    expected = sum(q["expect"] for q in queries)
    parts = ", ".join(f"{k} {v}" for k, v in sorted(by_category.items(), key=lambda kv: -kv[1]))
    return f"{len(queries)} queries ({parts}); results certain for {expected}"
