"""python manage.py load_geo: load or refresh the reference geography from geo/data/."""

import time

from django.core.management.base import BaseCommand

from geo.loading import DATA_DIR, load_geo

LABELS = {
    "provinces": "Provincies",
    "health_regions": "Zorgregio's (GGD en zorgkantoor)",
    "municipalities": "Gemeenten",
    "postcode_areas": "Postcodegebieden (PC4)",
}


class Command(BaseCommand):
    help = (
        "Laadt provincies, GGD- en zorgkantoorregio's, gemeenten en PC4-postcodegebieden "
        "uit geo/data/ (Bron: CBS / PDOK, CC BY 4.0). Idempotent: een tweede run wijzigt niets."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = load_geo()
        elapsed = time.perf_counter() - started
        for key, counts in result.as_dict().items():
            self.stdout.write(f"{LABELS[key]}: {counts}")
        style = self.style.SUCCESS if result.changed else self.style.NOTICE
        summary = "Geografie bijgewerkt" if result.changed else "Geografie was al actueel"
        self.stdout.write(style(f"{summary} in {elapsed:.2f} s (bron: {DATA_DIR})."))
