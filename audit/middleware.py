"""Give the audit log the request it is recorded in, and keep refusals that a rollback would lose.

``AuditContextMiddleware`` (near the top of ``MIDDLEWARE``, so that it wraps
everything that may refuse):

- makes the request the current one (``audit.context``), so that every entry
  recorded while serving it carries the actor, the role and the client
  address, whoever records it;
- opens a ``refusals_survive_rollback()`` scope: a ``denied`` or ``failure``
  entry recorded inside a transaction (the admin's change and delete views run
  in ``transaction.atomic``) is written after the view has returned, outside
  that transaction;
- records a ``denied`` entry for a response 403 (``PermissionDenied``, a
  refused CSRF check, a page that answers "no access") when nothing recorded
  a refusal while serving it, so that no refusal goes unrecorded (the admin's
  own permission checks, for instance). Refusals that answer 404 so as not
  to reveal that an object exists record themselves (``accounts.permissions.deny``,
  ``certification.permissions.deny``).
"""

from . import context
from .models import Action, Outcome
from .services import record, refusals_survive_rollback

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def requested_action(request) -> str:
    """The audit action a request attempts: read for safe methods, delete for delete views, else update."""
    if request.method in SAFE_METHODS:
        return Action.READ
    match = getattr(request, "resolver_match", None)
    url_name = (match.url_name or "") if match is not None else ""
    return Action.DELETE if url_name.endswith("delete") else Action.UPDATE


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.audit_refusal_recorded = False
        with context.request_scope(request), refusals_survive_rollback():
            response = self.get_response(request)
            if response.status_code == 403 and not request.audit_refusal_recorded:
                record_refused_request(request)
            return response


def record_refused_request(request) -> None:
    match = getattr(request, "resolver_match", None)
    record(
        action=requested_action(request),
        object_type=(match.view_name if match is not None else "")[:100],
        outcome=Outcome.DENIED,
        detail={"path": request.path[:500], "method": request.method[:10]},
    )
