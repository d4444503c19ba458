"""python manage.py load_demo_insight: a year of fictional monthly waiting times for the demo departments."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insight.demo import load_demo_insight


class Command(BaseCommand):
    help = (
        "Laadt twaalf maanden fictieve wachttijden en capaciteit voor de demo-afdelingen met behandelaanbod. "
        "Idempotent. Na load_demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true", help="Ook met DEBUG uit (niet doen).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Demo data is fictional; refusing with DEBUG off (use --allow-production).")
        added = load_demo_insight(timezone.localdate())
        if added:
            self.stdout.write(f"Demo-inzicht: {added} maandrapportages")
        else:
            self.stdout.write("Demo-inzicht stond er al (of het demoregister ontbreekt).")
