"""Template context shared by every page of the site."""

from django.conf import settings

DEFAULT_ACCESSIBILITY_CONTACT_EMAIL = "toegankelijkheid@topggz.example"


def site(request):
    """Values the base layout and the accessibility statement need on every page."""
    return {
        "accessibility_contact_email": getattr(
            settings, "ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_ACCESSIBILITY_CONTACT_EMAIL
        ),
    }
