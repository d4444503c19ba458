"""One spelling per e-mail address: the key for log-in, lock-out, registration,
password reset and invitations.

Pure functions, no database access. An address is stored, looked up and
counted (django-axes) only in its normalised form, so that
``ANALYST@topggz.example`` and `` analyst@topggz.example`` are the same account
and the same lock-out as ``analyst@topggz.example``.
"""

import unicodedata


def normalize_email(value) -> str:
    """The address as the platform keys it: NFKC, surrounding white space removed, case-folded.

    The whole address is case-folded, the local part included: every mail
    provider our users have treats it case-insensitively, and two accounts that
    differ only in case would be one person locked out under two names.
    """
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


def axes_username(request, credentials=None) -> str | None:
    """django-axes' AXES_USERNAME_CALLABLE: count failures and lock by the normalised address.

    Axes calls it with the credentials given to ``authenticate`` (or the failed
    log-in signal's), or with only the request; the form field is ``username``.
    """
    value = None
    if credentials:
        value = credentials.get("username", credentials.get("email"))
    if value is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get("username")
    return None if value is None else normalize_email(value)
