"""API tokens of departments: format, hashing and scopes. Pure functions (no database).

A token reads ``topggz_<prefix>_<secret>``: the prefix (8 characters) finds the row and is shown in
lists; only the SHA-256 of the whole token is stored, so a copy of the database cannot be used to
call the API. The secret has 256 bits of randomness, so a plain hash (no key stretching) is enough.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

PREFIX_LENGTH = 8
TOKEN_PATTERN = re.compile(r"^topggz_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$")

# Scope name -> Dutch label (what the token may do). "capacity" sends the monthly capacity and
# waiting-time reports (POST /api/v1/afdeling/{slug}/capaciteit); "consultation-inbox" reads the inbox list.
SCOPES = {
    "capacity": "Capaciteit en wachttijden doorgeven",
    "consultation-inbox": "De lijst van de inbox voor consultatie lezen",
}


def new_token() -> tuple[str, str]:
    """(prefix, token): a fresh token; the caller stores only the prefix and token_hash(token)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    prefix = "".join(secrets.choice(alphabet) for _ in range(PREFIX_LENGTH))
    return prefix, f"topggz_{prefix}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse(token: str) -> str | None:
    """The prefix of a well-formed token, or None."""
    match = TOKEN_PATTERN.match(token or "")
    return match.group(1) if match else None


def matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), stored_hash)


def valid_scopes(scopes) -> list[str]:
    """The scopes, known and without duplicates, in SCOPES order; ValueError for none or an unknown one."""
    asked = list(scopes or [])
    unknown = [scope for scope in asked if scope not in SCOPES]
    if unknown:
        raise ValueError(f"Onbekende bevoegdheid: {', '.join(unknown)}.")
    if not asked:
        raise ValueError("Kies minstens één bevoegdheid.")
    return [scope for scope in SCOPES if scope in asked]


def is_usable(revoked_at, expires_at, now) -> bool:
    return revoked_at is None and (expires_at is None or now < expires_at)
