"""python manage.py consultation replay EVENTS.json [--format text|json] [--today YYYY-MM-DD]

Replays a log of consultation-desk events (format:
consultation/schema/events.schema.json) with the same pure rules the web app
uses (consultation/rules) and prints, per request, its status, each clock's
due date and whether it was met, the working days taken, the waiting time
(with what was carried over) against the 14-week norm, the escalation levels
and the days in each; and per department and quarter the counts by kind and
the supra-regional share.

Region data: the file's ``departments`` and ``postcodes`` maps win; a
department or postcode the file does not list is looked up in the database
when it is migrated (a department's regions are the zorgkantoor regions of its
locations' municipalities; a postcode's region is its municipality's).

Exit status: 0 when the log replays cleanly; 2 when the input is invalid
(every error is listed on stderr: schema errors by JSON path, refused
transitions by event and request, unknown departments and postcodes); 3 for an
internal error (one line on stderr; ``--traceback`` shows it).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consultation.rules.calendar import DEFAULT_YEARS
from consultation.rules.replay import ReplayError, Report, load_events, parse_json, render_text, replay, to_json

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 2, 3


def database_ready() -> bool:
    """Whether the register and geo tables exist; never creates an SQLite file that is not there."""
    from django.db import DatabaseError, connection

    from geo.models import PostcodeArea
    from register.models import Location

    if connection.vendor == "sqlite":
        name = str(connection.settings_dict.get("NAME") or "")
        if name and name != ":memory:" and not name.startswith("file:") and not Path(name).exists():
            return False
    try:
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
    except DatabaseError:
        return False
    return {Location._meta.db_table, PostcodeArea._meta.db_table} <= tables


def regions_from_database(slugs: set[str], postcodes: set[str]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """The zorgkantoor regions of the departments' locations, and of the postcodes' municipalities."""
    from geo.models import PostcodeArea
    from register.models import Location

    departments: dict[str, set[str]] = {}
    if slugs:
        rows = Location.objects.filter(department__slug__in=slugs).values_list(
            "department__slug", "municipality__zorgkantoor_region_id"
        )
        for slug, region in rows:
            departments.setdefault(slug, set()).add(region)
    found = {}
    if postcodes:
        found = dict(
            PostcodeArea.objects.filter(code__in=postcodes).values_list("code", "municipality__zorgkantoor_region_id")
        )
    return departments, found


def _date(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen datum (JJJJ-MM-DD)") from None
    if day.year not in DEFAULT_YEARS:
        raise argparse.ArgumentTypeError(f"{value!r} ligt buiten de werkdagenkalender (2000-2100)")
    return day


class Command(BaseCommand):
    help = "Consultatiebalie: herbereken een gebeurtenissenlog (JSON) met de regels van de balie."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="OPDRACHT")
        replay_parser = subcommands.add_parser(
            "replay",
            help="Herbereken een log van gebeurtenissen: status, termijnen, wachttijd, escalatie, kwartaaltellingen.",
            description="Exitcode 0: in orde; 2: ongeldige invoer (alle fouten op stderr); 3: interne fout.",
        )
        replay_parser.add_argument("file", metavar="GEBEURTENISSEN.json", help="De gebeurtenissen als JSON.")
        replay_parser.add_argument("--format", choices=["text", "json"], default="text", help="Uitvoer als tekst of JSON.")
        replay_parser.add_argument(
            "--today", type=_date, metavar="JJJJ-MM-DD", help="Peildatum; standaard die uit het bestand, anders vandaag."
        )

    def handle(self, *args, subcommand, **options):
        try:
            return self.replay(options["file"], options["format"], options.get("today"))
        except (CommandError, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - any other failure is ours: one line and its own exit status
            if options.get("traceback"):
                raise
            first_line = (str(exc).strip().splitlines() or [""])[0][:300]
            self.stderr.write(f"Interne fout ({type(exc).__name__}): {first_line}. Meld dit met het bestand.")
            sys.exit(EXIT_ERROR)

    def replay(self, path: str, output_format: str, today: date | None):
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            self.invalid([ReplayError("$", f"bestand niet gevonden: {path}")], output_format)
        except OSError as exc:
            self.invalid([ReplayError("$", f"bestand niet te lezen: {exc}")], output_format)
        data, errors = parse_json(raw)
        if errors:
            self.invalid(errors, output_format)
        log, errors = load_events(data)

        departments = {slug: set(regions) for slug, regions in log.departments.items()}
        postcodes = dict(log.postcodes)
        slugs, codes = log.referenced()
        missing_slugs, missing_codes = slugs - departments.keys(), codes - postcodes.keys()
        if (missing_slugs or missing_codes) and database_ready():
            found_departments, found_postcodes = regions_from_database(missing_slugs, missing_codes)
            departments.update(found_departments)
            postcodes.update(found_postcodes)

        report = replay(log, today=today, department_regions=departments, postcode_regions=postcodes)
        everything = sorted([*errors, *report.errors], key=lambda e: (e.index if e.index is not None else -1, e.path))
        if everything:
            self.invalid(everything, output_format)
        self.write_report(report, output_format)

    def write_report(self, report: Report, output_format: str):
        if output_format == "json":
            self.stdout.write(to_json(report), ending="")
        else:
            self.stdout.write(render_text(report), ending="")

    def invalid(self, errors: list[ReplayError], output_format: str):
        """List every error on stderr (and as JSON on stdout with --format json); exit status 2."""
        if output_format == "json":
            listed = [e.to_dict() for e in errors]
            self.stdout.write(json.dumps({"valid": False, "errors": listed}, ensure_ascii=False, indent=2))
        self.stderr.write(f"De gebeurtenissen zijn ongeldig ({len(errors)} fout(en)):")
        for error in errors:
            self.stderr.write(f"  {error}")
        raise CommandError(f"ongeldige invoer: {len(errors)} fout(en)", returncode=EXIT_INVALID)
