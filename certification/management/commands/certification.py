"""python manage.py certification check FILE.json [--criteria-set ID] [--format text|json] [--on DATE]

With ``--on DATE`` the dossier is judged as of DATE (continuous compliance,
``certification.visitation.compliance``): for each criterion that fails on DATE
it prints since when it fails and the notification (one calendar month) and
recovery (six calendar months) deadlines.

Checks a dossier file (format: certification/schema/dossier.schema.json)
against a criteria set and prints every criterion's verdict with its
reasons. The set is the one named by ``--criteria-set`` (code such as
2019-2022, or its id), else the one named in the file, else the published
set in force on the visitation date. The sets come from the database when it
is migrated, else from the sets shipped with the code
(``certification/migrations/data``), so the command works in a fresh checkout
without a database (and does not create one).

Exit status:

- 0: every criterion is met;
- 1: a criterion is not met or needs review by the committee;
- 2: the input is invalid (every error is listed with its JSON path: schema,
  limits, numbers that are not numbers), or no criteria set applies;
- 3: an internal error (one line on stderr, no traceback; ``--traceback``
  shows it).
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certification.rules.checker import check_dossier
from certification.rules.criteria import builtin_set, builtin_set_for
from certification.format.jsonio import DossierValidationError, load_dossier_file
from certification.rules.report import render_text

EXIT_MET, EXIT_NOT_MET, EXIT_INVALID, EXIT_ERROR = 0, 1, 2, 3


def _iso_date(text):
    import argparse
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen datum (JJJJ-MM-DD): {text!r}") from None


def database_ready() -> bool:
    """Whether the database holds the criteria tables; never creates an SQLite file that is not there."""
    from django.db import DatabaseError, connection

    from certification.criteria.models import CriteriaSet

    if connection.vendor == "sqlite":
        name = str(connection.settings_dict.get("NAME") or "")
        if name and name != ":memory:" and not name.startswith("file:") and not Path(name).exists():
            return False
    try:
        with connection.cursor() as cursor:
            return CriteriaSet._meta.db_table in connection.introspection.table_names(cursor)
    except DatabaseError:
        return False


class Command(BaseCommand):
    help = "Keurmerk: toets een dossier (JSON) aan de TOPGGz-criteria."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="OPDRACHT")
        check = subcommands.add_parser(
            "check",
            help="Toets een dossierbestand en toon per criterium het oordeel met redenen.",
            description=(
                "Exitcode 0: alles voldoet; 1: iets voldoet niet of is ter beoordeling; 2: ongeldige invoer; "
                "3: interne fout."
            ),
        )
        check.add_argument("file", metavar="BESTAND.json", help="Het dossier als JSON.")
        check.add_argument(
            "--criteria-set",
            dest="criteria_set",
            metavar="ID",
            help="Code (bijvoorbeeld 2019-2022) of id van de criteriaset; standaard de set die geldt op de visitatiedatum.",
        )
        check.add_argument("--format", choices=["text", "json"], default="text", help="Uitvoer als tekst of als JSON.")
        check.add_argument(
            "--on",
            dest="on",
            metavar="DATUM",
            type=_iso_date,
            help=(
                "Toets het dossier zoals het er op DATUM (JJJJ-MM-DD) voor staat en toon per criterium dat dan niet "
                "voldoet: sinds wanneer, en de termijnen voor melding (1 maand) en herstel (6 maanden)."
            ),
        )

    def handle(self, *args, subcommand, **options):
        if subcommand != "check":
            raise CommandError(f"Onbekende opdracht: {subcommand}", returncode=EXIT_INVALID)
        try:
            return self.check_file(options["file"], options.get("criteria_set"), options["format"], options.get("on"))
        except (CommandError, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - any other failure is ours: one line and its own exit status
            if options.get("traceback"):
                raise
            first_line = (str(exc).strip().splitlines() or [""])[0][:300]
            self.stderr.write(f"Interne fout ({type(exc).__name__}): {first_line}. Meld dit met het dossierbestand.")
            sys.exit(EXIT_ERROR)

    def check_file(self, path, reference, output_format, on=None):
        try:
            dossier = load_dossier_file(path)
        except FileNotFoundError:
            self.invalid([{"path": "$", "message": f"bestand niet gevonden: {path}"}], output_format)
        except (OSError, UnicodeDecodeError) as exc:
            self.invalid([{"path": "$", "message": f"bestand niet te lezen: {exc}"}], output_format)
        except DossierValidationError as exc:
            self.invalid([e.to_dict() for e in exc.errors], output_format)

        criteria = self.criteria_set(reference or dossier.criteria_set, dossier.visitation_date, output_format)
        if on is not None:
            return self.check_on(dossier, criteria, on, output_format)
        report = check_dossier(dossier, criteria)
        if output_format == "json":
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(report), ending="")
        if not report.all_met:
            sys.exit(EXIT_NOT_MET)

    def check_on(self, dossier, criteria, on, output_format):
        """Continuous compliance: each criterion that fails on ``on``, since when, and its deadlines."""
        from certification.visitation.compliance import failures_on

        failures = failures_on(dossier, criteria, on)
        if output_format == "json":
            rows = [
                {
                    "criterion": f.number,
                    "title": f.title,
                    "fails_since": f.since and f.since.isoformat(),
                    "notification_due": f.notification_due and f.notification_due.isoformat(),
                    "recovery_due": f.recovery_due and f.recovery_due.isoformat(),
                    "reasons": list(f.reasons),
                }
                for f in failures
            ]
            self.stdout.write(json.dumps({"on": on.isoformat(), "failing": rows}, ensure_ascii=False, indent=2))
        elif not failures:
            self.stdout.write(f"Op {on.isoformat()} voldoet het dossier aan alle criteria die de toets kan beoordelen.")
        else:
            self.stdout.write(f"Op {on.isoformat()} voldoen {len(failures)} criteria niet:")
            for f in failures:
                name = "Algemene voorwaarden" if f.number == 0 else f"Criterium {f.number}"
                if f.since is None:
                    self.stdout.write(f"{name} ({f.title}): voldoet niet; geen wijziging in het dossier verklaart dit")
                else:
                    self.stdout.write(
                        f"{name} ({f.title}): voldoet niet sinds {f.since.isoformat()}; "
                        f"melding uiterlijk {f.notification_due.isoformat()}; herstel uiterlijk {f.recovery_due.isoformat()}"
                    )
                for reason in f.reasons:
                    self.stdout.write(f"  - {reason}")
        if failures:
            sys.exit(EXIT_NOT_MET)

    def criteria_set(self, reference, visitation_date, output_format):
        """The set as the checker reads it: from the database when migrated, else shipped with the code."""
        if database_ready():
            from certification.criteria.selectors import criteria_set_by_reference, criteria_set_data, criteria_set_for

            found = criteria_set_by_reference(reference) if reference else criteria_set_for(visitation_date)
            found = criteria_set_data(found) if found is not None else None
        else:
            if output_format == "text":
                self.stderr.write("Geen gemigreerde database: de criteriasets uit de code worden gebruikt.")
            found = builtin_set(reference) if reference else builtin_set_for(visitation_date)
        if found is not None:
            return found
        if reference:
            self.invalid([{"path": "$.criteria_set", "message": f"criteriaset {reference!r} bestaat niet"}], output_format)
        self.invalid(
            [
                {
                    "path": "$.visitation_date",
                    "message": f"er is geen gepubliceerde criteriaset van kracht op {visitation_date.isoformat()}",
                }
            ],
            output_format,
        )

    def invalid(self, errors, output_format):
        """List every error by JSON path and stop with exit status 2."""
        if output_format == "json":
            self.stdout.write(json.dumps({"valid": False, "errors": errors}, ensure_ascii=False, indent=2))
        else:
            self.stderr.write(f"Het dossier is ongeldig ({len(errors)} fout(en)):")
            for error in errors:
                self.stderr.write(f"  {error['path']}: {error['message']}")
        raise CommandError(f"ongeldige invoer: {len(errors)} fout(en)", returncode=EXIT_INVALID)
