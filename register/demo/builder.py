"""Build the fictional demo register as unsaved model objects.

`build_demo(today, places)` is deterministic: it draws from one
`random.Random(SEED)` and walks the data and the places in a fixed order, so
the same `today` and the same geography give exactly the same register.
Dates are relative to `today` (confirmation dates, certificates, pauses), so
the register looks current whenever it is loaded.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.text import slugify

from geo.distance import haversine_km
from geo.models import PostcodeArea

from .. import rules
from ..models import Department, Institution, Location, Offer
from . import data

SEED = 20260415

# How many departments get a special status or date (the rest is certified,
# supra-regional and recently confirmed).
N_IN_PROCEDURE = 5
N_EXPIRED = 2
N_NOT_RECENTLY_CONFIRMED = 12
N_RECENTLY_SPECIALISED = 7
N_PAUSED_OFFERS = 6
NATIONAL_SHARE = 0.3

# Weights for 1, 2, 3 and 4 locations / exclusion criteria per department.
LOCATION_COUNT_WEIGHTS = [45, 30, 17, 8]
EXCLUSION_COUNT_WEIGHTS = [25, 35, 25, 15]

# Chance that a department offers each kind besides treatment.
OFFER_CHANCES = {
    Offer.Kind.CONSULTATION: 0.75,
    Offer.Kind.SECOND_OPINION: 0.6,
    Offer.Kind.CO_TREATMENT: 0.3,
    Offer.Kind.REMOTE_SUPERVISION: 0.2,
}

# Places (woonplaatsen) smaller than this do not get an extra location.
MIN_PLACE_POPULATION = 20_000
# Extra locations lie within this distance of the department's home town
# (the radius doubles when there are too few places).
EXTRA_LOCATION_RADIUS_KM = 45
# PC4 areas with fewer inhabitants are not used (industrial estates, polders).
MIN_PC4_POPULATION = 500

# Letter pairs of a full postcode; SA, SD and SS are never issued.
POSTCODE_LETTERS = [
    a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b not in {"SA", "SD", "SS"}
]


class DemoDataError(RuntimeError):
    """The geography does not contain what the demo data needs."""


# --- places --------------------------------------------------------------------------


@dataclass
class Place:
    """A woonplaats within one municipality, with its usable PC4 areas."""

    name: str
    municipality_id: str
    province_id: str
    postcode_areas: list[PostcodeArea] = field(default_factory=list)

    @property
    def population(self) -> int:
        return sum(pc.population for pc in self.postcode_areas)

    @property
    def point(self) -> tuple[float, float]:
        """Population-weighted centre of the place's PC4 points."""
        weight = self.population or 1
        return (
            sum(pc.lat * pc.population for pc in self.postcode_areas) / weight,
            sum(pc.lon * pc.population for pc in self.postcode_areas) / weight,
        )


def collect_places(postcode_areas) -> list[Place]:
    """Group PC4 areas (with municipality loaded) into places, in a fixed order."""
    places: dict[tuple[str, str], Place] = {}
    for pc in sorted(postcode_areas, key=lambda pc: pc.code):
        if not pc.place_name or pc.population < MIN_PC4_POPULATION:
            continue
        key = (pc.place_name, pc.municipality_id)
        if key not in places:
            places[key] = Place(pc.place_name, pc.municipality_id, pc.municipality.province_id)
        places[key].postcode_areas.append(pc)
    return sorted(places.values(), key=lambda p: (p.province_id, p.name, p.municipality_id))


def load_places() -> list[Place]:
    return collect_places(PostcodeArea.objects.select_related("municipality").order_by("code"))


# --- the plan -------------------------------------------------------------------------


@dataclass
class PlannedLocation:
    location: Location
    care_functions: list[str]


@dataclass
class PlannedDepartment:
    department: Department
    institution_keys: tuple[str, ...]
    target_groups: list[str]
    age_groups: list[str]
    locations: list[PlannedLocation] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    exclusions: list[tuple[str, str]] = field(default_factory=list)  # (criterion code, note)


@dataclass
class DemoPlan:
    institutions: dict[str, Institution]
    departments: list[PlannedDepartment]


def department_slug(institution_key: str, name: str) -> str:
    return slugify(f"{institution_key} {name}")[:220]


def demo_institution_names() -> list[str]:
    return [row[1] for row in data.INSTITUTIONS]


def demo_department_slugs() -> list[str]:
    return [department_slug(keys[0], name) for keys, name, _, _ in data.DEPARTMENTS + data.ADDED_DEPARTMENTS]


class _Builder:
    def __init__(self, today: date, places: list[Place]):
        self.today = today
        self.rng = random.Random(SEED)
        self.places = places
        self.towns = [p for p in places if p.population >= MIN_PLACE_POPULATION]
        self.institution_rows = {row[0]: row for row in data.INSTITUTIONS}

    # -- helpers
    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def home_place(self, key: str) -> Place:
        _, name, town, province, _ = self.institution_rows[key]
        candidates = [p for p in self.places if p.name == town and p.province_id == province]
        if not candidates:
            raise DemoDataError(f"{name}: no PC4 area for {town} ({province}) in the geography")
        return max(candidates, key=lambda p: (len(p.postcode_areas), p.municipality_id))

    def phone(self, key: str) -> str:
        area = self.institution_rows[key][4]
        # A subscriber number after the area code that starts with 1 is not given out as far as we
        # know (1 begins short numbers such as 112), so these should not reach a real subscriber.
        if len(area) == 3:  # 030 1xx xx xx
            return f"{area} 1{self.rng.randint(0, 99):02d} {self.rng.randint(0, 99):02d} {self.rng.randint(0, 99):02d}"
        return f"{area} 1{self.rng.randint(0, 9)} {self.rng.randint(0, 99):02d} {self.rng.randint(0, 99):02d}"

    # -- institutions
    def institutions(self) -> dict[str, Institution]:
        return {
            key: Institution(name=name, city=town, website=f"https://www.{key}.example")
            for key, name, town, _, _ in data.INSTITUTIONS
        }

    # -- departments
    def build(self) -> DemoPlan:
        institutions = self.institutions()
        specs = data.DEPARTMENTS
        indexes = list(range(len(specs)))
        single = [i for i in indexes if len(specs[i][0]) == 1]
        special = self.rng.sample(single, N_IN_PROCEDURE + N_EXPIRED)
        in_procedure, expired = set(special[:N_IN_PROCEDURE]), set(special[N_IN_PROCEDURE:])
        not_recent = set(self.rng.sample(indexes, N_NOT_RECENTLY_CONFIRMED))
        # Most departments in procedure are recently specialised; some certified ones too.
        recently_specialised = set(sorted(in_procedure)[:3]) | set(
            self.rng.sample(sorted(set(single) - in_procedure - expired), N_RECENTLY_SPECIALISED - 3)
        )

        departments = []
        for index, (keys, name, target_groups, age_profile) in enumerate(specs):
            if index in in_procedure:
                status = Department.Status.IN_PROCEDURE
            elif index in expired:
                status = Department.Status.EXPIRED
            else:
                status = Department.Status.CERTIFIED
            departments.append(
                self.department(
                    keys, name, target_groups, age_profile, status,
                    confirmed_recently=index not in not_recent,
                    recently_specialised=index in recently_specialised,
                )
            )
        self.pause_some_offers(departments)
        # The departments added later come from their own stream, so the ones above stay as they were.
        self.rng = random.Random(SEED + 1)
        for keys, name, target_groups, age_profile in data.ADDED_DEPARTMENTS:
            departments.append(
                self.department(
                    keys, name, target_groups, age_profile, Department.Status.CERTIFIED,
                    confirmed_recently=True, recently_specialised=False,
                )
            )
        return DemoPlan(institutions=institutions, departments=departments)

    def department(self, keys, name, target_groups, age_profile, status, *, confirmed_recently,
                   recently_specialised) -> PlannedDepartment:
        rng = self.rng
        network = len(keys) > 1
        slug = department_slug(keys[0], name)
        ages = data.AGE_PROFILES[age_profile]
        certified_from = certified_until = None
        if status == Department.Status.CERTIFIED:
            certified_from = self.days_ago(20, 4 * 365 - 45)
            certified_until = rules.certificate_valid_until(certified_from)
        elif status == Department.Status.EXPIRED:
            certified_from = self.days_ago(4 * 365 + 30, 4 * 365 + 400)
            certified_until = rules.certificate_valid_until(certified_from)
        if recently_specialised:
            specialised_since = self.days_ago(200, 3 * 365 - 60)
        else:
            specialised_since = date(rng.randint(2004, 2019), rng.randint(1, 12), 1)
        last_confirmed_on = self.days_ago(0, 170) if confirmed_recently else self.days_ago(200, 540)
        reach = (
            Department.Reach.NATIONAL
            if network or rng.random() < NATIONAL_SHARE
            else Department.Reach.SUPRA_REGIONAL
        )
        local = slugify(name)[:40].strip("-")
        department = Department(
            name=name,
            slug=slug,
            description="",  # set below, once the care functions are known
            specialised_since=specialised_since,
            phone=self.phone(keys[0]),
            email=f"{local}@{keys[0]}.example",
            website=f"https://www.{keys[0]}.example/{slugify(name)}",
            status=status,
            certified_from=certified_from,
            certified_until=certified_until,
            reach=reach,
            last_confirmed_on=last_confirmed_on,
        )
        planned = PlannedDepartment(department, keys, list(target_groups), ages)
        planned.locations = self.locations(planned, network)
        department.description = self.description(planned)
        planned.offers = self.offers(planned)
        planned.exclusions = self.exclusions(planned)
        return planned

    # -- locations
    def locations(self, planned: PlannedDepartment, network: bool) -> list[PlannedLocation]:
        rng = self.rng
        keys = planned.institution_keys
        places = [self.home_place(key) for key in keys]
        if not network:
            wanted = rng.choices([1, 2, 3, 4], weights=LOCATION_COUNT_WEIGHTS)[0]
            places += self.nearby_towns(places[0], wanted - 1)
        located = []
        for position, place in enumerate(places):
            functions = self.care_functions(planned, main=position == 0)
            if "inpatient_open" in functions or "inpatient_closed" in functions:
                kind = "inpatient"
            elif "day_treatment" in functions:
                kind = "day"
            else:
                kind = "outpatient"
            pc = rng.choice(place.postcode_areas)
            location = Location(
                name=f"{data.LOCATION_KIND_NAMES[kind]} {place.name}",
                street_address=f"{rng.choice(data.STREETS)} {rng.randint(1, 160)}",
                postcode=f"{pc.code} {rng.choice(POSTCODE_LETTERS)}",
                city=pc.place_name,
                municipality_id=pc.municipality_id,
                latitude=pc.lat,
                longitude=pc.lon,
            )
            located.append(PlannedLocation(location, functions))
        return located

    def nearby_towns(self, home: Place, count: int) -> list[Place]:
        """`count` other towns near `home`, larger towns more likely (clinics sit in towns)."""
        chosen: list[Place] = []
        radius = EXTRA_LOCATION_RADIUS_KM
        while len(chosen) < count:
            used = {(p.name, p.municipality_id) for p in [home, *chosen]}
            options = [
                p for p in self.towns
                if (p.name, p.municipality_id) not in used and haversine_km(*home.point, *p.point) <= radius
            ]
            if not options:
                radius *= 2
                continue
            chosen.append(self.rng.choices(options, weights=[p.population for p in options])[0])
        return chosen

    def care_functions(self, planned: PlannedDepartment, *, main: bool) -> list[str]:
        rng = self.rng
        name = planned.department.name.lower().replace("polikliniek", "")
        functions = ["outpatient"]
        if main and ("kliniek" in name or "klinische" in name):
            functions = ["inpatient_closed" if "psychose" in planned.target_groups else "inpatient_open"]
            if rng.random() < 0.5:
                functions.append("outpatient")
        elif main and rng.random() < 0.35:
            functions.append("day_treatment")
        extra = [f for f in ("home_treatment", "day_treatment", "crisis") if f not in functions]
        if len(functions) < 3 and rng.random() < 0.3:
            weights = [3 if f != "crisis" else 1 for f in extra]
            functions.append(rng.choices(extra, weights=weights)[0])
        return functions

    # -- texts
    def description(self, planned: PlannedDepartment) -> str:
        rng = self.rng
        main_group = planned.target_groups[0]
        codes = list(planned.age_groups)
        if "adults" in codes and "young_adults" in codes:
            codes.remove("young_adults")  # adults (18-65) includes them; "jongvolwassenen en volwassenen" reads badly
        ages = [data.AGE_WORDS[code] for code in codes]
        if len(codes) == len(data.AGE_WORDS) - 1:
            age_text = "mensen van alle leeftijden"
        else:
            age_text = ages[0] if len(ages) == 1 else ", ".join(ages[:-1]) + " en " + ages[-1]
        sentences = [data.WHO[main_group].format(ages=age_text), rng.choice(data.APPROACH[main_group])]
        young = set(planned.age_groups) <= {"children", "youth", "young_adults"}
        inpatient = any(
            f.startswith("inpatient") for loc in planned.locations for f in loc.care_functions
        )
        fitting = [
            text
            for condition, text in data.CLOSING
            if condition == "any"
            or (condition == "young" and young and main_group != "infant_mental_health")
            or (condition == "adult" and "adults" in planned.age_groups)
            or (condition == "inpatient" and inpatient)
        ]
        sentences += rng.sample(fitting, rng.choice([0, 1, 1, 2]))
        return " ".join(sentences)

    # -- offers
    def requesters(self, planned: PlannedDepartment, kind: str) -> list[str]:
        rng = self.rng
        R = Offer.Requester
        young = bool(set(planned.age_groups) & {"children", "youth"})
        if kind == Offer.Kind.TREATMENT:
            codes = [R.GP, R.MENTAL_HEALTH]
            if rng.random() < 0.4:
                codes.append(R.MEDICAL_SPECIALIST)
            if young:
                codes.append(R.YOUTH_CARE)
        elif kind == Offer.Kind.CONSULTATION:
            codes = [R.MENTAL_HEALTH, R.GP, R.MEDICAL_SPECIALIST]
            if rng.random() < 0.4:
                codes.append(R.SOCIAL_DOMAIN)
            if young:
                codes.append(R.YOUTH_CARE)
        elif kind == Offer.Kind.SECOND_OPINION:
            codes = [R.GP, R.MENTAL_HEALTH]
            if rng.random() < 0.3:
                codes.append(R.PATIENT)
        else:  # co-treatment and remote supervision support another mental-health team
            codes = [R.MENTAL_HEALTH]
        return [str(code) for code in codes]

    def offers(self, planned: PlannedDepartment) -> list[Offer]:
        kinds = [Offer.Kind.TREATMENT] + [kind for kind, chance in OFFER_CHANCES.items() if self.rng.random() < chance]
        return [
            Offer(
                kind=str(kind),
                requesters=self.requesters(planned, kind),
                how_to_request=self.rng.choice(data.HOW_TO_REQUEST[str(kind)]),
                status=Offer.Status.OPEN,
            )
            for kind in kinds
        ]

    def pause_some_offers(self, departments: list[PlannedDepartment]) -> None:
        offers = [offer for planned in departments for offer in planned.offers]
        treatments = [o for o in offers if o.kind == Offer.Kind.TREATMENT]
        others = [o for o in offers if o.kind != Offer.Kind.TREATMENT]
        chosen = self.rng.sample(treatments, N_PAUSED_OFFERS - 1) + self.rng.sample(others, 1)
        reasons = self.rng.sample(data.PAUSE_REASONS, len(chosen))
        for offer, reason in zip(chosen, reasons):
            offer.status = Offer.Status.PAUSED
            offer.pause_reason = reason
            offer.pause_expected_end = self.today + timedelta(days=self.rng.randint(30, 150))

    # -- exclusion criteria
    def exclusions(self, planned: PlannedDepartment) -> list[tuple[str, str]]:
        rng = self.rng
        groups = set(planned.target_groups)
        codes = sorted(data.EXCLUSION_NOTES)
        if "verslaving" in groups:
            codes.remove("active_addiction")
        if "lvb" in groups:
            codes.remove("iq_below_70")
        if set(planned.age_groups) <= {"children", "youth"}:
            codes = [c for c in codes if c not in {"active_addiction", "forensic_framework"}]
        count = rng.choices([1, 2, 3, 4], weights=EXCLUSION_COUNT_WEIGHTS)[0]
        return [(code, rng.choice(data.EXCLUSION_NOTES[code])) for code in sorted(rng.sample(codes, count))]


def build_demo(today: date, places: list[Place]) -> DemoPlan:
    """The whole demo register, unsaved, for `today`."""
    return _Builder(today, places).build()
