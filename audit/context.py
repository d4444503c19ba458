"""What ``audit.services.record`` knows about the request it runs in.

Two context variables, set by ``audit.middleware.AuditContextMiddleware`` for
every request (and the second by ``audit.services.refusals_survive_rollback``
for code outside a request):

- the current request, so that every entry made while serving it carries the
  actor, the role and the client address, even when the code that records
  (a service, a selector) was never handed the request;
- the refusals waiting to be written: a refusal recorded inside a database
  transaction would be rolled back with it, so it is queued here and written
  when the scope ends, after the transaction is over.

Context variables are per thread and per asyncio task, so concurrent requests
never see each other's values.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_current_request: ContextVar = ContextVar("audit_current_request", default=None)
_pending: ContextVar = ContextVar("audit_pending_refusals", default=None)


def current_request():
    """The request being served in this thread or task, or None."""
    return _current_request.get()


@contextmanager
def request_scope(request):
    token = _current_request.set(request)
    try:
        yield request
    finally:
        _current_request.reset(token)


def pending_refusals() -> list | None:
    """The queue of the innermost open scope, or None outside any scope."""
    return _pending.get()


@contextmanager
def pending_scope():
    """Open a queue unless one is open already; yields (queue, is_outermost)."""
    queue = _pending.get()
    if queue is not None:
        yield queue, False
        return
    queue = []
    token = _pending.set(queue)
    try:
        yield queue, True
    finally:
        _pending.reset(token)
