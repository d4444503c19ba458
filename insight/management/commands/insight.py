"""python manage.py insight coverage [--target-group CODE] [--age-group CODE] [--format csv|json] [--date YYYY-MM-DD]

Per municipality and target group the distance in km (one decimal; empty / null when there is no
qualifying location) from the municipality's population-weighted centre to the nearest qualifying
location, and per target group the population share within 25, 50 and 100 km: the same functions
as the coverage page (insight.selectors.coverage, insight.rules.coverage).

CSV (semicolon-separated, UTF-8): first the distances (doelgroep;gemeentecode;gemeente;afstand_km),
then an empty line, then the shares (doelgroep;locaties;binnen_25km;binnen_50km;binnen_100km, as
fractions with four decimals).
"""

import csv
import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insight import selectors
from insight.rules.coverage import RADII, round_km


class Command(BaseCommand):
    help = "Dekking per doelgroep: afstand per gemeente tot de dichtstbijzijnde locatie, en het deel van de inwoners binnen 25, 50 en 100 km."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["coverage"])
        parser.add_argument("--target-group", help="Code van één doelgroep (standaard: alle).")
        parser.add_argument("--age-group", help="Code van een leeftijdsgroep (standaard: alle leeftijden).")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--date", help="De dag waarop de keurmerken gelden (JJJJ-MM-DD; standaard vandaag).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date: gebruik JJJJ-MM-DD.") from exc
        groups = selectors.target_groups()
        if options["target_group"]:
            groups = [g for g in groups if g.code == options["target_group"]]
            if not groups:
                raise CommandError(f"Onbekende doelgroep: {options['target_group']}")
        age = options["age_group"]
        if age and age not in {a.code for a in selectors.age_groups()}:
            raise CommandError(f"Onbekende leeftijdsgroep: {age}")
        geo = selectors.geography()
        results = [(group, selectors.coverage(group.code, age, today)) for group in groups]
        out = self.stdout
        if options["format"] == "json":
            data = {
                "date": today.isoformat(),
                "age_group": age,
                "target_groups": [
                    {
                        "code": group.code,
                        "label": group.label_nl,
                        "locations": result.locations,
                        "shares": {str(r): round(result.shares[r], 4) for r in RADII},
                        "municipalities": [
                            {"code": code, "name": name, "km": round_km(km)}
                            for code, name, km in zip(geo.municipality_codes, geo.municipality_names, result.municipality_km)
                        ],
                    }
                    for group, result in results
                ],
            }
            out.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        writer = csv.writer(_Writer(out), delimiter=";", lineterminator="\n")
        writer.writerow(["doelgroep", "gemeentecode", "gemeente", "afstand_km"])
        for group, result in results:
            for code, name, km in zip(geo.municipality_codes, geo.municipality_names, result.municipality_km):
                rounded = round_km(km)
                writer.writerow([group.code, code, name, "" if rounded is None else f"{rounded:.1f}"])
        writer.writerow([])
        writer.writerow(["doelgroep", "locaties"] + [f"binnen_{r}km" for r in RADII])
        for group, result in results:
            writer.writerow([group.code, result.locations] + [f"{result.shares[r]:.4f}" for r in RADII])


class _Writer:
    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        self.stream.write(text, ending="")
