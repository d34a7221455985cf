"""Small inline SVG charts for self-contained HTML reports (no scripts, no external files)."""

from __future__ import annotations

import html


def fmt(value: float | int | str | None) -> str:
    """A number for a table cell."""
    return "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def _figure(width: int, height: int, title: str, body: str) -> str:
    label = html.escape(title)
    return (
        f'<figure><svg width="{width}" height="{height}" role="img" aria-label="{label}">{body}</svg>'
        f"<figcaption>{label}</figcaption></figure>"
    )


def histogram(values: list[float], title: str, *, bins: int = 10) -> str:
    """Counts of values in [0, 1] by equal-width bins."""
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(v * bins)))] += 1
    top = max(counts) or 1
    bars = "".join(
        f'<rect x="{10 + i * 22}" y="{90 - 80 * c / top:.1f}" width="18" height="{80 * c / top:.1f}" '
        f'fill="#2456d6"><title>{i / bins:.1f}-{(i + 1) / bins:.1f}: {c}</title></rect>'
        for i, c in enumerate(counts)
    )
    axis = (
        '<line x1="8" y1="90" x2="232" y2="90" stroke="#999"/><text x="8" y="105" font-size="10">0</text>'
        '<text x="222" y="105" font-size="10">1</text>'
    )
    return _figure(240, 110, title, bars + axis)


def bars(items: list[tuple[str, float | None]], title: str, *, scale: float = 1.0) -> str:
    """Horizontal bars, one per labelled value (values up to `scale`)."""
    rows = "".join(
        f'<text x="0" y="{16 + i * 20}" font-size="12">{html.escape(name)}</text>'
        f'<rect x="180" y="{5 + i * 20}" width="{200 * (v or 0) / scale:.1f}" height="14" fill="#1f8a4c"/>'
        f'<text x="{186 + 200 * (v or 0) / scale:.1f}" y="{16 + i * 20}" font-size="11">{fmt(v)}</text>'
        for i, (name, v) in enumerate(items)
    )
    return _figure(440, 10 + 20 * len(items), title, rows)


def pareto(counts: dict[str, int], title: str) -> str:
    """Bars sorted by count with the cumulative share as a line: the few causes behind most."""
    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    total = sum(counts.values()) or 1
    top = max(counts.values(), default=1) or 1
    width = 60
    parts, points, running = [], [], 0
    for i, (name, count) in enumerate(ordered):
        running += count
        x = 30 + i * width
        height = 120 * count / top
        parts.append(
            f'<rect x="{x}" y="{140 - height:.1f}" width="{width - 12}" height="{height:.1f}" fill="#b76a00">'
            f"<title>{html.escape(name)}: {count}</title></rect>"
            f'<text x="{x}" y="156" font-size="9">{html.escape(name[:12])}</text>'
        )
        points.append(f"{x + (width - 12) / 2:.1f},{140 - 120 * running / total:.1f}")
    line = (
        f'<polyline points="{" ".join(points)}" fill="none" stroke="#1d2330" stroke-width="2"/>'
        if points
        else ""
    )
    return _figure(40 + width * max(1, len(ordered)), 165, title, "".join(parts) + line)


_STYLE = """body{font:14px system-ui,sans-serif;margin:24px;color:#1d2330}
figure{display:inline-block;margin:8px 16px 8px 0} table{border-collapse:collapse;margin-bottom:12px}
td,th{border:1px solid #d9dee7;padding:4px 8px;vertical-align:top;white-space:pre-wrap}
figcaption{font-size:12px;color:#5c6677}"""


def page(title: str, body: str) -> str:
    """A complete HTML document around a report body."""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>\n"
    )
