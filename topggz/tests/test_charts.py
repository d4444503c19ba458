"""Charts drawn by matplotlib (topggz/charts.py): an accessible, deterministic SVG (role, title, description,
size in px, the data's labels as text) and a PNG, from data alone; matplotlib is imported only to draw."""

import re
import subprocess
import sys
from pathlib import Path

from topggz import charts

ROOT = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

BARS = charts.BarChart(
    "Inwoners binnen 50 km, per provincie",
    "Groningen: 81,5%; Utrecht: 100%",
    (("Groningen", 81.5, "81,5"), ("Utrecht", 100.0, "100")),
    unit="%",
    maximum=100,
)
LINE = charts.LineChart(
    "Verloop van de totale wachttijd",
    "Totale wachttijd per maand van 2026-10 (10 weken) tot 2026-11 (20 weken); de norm is 14 weken.",
    (("2026-10", 10.0), ("2026-11", 20.0)),
    y_label="weken",
    line_label="Totale wachttijd",
    norm=14.0,
    norm_label="Norm: 14 weken",
)


def root(svg: bytes) -> str:
    return re.search(r"<svg [^>]*>", svg.decode()).group(0)


def texts(svg: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg.decode(), re.S)]


def test_a_bar_chart_svg_is_an_image_with_its_title_description_and_size_in_px():
    svg = charts.bar_chart_svg(BARS)
    width, height = BARS.size
    assert 'role="img"' in root(svg) and 'aria-labelledby="titel beschrijving"' in root(svg)
    assert f'width="{width}px" height="{height}px"' in root(svg)
    assert '<title id="titel">Inwoners binnen 50 km, per provincie</title>' in svg.decode()
    assert '<desc id="beschrijving">Groningen: 81,5%; Utrecht: 100%</desc>' in svg.decode()


def test_a_bar_chart_svg_writes_each_label_and_value_as_text():
    assert {"Groningen", "Utrecht", "81,5%", "100%"} <= set(texts(charts.bar_chart_svg(BARS)))


def test_a_line_chart_svg_has_the_months_the_norm_and_its_title():
    svg = charts.line_chart_svg(LINE)
    assert {"2026-10", "2026-11", "Norm: 14 weken", "weken"} <= set(texts(svg))
    assert "<title id=\"titel\">Verloop van de totale wachttijd</title>" in svg.decode() and 'role="img"' in root(svg)
    assert "stroke-dasharray" in svg.decode()  # the norm is a dashed line


def test_text_from_the_data_is_escaped_and_a_dollar_is_not_math():
    chart = charts.BarChart("A <b> & B", "x < y", (("Kosten $5 & <meer>", 5.0, "5"),))
    svg = charts.bar_chart_svg(chart).decode()
    assert "<title id=\"titel\">A &lt;b&gt; &amp; B</title>" in svg and "<desc id=\"beschrijving\">x &lt; y</desc>" in svg
    assert "Kosten $5 &amp; &lt;meer&gt;" in texts(charts.bar_chart_svg(chart))
    assert "<b>" not in svg and "<meer>" not in svg


def test_a_long_label_is_shortened_in_the_chart():
    chart = charts.BarChart("t", "d", (("Een heel erg lange reden om een vraag af te wijzen, langer dan veertig tekens", 1.0, "1"),))
    label = next(t for t in texts(charts.bar_chart_svg(chart)) if t.startswith("Een heel"))
    assert label.endswith("…") and len(label) == charts.LABEL_CHARACTERS


def test_the_png_of_each_kind_is_a_png():
    assert charts.bar_chart_png(BARS).startswith(PNG_SIGNATURE)
    assert charts.line_chart_png(LINE).startswith(PNG_SIGNATURE)


def test_the_png_is_twice_the_svg_size_in_pixels():
    png = charts.line_chart_png(LINE)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (LINE.size[0] * charts.PNG_SCALE, LINE.size[1] * charts.PNG_SCALE)


def test_the_same_data_draw_the_same_bytes():
    same = charts.BarChart(*[getattr(BARS, f) for f in ("title", "description", "items", "unit", "maximum")])
    assert charts.bar_chart_svg(BARS) == charts.bar_chart_svg(same)
    assert charts.line_chart_svg(LINE) == charts.line_chart_svg(LINE)


def test_the_svg_carries_no_date():
    assert b"<dc:date>" not in charts.line_chart_svg(LINE)


def test_the_key_follows_the_data():
    other = charts.BarChart(BARS.title, BARS.description, (("Groningen", 81.6, "81,6"), ("Utrecht", 100.0, "100")), "%", 100)
    assert charts.key(BARS) == charts.key(BARS) and charts.key(BARS) != charts.key(other)
    assert BARS.version == charts.key(BARS)[:12]


def test_render_chooses_the_drawing_by_kind_and_format():
    assert charts.render(LINE, "svg") == charts.line_chart_svg(LINE)
    assert charts.render(BARS, "png").startswith(PNG_SIGNATURE)


def test_importing_the_module_does_not_import_matplotlib_or_django():
    script = "import sys, topggz.charts; print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'django')))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_bar_chart_without_items_still_draws_its_title():
    empty = charts.BarChart("Afwijzingen per reden", "", ())
    assert '<title id="titel">Afwijzingen per reden</title>' in charts.bar_chart_svg(empty).decode()
    assert charts.bar_chart_png(empty).startswith(PNG_SIGNATURE)
