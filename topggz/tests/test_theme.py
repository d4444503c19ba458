"""The theme's colour pairs meet WCAG 2.1 AA contrast (4.5:1 for text)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

THEME = Path(settings.BASE_DIR) / "topggz" / "static" / "css" / "theme.css"

# (text colour, background colour) as used by the templates and components.
PAIRS = [
    *[
        (text, background)
        for text in [
            "--basis-color-default-color-document",
            "--basis-color-default-color-default",
            "--basis-color-default-color-subtle",
            "--basis-color-accent-1-color-document",
            "--basis-color-accent-1-color-default",
            "--basis-color-accent-1-color-subtle",
            "--basis-color-action-2-color-default",
            "--basis-color-action-2-color-hover",
            "--basis-color-action-2-color-active",
        ]
        for background in [
            "--basis-color-default-bg-document",
            "--basis-color-default-bg-subtle",
            "--basis-color-default-bg-default",
            "--basis-color-accent-1-bg-subtle",
            "--basis-color-accent-1-bg-default",
            "--basis-color-action-2-bg-subtle",
        ]
    ],
    *[
        (text, background)
        for text in ["--basis-color-accent-1-inverse-color-document", "--basis-color-accent-1-inverse-color-subtle"]
        for background in [
            "--basis-color-accent-1-inverse-bg-default",
            "--basis-color-accent-1-inverse-bg-hover",
            "--basis-color-accent-1-inverse-bg-active",
            "--basis-color-accent-1-inverse-bg-subtle",
            "--basis-color-accent-1-inverse-bg-document",
        ]
    ],
    *[
        (text, background)
        for text in ["--basis-color-default-inverse-color-document", "--basis-color-default-inverse-color-subtle"]
        for background in [
            "--basis-color-default-inverse-bg-default",
            "--basis-color-default-inverse-bg-document",
            "--basis-color-default-inverse-bg-subtle",
        ]
    ],
    ("--basis-focus-color", "--basis-focus-background-color"),
]


def theme_tokens() -> dict[str, str]:
    text = THEME.read_text(encoding="utf-8")
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", text))


def resolve(tokens: dict[str, str], name: str) -> str:
    value = tokens[name].strip()
    while match := re.fullmatch(r"var\((--[\w-]+)\)", value):
        value = tokens[match.group(1)].strip()
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", value), f"{name} does not resolve to a #rrggbb colour: {value}"
    return value


def relative_luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    lighter, darker = sorted([relative_luminance(a), relative_luminance(b)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_the_wcag_extremes():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("text,background", PAIRS, ids=[f"{t[8:]} on {b[8:]}" for t, b in PAIRS])
def test_theme_text_colour_has_at_least_4_5_to_1_contrast_on_its_background(text, background):
    tokens = theme_tokens()

    ratio = contrast(resolve(tokens, text), resolve(tokens, background))

    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"
