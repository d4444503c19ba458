"""Staff may not reach any page until they have passed the second factor."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation
from django.urls import reverse

from .roles import requires_two_factor

# Paths that a logged-in user who has not yet passed the second factor may use.
_OPEN_PREFIXES = ("/static/", "/healthz", "/i18n/")
_OPEN_URL_NAMES = (
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:logout",
)


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and requires_two_factor(user.role, user.is_superuser)
            and not user.is_verified()
            and not self._is_open(request.path)
        ):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith(_OPEN_PREFIXES):
            return True
        with translation.override(settings.LANGUAGE_CODE):
            open_paths = {reverse(name) for name in _OPEN_URL_NAMES}
        for code, _name in settings.LANGUAGES:
            prefix = f"/{code}/"
            if path.startswith(prefix):
                path = "/" + path[len(prefix):]
                break
        return path in open_paths
