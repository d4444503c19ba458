from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.models import User


class Command(BaseCommand):
    help = "Lift a user's second-step lock (too many wrong codes) before the cool-off ends; audited."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The user's e-mail address (any letter case).")
        parser.add_argument("--actor", help="E-mail address of the bureau member who lifts the lock (recorded).")

    def handle(self, *args, email, actor=None, **options):
        user = User.objects.find_by_email(email)
        if user is None:
            raise CommandError(f"No user with e-mail address {email}.")
        acting = None
        if actor:
            acting = User.objects.find_by_email(actor)
            if acting is None:
                raise CommandError(f"No user with e-mail address {actor}.")
        was_locked = services.clear_second_factor_lock(user=user, actor=acting)
        if was_locked:
            self.stdout.write(f"The second step of {user.email} is unlocked.")
        else:
            self.stdout.write(f"The second step of {user.email} was not locked; its count of wrong codes is reset.")
