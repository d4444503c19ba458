"""Reading the audit log: the chain's head, the latest anchor, verification of the stored log."""

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


def verify_stored_log(*, chunk_size=2000, using=None) -> chain.VerificationResult:
    """Stream the whole log through ``chain.verify_chain`` from the latest anchor.

    Then check that the latest anchor is attested by the ``purge`` entry its
    purge appended to the (verified) chain, so that an anchor cannot simply be
    inserted to hide the removal of the oldest entries.
    """
    using = using or router.db_for_read(AuditEntry)
    start_sequence, start_hash = chain_start(using=using)
    entries = AuditEntry.objects.using(using).order_by("sequence").iterator(chunk_size=chunk_size)
    result = chain.verify_chain(entries, start_hash, anchor_sequence=start_sequence)
    if not result.ok or start_sequence == 0:
        return result
    attested = (
        AuditEntry.objects.using(using)
        .filter(
            action=Action.PURGE,
            sequence__gt=start_sequence,
            detail__purged_up_to_sequence=start_sequence,
            detail__anchor_hash=start_hash,
        )
        .exists()
    )
    if attested:
        return result
    return chain.VerificationResult(
        False,
        result.checked,
        None,
        f"anchor at sequence {start_sequence} is not attested by a purge entry in the log",
        result.last_sequence,
        result.last_hash,
    )
