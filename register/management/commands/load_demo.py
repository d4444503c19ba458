"""python manage.py load_demo: load the fictional demo register and the demo admin account."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from register.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, ensure_demo_admin, load_demo

ADMIN_MESSAGES = {
    "created": "Demo-beheerder aangemaakt",
    "reset": "Wachtwoord en rechten van de demo-beheerder hersteld",
    "kept": "Demo-beheerder bestond al (wachtwoord niet gewijzigd; gebruik --reset om het te herstellen)",
}


class Command(BaseCommand):
    help = (
        "Laadt een fictief demoregister (instellingen, afdelingen, locaties, aanbod, exclusiecriteria) en een "
        "demo-beheerder, in één transactie. Laadt eerst de geografie als die ontbreekt. Idempotent: staat de demo "
        "er al, dan verandert er niets; --reset verwijdert de demogegevens en laadt ze opnieuw."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Verwijder de demo-afdelingen en -instellingen, laad ze opnieuw en herstel het demo-wachtwoord.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Ook laden als DEBUG uit staat. De demo maakt een beheerder met een openbaar wachtwoord.",
        )

    def handle(self, *args, reset=False, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG staat uit: dit lijkt een productieomgeving. De demo bevat fictieve afdelingen en een "
                "beheerder met een openbaar wachtwoord. Gebruik --allow-production als u dit echt wilt."
            )
        started = time.perf_counter()
        with transaction.atomic():
            result = load_demo(reset=reset)
            admin = ensure_demo_admin(reset=reset)
        elapsed = time.perf_counter() - started

        if result.loaded:
            verb = "opnieuw geladen" if result.removed else "geladen"
            self.stdout.write(self.style.SUCCESS(f"Demoregister {verb} in {elapsed:.1f} s: {result.counts}."))
        else:
            self.stdout.write(
                self.style.NOTICE(
                    f"Demoregister was al aanwezig ({result.counts}); niets gewijzigd. "
                    "Gebruik --reset om het opnieuw te laden."
                )
            )
        self.stdout.write(f"{ADMIN_MESSAGES[admin]}.")
        self.stdout.write(
            f"Inloggen op het beheer: e-mail {DEMO_ADMIN_EMAIL}, "
            f"wachtwoord {DEMO_ADMIN_PASSWORD} (alleen voor de demo)."
        )
