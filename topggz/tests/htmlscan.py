"""A tiny HTML scanner for the page tests (standard library only)."""

from html.parser import HTMLParser

_ALWAYS_FOCUSABLE = {"button", "select", "textarea", "summary", "iframe"}


def is_focusable(tag: str, attrs: dict) -> bool:
    """True when the element is in the keyboard tab order."""
    if "disabled" in attrs:
        return False
    tabindex = attrs.get("tabindex")
    if tabindex is not None:
        return int(tabindex) >= 0
    if tag == "a":
        return "href" in attrs
    if tag == "input":
        return attrs.get("type", "text") != "hidden"
    return tag in _ALWAYS_FOCUSABLE


class ElementCollector(HTMLParser):
    """Collects (tag, attrs) of every start tag inside <body>, in document order."""

    def __init__(self):
        super().__init__()
        self.in_body = False
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        elif self.in_body:
            self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict]]:
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


def focusable_elements(html: str) -> list[tuple[str, dict]]:
    return [(tag, attrs) for tag, attrs in elements(html) if is_focusable(tag, attrs)]
