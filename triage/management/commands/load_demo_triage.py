"""python manage.py load_demo_triage: fictional questionnaire results and a year of intake registrations."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from triage.demo import load_demo_triage


class Command(BaseCommand):
    help = (
        "Laadt fictieve uitslagen van de voorbeeldvragenlijst en een jaar gestarte behandelingen voor de eerste "
        "demo-afdelingen (per kwartaal geüpload). Idempotent. Na load_demo en load_demo_users."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true", help="Ook met DEBUG uit (niet doen).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Demo data is fictional; refusing with DEBUG off (use --allow-production).")
        results, registrations = load_demo_triage(timezone.localdate())
        if results or registrations:
            self.stdout.write(f"Demo-triage: {results} uitslagen, {registrations} gestarte behandelingen")
        else:
            self.stdout.write("Demo-triage stond er al (of de demo-afdelingen of demo-accounts ontbreken).")
