import datetime

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from register.selectors import register_summary

# The accessibility statement (topggz/templates/accessibility.html): the date it was drawn up (change it
# with the text) and the date of the last check its status and known problems come from (the browser
# tests: axe-core on every page they open, keyboard and reflow tests; change it with a new check).
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 12, 6)
ACCESSIBILITY_LAST_CHECKED = datetime.date(2026, 12, 6)
ACCESSIBILITY_RESPONSE_WORKING_DAYS = 5  # an answer to a reported problem within this many working days


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not ready"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_safe
def home(request):
    """What the platform is for, and how big the register is."""
    return render(request, "home.html", {"summary": register_summary()})


@require_safe
def accessibility(request):
    """The accessibility statement (toegankelijkheidsverklaring)."""
    return render(
        request,
        "accessibility.html",
        {
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
            "last_checked": ACCESSIBILITY_LAST_CHECKED,
            "response_days": ACCESSIBILITY_RESPONSE_WORKING_DAYS,
        },
    )
