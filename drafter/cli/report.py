"""`drafter report feedback`: what agents did with the drafts, as HTML with charts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.common import console, runtime
from drafter.errors import InputError

app = typer.Typer(help="Reports on stored drafts and feedback.", no_args_is_help=True)


def parse_day(text: str | None) -> datetime | None:
    """A YYYY-MM-DD date as the start of that day in UTC."""
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError as exc:
        raise InputError(f"--since {text!r}: expected a date as YYYY-MM-DD") from exc


@app.command("feedback")
def feedback(
    out: Annotated[Path, typer.Option("--out", help="Folder for report.html and analytics.json.")],
    since: Annotated[str | None, typer.Option(help="Only drafts made on or after YYYY-MM-DD.")] = None,
    tenant: Annotated[str | None, typer.Option(help="Tenant (DRAFTER_TENANT by default).")] = None,
) -> None:
    """Acceptance trend, edit-distance histogram and a Pareto of the principles behind edits."""
    from drafter.feedback.analytics import analyze
    from drafter.feedback.report import write_report
    from drafter.store import DraftStore

    rt = runtime()
    name = tenant or rt.settings.tenant
    analytics = analyze(DraftStore(rt.engine, tenant=name).outcomes(parse_day(since)))
    write_report(out, analytics, tenant=name, since=since)
    o = analytics.overall
    console.print(
        f"{o.drafts} drafts, {o.with_feedback} with feedback, acceptance {o.acceptance_rate}, "
        f"mean edit distance {o.mean_edit_distance}; wrote {out}/report.html",
        highlight=False,
    )
