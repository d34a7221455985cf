"""report.md and a self-contained report.html (inline SVG charts) for an eval run."""

from __future__ import annotations

import html
from pathlib import Path

from drafter.charts import bars, fmt, histogram, page
from drafter.evals.rows import CaseResult, RunSummary

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


def worst_cases(rows: list[CaseResult], n: int = 10) -> list[CaseResult]:
    """The drafts with the lowest resolution + tone."""
    ok = [r for r in rows if r.ok]
    return sorted(ok, key=lambda r: (r.grade("resolution") or 0) + (r.grade("tone") or 0))[:n]


def markdown(rows: list[CaseResult], summary: RunSummary) -> str:
    """The report as Markdown."""
    m = summary.metrics
    lines = [
        "# drafter eval report",
        "",
        f"{m['cases']} cases, {m['errors']} errors, {m['seconds']} s; "
        f"backend {summary.backend}, judge {summary.judge}.",
        "",
        "| metric | value |" + (" reference |" if summary.reference_metrics else ""),
        "|---|---|" + ("---|" if summary.reference_metrics else ""),
    ]
    refs = summary.reference_metrics or {}
    for key, value in m.items():
        lines.append(f"| {key} | {fmt(value)} |" + (f" {fmt(refs.get(key))} |" if refs else ""))
    lines += ["", "## Principles", "", "| principle | drafts | tone | resolution |", "|---|---|---|---|"]
    for name, p in summary.principles.items():
        lines.append(f"| {name} | {p.drafts} | {fmt(p.tone)} | {fmt(p.resolution)} |")
    lines += ["", "## Worst cases", ""]
    for r in worst_cases(rows):
        lines += [
            f"### {r.case_id} (tone {fmt(r.grade('tone'))}, resolution {fmt(r.grade('resolution'))})",
            "",
            f"**Ticket:** {r.ticket}",
            "",
            f"**Draft:** {r.draft}",
            "",
        ]
        if r.reference:
            lines += [f"**Reference:** {r.reference}", ""]
    return "\n".join(lines) + "\n"


def html_report(rows: list[CaseResult], summary: RunSummary) -> str:
    """The report as one HTML file with no external resources."""
    m = summary.metrics
    ok = [r for r in rows if r.ok]
    hists = "".join(
        histogram([v for r in ok if (v := r.grade(name)) is not None], f"{name} distribution")
        for name in ("tone", "resolution", "grounded_claims", "rouge_l")
    )
    principle_bars = bars(
        [(n, p.resolution) for n, p in summary.principles.items()],
        "mean resolution by principle applied",
    )
    metric_bars = bars([(k, m.get(k)) for k in _BAR_METRICS], "grades (mean)")
    retrieval_bars = bars([(k, m.get(k)) for k in _RETRIEVAL], "retrieval and citations")
    worst = "".join(
        f"<tr><td>{html.escape(r.case_id)}</td><td>{html.escape(r.ticket)}</td>"
        f"<td>{html.escape(r.draft)}</td><td>{html.escape(r.reference or '')}</td>"
        f"<td>{fmt(r.grade('tone'))} / {fmt(r.grade('resolution'))}</td></tr>"
        for r in worst_cases(rows)
    )
    table = "".join(f"<tr><td>{html.escape(k)}</td><td>{fmt(v)}</td></tr>" for k, v in m.items())
    head = (
        f"<p>{m['cases']} cases, {m['errors']} errors, {m['seconds']} s · backend "
        f"{html.escape(str(summary.backend))} · judge {html.escape(str(summary.judge))}</p>"
    )
    body = (
        f"{head}<h2>Metrics</h2><table>{table}</table><h2>Score distributions</h2>{hists}"
        f"<h2>Grades, retrieval, principles</h2>{metric_bars}{retrieval_bars}{principle_bars}"
        "<h2>Worst cases</h2><table><tr><th>case</th><th>ticket</th><th>draft</th><th>reference</th>"
        f"<th>tone / resolution</th></tr>{worst}</table>"
    )
    return page("drafter eval report", body)


def write_reports(out: Path, rows: list[CaseResult], summary: RunSummary) -> None:
    """Write report.md and report.html."""
    (out / "report.md").write_text(markdown(rows, summary), encoding="utf-8")
    (out / "report.html").write_text(html_report(rows, summary), encoding="utf-8")
