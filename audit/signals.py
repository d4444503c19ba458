"""Logout, failed logins and lockouts go into the audit log.

The steps of a successful log-in (password accepted, second factor, ``login``)
are recorded by ``accounts.services``, which knows which factors a role needs.

Connected in ``AuditConfig.ready()``. A failed login stores the e-mail address
that was tried (an account identifier, not patient content), cut to the
length of an e-mail field so that hostile input cannot make the write fail.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out, user_login_failed

from .models import Action, Outcome
from .services import record

MAX_ATTEMPTED_EMAIL = 254


def connect():
    user_logged_out.connect(on_logout, dispatch_uid="audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    if apps.is_installed("axes"):
        from axes.signals import user_locked_out

        user_locked_out.connect(on_lockout, dispatch_uid="audit.lockout")


def _user_type():
    return get_user_model()._meta.label_lower


def _attempted(value) -> str:
    return str(value or "")[:MAX_ATTEMPTED_EMAIL]


def on_logout(sender, request=None, user=None, **kwargs):
    if user is None:  # the session was not logged in
        return
    record(action=Action.LOGOUT, actor=user, request=request, object_type=_user_type(), object_id=user.pk)


def on_login_failed(sender, credentials=None, request=None, **kwargs):
    credentials = credentials or {}
    attempted = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    record(
        action=Action.LOGIN_FAILED,
        outcome=Outcome.FAILURE,
        request=request,
        object_type=_user_type(),
        detail={"attempted_email": _attempted(attempted)},
    )


def on_lockout(sender, request=None, username=None, **kwargs):
    record(
        action=Action.LOCKOUT,
        outcome=Outcome.DENIED,
        request=request,
        object_type=_user_type(),
        detail={"attempted_email": _attempted(username)},
    )
