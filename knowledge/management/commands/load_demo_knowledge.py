from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_email
from accounts.models import User
from accounts.roles import Role
from knowledge.demo import publish_demo_knowledge


class Command(BaseCommand):
    help = "Make the demo dossiers' knowledge records public, with one shared publication (demo only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo knowledge is for demonstration only; refusing with DEBUG off.")
        actor = User.objects.filter(email=demo_email(Role.BUREAU_ADMIN)).first()
        if actor is None:
            raise CommandError("Run load_demo_users and load_demo_dossiers first.")
        changed = publish_demo_knowledge(actor=actor)
        self.stdout.write(f"Kennisbank: {changed} dossieronderdelen openbaar gemaakt -> /kennis/")
