"""Fictional desk traffic for the demo: requests in every state, escalations at every level.

Everything goes through ``services`` (the same steps people take), dated in the past relative
to ``today`` so the clocks show met, running, reminded and overdue deadlines. The referrer is
the demo referrer; each department used gets a demo desk user (``balie.<n>@topggz.example``,
department editor, with a public TOTP secret); the demo regional coordinator gets a seat at
every level for the demo's regions. Idempotent: nothing is added when demo requests exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_email, demo_totp_secret
from accounts.models import User
from accounts.roles import Role
from register.models import Department, Offer

from . import services
from .loading import load_regional_tables
from .models import ConsultationRequest, CoordinatorSeat, RegionalTable

DEMO_MARK = "[demo]"


@dataclass
class Actors:
    referrer: User
    desk: User  # the bureau
    coordinator: User
    staff: dict  # department id -> demo desk user


def desk_email(n: int) -> str:
    return f"balie.{n}@{DEMO_DOMAIN}"


def _user(email: str, role: str, departments=()) -> User:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import services as account_services

    user, created = User.objects.get_or_create(email=email, defaults={"first_name": "Demo", "last_name": "Balie"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.email_confirmed_at = user.date_joined
        user.save()
    account_services.assign_role(user=user, role=role, departments=departments)
    if role != Role.REFERRER and not TOTPDevice.objects.filter(user=user).exists():
        import base64

        secret = demo_totp_secret(email)
        TOTPDevice.objects.create(user=user, name="demo", confirmed=True, key=base64.b32decode(secret).hex())
    return user


def departments_with(kind: str, count: int) -> list[Department]:
    ids = Offer.objects.filter(kind=kind, status=Offer.Status.OPEN).values_list("department_id", flat=True)
    return list(Department.objects.filter(pk__in=ids).order_by("name")[:count])


def actors(departments: list[Department]) -> Actors:
    referrer = User.objects.get(email=demo_email(Role.REFERRER))
    desk = User.objects.get(email=demo_email(Role.BUREAU_ADMIN))
    coordinator = User.objects.get(email=demo_email(Role.REGIONAL_COORDINATOR))
    staff = {d.pk: _user(desk_email(n), Role.DEPARTMENT_EDITOR, [d]) for n, d in enumerate(departments, start=1)}
    return Actors(referrer, desk, coordinator, staff)


def _ask(actors: Actors, department, on: date, *, kind="consultation", groups=None, age="adults", pc4="3511",
         waiting_days=60, question="", tried="Twee behandelingen in de basis-ggz, zonder blijvend resultaat."):
    target_groups = groups or ([department.target_groups.order_by("order").first().code] if department else ["depressie"])
    data = services.NewRequest(
        kind=kind,
        profession="gp",
        question=f"{DEMO_MARK} {question or 'Graag advies over de behandeling van deze patiënt.'}",
        tried=tried,
        target_groups=target_groups,
        age_group=age,
        patient_pc4=pc4,
        waiting_since=on - timedelta(days=waiting_days),
        consent=True,
        department_id=department.pk if department else None,
    )
    return services.submit_request(user=actors.referrer, data=data, on=on)


def _step(user, request, step, on, **kwargs):
    request.refresh_from_db()
    return services.perform(user=user, request_id=request.pk, expected_version=request.version, step=step, on=on,
                            **kwargs)


def load_demo_requests(today: date) -> int:
    """Create the demo traffic; returns the number of requests made (0 when it was there already)."""
    if ConsultationRequest.objects.filter(question__startswith=DEMO_MARK).exists():
        return 0
    load_regional_tables()
    deps = departments_with("consultation", 5)
    if len(deps) < 4:
        return 0
    a = actors(deps)
    d1, d2, d3, d4 = deps[:4]
    s = a.staff
    made = []
    _seat_coordinator(a.coordinator)
    with transaction.atomic():
        # new, arrived today and three working days ago (a reminder is due)
        made.append(_ask(a, d1, today, question="Vraag over medicatie bij een therapieresistente klacht."))
        made.append(_ask(a, d1, today - timedelta(days=5), kind="second_opinion"))
        # overdue triage: received four weeks ago, nothing done
        made.append(_ask(a, d2, today - timedelta(days=28)))
        # in progress, and waiting for information
        r = _ask(a, d1, today - timedelta(days=10))
        _step(s[d1.pk], r, "accepted", today - timedelta(days=8))
        made.append(r)
        r = _ask(a, d1, today - timedelta(days=12))
        _step(s[d1.pk], r, "info_asked", today - timedelta(days=6), note="Is er een recente medicatielijst?")
        made.append(r)
        # answered, and closed after the referrer's verdict
        r = _ask(a, d2, today - timedelta(days=40))
        _step(s[d2.pk], r, "accepted", today - timedelta(days=38))
        _step(s[d2.pk], r, "answered", today - timedelta(days=30), note="Ons advies: bouw de medicatie af en start met ...")
        made.append(r)
        r = _ask(a, d2, today - timedelta(days=80), kind="second_opinion")
        _step(s[d2.pk], r, "accepted", today - timedelta(days=78))
        _step(s[d2.pk], r, "answered", today - timedelta(days=60), note="Second opinion: de diagnose klopt, maar ...")
        _step(a.referrer, r, "closed", today - timedelta(days=55), outcome="helped", helped=True, referral_avoided=True)
        made.append(r)
        # forwarded with the waiting time carried over
        r = _ask(a, d3, today - timedelta(days=20), kind="treatment", waiting_days=120)
        _step(s[d3.pk], r, "forwarded", today - timedelta(days=16), department_id=d1.pk, note="Past beter bij hen.")
        made.append(r)
        # at the bureau's desk
        made.append(_ask(a, None, today - timedelta(days=2), question="Ik weet niet welke afdeling past."))
        # declined three times: escalated automatically, then up the ladder to every level
        for n, (pc4, levels) in enumerate((("3511", 1), ("3812", 2), ("3581", 3), ("3431", 4))):
            start = today - timedelta(days=120 - 10 * n)
            r = _ask(a, d1, start, kind="treatment", pc4=pc4, waiting_days=100)
            _step(s[d1.pk], r, "declined", start + timedelta(days=2), reason="outside_target_group",
                  note="Probeer een afdeling voor ouderen.")
            for hop, dep in enumerate((d2, d3), start=1):
                _step(a.referrer, r, "routed", start + timedelta(days=3 * hop + 1), department_id=dep.pk)
                _step(s[dep.pk], r, "declined", start + timedelta(days=3 * hop + 2), reason="exclusion_criterion")
            services.tick(on=start + timedelta(days=10))  # three refusals: level 1 by itself
            seat_user = a.coordinator
            for level in range(2, levels + 1):
                _step(seat_user, r, "escalated", start + timedelta(days=10 + 7 * level), trigger="coordinator")
            made.append(r)
        # the ladder's outcomes: advice at the transfer point; placed by the regional table
        ladder = made[-4:]
        _step(a.coordinator, ladder[0], "escalation_outcome", today - timedelta(days=60), outcome="advice",
              note="Advies: vraag een second opinion aan bij een afdeling voor ouderen.")
        _step(a.coordinator, ladder[1], "escalation_outcome", today - timedelta(days=50), outcome="placed",
              department_id=d4.pk, note="Afdeling 4 neemt de cliënt op na overleg aan tafel.")
    services.tick(on=today)
    return len(made)


def _seat_coordinator(user: User) -> None:
    """The demo coordinator sits at every level for the Utrecht region and its table."""
    table = RegionalTable.objects.filter(code="midden").first()
    CoordinatorSeat.objects.get_or_create(user=user, level=1, region_id="ZK23", table=None)
    if table:
        CoordinatorSeat.objects.get_or_create(user=user, level=2, region=None, table=table)
    for level in (3, 4):
        CoordinatorSeat.objects.get_or_create(user=user, level=level, region=None, table=None)
