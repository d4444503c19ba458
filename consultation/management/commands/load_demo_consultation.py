"""python manage.py load_demo_consultation: fictional desk traffic (requests, steps, escalations)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from consultation.demo import desk_email, load_demo_requests


class Command(BaseCommand):
    help = (
        "Laadt fictieve consultatievragen in elke status, met escalaties op elk niveau, en demo-accounts voor "
        "de balie van afdelingen. Idempotent. Na load_demo en load_demo_users."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true", help="Ook met DEBUG uit (niet doen).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Demo data has published passwords; refusing with DEBUG off (use --allow-production).")
        # The steps send their usual notices; the demo's go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            made = load_demo_requests(timezone.localdate())
        if made:
            self.stdout.write(f"Demo-consultatievragen: {made}")
            self.stdout.write(
                f"  Balie van een afdeling: {desk_email(1)} (wachtwoord {DEMO_PASSWORD}; TOTP: "
                f"python manage.py demo_totp {desk_email(1)})"
            )
        else:
            self.stdout.write("Demo-consultatievragen stonden er al (of er zijn te weinig demo-afdelingen).")
