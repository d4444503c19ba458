"""Check pages with axe-core (node_modules/axe-core, pinned in package.json).

With JavaScript on, axe's source is evaluated in the page (``page.evaluate``) and
``axe.run`` checks the document as the visitor sees it. ``page.add_script_tag``
cannot be used: it inserts an inline script, which the site's
Content-Security-Policy (``script-src 'self'``) rightly blocks. ``evaluate``
goes through the DevTools protocol, which the CSP does not govern, so the page
keeps its real CSP while it is checked (no ``bypass_csp``).

With JavaScript off, axe cannot run in that page: ``evaluate`` still works
there, but ``axe.run`` never finishes because the page's timers never fire.
So ``assert_no_axe_violations_without_js`` takes the no-JavaScript DOM
(``<noscript>`` contents unwrapped into the document, as that browser rendered
them; ``<script>`` elements removed) and loads it in a JavaScript page *at the
same address*: the navigation is answered by the live server (same status
line and headers, so the same CSP) with only the body replaced, and every
script request is refused. Stylesheets and images load from the same origin as
before, so layout, colours and contrast are the ones the no-JavaScript visitor
gets, and axe checks exactly the markup that visitor got. (The one thing that
could differ is CSS under ``@media (scripting: none)``, which the site does not
use.)
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urldefrag

import pytest

from .environment import ROOT, unavailable

AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# Run in the no-JavaScript page (evaluate works there; the page's own scripts
# never ran): make the DOM what a scripting browser would parse to show the same.
FREEZE_NOJS_DOM = """() => {
  for (const el of document.querySelectorAll('noscript')) el.replaceWith(...el.childNodes);
  for (const el of document.querySelectorAll('script')) el.remove();
}"""


@cache
def axe_source() -> str:
    if not AXE_PATH.is_file():
        unavailable(f"axe-core is missing at {AXE_PATH}: run `npm ci`")
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """axe's WCAG 2.1 A/AA violations for the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def assert_no_axe_violations(page, what: str | None = None) -> None:
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {what or page.url}:\n{describe(violations)}",
            pytrace=False,
        )


def assert_no_axe_violations_without_js(page_nojs, axe_page) -> None:
    """Check the page that ``page_nojs`` (JavaScript off) shows now, with axe run in ``axe_page``.

    Call it last: it rewrites ``page_nojs``'s DOM (noscript unwrapped, scripts removed).
    """
    address, _fragment = urldefrag(page_nojs.url)
    page_nojs.evaluate(FREEZE_NOJS_DOM)
    html = page_nojs.content()

    def answer(route):
        request = route.request
        if request.is_navigation_request() and urldefrag(request.url)[0] == address:
            # The server's real answer (headers, CSP), with the no-JS DOM as body.
            response = route.fetch()
            headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
            route.fulfill(status=response.status, headers=headers, body=html)
        elif request.resource_type == "script":
            route.abort()
        else:
            route.continue_()

    axe_page.route("**/*", answer)
    axe_page.goto(address)
    assert not axe_page.evaluate("() => document.querySelector('script') !== null"), "scripts were not removed"
    assert_no_axe_violations(axe_page, f"{address} without JavaScript")
