"""Writes for accounts: roles, two-factor devices, registration and invitations."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import DepartmentMembership, Invitation, User
from .roles import ROLE_PERMISSIONS, Role, uses_admin_site

RECOVERY_CODE_COUNT = 10
INVITATION_DAYS = 14


def _audit(**kwargs):
    """Write an audit entry when the audit app is present (it always is in this project)."""
    from audit.services import record

    return record(**kwargs)


# --- roles ---------------------------------------------------------------


def sync_role_groups() -> dict[str, Group]:
    """One auth group per role, holding exactly the role's model permissions."""
    groups = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=f"role:{role}")
        wanted = [p.split(".", 1) for p in perms]
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted
        ]
        group.permissions.set(permissions)
        groups[role] = group
    return groups


@transaction.atomic
def assign_role(*, user: User, role: str, departments=(), actor: User | None = None, request=None) -> User:
    """Give a user a role (and memberships); the change is written to the audit log."""
    old_role = user.role
    user.role = role
    # The bureau manages everything through the admin; nobody else is a superuser.
    user.is_superuser = role == Role.BUREAU_ADMIN
    user.is_staff = uses_admin_site(role, user.is_superuser)
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    groups = sync_role_groups()
    user.groups.set([groups[role]] if role in groups else [])
    DepartmentMembership.objects.filter(user=user).exclude(department__in=list(departments)).delete()
    for department in departments:
        DepartmentMembership.objects.get_or_create(user=user, department=department, defaults={"created_by": actor})
    _audit(
        action="permission_change",
        actor=actor,
        object_type="accounts.user",
        object_id=str(user.pk),
        request=request,
        detail={"from": old_role, "to": role, "departments": sorted(d.pk for d in departments)},
    )
    return user


# --- two-factor ----------------------------------------------------------


def start_totp_setup(user: User) -> TOTPDevice:
    """An unconfirmed authenticator device; confirmed once the user types a valid code."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def confirm_totp_setup(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a code from the app; returns new recovery codes, or None if the code is wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT fresh single-use ones."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# --- registration (referrers) -------------------------------------------


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.email_confirmed_at}{user.is_active}{timestamp}"


email_confirmation_token = EmailConfirmationTokenGenerator()


@transaction.atomic
def register_referrer(*, email, password, first_name, last_name, profession, organisation, big_number="", request=None):
    """A referrer registers; the account is inactive until the e-mail address is confirmed."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        profession=profession,
        organisation=organisation,
        big_number=big_number,
        role=Role.REFERRER,
        is_active=False,
    )
    link = _absolute(
        request,
        reverse(
            "accounts:confirm_email",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": email_confirmation_token.make_token(user)},
        ),
    )
    _send(user.email, "accounts/email/confirm_subject.txt", "accounts/email/confirm_body.txt", {"user": user, "link": link})
    return user


def confirm_email(user: User, token: str) -> bool:
    if not email_confirmation_token.check_token(user, token):
        return False
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    return True


# --- invitations ---------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(*, email: str, role: str, departments=(), invited_by: User, request=None) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its link; returns the invitation and the link."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email.lower(),
        role=role,
        token_hash=_hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.departments.set(departments)
    link = _absolute(request, reverse("accounts:accept_invitation", kwargs={"token": token}))
    _send(
        invitation.email,
        "accounts/email/invitation_subject.txt",
        "accounts/email/invitation_body.txt",
        {"invitation": invitation, "link": link},
    )
    _audit(
        action="create",
        actor=invited_by,
        object_type="accounts.invitation",
        object_id=str(invitation.pk),
        request=request,
        detail={"role": role},
    )
    return invitation, link


def find_open_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.filter(token_hash=_hash_token(token), accepted_at__isnull=True, expires_at__gt=timezone.now())
        .prefetch_related("departments")
        .first()
    )


@transaction.atomic
def accept_invitation(*, invitation: Invitation, password: str, first_name: str, last_name: str, request=None) -> User:
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User.objects.create_user(email=invitation.email, password=password)
    else:
        user.set_password(password)
    user.first_name, user.last_name = first_name, last_name
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    assign_role(user=user, role=invitation.role, departments=list(invitation.departments.all()), actor=invitation.invited_by, request=request)
    return user


# --- helpers -------------------------------------------------------------


def _absolute(request, path: str) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{getattr(settings, 'SITE_URL', 'http://127.0.0.1:8000')}{path}"


def _send(to: str, subject_template: str, body_template: str, context: dict) -> None:
    subject = render_to_string(subject_template, context).strip()
    body = render_to_string(body_template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
