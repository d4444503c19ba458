"""HTTP helpers of the API: problem responses, conditional reads (ETag, Last-Modified), rate limits.

Every read of the open data answers with ``ETag`` and ``Last-Modified`` from the register's index
stamp (register.services.register_changed(): every write to the register changes it), and answers
``304 Not Modified`` to a matching ``If-None-Match`` or ``If-Modified-Since`` before doing any work.
"""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

from audit.services import client_ip
from register.models import SearchIndexState
from register.search.index import ensure_index

from .rules.etags import etag_for
from .rules.problems import PROBLEM_CONTENT_TYPE, problem
from .rules.rates import Rate, parse_rate

JSON = "application/json"
CACHE_CONTROL = "public, max-age=60"


def json_response(data, *, status: int = 200, content_type: str = JSON) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), status=status, content_type=content_type
    )


def problem_response(status: int, detail: str = "", *, request=None, invalid_params=None, headers=None) -> HttpResponse:
    body = problem(status, detail, instance=request.path if request is not None else "", invalid_params=invalid_params)
    response = json_response(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# --- the register's version -----------------------------------------------------------------


def register_version() -> tuple[str, object]:
    """(stamp, changed_at) of the register now: one query (two when the stamp must be made first)."""
    row = SearchIndexState.objects.filter(pk=1).values_list("stamp", "changed_at").first()
    if row is None or row[1] is None:
        ensure_index()
        row = SearchIndexState.objects.filter(pk=1).values_list("stamp", "changed_at").first()
    return row


def conditional(request, build, *, extra: str = ""):
    """Answer ``build()`` (an HttpResponse) with ETag and Last-Modified, or 304 when the client's
    copy is current. `extra`: anything else the answer depends on (e.g. the token's department)."""
    stamp, changed_at = register_version()
    etag = '"%s"' % etag_for(
        stamp, request.path, request.META.get("QUERY_STRING", ""), timezone.localdate(), get_language() or "", extra
    )
    last_modified = int(changed_at.timestamp()) if changed_at else None
    if request.method in ("GET", "HEAD"):
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            _validators(not_modified, etag, last_modified)
            return not_modified
    response = build()
    if 200 <= response.status_code < 300:
        _validators(response, etag, last_modified)
    return response


def _validators(response, etag, last_modified):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL


# --- rate limits ------------------------------------------------------------------------------


def _rate(setting: str) -> Rate | None:
    return parse_rate(getattr(settings, setting, ""))


def rate_limited(key: str, setting: str):
    """None when this request is within the rate named by `setting` for `key`; else the response 429.

    Fixed windows counted in the cache API_RATE_LIMIT_CACHE (``add`` then ``incr``: atomic on
    Redis, Memcached and the database cache; per process with the local-memory default).
    """
    rate = _rate(setting)
    if rate is None:
        return None
    now = time.time()
    cache = caches[settings.API_RATE_LIMIT_CACHE]
    cache_key = f"api-rate:{setting}:{key}:{rate.window(now)}"
    if cache.add(cache_key, 1, timeout=rate.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=rate.seconds + 1)
            count = 1
    if count <= rate.requests:
        return None
    retry = rate.retry_after(now)
    return {"Retry-After": str(retry), "RateLimit-Policy": f"{rate.requests};w={rate.seconds}"}


def anonymous_key(request) -> str:
    return client_ip(request) or "unknown"
