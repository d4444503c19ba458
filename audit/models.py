"""The append-only, hash-chained audit log (NEN 7513; shaped like FHIR AuditEvent / IHE ATNA).

Write entries only through ``audit.services.record``; it assigns the sequence
number, the timestamp and the chained hash. Nothing may change or remove an
entry afterwards. That is enforced at every layer:

- ``save()`` refuses to update a stored row and ``delete()`` refuses;
- the manager's querysets refuse ``update()``, ``delete()``, ``bulk_create()``
  and ``bulk_update()`` (it is also the base manager, so Django's internals
  get the same querysets);
- the admin is read-only;
- database triggers (migration 0002) refuse UPDATE and DELETE on both tables,
  on PostgreSQL and on SQLite, so even raw SQL through the application's
  connection fails.

The one sanctioned way round is the retention purge (``audit.retention``),
which re-anchors the chain in ``AuditAnchor`` before it removes old entries.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove a stored audit record."""


class AppendOnlyQuerySet(models.QuerySet):
    def _refuse(self, operation):
        raise AppendOnlyError(
            f"{self.model._meta.label} is append-only: queryset {operation}() is not allowed. "
            "Write new entries with audit.services.record()."
        )

    def update(self, **kwargs):
        self._refuse("update")

    def delete(self):
        self._refuse("delete")

    def bulk_update(self, objs, fields, batch_size=None):
        self._refuse("bulk_update")

    def bulk_create(self, objs, *args, **kwargs):
        self._refuse("bulk_create")

    # Django's own bookkeeping spelling of update; closed as well.
    def _update(self, values):
        self._refuse("update")


class AppendOnlyModel(models.Model):
    """A row can be inserted once and then never saved again nor deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        base_manager_name = "objects"
        default_permissions = ("view",)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(
                f"{self._meta.label} #{self.pk} is append-only: a stored record cannot be changed."
            )
        kwargs["force_insert"] = True
        kwargs.pop("force_update", None)
        kwargs.pop("update_fields", None)
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} #{self.pk} is append-only: a record cannot be deleted.")


class Action(models.TextChoices):
    LOGIN = "login", _("Inloggen")
    LOGIN_FAILED = "login_failed", _("Mislukte inlogpoging")
    LOGOUT = "logout", _("Uitloggen")
    LOCKOUT = "lockout", _("Account geblokkeerd")
    # The steps of a log-in with a second factor (accounts): ``login`` is written
    # only once every factor the user's role needs has passed.
    PASSWORD_ACCEPTED = "password_accepted", _("Wachtwoord geaccepteerd (eerste stap)")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Verkeerde code (tweede stap)")
    SECOND_FACTOR_LOCKOUT = "second_factor_lockout", _("Tweede stap geblokkeerd")
    SECOND_FACTOR_UNLOCK = "second_factor_unlock", _("Blokkade tweede stap opgeheven")
    PERMISSION_CHANGE = "permission_change", _("Rechtenwijziging")
    READ = "read", _("Inzage")
    CREATE = "create", _("Aanmaken")
    UPDATE = "update", _("Wijzigen")
    DELETE = "delete", _("Verwijderen")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    VERIFY = "verify", _("Controle van de auditlog")
    PURGE = "purge", _("Opschoning na bewaartermijn")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("Geslaagd")
    DENIED = "denied", _("Geweigerd")
    FAILURE = "failure", _("Mislukt")


class AuditEntry(AppendOnlyModel):
    """One event: who did what to which object, when, on whose behalf, with what outcome.

    The actor is stored as plain values (``actor_id``, ``actor_email``), not as
    a foreign key to the user model: a foreign key would either block deleting
    a user (PROTECT) or tempt a cascade/SET_NULL that rewrites the log, and both
    tie the log's integrity to another table. Plain values are what the actor
    was at the time of the event, which is what an audit trail must show, and
    they are part of the hashed content.

    ``entry_hash`` is HMAC-SHA256, with the key named by ``hash_key_id``, over
    the canonical JSON of the content fields and ``previous_hash`` (see
    ``audit.chain`` and ``audit.keys``); entries from before the chain was
    keyed have no key id and a plain SHA-256. The first entry links to 64
    zeros, or, after a retention purge, to the hash kept in the latest
    ``AuditAnchor``.
    ``detail`` holds short structured context and never patient content.
    """

    Action = Action
    Outcome = Outcome

    sequence = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    timestamp = models.DateTimeField(_("tijdstip"), db_index=True, editable=False)
    actor_id = models.CharField(_("gebruikers-id"), max_length=64, blank=True)
    actor_email = models.CharField(_("e-mailadres gebruiker"), max_length=254, blank=True, db_index=True)
    actor_role = models.CharField(_("rol"), max_length=64, blank=True)
    action = models.CharField(_("handeling"), max_length=32, choices=Action.choices)
    object_type = models.CharField(_("objecttype"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=200, blank=True)
    client_ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=Outcome.choices)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    previous_hash = models.CharField(_("vorige hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)
    # Nullable so that adding it is an ALTER TABLE ADD COLUMN on SQLite too (a table rebuild would drop
    # the append-only triggers); null: an unkeyed format-1 entry.
    hash_key_id = models.CharField(_("sleutel-id"), max_length=32, null=True, blank=True, editable=False)

    class Meta(AppendOnlyModel.Meta):
        verbose_name = _("auditlogregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_entry_object_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(sequence__gte=1), name="audit_entry_sequence_positive"),
            models.CheckConstraint(
                condition=Q(action__in=Action.values),
                name="audit_entry_action_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values),
                name="audit_entry_outcome_valid",
            ),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.timestamp:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_email or '-'}"


class AuditAnchor(AppendOnlyModel):
    """The chain's new starting point after a retention purge.

    Entries up to and including ``purged_up_to_sequence`` were removed; the
    first remaining entry must link to ``last_purged_hash``. Every anchor is
    also attested by the ``purge`` entry the purge appends to the live chain.
    """

    created_at = models.DateTimeField(_("aangemaakt op"))
    cutoff = models.DateTimeField(_("verwijderd: regels van vóór"))
    purged_up_to_sequence = models.PositiveBigIntegerField(_("verwijderd tot en met volgnummer"), unique=True)
    last_purged_hash = models.CharField(_("hash van laatste verwijderde regel"), max_length=64)
    purged_count = models.PositiveBigIntegerField(_("aantal verwijderde regels"))
    actor_id = models.CharField(_("gebruikers-id"), max_length=64, blank=True)
    actor_email = models.CharField(_("uitgevoerd door"), max_length=254, blank=True)

    class Meta(AppendOnlyModel.Meta):
        verbose_name = _("ankerpunt auditlog")
        verbose_name_plural = _("ankerpunten auditlog")
        ordering = ["-purged_up_to_sequence"]

    def __str__(self):
        return f"anker t/m #{self.purged_up_to_sequence} ({self.created_at:%Y-%m-%d})"
