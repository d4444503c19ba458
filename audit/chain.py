"""The hash chain: canonical serialisation, entry hashes and verification.

Pure functions, no database access. An "entry" is anything with the
attributes named in ``HASHED_FIELDS`` (an ``AuditEntry``, or a
``types.SimpleNamespace`` in tests) and optionally ``hash_key_id``.

Canonical form: a JSON object of the hashed fields plus a format version,
keys sorted, no insignificant whitespace, UTF-8, timestamps as ISO 8601 in UTC
with microseconds. Two formats:

- format 1 (``hash_key_id`` empty; entries written before the chain was
  keyed): ``entry_hash = sha256(canonical).hexdigest()``. Anyone can
  recompute it, so it proves only that nothing changed since a head that was
  kept outside the database.
- format 2 (``hash_key_id`` set): the canonical form also holds ``"kid"``,
  and ``entry_hash = HMAC-SHA256(key[kid], canonical).hexdigest()``. Without
  the key nobody can write a hash that verifies.

A chain may start with format-1 entries, but once a format-2 entry appears
every later one must be format 2 (no downgrade), and ``unkeyed_up_to`` can
bound the format-1 prefix (``AUDIT_UNKEYED_UP_TO``).
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS_HASH = "0" * 64
HASH_FORMAT_VERSION = 1  # unkeyed SHA-256
KEYED_FORMAT_VERSION = 2  # HMAC-SHA256 with a named key

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


class UnknownKeyError(KeyError):
    """The entry names a key id that is not among the configured keys."""


def key_id_of(entry) -> str:
    return getattr(entry, "hash_key_id", None) or ""


def hash_payload(entry) -> dict:
    payload = {name: getattr(entry, name) for name in HASHED_FIELDS}
    payload["timestamp"] = format_timestamp(payload["timestamp"])
    key_id = key_id_of(entry)
    if key_id:
        payload["v"] = KEYED_FORMAT_VERSION
        payload["kid"] = key_id
    else:
        payload["v"] = HASH_FORMAT_VERSION
    return payload


def compute_hash(entry, keys: Mapping[str, bytes] | None = None) -> str:
    """The entry's hash in the format its ``hash_key_id`` names (keys default to the configured ones)."""
    message = canonical_json(hash_payload(entry)).encode("utf-8")
    key_id = key_id_of(entry)
    if not key_id:
        return hashlib.sha256(message).hexdigest()
    if keys is None:
        from .keys import key_ring

        keys = key_ring()[1]
    try:
        key = keys[key_id]
    except KeyError:
        raise UnknownKeyError(key_id) from None
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    checked: int
    first_broken_sequence: int | None = None
    reason: str = ""
    last_sequence: int | None = None
    last_hash: str | None = None
    unkeyed: int = 0  # format-1 entries checked
    last_unkeyed_sequence: int | None = None


def verify_chain(
    entries_iterable: Iterable,
    anchor_hash: str = GENESIS_HASH,
    anchor_sequence: int = 0,
    *,
    keys: Mapping[str, bytes] | None = None,
    unkeyed_up_to: int | None = None,
) -> VerificationResult:
    """Check entries in sequence order against the anchor they must start from.

    Per entry, in this order: the sequence number follows on without a gap,
    ``previous_hash`` equals the hash of the entry before (or the anchor's),
    an unkeyed entry does not follow a keyed one nor lie beyond
    ``unkeyed_up_to``, the key id is known, and the stored hash equals the
    recomputed one. Stops at the first break. ``keys`` default to the
    configured ones.
    """
    if keys is None:
        from .keys import key_ring

        keys = key_ring()[1]
    expected_sequence = anchor_sequence + 1
    previous_hash = anchor_hash
    checked = unkeyed = 0
    last_unkeyed = None
    keyed_seen = False
    for entry in entries_iterable:
        checked += 1

        def broken(reason, entry=entry):
            return VerificationResult(
                False, checked, entry.sequence, reason, entry.sequence, entry.entry_hash, unkeyed, last_unkeyed
            )

        if entry.sequence != expected_sequence:
            return broken(f"sequence gap: expected {expected_sequence}, found {entry.sequence}")
        if entry.previous_hash != previous_hash:
            return broken("previous-hash link broken: does not match the hash of the entry before")
        if key_id_of(entry):
            keyed_seen = True
        else:
            if keyed_seen:
                return broken("unkeyed (format 1) entry after keyed entries: the chain was downgraded")
            if unkeyed_up_to is not None and entry.sequence > unkeyed_up_to:
                return broken(f"unkeyed (format 1) entry after AUDIT_UNKEYED_UP_TO={unkeyed_up_to}")
            unkeyed += 1
            last_unkeyed = entry.sequence
        try:
            recomputed = compute_hash(entry, keys)
        except UnknownKeyError as exc:
            return broken(f"unknown key id {exc.args[0]!r}: not in AUDIT_HMAC_KEYS")
        except (TypeError, ValueError) as exc:
            return broken(f"content cannot be serialised: {exc}")
        if not hmac.compare_digest(recomputed.encode(), str(entry.entry_hash or "").encode()):
            return broken("hash mismatch: the entry's content was altered")
        previous_hash = entry.entry_hash
        expected_sequence += 1
    last_sequence = expected_sequence - 1 if checked else anchor_sequence
    return VerificationResult(True, checked, None, "", last_sequence, previous_hash, unkeyed, last_unkeyed)
