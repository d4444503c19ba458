from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import demo_email


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo user (demo only), e.g. `demo_totp bureau_admin` or `demo_totp balie.1@topggz.example`."

    def add_arguments(self, parser):
        parser.add_argument("role", help="a role, or a demo user's e-mail address")

    def handle(self, *args, role, **options):
        if not settings.DEBUG:
            raise CommandError("Only for demo installations (DEBUG on).")
        device = TOTPDevice.objects.filter(user__email=role if "@" in role else demo_email(role), confirmed=True).first()
        if device is None:
            raise CommandError(f"No demo user with a TOTP device for role '{role}'. Run load_demo_users first.")
        self.stdout.write(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}")
