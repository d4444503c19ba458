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
- records a ``denied`` entry for a view that refuses with ``PermissionDenied``
  (a 403) without having recorded a refusal itself, so that no refusal goes
  unrecorded (the admin's own permission checks, for instance).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

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
            return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied) and not isinstance(exception, Http404):
            if not getattr(request, "audit_refusal_recorded", False):
                match = request.resolver_match
                record(
                    action=requested_action(request),
                    object_type=(match.view_name if match is not None else "")[:100],
                    outcome=Outcome.DENIED,
                    detail={"path": request.path[:500], "method": request.method},
                )
        return None
