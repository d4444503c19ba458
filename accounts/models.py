"""Users of the platform.

The custom user model exists from the very first migration so that every
later foreign key to a user (history, audit, memberships) points at it.
Login is by e-mail address; there is no separate username.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .addresses import normalize_email
from .roles import Role
from .validators import BIG_PATTERN, validate_big


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        """The log-in lookup: by the normalised address (accounts.addresses)."""
        user = self.find_by_email(username)
        if user is None:
            raise self.model.DoesNotExist(f"No user with e-mail address {username!r}.")
        return user

    def find_by_email(self, address):
        """The user with this address in any spelling (case, surrounding spaces), or None.

        Stored addresses are normalised; the case-insensitive fallback finds a
        row the data migration (0003) could not normalise without a clash.
        """
        key = normalize_email(address)
        if not key:
            return None
        return self.filter(email=key).first() or self.filter(email__iexact=key).first()


class NormalisedEmail(models.Model):
    """Every path that writes the row (admin, shell, services, createsuperuser) stores the one
    spelling of ``email`` that log-in, lock-out, registration and invitations use."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)


class User(NormalisedEmail, AbstractUser):
    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)

    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, default=Role.REFERRER)
    profession = models.CharField(_("beroep"), max_length=100, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    big_number = models.CharField(
        _("BIG-nummer"), max_length=11, blank=True, validators=[validate_big], help_text=_("11 cijfers, optioneel")
    )
    email_confirmed_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)
    # The second log-in step's lock-out (accounts.second_factor): wrong codes in a row, and the lock's end.
    second_factor_failures = models.PositiveSmallIntegerField(_("verkeerde codes op rij"), default=0, editable=False)
    second_factor_locked_until = models.DateTimeField(
        _("tweede stap geblokkeerd tot"), null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("Er is al een gebruiker met dit e-mailadres (hoofdletters tellen niet mee)."),
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="accounts_user_role_valid"),
            models.CheckConstraint(
                condition=Q(big_number="") | Q(big_number__regex=BIG_PATTERN), name="accounts_user_big_format"
            ),
        ]

    def __str__(self):
        return self.email

    def department_ids(self) -> set[int]:
        """The departments this user works for (cached per instance)."""
        if not hasattr(self, "_department_ids"):
            self._department_ids = set(self.memberships.values_list("department_id", flat=True))
        return self._department_ids


class DepartmentMembership(models.Model):
    """Links a department editor or manager to a department they work for."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    department = models.ForeignKey("register.Department", on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lidmaatschap afdeling")
        verbose_name_plural = _("lidmaatschappen afdeling")
        constraints = [models.UniqueConstraint(fields=["user", "department"], name="accounts_membership_unique")]

    def __str__(self):
        return f"{self.user} – {self.department}"


class Invitation(NormalisedEmail):
    """The bureau invites department staff and committee members by e-mail.

    Only a SHA-256 hash of the invitation token is stored; the token itself is
    in the e-mailed link.
    """

    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    departments = models.ManyToManyField("register.Department", blank=True, verbose_name=_("afdelingen"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(role="referrer"), name="accounts_invitation_not_for_referrers"),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

