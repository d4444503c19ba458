"""The secret keys of the audit log's hash chain, held outside the database.

``AUDIT_HMAC_KEYS`` (environment variable, read in ``topggz.settings``) is a
comma-separated list of ``key-id:secret`` pairs. The first key signs new
entries; the others only verify older entries (rotation: put the new key
first, keep the old ones until no stored entry names them any more, that is
until a retention purge has removed the last of them). Every entry stores the
id of the key it was signed with (``AuditEntry.hash_key_id``), never the key.

Key ids are 1 to 32 characters of letters, digits, ``.``, ``_`` and ``-``;
secrets at least 32 characters, no commas. Generate one with
``python -c "import secrets; print(secrets.token_urlsafe(48))"``.

With DEBUG on and no keys set, a fixed development key (id ``dev``) is used;
with DEBUG off the setting is required, like SECRET_KEY.

This module is imported by the settings: it may not import models or settings.
"""

import re

from django.core.exceptions import ImproperlyConfigured

KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,32}$")
MIN_SECRET_CHARS = 32
DEVELOPMENT_KEY_ID = "dev"
DEVELOPMENT_SECRET = "insecure-development-audit-key-never-use-in-production"


def parse_key_list(text: str, *, development: bool) -> list[tuple[str, str]]:
    """``"id1:secret1,id2:secret2"`` as [(id, secret), ...] in the given order, validated."""
    text = (text or "").strip()
    if not text:
        if not development:
            raise ImproperlyConfigured(
                "AUDIT_HMAC_KEYS must be set when DEBUG is off (a comma-separated list of key-id:secret pairs)."
            )
        return [(DEVELOPMENT_KEY_ID, DEVELOPMENT_SECRET)]
    keys, seen = [], set()
    for item in text.split(","):
        key_id, separator, secret = item.strip().partition(":")
        key_id, secret = key_id.strip(), secret.strip()
        if not separator or not KEY_ID_PATTERN.match(key_id):
            raise ImproperlyConfigured(
                "AUDIT_HMAC_KEYS: every item must be key-id:secret, the id 1 to 32 letters, digits, '.', '_' or '-'."
            )
        if key_id in seen:
            raise ImproperlyConfigured(f"AUDIT_HMAC_KEYS: key id {key_id!r} appears twice.")
        if len(secret) < MIN_SECRET_CHARS:
            raise ImproperlyConfigured(
                f"AUDIT_HMAC_KEYS: the secret of key {key_id!r} is shorter than {MIN_SECRET_CHARS} characters."
            )
        if secret == DEVELOPMENT_SECRET and not development:
            raise ImproperlyConfigured("AUDIT_HMAC_KEYS: the development key may not be used when DEBUG is off.")
        seen.add(key_id)
        keys.append((key_id, secret))
    return keys


def parse_sequence(text: str, name: str) -> int | None:
    """An optional whole number >= 0 from the environment (empty: None)."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 19:
        raise ImproperlyConfigured(f"{name} must be a whole number (a sequence number), or empty.")
    return int(text)


def key_ring() -> tuple[str, dict[str, bytes]]:
    """(id of the signing key, {key id: secret bytes}) from the settings."""
    from django.conf import settings

    pairs = settings.AUDIT_HMAC_KEYS
    if not pairs:
        raise ImproperlyConfigured("AUDIT_HMAC_KEYS is empty.")
    return pairs[0][0], {key_id: secret.encode("utf-8") for key_id, secret in pairs}
