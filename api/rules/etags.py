"""The validators of a read: the register's stamp plus what else the answer depends on."""

from __future__ import annotations

import hashlib
from datetime import date


def etag_for(stamp: str, path: str, query: str, today: date, language: str, extra: str = "") -> str:
    """A strong ETag value (unquoted) for an answer computed from the register at `stamp`.

    The answer depends on the URL, on the date (an entry's freshness and a certificate's being in
    force change at midnight) and on the language of messages; nothing else.
    """
    key = "\x1f".join((stamp or "", path, query, today.isoformat(), language or "", extra))
    return hashlib.sha256(key.encode()).hexdigest()[:32]
