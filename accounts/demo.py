"""Demo users: one per role, with fixed TOTP secrets so a reviewer can log in.

For demonstration only: the passwords and TOTP secrets below are public.
"""

import base64
import hashlib

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .roles import DEPARTMENT_ROLES, Role

DEMO_PASSWORD = "Demo-topggz-2026!"
DEMO_DOMAIN = "topggz.example"


def demo_email(role: str) -> str:
    return f"{role.replace('_', '.')}@{DEMO_DOMAIN}"


def demo_totp_secret(role: str) -> str:
    """A stable base32 secret per role (what authenticator apps ask for)."""
    digest = hashlib.sha256(f"topggz-demo-{role}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


@transaction.atomic
def create_demo_users(departments_for_staff=()) -> list[dict]:
    """Create (or refresh) one user per role; department staff get the given departments."""
    from . import services

    rows = []
    for role in Role.values:
        user, created = User.objects.get_or_create(
            email=demo_email(role), defaults={"first_name": "Demo", "last_name": Role(role).label}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.email_confirmed_at = user.date_joined
            user.save()
        departments = list(departments_for_staff) if role in DEPARTMENT_ROLES else []
        services.assign_role(user=user, role=role, departments=departments)
        secret = ""
        if role != Role.REFERRER:
            secret = demo_totp_secret(role)
            TOTPDevice.objects.update_or_create(
                user=user,
                name="authenticator",
                defaults={"key": base64.b32decode(secret).hex(), "confirmed": True},
            )
        rows.append({"role": role, "email": user.email, "password": DEMO_PASSWORD, "totp_secret": secret})
    return rows
