"""API tokens of departments (api/rules/tokens.py has the format and the scopes).

A token belongs to one department and is made by one of its managers; it is stored hashed, has
scopes, can be revoked (never deleted: the audit log names it) and may expire.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    department = models.ForeignKey(
        "register.Department", on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("afdeling")
    )
    name = models.CharField(_("naam"), max_length=100, help_text=_("Waarvoor de sleutel is, bijvoorbeeld het systeem dat hem gebruikt."))
    prefix = models.CharField(_("begin van de sleutel"), max_length=8, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("bevoegdheden"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("gemaakt door")
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="api_token_name_required"),
            models.CheckConstraint(condition=Q(prefix__regex=r"^[a-z0-9]{8}$"), name="api_token_prefix_format"),
            models.CheckConstraint(condition=Q(token_hash__regex=r"^[0-9a-f]{64}$"), name="api_token_hash_format"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
