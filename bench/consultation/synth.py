"""Synthetic desk traffic for the consultation benchmark: 100,000 requests at 1,000 departments.

Deterministic (``random.Random(SEED)``, the register and geography read in a fixed order), so
SQLite and PostgreSQL get the same data.

- **The register** is the finder benchmark's synthetic register (``bench/finder/synth.py``) cut
  to 1,000 departments at 2,500 locations: invented institutions, real PC4 points, the demo's
  rules for target groups, age groups, offers and exclusion criteria.
- **People**: one desk user (department editor, with a membership) per department, and 4,000
  referrers. Nobody can log in with a password (unusable hashes); run.py logs in through a
  session (``build.py``).
- **Requests**: one department is meant for 8 % of them (``LARGE_SHARE``: 8,000 requests, of
  which about 7,900 stay there; to show what a page costs when a department has thousands); the
  rest are spread over the other 999 with log-normal weights (p10 about 30, median about 80,
  p90 about 170 a department). Receipt dates cover the last
  1,000 days with more in recent months (the desk grows). What happened to a request depends on
  its age: recent ones are new, in progress, waiting for information or answered; old ones are
  closed (some answered requests are never closed by the referrer). 4 % were first received
  by another department and forwarded, 2 % were declined and routed again by the referrer, about
  1 % climbed the escalation ladder (declined three times and escalated by themselves, or
  escalated by the referrer, then by a coordinator, placed at a department). The request kind is
  one the department offers; target and age group are the department's own; the patient's PC4
  is near one of the department's locations (75 %) or anywhere (drawn by population).
- **Events**: every request's story is a list of events (1 for a request that just arrived,
  2-8 otherwise: received, forwarded, routed, info asked and given, accepted, declined,
  answered, treatment started, escalated, escalation outcome, closed). **The stored columns
  (status, department, the triage and answer due dates, overdue, answered/closed/treatment
  dates, escalation level) are computed for every request through the app's own rules**
  (``consultation.state.fold`` and ``state.columns``, as ``services`` does after each step),
  and the escalation rows from the folded state. A request whose events make automatic
  escalation due (``lifecycle.escalation_due``: declined three times, or two clocks ran out) gets
  the event the daily tick would add, dated today. Reminders (``reminded``) are left empty.
- **Content**: question, what was tried, answer and notes in plain Dutch; messages on a third of
  the requests (1-4, referrer and department in turn); attachment rows (no files) on 5 %. Content
  of requests closed more than 24 months ago is removed as the retention job does (texts
  emptied, messages and attachments gone, ``content_removed_on`` set).

Everything is written with ``bulk_create`` in chunks of 10,000 requests, one transaction per
chunk; no services, no audit entries, no e-mails.
"""

from __future__ import annotations

import importlib.util
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
FINDER = HERE.parent / "finder"

SEED = 20261212
N_DEPARTMENTS = 1_000
N_LOCATIONS = 2_500
N_INSTITUTIONS = 100
N_REQUESTS = 100_000
N_REFERRERS = 4_000
LARGE_SHARE = 0.08  # the large department's share of all requests
DAYS = 1_000  # receipt dates cover this many days up to today
CHUNK = 10_000
BATCH = 2_000
RETENTION_MONTHS = 24
BENCH_DOMAIN = "bench.example"
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # consultation.services

KIND_WEIGHTS = {"consultation": 40, "second_opinion": 25, "treatment": 25, "co_treatment": 6, "remote_supervision": 4}
PROFESSION_WEIGHTS = {"gp": 45, "mental_health": 35, "medical_specialist": 10, "youth_care": 6, "social_domain": 4}
URGENCY_WEIGHTS = {"routine": 75, "soon": 20, "urgent": 5}
DECLINE_REASON_WEIGHTS = {"outside_target_group": 35, "exclusion_criterion": 25, "registration_pause": 15,
                          "not_high_specialist": 20, "other": 5}
CLOSE_OUTCOME_WEIGHTS = {"helped": 70, "not_helped": 12, "referred": 10, "withdrawn": 5, "other": 3}

# The request's final status by its age in days (see StoryTeller below).
STATUS_BY_AGE = [
    (2, {"new": 70, "at_desk": 5, "in_progress": 25}),
    (14, {"new": 10, "at_desk": 1, "in_progress": 44, "waiting_info": 15, "answered": 20, "declined": 3, "closed": 7}),
    (60, {"new": 2, "in_progress": 22, "waiting_info": 6, "answered": 33, "declined": 2, "closed": 35}),
    (365, {"in_progress": 4, "waiting_info": 1, "answered": 8, "declined": 1, "closed": 86}),
    (DAYS + 1, {"answered": 3, "closed": 97}),
]
FORWARD_SHARE = 0.04
REROUTE_SHARE = 0.02
ESCALATION_SHARE = 0.012
MESSAGE_SHARE = 0.33
ATTACHMENT_SHARE = 0.05
INFO_SHARE = 0.2  # stories with an information round (asked and given)

QUESTIONS = [
    "Patiënt heeft sinds jaren ernstige klachten die niet reageren op de gebruikelijke behandeling. "
    "Wij vragen advies over de volgende stap en of een behandeling bij u past.",
    "Graag uw advies over medicatie: twee middelen in voldoende dosis en duur gaven geen blijvend resultaat.",
    "Complexe problematiek met meerdere diagnoses; het team twijfelt aan de diagnose en vraagt een second opinion.",
    "De behandeling loopt vast. Kunt u meedenken over een aanpak die in de eigen regio haalbaar is?",
    "Ouders en school maken zich zorgen; de huidige hulp sluit niet aan. Welke behandeling raadt u aan?",
]
TRIED = [
    "Cognitieve gedragstherapie, 20 sessies, weinig effect. Daarna EMDR, 8 sessies, gestopt.",
    "Twee antidepressiva, elk 8 weken in voldoende dosis, en een klinische opname van 6 weken.",
    "Basis-ggz en daarna specialistische ggz, samen ruim een jaar, zonder blijvend resultaat.",
    "",
]
ANSWERS = [
    "Ons advies: bouw de huidige medicatie af en start met een middel uit een andere klasse; "
    "evalueer na 6 weken. Wij denken graag verder mee.",
    "De diagnose klopt in grote lijnen; wij adviseren een intensieve behandeling bij een afdeling in uw regio.",
    "Wij nemen de patiënt op de wachtlijst voor een intake; de verwachte wachttijd is 6 weken.",
]
MESSAGES = [
    "Dank voor uw vraag. Wij bekijken hem deze week in het team.",
    "Is er een recente medicatielijst beschikbaar? Dan kunnen wij gerichter adviseren.",
    "De medicatielijst staat nu bij de bijlagen.",
    "Wij hebben de vraag besproken en komen binnenkort met een antwoord.",
    "Dank u, dit helpt ons verder.",
]
INFO_NOTES = ["Is er een recente medicatielijst?", "Welke diagnoses zijn eerder gesteld, en door wie?",
              "Hoe lang duurde de laatste behandeling?"]
INFO_ANSWERS = ["De medicatielijst is bijgevoegd.", "Eerdere diagnoses: zie de verwijsbrief.",
                "De laatste behandeling duurde ruim een half jaar."]
PROVIDERS = ["Ggz-instelling in de regio", "Vrijgevestigd psychiater", "Basis-ggz praktijk", "Huisartsenpraktijk", ""]


def pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# --- the register -------------------------------------------------------------------------


def _finder_synth():
    """bench/finder/synth.py, loaded under its own name (this module is called synth too)."""
    if "finder_synth" not in sys.modules:
        spec = importlib.util.spec_from_file_location("finder_synth", FINDER / "synth.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["finder_synth"] = module
        spec.loader.exec_module(module)
    return sys.modules["finder_synth"]


def build_register(today: date):
    """The finder benchmark's synthetic register, 1,000 departments at 2,500 locations (a Plan)."""
    finder_synth = _finder_synth()
    geo = finder_synth.Geography.from_database()
    builder = finder_synth.SyntheticBuilder(today, geo, scale=17, seed=SEED)
    builder.n_departments, builder.n_locations, builder.n_institutions = N_DEPARTMENTS, N_LOCATIONS, N_INSTITUTIONS
    return builder.build()


def write_register(plan) -> dict:
    return _finder_synth().write_plan(plan)


# --- people -------------------------------------------------------------------------------


def write_people(departments: list) -> tuple[list, list]:
    """One desk user per department (department editor, member of it) and the referrers."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import DepartmentMembership, User
    from accounts.roles import Role

    unusable = make_password(None)
    now = timezone.now()
    with transaction.atomic():
        staff = User.objects.bulk_create([
            User(email=f"balie.{n}@{BENCH_DOMAIN}", first_name="Balie", last_name=f"Afdeling {n}",
                 role=Role.DEPARTMENT_EDITOR, password=unusable, email_confirmed_at=now)
            for n in range(1, len(departments) + 1)
        ], batch_size=BATCH)
        DepartmentMembership.objects.bulk_create([
            DepartmentMembership(user=user, department=department) for user, department in zip(staff, departments)
        ], batch_size=BATCH)
        referrers = User.objects.bulk_create([
            User(email=f"verwijzer.{n}@{BENCH_DOMAIN}", first_name="Verwijzer", last_name=str(n),
                 role=Role.REFERRER, password=unusable, email_confirmed_at=now, profession="huisarts")
            for n in range(1, N_REFERRERS + 1)
        ], batch_size=BATCH)
    return staff, referrers


# --- stories ------------------------------------------------------------------------------


@dataclass
class Step:
    kind: str
    on: date
    data: dict
    role: str  # actor_role: referrer, department, coordinator, system
    department_id: int | None  # the department holding the request when the event was written
    note: str = ""


@dataclass
class Context:
    """What the story generator needs to know about the register."""

    department_ids: list[int]
    kinds: dict[int, list[str]]  # department id -> kinds of request it offers (of KIND_WEIGHTS)
    target_groups: dict[int, list[str]]
    age_groups: dict[int, list[str]]
    location_pc4s: dict[int, list[str]]
    pc4s: list[str]  # populated PC4 areas, by code
    pc4_weights: list[float]
    pc4_region: dict[str, str]  # PC4 -> zorgkantoor region
    age_range: dict[str, tuple[int, int | None]]
    large_id: int
    table_of_region: dict[str, int]


class StoryTeller:
    """Draws what happened to one request: a list of steps the rules accept (at most 8)."""

    MAX_EVENTS = 8

    def __init__(self, rng: random.Random, ctx: Context, today: date):
        self.rng = rng
        self.ctx = ctx
        self.today = today

    def later(self, day: date, low: int, high: int) -> date:
        return min(self.today, day + timedelta(days=self.rng.randint(low, high)))

    def other_department(self, *not_these: int) -> int:
        while True:
            candidate = self.rng.choice(self.ctx.department_ids)
            if candidate not in not_these:
                return candidate

    def final_status(self, age: int) -> str:
        for limit, weights in STATUS_BY_AGE:
            if age <= limit:
                return pick(self.rng, weights)
        raise AssertionError(age)

    def decline(self, day: date, department: int, note: str = "") -> Step:
        return Step("declined", day, {"reason": pick(self.rng, DECLINE_REASON_WEIGHTS)}, "department", department, note)

    def story(self, department: int, kind: str, received: date, waiting_since: date, pc4: str) -> list[Step]:
        rng = self.rng
        age = (self.today - received).days
        status = self.final_status(age)
        first = {"request_kind": kind, "waiting_since": waiting_since.isoformat(), "patient_pc4": pc4}

        def received_by(dep: int | None) -> Step:
            return Step("received", received, {"department": dep, **first}, "referrer", dep)

        if status == "at_desk":
            return [received_by(None)]
        if age > 14 and rng.random() < ESCALATION_SHARE:
            return self.escalation_story(department, received, received_by, age)
        day = received
        if age > 3 and rng.random() < FORWARD_SHARE:
            holder = self.other_department(department)
            day = self.later(day, 1, 3)
            steps = [received_by(holder),
                     Step("forwarded", day, {"department": department}, "department", holder,
                          "Past beter bij een collega-afdeling.")]
        elif age > 7 and status != "new" and rng.random() < REROUTE_SHARE:
            holder = self.other_department(department)
            steps = [received_by(holder)]
            day = self.later(day, 1, 4)
            steps.append(self.decline(day, holder, "Wij verwijzen u naar een afdeling die beter past."))
            day = self.later(day, 0, 3)
            steps.append(Step("routed", day, {"department": department}, "referrer", None))
        else:
            steps = [received_by(department)]
        self.continue_at(steps, department, day, status, kind)
        return steps

    def continue_at(self, steps: list[Step], department: int, day: date, status: str, kind: str) -> None:
        """Append the steps at ``department`` from ``day`` until the request has ``status``."""
        rng = self.rng
        if status == "new":
            return
        if status == "declined":
            if rng.random() < 0.3:
                day = self.later(day, 1, 4)
                steps.append(Step("accepted", day, {}, "department", department))
            day = self.later(day, 1, 5)
            steps.append(self.decline(day, department, "Deze vraag past niet bij onze doelgroep."))
            return
        if status == "closed" and rng.random() < 0.05:  # withdrawn before anything happened
            day = self.later(day, 1, 10)
            steps.append(Step("closed", day, {"outcome": "withdrawn", "helped": None, "referral_avoided": None},
                              "referrer", department))
            return
        direct_answer = kind == "consultation" and status != "waiting_info" and rng.random() < 0.25
        if not direct_answer:
            day = self.later(day, 1, 6)
            steps.append(Step("accepted", day, {}, "department", department))
        if status == "in_progress" and rng.random() < 0.5:
            return
        still = {"answered": 1, "closed": 2}.get(status, 0)  # answered (and closed) still to come
        if status == "waiting_info" or (rng.random() < INFO_SHARE and len(steps) + 2 + still <= self.MAX_EVENTS):
            day = self.later(day, 1, 5)
            steps.append(Step("info_asked", day, {}, "department", department, rng.choice(INFO_NOTES)))
            if status == "waiting_info":
                return
            day = self.later(day, 1, 7)
            steps.append(Step("info_given", day, {}, "referrer", department, rng.choice(INFO_ANSWERS)))
        if (kind == "treatment" and not direct_answer and (status == "in_progress" or rng.random() < 0.5)
                and len(steps) + 1 + still <= self.MAX_EVENTS):
            day = self.later(day, 5, 40)
            steps.append(Step("treatment_started", day, {}, "department", department))
        if status == "in_progress":
            return
        day = self.later(day, 2, 18)
        steps.append(Step("answered", day, {}, "department", department, rng.choice(ANSWERS)))
        if status == "closed":
            day = self.later(day, 1, 30)
            outcome = pick(rng, CLOSE_OUTCOME_WEIGHTS)
            helped = outcome == "helped" or (outcome == "referred" and rng.random() < 0.5)
            steps.append(Step("closed", day, {"outcome": outcome, "helped": helped,
                                              "referral_avoided": helped and rng.random() < 0.6},
                              "referrer", department))

    def escalation_story(self, department: int, received: date, received_by, age: int) -> list[Step]:
        """Up the escalation ladder (at most 8 events); placed at ``department`` when old enough."""
        rng = self.rng
        day = received
        first = self.other_department(department)
        steps = [received_by(first)]
        if rng.random() < 0.5:
            # declined by three departments: the daily tick escalates by itself (7 events)
            second = self.other_department(department, first)
            third = self.other_department(department, first, second)
            for held, following in ((first, second), (second, third), (third, None)):
                day = self.later(day, 1, 5)
                steps.append(self.decline(day, held, "Buiten onze doelgroep."))
                if following is not None:
                    day = self.later(day, 0, 3)
                    steps.append(Step("routed", day, {"department": following}, "referrer", None))
            day = self.later(day, 1, 1)
            steps.append(Step("escalated", day, {"level": 1, "by": "auto"}, "system", None))
            return steps
        # declined once, escalated by the referrer, moved up by coordinators, placed
        day = self.later(day, 1, 5)
        steps.append(self.decline(day, first, "Geen plek voor deze zorgvraag."))
        day = self.later(day, 0, 3)
        steps.append(Step("escalated", day, {"level": 1, "by": "referrer"}, "referrer", None))
        top = 1 if age < 40 else rng.choice([1, 2, 2, 3])
        for level in range(2, top + 1):
            day = self.later(day, 5, 15)
            steps.append(Step("escalated", day, {"level": level, "by": "coordinator"}, "coordinator", None))
        if age < 30:
            return steps
        day = self.later(day, 5, 20)
        steps.append(Step("escalation_outcome", day, {"outcome": "placed", "department": department}, "coordinator",
                          None, "Geplaatst bij een afdeling met ruimte."))
        day = self.later(day, 0, 2)
        steps.append(Step("routed", day, {"department": department}, "referrer", None))
        if len(steps) < self.MAX_EVENTS:
            day = self.later(day, 1, 5)
            steps.append(Step("accepted", day, {}, "department", department))
        return steps


# --- requests -----------------------------------------------------------------------------


def context(plan, today: date) -> Context:
    from consultation.models import RegionalTable
    from geo.models import PostcodeArea
    from register.vocabulary import AGE_GROUPS

    departments = [d.department for d in plan.departments]
    ids = [d.pk for d in departments]
    region_of = dict(PostcodeArea.objects.values_list("code", "municipality__zorgkantoor_region_id"))
    pc4s = [pc for pc in plan.geo.pc4s if pc.code in region_of]
    table_of_region = {}
    for table in RegionalTable.objects.order_by("code").prefetch_related("regions"):
        for region in table.regions.all():
            table_of_region.setdefault(region.pk, table.pk)
    kinds = {}
    for planned in plan.departments:
        offered = sorted({o.kind for o in planned.offers} & set(KIND_WEIGHTS))
        kinds[planned.department.pk] = offered or ["treatment"]
    # The large department: the first one (in register order) that offers every kind.
    large = next((planned.department.pk for planned in plan.departments
                  if len(kinds[planned.department.pk]) == len(KIND_WEIGHTS)), ids[0])
    return Context(
        department_ids=ids,
        kinds=kinds,
        target_groups={d.department.pk: list(d.target_groups) for d in plan.departments},
        age_groups={d.department.pk: list(d.age_groups) for d in plan.departments},
        location_pc4s={d.department.pk: [loc.location.postcode[:4] for loc in d.locations
                                          if loc.location.postcode[:4] in region_of] for d in plan.departments},
        pc4s=[pc.code for pc in pc4s],
        pc4_weights=[pc.population for pc in pc4s],
        pc4_region=region_of,
        age_range={code: (low, high) for code, _nl, _en, low, high in AGE_GROUPS},
        large_id=large,
        table_of_region=table_of_region,
    )


def assign_departments(rng: random.Random, ctx: Context, n_requests: int) -> list[int]:
    """Which department each request is (finally) for: 8 % the large one, the rest log-normal."""
    others = [d for d in ctx.department_ids if d != ctx.large_id]
    weights = [rng.lognormvariate(0, 0.6) for _ in others]
    n_large = round(n_requests * LARGE_SHARE)
    assigned = [ctx.large_id] * n_large + rng.choices(others, weights=weights, k=n_requests - n_large)
    rng.shuffle(assigned)
    return assigned


def receipt_ages(rng: random.Random, n_requests: int) -> list[int]:
    """Days before today of each receipt, oldest first: density falls linearly with age (the desk grows)."""
    return sorted((int(DAYS * (1 - math.sqrt(rng.random()))) for _ in range(n_requests)), reverse=True)


@dataclass
class Written:
    requests: int = 0
    events: int = 0
    messages: int = 0
    attachments: int = 0
    escalations: int = 0
    target_group_links: int = 0
    concern_links: int = 0
    statuses: Counter = field(default_factory=Counter)
    events_per_request: Counter = field(default_factory=Counter)
    content_removed: int = 0
    overdue: int = 0
    auto_escalations_added: int = 0
    references: set = field(default_factory=set)


def write_requests(plan, staff: list, referrers: list, today: date, *, n_requests: int = N_REQUESTS,
                   progress=None) -> dict:
    """Draw and write the 100,000 requests with their events, messages, attachments and escalations."""
    from dateutil.relativedelta import relativedelta
    from django.db import transaction

    from consultation import state
    from consultation.models import Attachment, ConsultationRequest, Escalation, Event, Message
    from consultation.rules import lifecycle
    from register.models import AgeGroup, ExclusionCriterion, TargetGroup

    rng = random.Random(SEED)
    ctx = context(plan, today)
    teller = StoryTeller(rng, ctx, today)
    cfg = state.config()
    staff_of = {d.department.pk: user.pk for d, user in zip(plan.departments, staff)}
    referrer_ids = [user.pk for user in referrers]
    age_pk = dict(AgeGroup.objects.values_list("code", "pk"))
    group_pk = dict(TargetGroup.objects.values_list("code", "pk"))
    criteria = list(ExclusionCriterion.objects.order_by("code").values_list("pk", flat=True))
    retention_limit = today - relativedelta(months=RETENTION_MONTHS)
    assigned = assign_departments(rng, ctx, n_requests)
    ages = receipt_ages(rng, n_requests)
    out = Written()
    groups_through = ConsultationRequest.target_groups.through
    concerns_through = ConsultationRequest.concerns.through

    for start in range(0, n_requests, CHUNK):
        rows = []  # (request, events, groups, concerns, messages, attachments, escalations)
        for i in range(start, min(start + CHUNK, n_requests)):
            department = assigned[i]
            received = today - timedelta(days=ages[i])
            kind = pick(rng, {k: KIND_WEIGHTS[k] for k in ctx.kinds[department]})
            local = ctx.location_pc4s[department]
            pc4 = (rng.choice(local) if local and rng.random() < 0.75
                   else rng.choices(ctx.pc4s, weights=ctx.pc4_weights)[0])
            waiting_since = received - timedelta(days=rng.randint(30, 300) if kind == "treatment" else rng.randint(0, 120))
            referrer = rng.choice(referrer_ids)
            reference = new_reference(rng, out.references)
            steps = teller.story(department, kind, received, waiting_since, pc4)
            events = [Event(kind=s.kind, on=s.on, data=s.data, note=s.note, actor_role=s.role,
                            department_id=s.department_id,
                            actor_id=referrer if s.role == "referrer" else staff_of.get(s.department_id)
                            if s.role == "department" else None) for s in steps]
            case = state.fold(reference, events, cfg)
            if lifecycle.escalation_due(case, today, cfg):  # what the daily tick would have done
                events.append(Event(kind="escalated", on=max(today, case.last_event_on), data={"level": 1, "by": "auto"},
                                    actor_role="system", department_id=int(case.department) if case.department else None))
                case = state.fold(reference, events, cfg)
                out.auto_escalations_added += 1
            cols = state.columns(case, today, cfg)
            ages_of = ctx.age_range
            age_code = rng.choice(ctx.age_groups[department])
            low, high = ages_of[age_code]
            closed = case.closed_on
            removed = closed is not None and closed <= retention_limit
            answered = case.answered_on is not None
            request = ConsultationRequest(
                reference=reference,
                referrer_id=referrer,
                profession=pick(rng, PROFESSION_WEIGHTS),
                kind=kind,
                urgency=pick(rng, URGENCY_WEIGHTS),
                question="" if removed else rng.choice(QUESTIONS),
                tried="" if removed else rng.choice(TRIED),
                current_provider="" if removed else rng.choice(PROVIDERS),
                answer="" if removed or not answered else next(e.note for e in events if e.kind == "answered"),
                content_removed_on=min(today, closed + relativedelta(months=RETENTION_MONTHS, days=1)) if removed else None,
                age_group_id=age_pk[age_code],
                birth_year=today.year - rng.randint(low, high if high is not None else 90) if rng.random() < 0.4 else None,
                patient_pc4=pc4,
                patient_region_id=ctx.pc4_region[pc4],
                consent=True,
                waiting_since=waiting_since,
                version=1 + sum(1 for e in events[1:] if e.actor_role != "system"),
                **state.column_values(cols),
            )
            if closed is not None:
                data = next(e.data for e in reversed(events) if e.kind == "closed")
                request.outcome, request.helped = data["outcome"], data["helped"]
                request.referral_avoided = data["referral_avoided"]
            if removed:
                for event in events:
                    event.note = ""
            department_groups = ctx.target_groups[department]
            groups = [department_groups[0]] if len(department_groups) == 1 or rng.random() < 0.8 else department_groups[:2]
            concerns = [rng.choice(criteria)] if criteria and rng.random() < 0.1 else []
            messages, attachments = [], []
            if not removed and len(events) > 1 and rng.random() < MESSAGE_SHARE:
                holder = staff_of.get(cols.department_id or department)
                for n in range(rng.randint(1, 4)):
                    side = "department" if n % 2 == 0 else "referrer"
                    messages.append(Message(author_id=holder if side == "department" else referrer, side=side,
                                            body=rng.choice(MESSAGES)))
            if not removed and rng.random() < ATTACHMENT_SHARE:
                for n in range(rng.randint(1, 2)):
                    token = "%032x" % rng.getrandbits(128)
                    attachments.append(Attachment(purpose="request", token=token, name=f"verwijsbrief-{n + 1}.pdf",
                                                  size=rng.randint(40_000, 900_000), uploaded_by_id=referrer))
            escalations = [
                Escalation(level=e.level, region_id=request.patient_region_id,
                           table_id=ctx.table_of_region.get(request.patient_region_id),
                           trigger=e.by if e.by in ("referrer", "department", "auto", "coordinator") else "coordinator",
                           entered_on=e.entered_on, left_on=e.left_on, outcome=e.outcome or "",
                           placed_at_id=int(e.placed_at) if e.placed_at else None,
                           advice="" if removed or e.outcome is None else "Advies van de regionale tafel.")
                for e in case.escalations
            ]
            rows.append((request, events, groups, concerns, messages, attachments, escalations))
            out.statuses[cols.status] += 1
            out.events_per_request[len(events)] += 1
            out.content_removed += removed
            out.overdue += cols.overdue
        with transaction.atomic():
            created = ConsultationRequest.objects.bulk_create([r[0] for r in rows], batch_size=BATCH)
            if any(r.pk is None for r in created):
                raise RuntimeError("bulk_create did not return primary keys (needs PostgreSQL or SQLite >= 3.35)")
            events, links, concern_links, messages, attachments, escalations = [], [], [], [], [], []
            for request, evs, groups, concerns, msgs, atts, escs in rows:
                for obj in (*evs, *msgs, *atts, *escs):
                    obj.request_id = request.pk
                for att in atts:
                    att.file = f"consultation/{request.pk}/{att.token}.pdf"  # a row only: no file is written
                events += evs
                messages += msgs
                attachments += atts
                escalations += escs
                links += [groups_through(consultationrequest_id=request.pk, targetgroup_id=group_pk[g]) for g in groups]
                concern_links += [concerns_through(consultationrequest_id=request.pk, exclusioncriterion_id=c)
                                  for c in concerns]
            Event.objects.bulk_create(events, batch_size=BATCH)
            Message.objects.bulk_create(messages, batch_size=BATCH)
            Attachment.objects.bulk_create(attachments, batch_size=BATCH)
            Escalation.objects.bulk_create(escalations, batch_size=BATCH)
            groups_through.objects.bulk_create(links, batch_size=BATCH)
            concerns_through.objects.bulk_create(concern_links, batch_size=BATCH)
        out.requests += len(rows)
        out.events += len(events)
        out.messages += len(messages)
        out.attachments += len(attachments)
        out.escalations += len(escalations)
        out.target_group_links += len(links)
        out.concern_links += len(concern_links)
        if progress:
            progress(out.requests)
    return {
        "requests": out.requests,
        "events": out.events,
        "messages": out.messages,
        "attachments": out.attachments,
        "escalations": out.escalations,
        "target_group_links": out.target_group_links,
        "concern_links": out.concern_links,
        "statuses": dict(sorted(out.statuses.items(), key=lambda kv: -kv[1])),
        "events_per_request": dict(sorted(out.events_per_request.items())),
        "overdue": out.overdue,
        "content_removed": out.content_removed,
        "auto_escalations_added": out.auto_escalations_added,
        "large_department_id": ctx.large_id,
    }


def new_reference(rng: random.Random, used: set) -> str:
    while True:
        reference = "TG-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(8))
        if reference not in used:
            used.add(reference)
            return reference
