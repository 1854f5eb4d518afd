"""Charts drawn on the server as inline SVG: no script, works offline and prints.

Each chart carries a <title> and an aria-label; the same numbers are in a table next
to it for screen readers and for copying.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .stats import Rate

BAR = "#0b5cad"
TARGET = "#b3161b"
AXIS = "#5b6676"


def _pct(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def bar_chart(
    rates: list[Rate], *, title: str, target: float | None = None, width: int = 640
) -> SafeString:
    """Horizontal bars of % satisfied (0–100) with the 95% interval as a whisker."""
    rows = [r for r in rates if r.percent is not None]
    if not rows:
        return mark_safe("")
    label_w, row_h, top, right = 190, 30, 24, 56
    plot_w = width - label_w - right
    height = top + row_h * len(rows) + 24

    def x(value: float) -> float:
        return label_w + plot_w * max(0.0, min(100.0, value)) / 100

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="{top - 6}" x2="{x(tick):.1f}" '
            f'y2="{height - 20}" stroke="#d9dee5"/>'
            f'<text x="{x(tick):.1f}" y="{height - 6}" font-size="11" fill="{AXIS}" '
            f'text-anchor="middle">{tick}%</text>'
        )
    for i, rate in enumerate(rows):
        y = top + i * row_h
        label = rate.label if len(rate.label) <= 30 else rate.label[:29] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="#1c2430">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{x(rate.percent) - label_w:.1f}" '
            f'height="{row_h - 12}" fill="{BAR}" rx="2"/>'
        )
        if rate.low is not None and rate.high is not None:
            mid = y + row_h / 2 - 2
            parts.append(
                f'<line x1="{x(rate.low):.1f}" y1="{mid}" x2="{x(rate.high):.1f}" y2="{mid}" '
                f'stroke="#1c2430" stroke-width="1.5"/>'
                f'<line x1="{x(rate.low):.1f}" y1="{mid - 5}" x2="{x(rate.low):.1f}" '
                f'y2="{mid + 5}" stroke="#1c2430"/>'
                f'<line x1="{x(rate.high):.1f}" y1="{mid - 5}" x2="{x(rate.high):.1f}" '
                f'y2="{mid + 5}" stroke="#1c2430"/>'
            )
        parts.append(
            f'<text x="{width - right + 6}" y="{y + 15}" font-size="12" '
            f'fill="#1c2430">{_pct(rate.percent)}%</text>'
        )
    if target is not None:
        parts.append(
            f'<line x1="{x(target):.1f}" y1="{top - 10}" x2="{x(target):.1f}" '
            f'y2="{height - 20}" stroke="{TARGET}" stroke-dasharray="4 3" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def line_chart(rates: list[Rate], *, title: str, width: int = 640, height: int = 220) -> SafeString:
    """% satisfied per period, with the 95% interval as a shaded band."""
    rows = [r for r in rates if r.percent is not None]
    if not rows:
        return mark_safe("")
    left, right, top, bottom = 44, 16, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    low_axis = max(0.0, min((r.low if r.low is not None else r.percent) for r in rows) - 5)
    low_axis = float(int(low_axis // 10 * 10))

    def x(i: int) -> float:
        return left + (plot_w * i / (len(rows) - 1) if len(rows) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h * (100 - value) / (100 - low_axis)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    step = 10 if 100 - low_axis > 20 else 5
    tick = low_axis
    while tick <= 100:
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" '
            f'stroke="#d9dee5"/><text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="11" '
            f'fill="{AXIS}" text-anchor="end">{int(tick)}%</text>'
        )
        tick += step
    band_top = " ".join(
        f"{x(i):.1f},{y(r.high if r.high is not None else r.percent):.1f}"
        for i, r in enumerate(rows)
    )
    band_bottom = " ".join(
        f"{x(i):.1f},{y(r.low if r.low is not None else r.percent):.1f}"
        for i, r in reversed(list(enumerate(rows)))
    )
    parts.append(f'<polygon points="{band_top} {band_bottom}" fill="#0b5cad" opacity="0.15"/>')
    line = " ".join(f"{x(i):.1f},{y(r.percent):.1f}" for i, r in enumerate(rows))
    parts.append(f'<polyline points="{line}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for i, rate in enumerate(rows):
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(rate.percent):.1f}" r="3" fill="{BAR}"/>'
            f'<text x="{x(i):.1f}" y="{height - 10}" font-size="10" fill="{AXIS}" '
            f'text-anchor="middle">{escape(rate.label[:2])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
