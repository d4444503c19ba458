"""The tables and charts of each insight page, built once from selectors and pure rules; the page,
its CSV/XLSX exports and its SVG/PNG charts all come from here (same numbers everywhere)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from consultation.models import DeclineReason
from register.models import Department
from register.waiting import is_current
from triage.models import ResultOutcome

from . import selectors
from . import charts
from .rules import demand
from .rules.coverage import RADII, WHITE_SPOT_KM, round_km, white_spots
from .rules.tables import Table, count_cell, percent

REGION_TITLES = {"province": "Provincie", "ggd": "GGD-regio", "zorgkantoor": "Zorgkantoorregio"}


@dataclass
class Page:
    tables: list[Table]
    charts: dict  # slug -> BarChart or CoverageMap
    links: tuple = ()  # per row of the first table, where its first cell links to (the dashboard: department pages)

    def table(self, slug: str) -> Table | None:
        return next((t for t in self.tables if t.slug == slug), None)


def _share_headers(first: str) -> tuple[str, ...]:
    return (first,) + tuple(f"Binnen {r} km (%)" for r in RADII)


# ------------------------------------------------------------------ coverage


def coverage_overview(today: date) -> Page:
    rows = []
    for group in selectors.target_groups():
        result = selectors.coverage(group.code, None, today)
        rows.append((group.label_nl, result.locations) + tuple(percent(result.shares[r]) for r in RADII))
    table = Table("doelgroepen", "Bereik per doelgroep", ("Doelgroep", "Locaties") + _share_headers("")[1:], tuple(rows),
                  frozenset(range(1, 2 + len(RADII))),
                  "Deel van de inwoners binnen 25, 50 en 100 km van een gecertificeerde, open locatie.")
    chart = charts.bar_chart(
        "Inwoners binnen 50 km, per doelgroep",
        ((row[0], row[3], f"{row[3]:.1f}".replace(".", ",")) for row in rows), unit="%", maximum=100,
    )
    return Page([table], {"doelgroepen-50km": chart})


def coverage_page(target_group, age_group, today: date) -> Page:
    geo = selectors.geography()
    result = selectors.coverage(target_group.code, age_group.code if age_group else None, today)
    who = target_group.label_nl + (f", {age_group.label_nl.lower()}" if age_group else "")
    tables = [
        Table("nederland", f"Heel Nederland: {who}", ("Afstand", "Inwoners (%)"),
              tuple((f"Binnen {r} km", percent(result.shares[r])) for r in RADII), frozenset({1})),
    ]
    for kind, (codes, names, _index) in geo.regions.items():
        shares = result.region_shares[kind]
        tables.append(Table(
            kind, f"Per {REGION_TITLES[kind].lower()}", _share_headers(REGION_TITLES[kind]),
            tuple((name,) + tuple(percent(s) for s in shares[i]) for i, name in enumerate(names)),
            frozenset(range(1, 1 + len(RADII))),
        ))
    m_rows = []
    for i, (code, name) in enumerate(zip(geo.municipality_codes, geo.municipality_names)):
        m_rows.append((code, name, round_km(result.municipality_km[i]))
                      + tuple(percent(s) for s in result.municipality_shares[i]))
    tables.append(Table(
        "gemeenten", "Per gemeente", ("Code", "Gemeente", "Afstand (km)") + _share_headers("")[1:], tuple(m_rows),
        frozenset(range(2, 3 + len(RADII))),
        "Afstand vanaf het bevolkingszwaartepunt van de gemeente tot de dichtstbijzijnde locatie.",
    ))
    names = dict(zip(geo.municipality_codes, geo.municipality_names))
    population = dict(zip(geo.municipality_codes, geo.municipality_population))
    spots = white_spots(geo.municipality_codes, result.municipality_km)
    tables.append(Table(
        "witte-vlekken", f"Witte vlekken: gemeenten verder dan {WHITE_SPOT_KM:.0f} km", ("Gemeente", "Afstand (km)", "Inwoners"),
        tuple((names[code], km, int(population[code])) for code, km in spots), frozenset({1, 2}),
    ))
    distances = {code: round_km(km) for code, km in zip(geo.municipality_codes, result.municipality_km)}
    covered = percent(result.shares[50])
    the_map = charts.coverage_map(
        f"Afstand tot de dichtstbijzijnde locatie: {who}",
        f"Kaart van de gemeenten van Nederland, gekleurd naar afstand tot de dichtstbijzijnde gecertificeerde, open "
        f"locatie voor {who}. {result.locations} locaties; {str(covered).replace('.', ',')}% van de inwoners woont "
        f"binnen 50 km; {len(spots)} gemeenten liggen verder dan {WHITE_SPOT_KM:.0f} km. De cijfers staan ook in de tabel per gemeente.",
        distances,
    )
    province = next(t for t in tables if t.slug == "province")
    bars = charts.bar_chart(
        "Inwoners binnen 50 km, per provincie", ((row[0], row[2], str(row[2]).replace(".", ",")) for row in province.rows),
        unit="%", maximum=100,
    )
    return Page(tables, {"kaart": the_map, "provincies-50km": bars})


# ------------------------------------------------------------------ the national dashboard


DASHBOARD_PER_PAGE = 50


def dashboard_page(*, target_group: str | None, province: str | None, today: date, departments=None) -> Page:
    """The national dashboard's table: of `departments` (one page of them), or of every department the
    filters select (the exports)."""
    if departments is None:
        departments = selectors.dashboard_departments(target_group=target_group, province=province)
    departments = list(departments)
    latest = selectors.latest_reports([d.pk for d in departments])
    rows = []
    for department in departments:
        offer = next((o for o in department.offers.all() if o.kind == "treatment"), None)
        report = latest.get((department.pk, "treatment"))
        cities = sorted({location.city for location in department.locations.all()})
        rows.append((
            department.name,
            department.get_reach_display(),
            ", ".join(g.label_nl for g in department.target_groups.all()),
            ", ".join(cities),
            float(report.intake_weeks) if report else None,
            float(report.treatment_weeks) if report else None,
            report.waiting_count if report else None,
            f"{report.beds_free} van {report.beds_total}" if report and report.beds_total is not None else None,
            (_("ja, tot %(end)s") % {"end": offer.pause_expected_end.isoformat()}) if offer and offer.status == "paused" else _("nee"),
            report.measured_on.isoformat() if report else None,
            (_("actueel") if is_current(report.measured_on, today) else _("niet actueel")) if report else _("niet gemeld"),
        ))
    table = Table(
        "aanbod", "Bovenregionaal en landelijk aanbod",
        ("Afdeling", "Functie", "Doelgroepen", "Plaatsen", "Weken tot intake", "Weken intake tot behandeling",
         "Wachtenden", "Vrije bedden", "Aanmeldpauze", "Gemeten op", "Status cijfers"),
        tuple(rows), frozenset({4, 5, 6}),
    )
    return Page([table], {}, tuple(department.slug for department in departments))



# ------------------------------------------------------------------ demand against supply


def demand_page(*, hide: bool) -> Page:
    request_rows, triage_rows = selectors.demand_rows()
    tables = []
    for key, title, first in (("region", "Vragen per zorgkantoorregio", "Regio"),
                              ("target_group", "Vragen per doelgroep", "Doelgroep"),
                              ("quarter", "Vragen per kwartaal", "Kwartaal")):
        counts = demand.requests_by(request_rows, key)
        tables.append(Table(
            f"vragen-{key}", title, (first, "Vragen", "Afgewezen", "Opgeschaald"),
            tuple((name,) + tuple(count_cell(v, hide=hide) for v in values) for name, values in counts.items()),
            frozenset({1, 2, 3}),
        ))
    reasons = dict(DeclineReason.choices)
    refusals = demand.refusals_by_reason(request_rows)
    tables.append(Table(
        "afwijzingen", "Afwijzingen per reden", ("Reden", "Code", "Aantal"),
        tuple((str(reasons.get(code, code)), code, count_cell(n, hide=hide)) for code, n in refusals.most_common()),
        frozenset({2}),
    ))
    exclusions = demand.exclusion_refusals(request_rows)
    tables.append(Table(
        "exclusiecriteria", "Afgewezen om een exclusiecriterium: welk criterium speelde", ("Exclusiecriterium", "Aantal"),
        tuple((label, count_cell(n, hide=hide)) for label, n in exclusions.most_common()), frozenset({1}),
    ))
    flow = demand.flow(request_rows)
    tables.append(Table(
        "instroom", "Instroom, doorstroom en uitstroom per kwartaal",
        ("Kwartaal", "Instroom (vragen ontvangen)", "Doorstroom (behandeling gestart)", "Uitstroom (afgesloten)"),
        tuple((q,) + tuple(count_cell(v, hide=hide) for v in values) for q, values in flow.items()), frozenset({1, 2, 3}),
    ))
    outcomes = [code for code, _label in ResultOutcome.choices]
    labels = [str(label) for _code, label in ResultOutcome.choices]
    for key, title, first in (("quarter", "Triage-uitkomsten per kwartaal", "Kwartaal"),
                              ("region", "Triage-uitkomsten per zorgkantoorregio", "Regio"),
                              ("target_group", "Triage-uitkomsten per doelgroep", "Doelgroep")):
        counts = demand.triage_outcomes(triage_rows, key, outcomes)
        tables.append(Table(
            f"triage-{key}", title, (first, *labels),
            tuple((name,) + tuple(count_cell(v, hide=hide) for v in values) for name, values in counts.items()),
            frozenset(range(1, 1 + len(labels))),
        ))
    by_reason = tables[3]
    chart = charts.bar_chart(
        "Afwijzingen per reden",
        ((row[0], row[2] if isinstance(row[2], int) else 0, str(row[2])) for row in by_reason.rows),
    )
    return Page(tables, {"afwijzingen": chart})


# ------------------------------------------------------------------ what-if


def what_if_table(result, names: dict[str, str]) -> Table:
    rows = tuple(
        (f"Binnen {r} km", percent(result.before[r]), percent(result.after[r]), round(percent(result.after[r]) - percent(result.before[r]), 1))
        for r in RADII
    )
    return Table("wat-als", "Inwoners binnen bereik, nu en in het scenario", ("Afstand", "Nu (%)", "Scenario (%)", "Verschil (procentpunt)"),
                 rows, frozenset({1, 2, 3}))


def what_if_changes(result, names: dict[str, str]) -> Table:
    rows = tuple((names.get(code, code), before, after) for code, before, after in result.changed_municipalities[:50])
    return Table("wat-als-gemeenten", "Gemeenten waar de afstand verandert", ("Gemeente", "Nu (km)", "Scenario (km)"),
                 rows, frozenset({1, 2}))


def department_choices():
    return Department.objects.filter(status=Department.Status.CERTIFIED).order_by("name").only("pk", "name")
