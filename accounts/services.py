"""Writes for accounts: roles, two-factor devices, registration and invitations."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import second_factor
from .addresses import normalize_email
from .models import DepartmentMembership, Invitation, User
from .roles import ROLE_PERMISSIONS, Role, requires_two_factor, uses_admin_site

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
def activate_totp_device(device: TOTPDevice) -> list[str]:
    """The first code from the app passed (verify_second_factor): confirm the device, return new recovery codes."""
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


# --- the steps of a log-in -----------------------------------------------
#
# Audit trail of one log-in: ``password_accepted`` after the password (the
# first factor) of a user whose role needs a second one; a
# ``second_factor_failed`` entry per wrong code; ``second_factor_lockout``
# when the wrong codes reach OTP_FAILURE_LIMIT; ``login`` only when every
# factor the role needs has passed (for a referrer: right after the password).


def password_accepted(*, user: User, request=None) -> None:
    """The password step passed (called on Django's user_logged_in signal)."""
    if requires_two_factor(user.role, user.is_superuser):
        _audit(action="password_accepted", actor=user, request=request, **_user_object(user))
    else:
        _audit(action="login", actor=user, request=request, detail={"factors": 1}, **_user_object(user))


def second_factor_locked_until(user: User):
    """The end of the user's second-step lock, or None when codes may be tried."""
    now = timezone.now()
    until = User.objects.filter(pk=user.pk).values_list("second_factor_locked_until", flat=True).first()
    return until if second_factor.locked(until, now) else None


def verify_second_factor(*, request, token: str, device: TOTPDevice | None = None, step: str = "login"):
    """Check a code for ``request.user``: a code from the app or a recovery code.

    ``device`` is the unconfirmed authenticator being linked (the set-up step);
    otherwise every confirmed device is tried. Returns ``(device, locked_until)``:
    the device that accepted the code, and the end of the lock that is in force
    (then no code is checked) or that this wrong code started.
    """
    user = request.user
    locked_until = second_factor_locked_until(user)
    if locked_until is not None:
        _audit(
            action="second_factor_failed",
            outcome="denied",
            actor=user,
            request=request,
            detail={"step": step, "reason": "locked"},
            **_user_object(user),
        )
        return None, locked_until
    if device is not None:
        matched = device if device.verify_token(token) else None
    else:
        matched = match_token(user, token)
    if matched is None:
        return None, _second_factor_failed(user=user, request=request, step=step)
    return matched, None


def _second_factor_failed(*, user: User, request, step: str):
    """Count one wrong code; audit it, and the lock it may start. Returns the lock's end or None."""
    with transaction.atomic():
        row = User.objects.select_for_update().only("second_factor_failures", "second_factor_locked_until").get(pk=user.pk)
        state = second_factor.after_failure(
            second_factor.SecondFactorState(row.second_factor_failures, row.second_factor_locked_until),
            now=timezone.now(),
            limit=settings.OTP_FAILURE_LIMIT,
            cooloff=settings.OTP_COOLOFF_TIME,
        )
        _store_second_factor_state(user, state)
    _audit(action="second_factor_failed", outcome="failure", actor=user, request=request, detail={"step": step}, **_user_object(user))
    if state.locked_until is None:
        return None
    _audit(
        action="second_factor_lockout",
        outcome="denied",
        actor=user,
        request=request,
        detail={"step": step, "limit": settings.OTP_FAILURE_LIMIT, "until": state.locked_until.isoformat()},
        **_user_object(user),
    )
    return state.locked_until


def second_factor_passed(*, request, device, step: str = "login") -> None:
    """Both factors passed: mark the session verified, renew its key, audit the log-in."""
    user = request.user
    _store_second_factor_state(user, second_factor.after_success())
    otp_login(request, device)
    # A new session key now that the session carries more rights (session fixation).
    request.session.cycle_key()
    method = "recovery_code" if isinstance(device, StaticDevice) else "authenticator"
    _audit(action="login", actor=user, request=request, detail={"factors": 2, "method": method, "step": step}, **_user_object(user))


@transaction.atomic
def clear_second_factor_lock(*, user: User, actor: User | None = None, request=None) -> bool:
    """The bureau lifts a user's second-step lock (and the count of wrong codes). True if there was one."""
    row = User.objects.select_for_update().get(pk=user.pk)
    was_locked = second_factor.locked(row.second_factor_locked_until, timezone.now())
    _store_second_factor_state(user, second_factor.after_success())
    _audit(
        action="second_factor_unlock",
        actor=actor,
        request=request,
        detail={"was_locked": was_locked},
        **_user_object(user),
    )
    return was_locked


def _store_second_factor_state(user: User, state: second_factor.SecondFactorState) -> None:
    User.objects.filter(pk=user.pk).update(
        second_factor_failures=state.failures, second_factor_locked_until=state.locked_until
    )


def _user_object(user: User) -> dict:
    return {"object_type": User._meta.label_lower, "object_id": str(user.pk)}


# --- registration (referrers) -------------------------------------------


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.email_confirmed_at}{user.is_active}{timestamp}"


email_confirmation_token = EmailConfirmationTokenGenerator()


def register_referrer(*, email, password, first_name, last_name, profession, organisation, big_number="", request=None) -> None:
    """A referrer registers; the account is inactive until the e-mail address is confirmed.

    The visitor gets the same answer whether or not the address already has an
    account, so the form does not tell who has one. If it has, nothing changes
    to that account: its holder gets an e-mail saying someone tried to register
    with their address, with links to log in and to choose a new password (and
    a fresh confirmation link if the account was never confirmed). The password
    is hashed on both paths, so the answer takes as long either way.
    """
    email = normalize_email(email)
    existing = User.objects.find_by_email(email)
    if existing is None:
        try:
            with transaction.atomic():
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
        except IntegrityError:
            # Someone registered the same address a moment ago.
            existing = User.objects.find_by_email(email)
            if existing is None:
                raise
        else:
            _send(
                user.email,
                "accounts/email/confirm_subject.txt",
                "accounts/email/confirm_body.txt",
                {"user": user, "link": _confirmation_link(request, user)},
            )
            return
    make_password(password)  # the work creating an account does, so the timing does not tell
    _send(
        existing.email,
        "accounts/email/registration_attempt_subject.txt",
        "accounts/email/registration_attempt_body.txt",
        {
            "user": existing,
            "login_link": _absolute(request, reverse("accounts:login")),
            "reset_link": _absolute(request, reverse("accounts:password_reset")),
            "confirm_link": _confirmation_link(request, existing) if _awaits_confirmation(existing) else None,
        },
    )


def _awaits_confirmation(user: User) -> bool:
    """A referrer who registered and never confirmed (not an account the bureau switched off)."""
    return user.role == Role.REFERRER and not user.is_active and user.email_confirmed_at is None


def _confirmation_link(request, user: User) -> str:
    return _absolute(
        request,
        reverse(
            "accounts:confirm_email",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": email_confirmation_token.make_token(user)},
        ),
    )


def confirm_email(user: User, token: str) -> bool:
    if not email_confirmation_token.check_token(user, token):
        return False
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    return True


# --- password reset ------------------------------------------------------


def password_reset_completed(*, user: User, request=None) -> None:
    """A new password was chosen from a reset link: lift the password lock-out, audit the change.

    Whoever holds the mailbox may log in again at once (the lock-out page says
    so); the second step's lock stays, as a reset link proves no second factor.
    """
    from axes.utils import reset

    reset(username=normalize_email(user.email))
    _audit(action="update", actor=user, request=request, detail={"password": "reset_link"}, **_user_object(user))


# --- invitations ---------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(*, email: str, role: str, departments=(), invited_by: User, request=None) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its link; returns the invitation and the link."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=normalize_email(email),
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
    user = User.objects.find_by_email(invitation.email)
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
