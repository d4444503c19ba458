"""Reading the audit log: the chain's head, the latest anchor, verification of the stored log."""

from dataclasses import dataclass

from django.conf import settings
from django.db import router

from . import chain
from .models import Action, AuditAnchor, AuditEntry


def latest_anchor(*, using=None) -> AuditAnchor | None:
    using = using or router.db_for_read(AuditAnchor)
    return AuditAnchor.objects.using(using).order_by("-purged_up_to_sequence").first()


def chain_start(*, using=None) -> tuple[int, str]:
    """(sequence, hash) the first stored entry must follow: the latest anchor, or genesis."""
    anchor = latest_anchor(using=using)
    if anchor is None:
        return 0, chain.GENESIS_HASH
    return anchor.purged_up_to_sequence, anchor.last_purged_hash


def chain_head(*, using=None) -> tuple[int, str]:
    """(sequence, hash) of the newest entry, which the next entry links to."""
    using = using or router.db_for_read(AuditEntry)
    last = AuditEntry.objects.using(using).order_by("-sequence").values_list("sequence", "entry_hash").first()
    return last if last is not None else chain_start(using=using)


def head_entry(*, using=None) -> AuditEntry | None:
    using = using or router.db_for_read(AuditEntry)
    return AuditEntry.objects.using(using).order_by("-sequence").first()


def verify_stored_log(*, chunk_size=2000, using=None, keys=None) -> chain.VerificationResult:
    """Stream the whole log through ``chain.verify_chain`` from the latest anchor.

    Keys come from ``AUDIT_HMAC_KEYS`` and the bound on the unkeyed prefix
    from ``AUDIT_UNKEYED_UP_TO``. Then check the anchors: the latest one must
    be attested by the ``purge`` entry its purge appended to the (verified)
    chain, with the same count, so that an anchor cannot simply be inserted
    to hide the removal of the oldest entries, and a log emptied or cut off
    after a purge does not pass; and every anchor's count must match the
    sequence numbers it covers.
    """
    using = using or router.db_for_read(AuditEntry)
    start_sequence, start_hash = chain_start(using=using)
    entries = AuditEntry.objects.using(using).order_by("sequence").iterator(chunk_size=chunk_size)
    result = chain.verify_chain(
        entries,
        start_hash,
        anchor_sequence=start_sequence,
        keys=keys,
        unkeyed_up_to=getattr(settings, "AUDIT_UNKEYED_UP_TO", None),
    )
    if not result.ok or start_sequence == 0:
        return result
    problem = _anchor_problem(start_sequence, start_hash, result, using)
    if problem is None:
        return result
    return _failed(result, problem)


def _failed(result, reason, sequence=None) -> chain.VerificationResult:
    return chain.VerificationResult(
        False,
        result.checked,
        sequence,
        reason,
        result.last_sequence,
        result.last_hash,
        result.unkeyed,
        result.last_unkeyed_sequence,
    )


def _anchor_problem(start_sequence, start_hash, result, using) -> str | None:
    anchors = list(AuditAnchor.objects.using(using).order_by("purged_up_to_sequence"))
    covered = 0
    for anchor in anchors:
        if anchor.purged_count != anchor.purged_up_to_sequence - covered:
            return (
                f"anchor at sequence {anchor.purged_up_to_sequence} says {anchor.purged_count} entries were purged, "
                f"but it covers {anchor.purged_up_to_sequence - covered}"
            )
        covered = anchor.purged_up_to_sequence
    if result.checked == 0:
        return (
            f"log truncated: no entries after the anchor at sequence {start_sequence}, "
            "but every purge appends a purge entry after its anchor"
        )
    attested = (
        AuditEntry.objects.using(using)
        .filter(
            action=Action.PURGE,
            sequence__gt=start_sequence,
            detail__purged_up_to_sequence=start_sequence,
            detail__anchor_hash=start_hash,
            detail__purged_count=anchors[-1].purged_count,
        )
        .exists()
    )
    if not attested:
        return f"anchor at sequence {start_sequence} is not attested by a purge entry in the log"
    return None


@dataclass(frozen=True)
class ExpectedHead:
    """A head exported earlier (``audit_head``) and kept outside the database."""

    sequence: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> "ExpectedHead":
        """``SEQUENCE:HASH`` (as ``audit_head`` prints it)."""
        sequence, separator, value = (text or "").strip().partition(":")
        value = value.strip().lower()
        if not separator or not sequence.strip().isdigit() or len(value) != 64 or value.strip("0123456789abcdef"):
            raise ValueError("expected SEQUENCE:HASH, the hash 64 hexadecimal characters")
        return cls(int(sequence), value)


def check_expected_head(expected: ExpectedHead, result: chain.VerificationResult, *, using=None) -> str | None:
    """Why the stored log does not reach ``expected`` with the same hash, or None if it does.

    ``result`` is the log's verification. The entry at the expected sequence
    must still be there with the exported hash (or, if a purge removed it, the
    anchor must lie at or beyond it, with the same hash if exactly at it).
    A log that ends before the expected sequence (emptied or cut off) fails.
    """
    using = using or router.db_for_read(AuditEntry)
    if expected.sequence == 0:
        return None
    last = result.last_sequence or 0
    if last < expected.sequence:
        return (
            f"log truncated: the exported head is at sequence {expected.sequence}, "
            f"but the log ends at sequence {last}"
        )
    start_sequence, start_hash = chain_start(using=using)
    if expected.sequence < start_sequence:
        return None  # purged since the export; the anchor is attested by the verified chain
    if expected.sequence == start_sequence:
        stored = start_hash
    else:
        stored = (
            AuditEntry.objects.using(using)
            .filter(sequence=expected.sequence)
            .values_list("entry_hash", flat=True)
            .first()
        )
    if stored != expected.hash:
        return (
            f"the entry at sequence {expected.sequence} does not have the exported hash: "
            "the log was rewritten since the head was exported"
        )
    return None
