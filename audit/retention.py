"""Retention of the audit log: how old entries leave without breaking the chain.

Retention period
    ``AUDIT_RETENTION_YEARS`` (setting, whole years, default 15). The period
    is a documented policy choice: MedMij, which builds on NEN 7513:2018,
    asks at least five years for access logs. 15 years
    is this platform's default, in the spirit of the WGBO's medical-record
    retention (15 years until 2020, 20 years since). Confirm the final value
    with the privacy officer and record it in the processing register.
    Entries younger than the period are never purged: ``--before`` (a date,
    local time, start of day) may only move the cut-off further into the past.

How a purge works (``python manage.py audit_purge [--before YYYY-MM-DD] [--dry-run]``)
    In one database transaction, holding the same chain lock as ``record()``:

    1. Find the oldest entry at or after the cut-off; everything before it in
       sequence order is the purgeable prefix (a prefix, so the remaining log
       is still one unbroken chain even if clocks ever went backwards).
    2. Verify the whole stored log first. A broken log is never purged: that
       would destroy the evidence of the break.
    3. Store an ``AuditAnchor``: the last purged sequence number, that entry's
       hash, how many entries were purged, the cut-off, who ran it, when.
    4. Delete the prefix. The database triggers refuse DELETE on the log, so
       the purge lifts that guard for this transaction only (PostgreSQL: the
       transaction-local setting ``audit.allow_purge``; SQLite: drops the
       delete trigger and re-creates it before commit). If anything fails,
       the whole transaction, anchor and guard included, rolls back.
    5. Append a ``purge`` entry to the live chain whose detail repeats the
       anchor (sequence and hash), so the anchor is itself attested by the
       hash chain.

    Verification (``audit_verify``) then starts at the latest anchor: the
    first remaining entry must carry the next sequence number and link to the
    anchor's hash, and a ``purge`` entry must attest that anchor (sequence,
    hash and count). The anchor row itself is not keyed; the purge entry that
    attests it is (HMAC, ``audit.keys``), so an anchor cannot be forged
    without the key, and a log emptied or cut off after a purge (an anchor
    with no attesting entry after it) fails. Anchors are append-only like the
    entries. With ``--dry-run`` nothing is written; the
    command reports what would be purged.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction
from django.utils import timezone

from . import services
from .models import Action, AuditAnchor, AuditEntry
from .selectors import chain_start, verify_stored_log
from .triggers import deletes_permitted

DEFAULT_RETENTION_YEARS = 15


class PurgeRefused(Exception):
    """The purge would break retention or integrity rules; nothing was changed."""


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    purged_count: int
    purged_up_to_sequence: int | None
    anchor: AuditAnchor | None
    dry_run: bool


def retention_years() -> int:
    years = getattr(settings, "AUDIT_RETENTION_YEARS", DEFAULT_RETENTION_YEARS)
    if not isinstance(years, int) or isinstance(years, bool) or years < 1:
        raise ImproperlyConfigured("AUDIT_RETENTION_YEARS must be a whole number of years, at least 1.")
    return years


def retention_cutoff(moment: datetime | None = None) -> datetime:
    """The moment before which entries are past their retention period."""
    moment = moment or services.now()
    years = retention_years()
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def purge(*, before: datetime | None = None, actor=None, dry_run: bool = False) -> PurgeResult:
    limit = retention_cutoff()
    cutoff = before or limit
    if cutoff > limit:
        raise PurgeRefused(
            f"Refusing to purge entries from before {cutoff:%Y-%m-%d}: the retention period "
            f"({retention_years()} years) only allows entries from before {limit:%Y-%m-%d}."
        )
    using = router.db_for_write(AuditEntry)
    connection = connections[using]
    with transaction.atomic(using=using):
        services.lock_chain(connection)
        start_sequence, _start_hash = chain_start(using=using)
        up_to = _purge_boundary(cutoff, start_sequence, using)
        if up_to is None:
            return PurgeResult(cutoff, 0, None, None, dry_run)
        verification = verify_stored_log(using=using)
        if not verification.ok:
            raise PurgeRefused(
                f"Refusing to purge: the audit log is broken at sequence "
                f"{verification.first_broken_sequence}: {verification.reason}."
            )
        count = up_to - start_sequence  # gap-free: just verified
        if dry_run:
            return PurgeResult(cutoff, count, up_to, None, True)
        anchor = AuditAnchor(
            created_at=services.now(),
            cutoff=cutoff,
            purged_up_to_sequence=up_to,
            last_purged_hash=AuditEntry.objects.using(using).get(sequence=up_to).entry_hash,
            purged_count=count,
            actor_id="" if actor is None else str(actor.pk),
            actor_email="" if actor is None else actor.email,
        )
        anchor.save(using=using)
        with deletes_permitted(connection), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry WHERE sequence <= %s", [up_to])
            if cursor.rowcount != count:
                raise PurgeRefused(f"Expected to delete {count} entries, deleted {cursor.rowcount}; rolled back.")
        services.record(
            action=Action.PURGE,
            actor=actor,
            role="" if actor is not None else "system",
            object_type="audit.auditentry",
            detail={
                "purged_up_to_sequence": up_to,
                "anchor_hash": anchor.last_purged_hash,
                "purged_count": count,
                "cutoff": cutoff.isoformat(),
            },
        )
    return PurgeResult(cutoff, count, up_to, anchor, False)


def _purge_boundary(cutoff, start_sequence, using) -> int | None:
    """Last sequence number of the purgeable prefix, or None if there is nothing to purge."""
    entries = AuditEntry.objects.using(using).order_by("sequence").values_list("sequence", flat=True)
    first_kept = entries.filter(timestamp__gte=cutoff).first()
    up_to = first_kept - 1 if first_kept is not None else entries.last()
    if up_to is None or up_to <= start_sequence:
        return None
    return up_to
