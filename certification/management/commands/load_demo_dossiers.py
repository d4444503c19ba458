from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_email
from accounts.models import User
from accounts.roles import Role
from certification.dossier.demo import create_demo_dossiers
from register.models import Department


class Command(BaseCommand):
    help = "Import the example dossiers for the demo departments and assign the demo committee (demo only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo dossiers are for demonstration only; refusing with DEBUG off.")
        actor = User.objects.filter(email=demo_email(Role.BUREAU_ADMIN)).first()
        if actor is None:
            raise CommandError("Run load_demo_users first: the bureau's demo user imports the dossiers.")
        departments = list(Department.objects.order_by("name")[:2])
        committee = User.objects.filter(
            email__in=[demo_email(Role.COMMITTEE_MEMBER), demo_email(Role.COMMITTEE_SECRETARY)]
        )
        made = create_demo_dossiers(actor=actor, departments=departments, committee=list(committee))
        for dossier in made:
            self.stdout.write(f"Demo-dossier: {dossier} -> /dossiers/{dossier.pk}/")
