"""python manage.py certification check FILE.json [--criteria-set ID] [--format text|json]

Checks a dossier file (format: certification/schema/dossier.schema.json)
against a criteria set and prints every criterion's verdict with its
reasons. The set is the one named by ``--criteria-set`` (code such as
2019-2022, or its id), else the one named in the file, else the published
set in force on the visitation date.

Exit status: 0 when every criterion is met; 1 when any is not met or needs
review by the committee; 2 when the input is invalid (every schema error is
listed with its JSON path), or no criteria set applies.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from certification.checker import check_dossier
from certification.jsonio import DossierValidationError, load_dossier_file
from certification.report import render_text
from certification.selectors import (
    criteria_set_by_reference,
    criteria_set_data,
    criteria_set_for,
)

EXIT_MET, EXIT_NOT_MET, EXIT_INVALID = 0, 1, 2


class Command(BaseCommand):
    help = "Keurmerk: toets een dossier (JSON) aan de TOPGGz-criteria."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="OPDRACHT")
        check = subcommands.add_parser(
            "check",
            help="Toets een dossierbestand en toon per criterium het oordeel met redenen.",
            description="Exitcode 0: alles voldoet; 1: iets voldoet niet of is ter beoordeling; 2: ongeldige invoer.",
        )
        check.add_argument("file", metavar="BESTAND.json", help="Het dossier als JSON.")
        check.add_argument(
            "--criteria-set",
            dest="criteria_set",
            metavar="ID",
            help="Code (bijvoorbeeld 2019-2022) of id van de criteriaset; standaard de set die geldt op de visitatiedatum.",
        )
        check.add_argument("--format", choices=["text", "json"], default="text", help="Uitvoer als tekst of als JSON.")

    def handle(self, *args, subcommand, **options):
        if subcommand == "check":
            return self.check_file(options["file"], options.get("criteria_set"), options["format"])
        raise CommandError(f"Onbekende opdracht: {subcommand}", returncode=EXIT_INVALID)

    def check_file(self, path, reference, output_format):
        try:
            dossier = load_dossier_file(path)
        except FileNotFoundError:
            self.invalid([{"path": "$", "message": f"bestand niet gevonden: {path}"}], output_format)
        except (OSError, UnicodeDecodeError) as exc:
            self.invalid([{"path": "$", "message": f"bestand niet te lezen: {exc}"}], output_format)
        except DossierValidationError as exc:
            self.invalid([e.to_dict() for e in exc.errors], output_format)

        reference = reference or dossier.criteria_set
        if reference:
            criteria_set = criteria_set_by_reference(reference)
            if criteria_set is None:
                self.invalid(
                    [{"path": "$.criteria_set", "message": f"criteriaset {reference!r} bestaat niet"}], output_format
                )
        else:
            criteria_set = criteria_set_for(dossier.visitation_date)
            if criteria_set is None:
                self.invalid(
                    [
                        {
                            "path": "$.visitation_date",
                            "message": f"er is geen gepubliceerde criteriaset van kracht op {dossier.visitation_date.isoformat()}",
                        }
                    ],
                    output_format,
                )

        report = check_dossier(dossier, criteria_set_data(criteria_set))
        if output_format == "json":
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(report), ending="")
        if not report.all_met:
            sys.exit(EXIT_NOT_MET)

    def invalid(self, errors, output_format):
        """List every error by JSON path and stop with exit status 2."""
        if output_format == "json":
            self.stdout.write(json.dumps({"valid": False, "errors": errors}, ensure_ascii=False, indent=2))
        else:
            self.stderr.write(f"Het dossier is ongeldig ({len(errors)} fout(en)):")
            for error in errors:
                self.stderr.write(f"  {error['path']}: {error['message']}")
        raise CommandError(f"ongeldige invoer: {len(errors)} fout(en)", returncode=EXIT_INVALID)
