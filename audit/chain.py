"""The hash chain: canonical serialisation, entry hashes and verification.

Pure functions, no database access. An "entry" is anything with the
attributes named in ``HASHED_FIELDS`` (an ``AuditEntry``, or a
``types.SimpleNamespace`` in tests).

Canonical form: a JSON object of the hashed fields plus a format version,
keys sorted, no insignificant whitespace, UTF-8, timestamps as ISO 8601 in UTC
with microseconds. ``entry_hash = sha256(canonical).hexdigest()``.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS_HASH = "0" * 64
HASH_FORMAT_VERSION = 1

HASHED_FIELDS = (
    "sequence",
    "timestamp",
    "actor_id",
    "actor_email",
    "actor_role",
    "action",
    "object_type",
    "object_id",
    "on_behalf_of",
    "client_ip",
    "outcome",
    "detail",
    "previous_hash",
)


def canonical_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def format_timestamp(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("Audit timestamps must be timezone-aware.")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def hash_payload(entry) -> dict:
    payload = {name: getattr(entry, name) for name in HASHED_FIELDS}
    payload["timestamp"] = format_timestamp(payload["timestamp"])
    payload["v"] = HASH_FORMAT_VERSION
    return payload


def compute_hash(entry) -> str:
    return hashlib.sha256(canonical_json(hash_payload(entry)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    checked: int
    first_broken_sequence: int | None = None
    reason: str = ""
    last_sequence: int | None = None
    last_hash: str | None = None


def verify_chain(
    entries_iterable: Iterable, anchor_hash: str = GENESIS_HASH, anchor_sequence: int = 0
) -> VerificationResult:
    """Check entries in sequence order against the anchor they must start from.

    Per entry, in this order: the sequence number follows on without a gap,
    ``previous_hash`` equals the hash of the entry before (or the anchor's),
    and the stored hash equals the recomputed one. Stops at the first break.
    """
    expected_sequence = anchor_sequence + 1
    previous_hash = anchor_hash
    checked = 0
    for entry in entries_iterable:
        checked += 1

        def broken(reason, entry=entry):
            return VerificationResult(False, checked, entry.sequence, reason, entry.sequence, entry.entry_hash)

        if entry.sequence != expected_sequence:
            return broken(f"sequence gap: expected {expected_sequence}, found {entry.sequence}")
        if entry.previous_hash != previous_hash:
            return broken("previous-hash link broken: does not match the hash of the entry before")
        try:
            recomputed = compute_hash(entry)
        except (TypeError, ValueError) as exc:
            return broken(f"content cannot be serialised: {exc}")
        if recomputed != entry.entry_hash:
            return broken("hash mismatch: the entry's content was altered")
        previous_hash = entry.entry_hash
        expected_sequence += 1
    last_sequence = expected_sequence - 1 if checked else anchor_sequence
    return VerificationResult(True, checked, None, "", last_sequence, previous_hash)
