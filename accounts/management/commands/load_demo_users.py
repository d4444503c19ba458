from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import create_demo_users
from register.models import Department


class Command(BaseCommand):
    help = "Create one demo user per role (public passwords and TOTP secrets: demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true", help="Allow this with DEBUG off.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Demo users have published passwords; refusing with DEBUG off (use --allow-production).")
        departments = list(Department.objects.order_by("name")[:2])
        rows = create_demo_users(departments_for_staff=departments)
        self.stdout.write("Demo-accounts (wachtwoord voor allemaal: %s)" % rows[0]["password"])
        if departments:
            self.stdout.write("  Redacteur en manager werken voor: " + "; ".join(d.name for d in departments))
        for row in rows:
            secret = row["totp_secret"] or "(geen tweede stap nodig)"
            self.stdout.write(f"  {row['role']:<20} {row['email']:<38} TOTP-sleutel: {secret}")
