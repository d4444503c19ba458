"""python manage.py export_register OUTPUT.xlsx|OUTPUT.zip

Writes the whole register as one workbook (.xlsx) or as a ZIP with one CSV
file per kind (.zip), in the format that import_register reads.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from register.importexport import export_register

FORMATS = {".xlsx": "xlsx", ".zip": "csv"}


class Command(BaseCommand):
    help = "Exporteert het hele register naar een .xlsx-bestand of een .zip met csv-bestanden."

    def add_arguments(self, parser):
        parser.add_argument("output", metavar="OUTPUT", help="Bestandsnaam die eindigt op .xlsx of .zip.")

    def handle(self, *args, output, **options):
        path = Path(output)
        export_format = FORMATS.get(path.suffix.lower())
        if export_format is None:
            raise CommandError("Geef een bestandsnaam die eindigt op .xlsx (werkmap) of .zip (csv-bestanden).")
        path.write_bytes(export_register(export_format))
        self.stdout.write(self.style.SUCCESS(f"Register geëxporteerd naar {path}."))
