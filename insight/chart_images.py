"""A chart (topggz.charts) as an HTTP response: drawn once per data and kept in Django's cache under the
hash of the chart's data (a chart is a pure function of its data, so nothing needs invalidating), with
that hash as ETag (a browser that has it gets 304 without a drawing or a cache lookup) and
Cache-Control.

The image is a document of its own: the page's CSP does not reach inside it, but its own response
needs one. matplotlib writes style attributes and a <style> element, so an image's policy allows
inline styles and nothing else (no scripts, no fetches, no fonts, no images)."""

from __future__ import annotations

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from topggz import charts

CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
CACHE_SECONDS = 60 * 60 * 24 * 30  # the drawing of one set of data; the same data draw the same bytes
MAX_AGE = 60 * 60  # pages ask for an image with ?v=<data hash>, so new figures get a new address anyway

image_csp = csp_replace({
    "default-src": [NONE],
    "script-src": [NONE],
    "style-src": [UNSAFE_INLINE],
    "img-src": [NONE],
    "font-src": [NONE],
    "connect-src": [NONE],
    "form-action": [NONE],
})


def image_bytes(chart, fmt: str) -> bytes:
    """The chart drawn as `fmt` ("svg" or "png"), from the cache when these data were drawn before."""
    cache_key = f"topggz-chart:{fmt}:{charts.key(chart)}"
    content = cache.get(cache_key)
    if content is None:
        content = charts.render(chart, fmt)
        cache.set(cache_key, content, CACHE_SECONDS)
    return content


def image_response(request, chart, fmt: str, *, public: bool = True) -> HttpResponse:
    """The image, or 304 when the browser's copy (If-None-Match) has the same data. `public`: whether a
    shared cache may keep it (not when the data depend on who asks, such as counts under 5 for analysts)."""
    etag = f'"{charts.key(chart)}-{fmt}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(image_bytes(chart, fmt), content_type=CONTENT_TYPES[fmt])
    response["ETag"] = etag
    if public:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=MAX_AGE)
    response["X-Content-Type-Options"] = "nosniff"
    return response
