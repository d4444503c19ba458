"""Writing to the audit log.

``record()`` is the only way entries are made. It runs in its own
transaction (a savepoint when called inside one) and serialises all writers
so that sequence numbers stay gap-free and every entry links to its
predecessor:

- PostgreSQL: ``pg_advisory_xact_lock`` on a fixed key, held until the
  surrounding transaction commits or rolls back. Keep transactions that
  record audit entries short: other writers wait for them.
- SQLite: the first statement is a no-op write, which takes the database's
  single write lock at once (waiting up to the busy timeout) instead of
  reading first and failing to upgrade later. Inside a longer outer
  transaction that has already read, SQLite may still answer "database is
  locked"; SQLite is for development and small installations.

Refusals survive rollbacks. An entry with outcome ``denied`` or ``failure``
recorded inside a transaction the application opened (an admin view's
``transaction.atomic``, a service's) would be rolled back with the refused
or failed work. Such entries are queued instead and written when the scope
around the work ends, after its transaction is over: every request is such a
scope (``audit.middleware.AuditContextMiddleware``); code outside a request
opens one with ``refusals_survive_rollback()``. Without a scope the entry is
written in place (and lost if the transaction rolls back), with a warning in
the log. Successful entries stay inside the transaction: they describe work
that happens only if it commits.

A second database connection would avoid the queue, but it deadlocks against
an outer transaction that already holds the chain lock (PostgreSQL) or the
single write lock (SQLite), so it is not used.

Entries made while a request is served take the actor, the role and the
client address from that request when the caller does not pass them
(``audit.context.current_request``).
"""

import ipaddress
import json
import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from . import chain, context
from .keys import key_ring
from .models import Action, AuditEntry, Outcome
from .selectors import chain_head

logger = logging.getLogger(__name__)

# Outcomes that must be kept even when the work they describe is rolled back.
SURVIVING_OUTCOMES = frozenset({Outcome.DENIED, Outcome.FAILURE})

# actor_role of an entry made during a request without a logged-in user, and of a superuser without a role.
ANONYMOUS_ROLE = "anonymous"
SUPERUSER_ROLE = "superuser"

ADVISORY_LOCK_KEY = 0x4155_4449_545F_4C47  # "AUDIT_LG"
MAX_DETAIL_CHARS = 4000


def now():
    """The clock the service uses (a seam for tests)."""
    return timezone.now()


def record(
    *,
    action,
    actor=None,
    role="",
    object_type="",
    object_id="",
    on_behalf_of="",
    outcome=Outcome.SUCCESS,
    request=None,
    detail=None,
) -> AuditEntry | None:
    """Append one entry to the audit log and return it (None when it was queued, see above).

    ``request`` defaults to the request being served, if any. ``actor``
    defaults to ``request.user`` when that is authenticated. ``role``
    defaults to the actor's ``role`` (accounts.User.role; ``superuser`` for a
    superuser without one), or ``anonymous`` during a request without a
    logged-in user. ``detail``
    is a small JSON object (strings, integers, booleans, null, lists, objects;
    no floats) and must never contain patient content.
    """
    if request is None:
        request = context.current_request()
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if not role and actor is not None:
        role = str(getattr(actor, "role", "") or "") or (SUPERUSER_ROLE if getattr(actor, "is_superuser", False) else "")
    if not role and actor is None and request is not None:
        role = ANONYMOUS_ROLE
    fields = {
        "actor_id": "" if actor is None else str(actor.pk),
        "actor_email": "" if actor is None else str(getattr(actor, "email", "") or ""),
        "actor_role": role,
        "action": _choice(action, Action, "action"),
        "object_type": object_type,
        "object_id": "" if object_id is None else str(object_id),
        "on_behalf_of": on_behalf_of,
        "outcome": _choice(outcome, Outcome, "outcome"),
    }
    fields = {name: _clean_text(name, value) for name, value in fields.items()}
    fields["client_ip"] = client_ip(request)
    if request is not None and fields["outcome"] == Outcome.DENIED:
        request.audit_refusal_recorded = True  # the middleware need not record a generic one
    fields["detail"] = normalise_detail(detail)
    fields["timestamp"] = now()

    using = router.db_for_write(AuditEntry)
    if fields["outcome"] in SURVIVING_OUTCOMES and in_application_transaction(connections[using]):
        queue = context.pending_refusals()
        if queue is not None:
            queue.append(fields)
            return None
        logger.warning(
            "Audit entry (%s, %s) recorded inside a transaction outside any refusals_survive_rollback() "
            "scope: it is lost if the transaction rolls back.",
            fields["action"],
            fields["outcome"],
        )
    return _append(fields, using)


def _append(fields, using) -> AuditEntry:
    with transaction.atomic(using=using):
        lock_chain(connections[using])
        last_sequence, last_hash = chain_head(using=using)
        key_id, keys = key_ring()
        entry = AuditEntry(sequence=last_sequence + 1, previous_hash=last_hash, hash_key_id=key_id, **fields)
        entry.entry_hash = chain.compute_hash(entry, keys)
        entry.save(using=using)
    return entry


def in_application_transaction(connection) -> bool:
    """Inside ``transaction.atomic`` opened by the application (not only by a test case's wrapper)."""
    return connection.in_atomic_block and any(
        not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


@contextmanager
def refusals_survive_rollback():
    """Queue refusals recorded inside transactions; write them when the block ends.

    Wrap the outermost unit of work (a request, a command, a task) so that the
    block ends after every transaction inside it. Nested use joins the
    outermost scope. Queued entries are written even when the block ends with
    an exception: that is what they are for.
    """
    with context.pending_scope() as (queue, outermost):
        try:
            yield
        finally:
            if outermost:
                using = router.db_for_write(AuditEntry)
                while queue:
                    _append(queue.pop(0), using)


def record_for_request(request, *, action, **kwargs) -> AuditEntry:
    """``record()`` with the actor, role and client address taken from ``request``."""
    return record(action=action, request=request, **kwargs)


def lock_chain(connection) -> None:
    """Serialise writers to the chain until the current transaction ends."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        elif connection.vendor == "sqlite":
            # Touches no row (so no trigger fires) but takes the write lock.
            cursor.execute("UPDATE audit_auditentry SET sequence = sequence WHERE 0 = 1")


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or with AUDIT_TRUST_X_FORWARDED_FOR the right-most X-Forwarded-For hop.

    Set AUDIT_TRUST_X_FORWARDED_FOR only behind exactly one reverse proxy that
    appends the address it received the request from; everything to the left
    of that hop is whatever the client chose to send.
    """
    if request is None:
        return None
    candidate = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "AUDIT_TRUST_X_FORWARDED_FOR", False):
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if hops:
            candidate = hops[-1]
    return normalise_ip(candidate)


def normalise_ip(value) -> str | None:
    """The address as the database will give it back, or None if it is not one."""
    value = (value or "").strip().split("%", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6:
        return clean_ipv6_address(value)
    return str(address)


def normalise_detail(detail) -> dict:
    """Round-trip through JSON so the stored value hashes the same after a database round-trip."""
    if detail is None:
        return {}
    if not isinstance(detail, dict):
        raise TypeError("Audit detail must be a dict.")
    text = DjangoJSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False).encode(detail)
    if len(text) > MAX_DETAIL_CHARS:
        raise ValueError(f"Audit detail is too long ({len(text)} > {MAX_DETAIL_CHARS} characters); keep it short.")
    return _clean_json(json.loads(text))


def _clean_json(value):
    """No floats (their database round-trip is not exact); no NUL characters (PostgreSQL refuses them)."""
    if isinstance(value, float):
        raise TypeError("Audit detail may not contain floating-point numbers; store them as strings.")
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_clean_json(key): _clean_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean_json(item) for item in value]
    return value


def _choice(value, choices, name) -> str:
    if value not in choices.values:
        raise ValueError(f"Unknown audit {name} {value!r}; expected one of {', '.join(choices.values)}.")
    return str(value)


def _clean_text(name, value) -> str:
    value = str(value or "").replace("\x00", "\ufffd")
    limit = AuditEntry._meta.get_field(name).max_length
    if len(value) > limit:
        raise ValueError(f"Audit field {name} is longer than {limit} characters.")
    return value
