"""`drafter report feedback`: a self-contained HTML report and its JSON."""

from __future__ import annotations

import html
import json
from pathlib import Path

from drafter.charts import bars, fmt, histogram, page, pareto
from drafter.feedback.analytics import Analytics, GroupStats


def _table(title: str, groups: dict[str, GroupStats]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{g.drafts}</td><td>{g.with_feedback}</td><td>{fmt(g.acceptance_rate)}</td>"
        f"<td>{fmt(g.usable_rate)}</td><td>{fmt(g.mean_edit_distance)}</td></tr>"
        for k, g in groups.items()
    )
    return (
        f"<h2>{html.escape(title)}</h2><table><tr><th></th><th>drafts</th><th>with feedback</th>"
        f"<th>accepted</th><th>accepted or light edit</th><th>mean edit distance</th></tr>{rows}</table>"
    )


def html_report(a: Analytics, *, tenant: str, since: str | None) -> str:
    """The feedback report as one HTML file."""
    o = a.overall
    trend = bars([(week, g.acceptance_rate) for week, g in a.by_week.items()], "acceptance rate by week")
    kinds = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in a.edit_categories.items())
    scope = f"Tenant {html.escape(tenant)}" + (f", since {html.escape(since)}" if since else "")
    summary = (
        f"<p>{scope}: {o.drafts} drafts, {o.with_feedback} with feedback; accepted as drafted "
        f"{fmt(o.acceptance_rate)}, accepted or lightly edited {fmt(o.usable_rate)}, mean edit distance "
        f"{fmt(o.mean_edit_distance)}, median time to send {fmt(a.median_seconds_to_send)} s.</p>"
    )
    charts = (
        trend
        + histogram(a.edit_distances, "edit distance of edited replies")
        + pareto(a.principles_behind_edits, "principles behind the edits (Pareto)")
    )
    tables = (
        _table("By principle", a.by_principle)
        + _table("By backend", a.by_backend)
        + _table("By prompt version", a.by_prompt_version)
        + _table("By week", a.by_week)
    )
    return page(
        "drafter feedback report", summary + charts + tables + f"<h2>Edit kinds</h2><table>{kinds}</table>"
    )


def write_report(out: Path, a: Analytics, *, tenant: str, since: str | None) -> None:
    """Write report.html and analytics.json into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.html").write_text(html_report(a, tenant=tenant, since=since), encoding="utf-8")
    (out / "analytics.json").write_text(json.dumps(a.model_dump(mode="json"), indent=2), encoding="utf-8")
