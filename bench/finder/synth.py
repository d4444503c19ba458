"""A synthetic register at 100 times the real size, for the finder benchmark.

`build_plan(today, geo)` is deterministic: one `random.Random(SEED)` walks
the geography (ordered by code) and the vocabularies in a fixed order, so the
same geography gives the same register on SQLite and PostgreSQL. Dates are
relative to `today`, as in the demo data.

It reuses the demo builder (register/demo): its Dutch texts, its rules for
care functions, offers, requesters and exclusion criteria, and its way of
putting locations at real PC4 points. On top of that it invents about 200
institutions, mixes target groups and age groups the way a real register
does (related target groups go together, old-age psychiatry is for the
elderly, infant mental health for the youngest) and varies the descriptions.

`write_plan(plan)` inserts everything with bulk_create (no saves, no signals,
no history records: the finder does not read history).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.utils.text import slugify

from geo.distance import haversine_km_many
from register import rules
from register.demo import data as demo_data
from register.demo.builder import PlannedDepartment, PlannedLocation, _Builder, POSTCODE_LETTERS
from register.models import (
    AgeGroup,
    CareFunction,
    Department,
    DepartmentExclusion,
    ExclusionCriterion,
    Institution,
    Location,
    Offer,
    TargetGroup,
)

SEED = 20260415 + 100  # the demo's seed, shifted: the benchmark never collides with the demo

# The real register: about 60 departments at 150 locations. The benchmark is 100 times that.
REAL_DEPARTMENTS = 60
REAL_LOCATIONS = 150
N_INSTITUTIONS = 200

STATUS_WEIGHTS = {"certified": 88, "in_procedure": 8, "expired": 4}
NOT_RECENTLY_CONFIRMED_SHARE = 0.15
NETWORK_SHARE = 0.04
NATIONAL_SHARE = 0.3
PAUSED_OFFER_SHARE = 0.05
# Weights for 1..6 locations of a single-institution department (mean about 2.4; the total is
# then adjusted to exactly 2.5 per department).
LOCATION_COUNT_WEIGHTS = [35, 25, 18, 12, 6, 4]
MAX_LOCATIONS = 8
# Extra locations lie within this distance of the institution's home (PC4 areas weighted by
# population); the first location is in the home town itself.
EXTRA_LOCATION_RADIUS_KM = 50
MIN_PC4_POPULATION = 500
MIN_TOWN_POPULATION = 20_000

# How common each target group is among departments (relative weights).
TARGET_GROUP_WEIGHTS = {
    "psychotrauma": 10, "persoonlijkheidsstoornissen": 9, "autisme": 9, "psychose": 9, "eetstoornissen": 8,
    "depressie": 7, "angst": 6, "dwang": 6, "bipolair": 6, "verslaving": 5, "ouderenpsychiatrie": 5,
    "lvb": 4, "neuropsychiatrie": 4, "transdiagnostisch": 4, "somatische_symptoomstoornissen": 3,
    "infant_mental_health": 2, "tourette": 1.5, "genderdysforie": 1.5,
}
# Target groups that are often treated together.
RELATED = {
    "psychotrauma": ["persoonlijkheidsstoornissen", "angst"],
    "persoonlijkheidsstoornissen": ["psychotrauma", "verslaving", "eetstoornissen"],
    "autisme": ["lvb", "angst", "dwang"],
    "psychose": ["verslaving", "transdiagnostisch"],
    "eetstoornissen": ["persoonlijkheidsstoornissen", "angst"],
    "depressie": ["bipolair", "ouderenpsychiatrie", "angst"],
    "angst": ["dwang", "depressie"],
    "dwang": ["angst", "tourette"],
    "bipolair": ["depressie"],
    "verslaving": ["psychose", "persoonlijkheidsstoornissen"],
    "ouderenpsychiatrie": ["depressie", "neuropsychiatrie"],
    "lvb": ["autisme", "verslaving"],
    "neuropsychiatrie": ["ouderenpsychiatrie", "somatische_symptoomstoornissen"],
    "transdiagnostisch": ["psychose"],
    "somatische_symptoomstoornissen": ["neuropsychiatrie", "angst"],
    "infant_mental_health": [],
    "tourette": ["dwang", "autisme"],
    "genderdysforie": ["autisme"],
}
SECOND_GROUP_SHARE = 0.25
THIRD_GROUP_SHARE = 0.05

# Age profiles (register/demo/data.py AGE_PROFILES) and how common they are.
AGE_PROFILE_WEIGHTS = {"kjp": 15, "jeugd": 10, "jv": 20, "volw": 25, "volw_ouderen": 10, "jeugd_volw": 12, "alle": 3}
FIXED_AGE_PROFILES = {"infant_mental_health": ["baby", "kjp"], "ouderenpsychiatrie": ["ouderen", "volw_ouderen"]}

# Words for department names.
TOPIC_WORDS = {
    "psychotrauma": ["Psychotrauma", "Trauma"],
    "dwang": ["Dwangstoornissen", "Dwang"],
    "autisme": ["Autisme"],
    "eetstoornissen": ["Eetstoornissen"],
    "persoonlijkheidsstoornissen": ["Persoonlijkheidsstoornissen", "Persoonlijkheid"],
    "psychose": ["Psychose", "Psychotische Stoornissen"],
    "bipolair": ["Bipolaire Stoornissen", "Bipolair"],
    "depressie": ["Depressie", "Ernstige Depressie", "Stemmingsstoornissen"],
    "angst": ["Angststoornissen", "Ernstige Angst"],
    "verslaving": ["Verslaving en Psychiatrie", "Dubbele Diagnose"],
    "lvb": ["LVB en Psychiatrie", "Licht Verstandelijke Beperking"],
    "neuropsychiatrie": ["Neuropsychiatrie"],
    "ouderenpsychiatrie": ["Ouderenpsychiatrie"],
    "infant_mental_health": ["Infant Mental Health", "Ouder en Kind"],
    "somatische_symptoomstoornissen": ["Somatische Symptoomstoornissen", "Onverklaarde Lichamelijke Klachten"],
    "tourette": ["Tics en Tourette"],
    "genderdysforie": ["Genderzorg", "Genderidentiteit"],
    "transdiagnostisch": ["Complexe Psychiatrie", "Ernstige Psychiatrische Aandoeningen"],
}
NAME_FRAMES = [
    "Centrum {t}", "Expertisecentrum {t}", "Kliniek {t}", "Polikliniek {t}", "Team {t}", "Zorgprogramma {t}",
    "Afdeling {t}", "Behandelcentrum {t}", "Topklinische afdeling {t}",
]
YOUNG_FRAMES = ["Jeugdteam {t}", "Kinder- en jeugdpsychiatrie {t}", "Centrum {t} Jong", "Jeugdkliniek {t}"]
ELDERLY_FRAMES = ["Team {t} bij Ouderen", "Centrum {t} Ouderen"]
NETWORK_FRAMES = ["Netwerk {t}", "Zorgpad {t}", "Landelijk Netwerk {t}"]

# Institution names: a kind of organisation and an invented Dutch-sounding compound.
INSTITUTION_KINDS = ["Ggz", "Stichting", "Zorggroep", "Expertisecentrum", "Instituut", "Kenniscentrum", "Ggz-centrum"]
NAME_HEADS = [
    "Linde", "Eiken", "Heide", "Duin", "Polder", "Water", "Zilver", "Berken", "Wilgen", "Meren", "Vecht", "Dal",
    "Hoog", "Noorder", "Zuider", "Ooster", "Wester", "Zonne", "Klaver", "Riet", "Essen", "Hazel", "Beken", "Kreek",
    "Velden", "Bloesem", "Lichten", "Bronnen", "Ruisen", "Nevel",
]
NAME_TAILS = [
    "weide", "hof", "horst", "borgh", "oever", "zicht", "rand", "kamp", "veld", "hage", "stede", "waard", "dal",
    "kring", "zoom", "heuvel", "brug", "haven", "licht", "poort", "wijk", "gaarde", "burcht", "laan", "mond",
]

# Optional extra sentences, so that descriptions vary beyond the demo's combinations.
PLACES_SENTENCES = ["U vindt ons in {places}.", "Wij werken vanuit {places}.", "Onze locaties zijn in {places}."]
OFFER_SENTENCES = {
    "consultation": "Behandelaars kunnen ons bellen voor consultatie en advies.",
    "second_opinion": "U kunt bij ons ook terecht voor een second opinion.",
    "co_treatment": "Wij behandelen ook mee, samen met uw eigen ggz-team.",
    "remote_supervision": "Wij begeleiden teams elders bij een behandeling op afstand.",
}
ALSO_SENTENCE = "Wij hebben ook veel ervaring met {label}."

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Pc4:
    code: str
    lat: float
    lon: float
    place_name: str
    municipality_id: str
    province_id: str
    population: int


@dataclass
class Geography:
    """The reference geography the plan is drawn from (read once from the database)."""

    pc4s: list[Pc4]  # populated areas only, ordered by code
    municipalities: list[dict]  # code, name, province_id, population, lat, lon (population-weighted)
    provinces: list[dict]  # code, name, population

    @classmethod
    def from_database(cls) -> "Geography":
        from geo.models import Municipality, PostcodeArea, Province

        pc4s = [
            Pc4(code, lat, lon, place, municipality, province, population)
            for code, lat, lon, place, municipality, province, population in PostcodeArea.objects.order_by(
                "code"
            ).values_list("code", "lat", "lon", "place_name", "municipality_id", "municipality__province_id",
                          "population")
            if place and population >= MIN_PC4_POPULATION
        ]
        municipalities = list(
            Municipality.objects.order_by("code").values(
                "code", "name", "province_id", "population", "pop_weighted_lat", "pop_weighted_lon"
            )
        )
        provinces = list(Province.objects.order_by("code").values("code", "name", "population"))
        return cls(pc4s, municipalities, provinces)


@dataclass
class Town:
    name: str
    municipality_id: str
    province_id: str
    pc4_indexes: list[int]
    population: int


@dataclass
class Plan:
    institutions: dict[str, Institution]  # key -> unsaved Institution
    institution_home: dict[str, Town]
    departments: list[PlannedDepartment]
    geo: Geography

    def counts(self) -> dict[str, int]:
        return {
            "institutions": len(self.institutions),
            "departments": len(self.departments),
            "locations": sum(len(d.locations) for d in self.departments),
            "offers": sum(len(d.offers) for d in self.departments),
            "exclusions": sum(len(d.exclusions) for d in self.departments),
        }


class SyntheticBuilder:
    def __init__(self, today: date, geo: Geography, *, scale: int = 100, seed: int = SEED):
        self.today = today
        self.geo = geo
        self.rng = random.Random(seed)
        self.n_departments = REAL_DEPARTMENTS * scale
        self.n_locations = REAL_LOCATIONS * scale
        self.n_institutions = min(N_INSTITUTIONS, max(10, 2 * scale))
        # The demo builder supplies texts and rules; it draws from our random generator.
        self.demo = _Builder(today, [])
        self.demo.rng = self.rng
        self.lat = np.array([pc.lat for pc in geo.pc4s])
        self.lon = np.array([pc.lon for pc in geo.pc4s])
        self.population = np.array([pc.population for pc in geo.pc4s], dtype=float)
        self.towns = self._towns()
        self.used_slugs: set[str] = set()

    def _towns(self) -> list[Town]:
        towns: dict[tuple[str, str], Town] = {}
        for index, pc in enumerate(self.geo.pc4s):
            key = (pc.place_name, pc.municipality_id)
            if key not in towns:
                towns[key] = Town(pc.place_name, pc.municipality_id, pc.province_id, [], 0)
            towns[key].pc4_indexes.append(index)
            towns[key].population += pc.population
        return sorted(towns.values(), key=lambda t: (t.province_id, t.name, t.municipality_id))

    # -- helpers
    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def pick_weighted(self, options: dict):
        keys = list(options)
        return self.rng.choices(keys, weights=[options[k] for k in keys])[0]

    def pc4_in(self, indexes: list[int]) -> int:
        return self.rng.choices(indexes, weights=[self.geo.pc4s[i].population for i in indexes])[0]

    # -- institutions
    def institutions(self) -> tuple[dict[str, Institution], dict[str, Town], dict[str, list[int]], dict[str, float]]:
        rng = self.rng
        real = [name.lower() for name in demo_data.REAL_INSTITUTION_NAMES]
        demo_names = {row[1] for row in demo_data.INSTITUTIONS}
        compounds = [head + tail for head in NAME_HEADS for tail in NAME_TAILS]
        rng.shuffle(compounds)
        big_towns = [t for t in self.towns if t.population >= MIN_TOWN_POPULATION]
        institutions, homes, nearby, weights = {}, {}, {}, {}
        for compound in compounds:
            if len(institutions) >= self.n_institutions:
                break
            name = f"{rng.choice(INSTITUTION_KINDS)} {compound}"
            if name in demo_names or any(r in name.lower() for r in real):
                continue
            key = "bench-" + slugify(compound)
            if key in institutions:
                continue
            town = rng.choices(big_towns, weights=[t.population for t in big_towns])[0]
            institutions[key] = Institution(name=name, city=town.name, website=f"https://www.{key}.example")
            homes[key] = town
            home_pc = self.geo.pc4s[town.pc4_indexes[0]]
            distances = haversine_km_many(home_pc.lat, home_pc.lon, self.lat, self.lon)
            nearby[key] = [int(i) for i in np.flatnonzero(distances <= EXTRA_LOCATION_RADIUS_KM)]
            weights[key] = rng.uniform(0.3, 3.0)  # some institutions are much bigger than others
        return institutions, homes, nearby, weights

    # -- the plan
    def build(self) -> Plan:
        rng = self.rng
        institutions, homes, nearby, weights = self.institutions()
        keys = list(institutions)
        counts = self.location_counts()
        departments = []
        for index in range(self.n_departments):
            network = counts[index] >= 2 and rng.random() < NETWORK_SHARE
            first = rng.choices(keys, weights=[weights[k] for k in keys])[0]
            inst_keys = (first,)
            if network:
                second = rng.choice([k for k in keys if k != first])
                inst_keys = (first, second)
            departments.append(self.department(inst_keys, counts[index], homes, nearby))
        self.pause_some_offers(departments)
        return Plan(institutions, homes, departments, self.geo)

    def location_counts(self) -> list[int]:
        rng = self.rng
        counts = rng.choices(range(1, len(LOCATION_COUNT_WEIGHTS) + 1), weights=LOCATION_COUNT_WEIGHTS,
                             k=self.n_departments)
        total = sum(counts)
        while total != self.n_locations:
            i = rng.randrange(self.n_departments)
            if total < self.n_locations and counts[i] < MAX_LOCATIONS:
                counts[i] += 1
                total += 1
            elif total > self.n_locations and counts[i] > 1:
                counts[i] -= 1
                total -= 1
        return counts

    def target_groups(self) -> list[str]:
        rng = self.rng
        groups = [self.pick_weighted(TARGET_GROUP_WEIGHTS)]
        related = [g for g in RELATED[groups[0]] if g in TARGET_GROUP_WEIGHTS]
        if related and rng.random() < SECOND_GROUP_SHARE:
            groups.append(rng.choice(related))
        if rng.random() < THIRD_GROUP_SHARE:
            extra = self.pick_weighted(TARGET_GROUP_WEIGHTS)
            if extra not in groups and extra not in FIXED_AGE_PROFILES:
                groups.append(extra)
        return groups

    def age_profile(self, groups: list[str]) -> str:
        for group in groups:
            if group in FIXED_AGE_PROFILES:
                return self.rng.choice(FIXED_AGE_PROFILES[group])
        return self.pick_weighted(AGE_PROFILE_WEIGHTS)

    def name(self, groups: list[str], ages: list[str], network: bool, town: Town) -> str:
        rng = self.rng
        topic = rng.choice(TOPIC_WORDS[groups[0]])
        if len(groups) > 1 and rng.random() < 0.6:
            topic = f"{topic} en {rng.choice(TOPIC_WORDS[groups[1]])}"
        if network:
            frame = rng.choice(NETWORK_FRAMES)
        elif set(ages) <= {"children", "youth", "young_adults"} and groups[0] != "infant_mental_health":
            frame = rng.choice(YOUNG_FRAMES + NAME_FRAMES[:3])
        elif ages == ["elderly"] and groups[0] != "ouderenpsychiatrie":
            frame = rng.choice(ELDERLY_FRAMES)
        else:
            frame = rng.choice(NAME_FRAMES)
        return f"{frame.format(t=topic)} {town.name}"

    def slug(self, key: str, name: str) -> str:
        base = slugify(f"{key} {name}")[:210]
        slug, n = base, 1
        while slug in self.used_slugs:
            n += 1
            slug = f"{base}-{n}"
        self.used_slugs.add(slug)
        return slug

    def department(self, keys: tuple[str, ...], n_locations: int, homes, nearby) -> PlannedDepartment:
        rng = self.rng
        network = len(keys) > 1
        groups = self.target_groups()
        ages = list(demo_data.AGE_PROFILES[self.age_profile(groups)])
        home = homes[keys[0]]
        name = self.name(groups, ages, network, home)
        status = self.pick_weighted(STATUS_WEIGHTS)
        certified_from = certified_until = None
        if status == "certified":
            certified_from = self.days_ago(20, 4 * 365 - 45)
            certified_until = rules.certificate_valid_until(certified_from)
        elif status == "expired":
            certified_from = self.days_ago(4 * 365 + 30, 4 * 365 + 400)
            certified_until = rules.certificate_valid_until(certified_from)
        if status == "in_procedure" and rng.random() < 0.6:
            specialised_since = self.days_ago(200, 3 * 365 - 60)
        else:
            specialised_since = date(rng.randint(2004, 2019), rng.randint(1, 12), 1)
        recent = rng.random() >= NOT_RECENTLY_CONFIRMED_SHARE
        local = slugify(name)[:40].strip("-")
        department = Department(
            name=name,
            slug=self.slug(keys[0], name),
            description="",
            specialised_since=specialised_since,
            phone=f"088 1{rng.randint(0, 99):02d} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}",
            email=f"{local}@{keys[0]}.example",
            website=f"https://www.{keys[0]}.example/{slugify(name)}",
            status=status,
            certified_from=certified_from,
            certified_until=certified_until,
            reach="national" if network or rng.random() < NATIONAL_SHARE else "supra_regional",
            last_confirmed_on=self.days_ago(0, 170) if recent else self.days_ago(200, 540),
        )
        planned = PlannedDepartment(department, keys, groups, ages)
        planned.locations = self.locations(planned, n_locations, homes, nearby)
        planned.offers = self.demo.offers(planned)
        department.description = self.description(planned)
        planned.exclusions = self.demo.exclusions(planned)
        return planned

    def locations(self, planned: PlannedDepartment, count: int, homes, nearby) -> list[PlannedLocation]:
        rng = self.rng
        keys = planned.institution_keys
        chosen = [self.pc4_in(homes[key].pc4_indexes) for key in keys]
        candidates = nearby[keys[0]]
        while len(chosen) < count:
            chosen.append(self.pc4_in(candidates))
        located, names = [], set()
        for position, index in enumerate(chosen):
            pc = self.geo.pc4s[index]
            functions = self.demo.care_functions(planned, main=position == 0)
            if "inpatient_open" in functions or "inpatient_closed" in functions:
                kind = "inpatient"
            elif "day_treatment" in functions:
                kind = "day"
            else:
                kind = "outpatient"
            street = rng.choice(demo_data.STREETS)
            name = f"{demo_data.LOCATION_KIND_NAMES[kind]} {pc.place_name}"
            if name in names:
                name = f"{name}, {street}"
            n = 1
            while name in names:
                n += 1
                name = f"{demo_data.LOCATION_KIND_NAMES[kind]} {pc.place_name} {n}"
            names.add(name)
            location = Location(
                name=name,
                street_address=f"{street} {rng.randint(1, 160)}",
                postcode=f"{pc.code} {rng.choice(POSTCODE_LETTERS)}",
                city=pc.place_name,
                municipality_id=pc.municipality_id,
                latitude=pc.lat,
                longitude=pc.lon,
            )
            located.append(PlannedLocation(location, functions))
        return located

    def description(self, planned: PlannedDepartment) -> str:
        rng = self.rng
        sentences = [self.demo.description(planned)]
        labels = {row[0]: row[1] for row in _target_group_rows()}
        for group in planned.target_groups[1:]:
            if rng.random() < 0.5:
                sentences.append(rng.choice(demo_data.APPROACH[group]))
            else:
                sentences.append(ALSO_SENTENCE.format(label=labels[group].lower()))
        if rng.random() < 0.6:
            towns = list(dict.fromkeys(loc.location.city for loc in planned.locations))
            text = towns[0] if len(towns) == 1 else ", ".join(towns[:-1]) + " en " + towns[-1]
            sentences.append(rng.choice(PLACES_SENTENCES).format(places=text))
        kinds = [o.kind for o in planned.offers if o.kind in OFFER_SENTENCES]
        if kinds and rng.random() < 0.5:
            sentences.append(OFFER_SENTENCES[rng.choice(kinds)])
        return " ".join(sentences)

    def pause_some_offers(self, departments: list[PlannedDepartment]) -> None:
        rng = self.rng
        for planned in departments:
            for offer in planned.offers:
                if rng.random() < PAUSED_OFFER_SHARE:
                    offer.status = Offer.Status.PAUSED
                    offer.pause_reason = rng.choice(demo_data.PAUSE_REASONS)
                    offer.pause_expected_end = self.today + timedelta(days=rng.randint(30, 150))


def _target_group_rows():
    from register.vocabulary import TARGET_GROUPS

    return TARGET_GROUPS


def build_plan(today: date, geo: Geography, *, scale: int = 100, seed: int = SEED) -> Plan:
    return SyntheticBuilder(today, geo, scale=scale, seed=seed).build()


# --- writing -------------------------------------------------------------------------

BATCH = 2000


def _by_code(model) -> dict:
    return {obj.code: obj for obj in model.objects.all()}


def _insert(model, objects: list) -> list:
    created = model.objects.bulk_create(objects, batch_size=BATCH)
    if any(obj.pk is None for obj in created):  # needs PostgreSQL or SQLite >= 3.35
        raise RuntimeError(f"bulk_create did not return primary keys for {model.__name__}")
    return created


def _link(model, field_name: str, pairs) -> int:
    m2m = model._meta.get_field(field_name)
    through = m2m.remote_field.through
    owner, target = m2m.m2m_field_name() + "_id", m2m.m2m_reverse_field_name() + "_id"
    rows = [through(**{owner: a.pk, target: b.pk}) for a, b in pairs]
    through.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def write_plan(plan: Plan) -> dict[str, int]:
    """Insert the plan with bulk_create, in one transaction. Returns row counts per table."""
    from django.db import transaction

    departments = plan.departments
    with transaction.atomic():
        target_groups, age_groups = _by_code(TargetGroup), _by_code(AgeGroup)
        care_functions, criteria = _by_code(CareFunction), _by_code(ExclusionCriterion)
        _insert(Institution, list(plan.institutions.values()))
        _insert(Department, [d.department for d in departments])
        rows = {
            "institution links": _link(Department, "institutions", [
                (d.department, plan.institutions[key]) for d in departments for key in d.institution_keys]),
            "target-group links": _link(Department, "target_groups", [
                (d.department, target_groups[c]) for d in departments for c in d.target_groups]),
            "age-group links": _link(Department, "age_groups", [
                (d.department, age_groups[c]) for d in departments for c in d.age_groups]),
        }
        for d in departments:
            for planned in d.locations:
                planned.location.department = d.department
            for offer in d.offers:
                offer.department = d.department
        locations = [loc for d in departments for loc in d.locations]
        _insert(Location, [loc.location for loc in locations])
        rows["care-function links"] = _link(Location, "care_functions", [
            (loc.location, care_functions[c]) for loc in locations for c in loc.care_functions])
        _insert(Offer, [o for d in departments for o in d.offers])
        _insert(DepartmentExclusion, [
            DepartmentExclusion(department=d.department, criterion=criteria[code], note=note)
            for d in departments for code, note in d.exclusions
        ])
    return rows


# --- ground truth for the query mix ----------------------------------------------------


@dataclass
class Truth:
    """What the plan contains, in a form the query generator can count with."""

    status: np.ndarray  # department index -> status code
    target_groups: list[frozenset[str]]
    age_groups: list[frozenset[str]]
    open_offers: list[frozenset[str]]
    words: list[frozenset[str]]  # lower-case words of name and description
    # one row per location
    loc_department: np.ndarray
    loc_lat: np.ndarray
    loc_lon: np.ndarray
    loc_province: list[str]
    loc_care_functions: list[frozenset[str]]
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_plan(cls, plan: Plan) -> "Truth":
        province_of = {m["code"]: m["province_id"] for m in plan.geo.municipalities}
        deps = plan.departments
        loc_dep, lats, lons, provs, funcs = [], [], [], [], []
        for i, d in enumerate(deps):
            for loc in d.locations:
                loc_dep.append(i)
                lats.append(loc.location.latitude)
                lons.append(loc.location.longitude)
                provs.append(province_of[loc.location.municipality_id])
                funcs.append(frozenset(loc.care_functions))
        return cls(
            status=np.array([d.department.status for d in deps]),
            target_groups=[frozenset(d.target_groups) for d in deps],
            age_groups=[frozenset(d.age_groups) for d in deps],
            open_offers=[frozenset(o.kind for o in d.offers if o.status == "open") for d in deps],
            words=[frozenset(_WORD.findall(f"{d.department.name} {d.department.description}".lower()))
                   for d in deps],
            loc_department=np.array(loc_dep),
            loc_lat=np.array(lats),
            loc_lon=np.array(lons),
            loc_province=provs,
            loc_care_functions=funcs,
        )
