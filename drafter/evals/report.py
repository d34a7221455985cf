"""report.md and a self-contained report.html (inline SVG charts) for an eval run."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

_BAR_METRICS = (
    "tone",
    "resolution",
    "politeness",
    "empathy",
    "clarity",
    "grounded_claim_rate",
    "follow_up_rate",
    "rouge_l",
    "semantic_similarity",
)
_RETRIEVAL = ("recall_at_5", "mrr", "citation_precision", "citation_recall", "citation_f1")


def _fmt(value: Any) -> str:
    return "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def _grade(row: dict[str, Any], name: str) -> float | None:
    return next((g["score"] for g in row.get("grades", []) if g["name"] == name), None)


def worst_cases(rows: list[dict[str, Any]], n: int = 10) -> list[dict[str, Any]]:
    """The drafts with the lowest resolution + tone."""
    ok = [r for r in rows if "error" not in r]
    return sorted(ok, key=lambda r: (_grade(r, "resolution") or 0) + (_grade(r, "tone") or 0))[:n]


def markdown(rows: list[dict[str, Any]], summary: dict[str, Any]) -> str:
    """The report as Markdown."""
    m = summary["metrics"]
    lines = [
        "# drafter eval report",
        "",
        f"{m['cases']} cases, {m['errors']} errors, {m['seconds']} s; "
        f"backend {summary.get('backend')}, judge {summary.get('judge')}.",
        "",
        "| metric | value |" + (" reference |" if "reference_metrics" in summary else ""),
        "|---|---|" + ("---|" if "reference_metrics" in summary else ""),
    ]
    refs = summary.get("reference_metrics", {})
    for key, value in m.items():
        lines.append(f"| {key} | {_fmt(value)} |" + (f" {_fmt(refs.get(key))} |" if refs else ""))
    lines += ["", "## Principles", "", "| principle | drafts | tone | resolution |", "|---|---|---|---|"]
    for name, p in summary.get("principles", {}).items():
        lines.append(f"| {name} | {p['drafts']} | {_fmt(p['tone'])} | {_fmt(p['resolution'])} |")
    lines += ["", "## Worst cases", ""]
    for r in worst_cases(rows):
        lines += [
            f"### {r['case_id']} (tone {_fmt(_grade(r, 'tone'))}, "
            f"resolution {_fmt(_grade(r, 'resolution'))})",
            "",
            f"**Ticket:** {r['ticket']}",
            "",
            f"**Draft:** {r['draft']}",
            "",
        ]
        if r.get("reference"):
            lines += [f"**Reference:** {r['reference']}", ""]
    return "\n".join(lines) + "\n"


def _histogram(values: list[float], title: str) -> str:
    bins = [0] * 10
    for v in values:
        bins[min(9, int(v * 10))] += 1
    top = max(bins) or 1
    bars = "".join(
        f'<rect x="{10 + i * 22}" y="{90 - 80 * b / top:.1f}" width="18" '
        f'height="{80 * b / top:.1f}" fill="#2456d6">'
        f"<title>{i / 10:.1f}-{(i + 1) / 10:.1f}: {b}</title></rect>"
        for i, b in enumerate(bins)
    )
    return (
        f'<figure><svg width="240" height="110" role="img" aria-label="{html.escape(title)}">{bars}'
        f'<line x1="8" y1="90" x2="232" y2="90" stroke="#999"/><text x="8" y="105" font-size="10">0</text>'
        f'<text x="222" y="105" font-size="10">1</text></svg>'
        f"<figcaption>{html.escape(title)}</figcaption></figure>"
    )


def _bars(items: list[tuple[str, float | None]], title: str) -> str:
    rows = "".join(
        f'<text x="0" y="{16 + i * 20}" font-size="12">{html.escape(name)}</text>'
        f'<rect x="170" y="{5 + i * 20}" width="{200 * (v or 0):.1f}" height="14" fill="#1f8a4c"/>'
        f'<text x="{176 + 200 * (v or 0):.1f}" y="{16 + i * 20}" font-size="11">{_fmt(v)}</text>'
        for i, (name, v) in enumerate(items)
    )
    return (
        f'<figure><svg width="420" height="{10 + 20 * len(items)}" role="img" '
        f'aria-label="{html.escape(title)}">'
        f"{rows}</svg><figcaption>{html.escape(title)}</figcaption></figure>"
    )


def html_report(rows: list[dict[str, Any]], summary: dict[str, Any]) -> str:
    """The report as one HTML file with no external resources."""
    m = summary["metrics"]
    ok = [r for r in rows if "error" not in r]
    hists = "".join(
        _histogram([v for r in ok if (v := _grade(r, name)) is not None], f"{name} distribution")
        for name in ("tone", "resolution", "grounded_claims", "rouge_l")
    )
    principle_bars = _bars(
        [(n, p["resolution"]) for n, p in summary.get("principles", {}).items()],
        "mean resolution by principle applied",
    )
    metric_bars = _bars([(k, m.get(k)) for k in _BAR_METRICS], "grades (mean)")
    retrieval_bars = _bars([(k, m.get(k)) for k in _RETRIEVAL], "retrieval and citations")
    worst = "".join(
        f"<tr><td>{html.escape(r['case_id'])}</td><td>{html.escape(r['ticket'])}</td>"
        f"<td>{html.escape(r['draft'])}</td><td>{html.escape(r.get('reference') or '')}</td>"
        f"<td>{_fmt(_grade(r, 'tone'))} / {_fmt(_grade(r, 'resolution'))}</td></tr>"
        for r in worst_cases(rows)
    )
    table = "".join(f"<tr><td>{html.escape(k)}</td><td>{_fmt(v)}</td></tr>" for k, v in m.items())
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>drafter eval report</title>
<style>body{{font:14px system-ui,sans-serif;margin:24px;color:#1d2330}}
figure{{display:inline-block;margin:8px 16px 8px 0}} table{{border-collapse:collapse}}
td,th{{border:1px solid #d9dee7;padding:4px 8px;vertical-align:top;white-space:pre-wrap}}
figcaption{{font-size:12px;color:#5c6677}}</style></head><body>
<h1>drafter eval report</h1><p>{m["cases"]} cases, {m["errors"]} errors, {m["seconds"]} s ·
backend {html.escape(str(summary.get("backend")))} · judge {html.escape(str(summary.get("judge")))}</p>
<h2>Metrics</h2><table>{table}</table>
<h2>Score distributions</h2>{hists}
<h2>Grades, retrieval, principles</h2>{metric_bars}{retrieval_bars}{principle_bars}
<h2>Worst cases</h2><table>
<tr><th>case</th><th>ticket</th><th>draft</th><th>reference</th><th>tone / resolution</th></tr>
{worst}</table></body></html>
"""


def write_reports(out: Path, rows: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    """Write report.md and report.html."""
    (out / "report.md").write_text(markdown(rows, summary), encoding="utf-8")
    (out / "report.html").write_text(html_report(rows, summary), encoding="utf-8")
