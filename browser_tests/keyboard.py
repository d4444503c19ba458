"""Keyboard-only helpers: where focus is, and tabbing until it reaches something."""

from __future__ import annotations

import pytest

DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`;
}"""


def focused(page) -> str:
    """A short description of the focused element, for assertions and messages."""
    return page.evaluate(DESCRIBE_FOCUS)


def focus_matches(page, selector: str) -> bool:
    return page.evaluate("sel => !!document.activeElement && document.activeElement.matches(sel)", selector)


def focus_is_inside(page, selector: str) -> bool:
    return page.evaluate(
        "sel => { const c = document.querySelector(sel); return !!c && c.contains(document.activeElement)"
        " && document.activeElement !== c; }",
        selector,
    )


def tab_until(page, selector: str, limit: int = 60) -> int:
    """Press Tab until the focused element matches ``selector``; returns the number of presses."""
    visited = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focus_matches(page, selector):
            return presses
        visited.append(focused(page))
    pytest.fail(f"{selector} not reached in {limit} Tab presses; focus went to: {visited}", pytrace=False)
