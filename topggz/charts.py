"""Charts drawn on the server with matplotlib (pure: the chart's data in, SVG or PNG bytes out).

Two kinds: horizontal bars with a label and the value written beside each bar (``BarChart``), and
a line per month with a dashed norm line (``LineChart``, the department page's waiting-time trend).
A page shows a chart as ``<img src="….svg" width height alt>`` inside a ``<figure>``, with the same
numbers as a table beside it (the accessible view); the image is a document of its own, so the
page's strict CSP does not apply to matplotlib's inline styles (the image views allow them).

- The SVG's root carries ``role="img"``, ``<title>`` and ``<desc>`` (escaped), and its width and
  height in px (one SVG user unit is one CSS pixel: the figure is laid out at 72 units an inch).
- Text stays text (``svg.fonttype: none``); math text is off, so a ``$`` in a label is just a ``$``.
- The output is deterministic (fixed ``svg.hashsalt``, no date in the metadata): the same data give
  the same bytes, so a chart is cached under the hash of its data (``key``) and never invalidated.
- matplotlib is imported on first use (about 0.6 s), not when this module is imported; the object
  API (``Figure``, no pyplot) is thread-safe; the rc settings are set once, on that first use.
- Colour: viridis' #21918c (readable with every common form of colour blindness, 3:1 on white).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
import hashlib
import io
import json
import re
import threading
from xml.sax.saxutils import escape

COLOUR = "#21918c"
NORM_COLOUR = "#5a5a5a"
TEXT_COLOUR = "#1a1a1a"
FONT_PX = 12
UNITS_PER_INCH = 72  # matplotlib's SVG unit (pt); the root's width and height say px, so 1 unit = 1 CSS px
PNG_SCALE = 2  # PNG pixels per CSS pixel: 144 dpi, sharp on a high-density screen and in print
LABEL_CHARACTERS = 40  # longer bar labels are shortened with "…" (the table has them in full)
VERSION = "1"  # part of every cache key: raise it when the drawing changes

RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "topggz",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial", "Helvetica"],  # DejaVu lays out; Verdana is as wide
    "font.size": FONT_PX,
    "text.color": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "axes.edgecolor": NORM_COLOUR,
}

_lock = threading.Lock()
_ready = False


class _Chart:
    @property
    def version(self) -> str:
        """A short hash of the data, for the image's address (?v=): new figures, new address."""
        return key(self)[:12]


@dataclass(frozen=True)
class BarChart(_Chart):
    title: str
    description: str
    items: tuple[tuple[str, float, str], ...]  # (label, value, the value as shown)
    unit: str = ""  # written after each shown value ("%")
    maximum: float | None = None  # the bars' scale (default: the largest value)
    lang: str = "nl"

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in CSS px: known without drawing, for the page's <img width height>."""
        return 640, 24 + 26 * max(len(self.items), 1)


@dataclass(frozen=True)
class LineChart(_Chart):
    title: str
    description: str
    points: tuple[tuple[str, float], ...]  # (x label, value), in order
    y_label: str
    line_label: str  # the legend's name of the line
    norm: float | None = None
    norm_label: str = ""
    lang: str = "nl"

    @property
    def size(self) -> tuple[int, int]:
        return 560, 260


def key(chart) -> str:
    """The hash of a chart's data (and of the drawing's version): its cache key and ETag."""
    data = json.dumps([type(chart).__name__, VERSION, asdict(chart)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def _figure(chart):
    """A bare Figure of the chart's size, with matplotlib imported and set up on first use."""
    global _ready
    if not _ready:
        with _lock:
            if not _ready:
                import matplotlib

                matplotlib.rcParams.update(RC)
                _ready = True
    from matplotlib.figure import Figure

    width, height = chart.size
    return Figure(figsize=(width / UNITS_PER_INCH, height / UNITS_PER_INCH), dpi=UNITS_PER_INCH, facecolor="#ffffff")


def _text_width(texts) -> float:
    """The widest of `texts` in px at the chart's font size (the same font metrics the drawing uses)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(size=FONT_PX)
    return max((text_to_path.get_text_width_height_descent(text, font, ismath=False)[0] for text in texts), default=0.0)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _bars(chart: BarChart):
    figure = _figure(chart)
    width, height = chart.size
    labels = [_short(label) for label, _value, _text in chart.items]
    values = [float(value) for _label, value, _text in chart.items]
    shown = [f"{text}{chart.unit}" for _l, _v, text in chart.items]
    left = min(_text_width(labels) + 14, width * 0.5)  # the labels, their padding and a margin
    axes_width = width - left - 6
    axes = figure.add_axes((left / width, 6 / height, axes_width / width, 1 - 12 / height))
    positions = range(len(values))
    bars = axes.barh(positions, values, height=0.7, color=COLOUR)
    axes.bar_label(bars, labels=shown, padding=4)
    top = max([chart.maximum or 0.0] + values) or 1.0
    room = min(_text_width(shown) + 8, axes_width / 2)  # the longest value, written beside a full bar
    axes.set_xlim(0, top * axes_width / (axes_width - room))
    axes.set_ylim(len(values) - 0.5 if values else 0.5, -0.5)  # the first item on top
    axes.set_yticks(list(positions), labels)
    axes.tick_params(axis="y", length=0, pad=6)
    axes.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    return figure


def _line(chart: LineChart):
    figure = _figure(chart)
    width, height = chart.size
    axes = figure.add_axes((52 / width, 72 / height, 1 - 64 / width, 1 - 104 / height))  # room for the axes' texts and the legend
    labels = [label for label, _value in chart.points]
    values = [float(value) for _label, value in chart.points]
    positions = list(range(len(values)))
    axes.plot(positions, values, color=COLOUR, linewidth=2, marker="o", markersize=5, label=chart.line_label)
    top = max(values + ([chart.norm] if chart.norm is not None else []), default=1.0) or 1.0
    if chart.norm is not None:
        axes.axhline(chart.norm, color=NORM_COLOUR, linewidth=1.2, linestyle=(0, (4, 3)), label=chart.norm_label)
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False, borderaxespad=0.2)
    axes.set_ylim(0, top * 1.15)
    axes.set_xlim(-0.5, max(len(values) - 0.5, 0.5))
    axes.set_xticks(positions, labels, rotation=45, ha="right", rotation_mode="anchor")
    axes.set_ylabel(chart.y_label)
    axes.grid(axis="y", color="#d9d9d9", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


_ROOT = re.compile(rb'<svg ([^>]*?)width="([\d.]+)pt" height="([\d.]+)pt"([^>]*)>')


def _svg(figure, chart) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    width, height = chart.size
    lang = escape(chart.lang, {'"': "&quot;"})

    def root(match) -> bytes:
        return (
            f'<svg {match[1].decode()}width="{width}px" height="{height}px"{match[4].decode()} role="img" '
            f'aria-labelledby="titel beschrijving" xml:lang="{lang}">\n'
            f'<title id="titel">{escape(chart.title)}</title>\n<desc id="beschrijving">{escape(chart.description)}</desc>'
        ).encode("utf-8")

    svg, found = _ROOT.subn(root, svg, count=1)
    if not found:  # pragma: no cover - matplotlib changed its SVG header
        raise ValueError("unexpected SVG root from matplotlib")
    return svg


def _png(figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=UNITS_PER_INCH * PNG_SCALE, metadata={"Software": None})
    return buffer.getvalue()


def bar_chart_svg(chart: BarChart) -> bytes:
    return _svg(_bars(chart), chart)


def bar_chart_png(chart: BarChart) -> bytes:
    return _png(_bars(chart))


def line_chart_svg(chart: LineChart) -> bytes:
    return _svg(_line(chart), chart)


def line_chart_png(chart: LineChart) -> bytes:
    return _png(_line(chart))


RENDERERS = {
    (BarChart, "svg"): bar_chart_svg,
    (BarChart, "png"): bar_chart_png,
    (LineChart, "svg"): line_chart_svg,
    (LineChart, "png"): line_chart_png,
}


def render(chart, fmt: str) -> bytes:
    """The chart as "svg" or "png" bytes."""
    return RENDERERS[(type(chart), fmt)](chart)
