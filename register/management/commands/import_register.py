"""python manage.py import_register FILE [FILE ...] [--kind KIND] [--dry-run]

Imports the register from one .xlsx workbook or several .csv files, all or
nothing (see register/importexport/__init__.py for the format). Prints what
was created and updated per kind, or every error with its row number and
exits with status 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from register.importexport import KINDS, import_register
from topggz import limits


class Command(BaseCommand):
    help = (
        "Importeert het register uit één .xlsx-bestand of een of meer .csv-bestanden "
        "(alles of niets; rijen worden aangemaakt of bijgewerkt, nooit verwijderd)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Een .xlsx-bestand of .csv-bestanden.")
        parser.add_argument(
            "--kind", choices=KINDS, help="De soort gegevens in het (enige) csv-bestand, als de naam dat niet zegt."
        )
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren; niets opslaan.")

    def handle(self, *args, files, kind=None, dry_run=False, **options):
        report = import_register([self.read(name) for name in files], kind=kind, dry_run=dry_run)
        if not report.ok:
            for line in report.error_lines():
                self.stderr.write(line)
            raise CommandError(f"{len(report.errors)} fout(en) gevonden; er is niets opgeslagen.")
        for line in report.summary_lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.NOTICE("Proefimport zonder fouten; er is niets opgeslagen."))
        else:
            self.stdout.write(self.style.SUCCESS("Import opgeslagen."))

    def read(self, name: str) -> tuple[str, bytes]:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {name}")
        size = path.stat().st_size
        maximum = limits.limit("REGISTER_IMPORT_MAX_BYTES")
        if size > maximum:  # before reading it into memory
            raise CommandError(limits.too_large(path.name, size, "REGISTER_IMPORT_MAX_BYTES") + "; er is niets opgeslagen.")
        with path.open("rb") as file:
            content = file.read(maximum + 1)  # bounded, should the size have grown since
        if len(content) > maximum:
            raise CommandError(f"{path.name} is groter dan {limits.megabytes(maximum)} (REGISTER_IMPORT_MAX_BYTES); er is niets opgeslagen.")
        return path.name, content
