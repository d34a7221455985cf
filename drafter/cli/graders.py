"""`drafter graders`: fit a grader on a team's own labels; list the graders a tenant grades with."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from drafter.cli.common import console, progress_bar, runtime
from drafter.errors import InputError

app = typer.Typer(help="Graders: fit them on your own labels, list them.", no_args_is_help=True)


@app.command("fit")
def fit(
    grader: Annotated[str, typer.Option("--grader", help="Grader to fit: politeness or empathy.")],
    labels: Annotated[Path, typer.Option("--labels", help="JSONL of labelled replies.")],
    tenant: Annotated[str | None, typer.Option(help="Tenant (DRAFTER_TENANT by default).")] = None,
    held_out: Annotated[float, typer.Option("--held-out", help="Share of rows kept to judge on.")] = 0.3,
    keep_worse: Annotated[
        bool, typer.Option("--keep-worse", help="Save even if it agrees with people less.")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the grader file here instead of the tenant's folder.")
    ] = None,
) -> None:
    """Fit a grader on labelled replies, judge it on held-out rows against the current one, save it."""
    from drafter.graders import LEARNED, tenant_dir
    from drafter.graders.fitting import fit_grader
    from drafter.graders.labels import load_labels

    if grader not in LEARNED:
        raise InputError(f"--grader {grader!r}: graders that can be fitted are {', '.join(LEARNED)}")
    rt = runtime()
    name = tenant or rt.settings.tenant
    current = rt.graders(name)
    rows = load_labels(labels)
    previous = current.models.get(grader)
    version = (previous.version + 1) if previous is not None else 3
    with progress_bar("Reading labelled replies") as bar:
        bar.total(len(rows))
        report = fit_grader(
            grader,
            rows,
            labels,
            vectors=rt.grader_vectors,
            baseline=lambda g: current.part(grader, g).score,
            version=version,
            held_out=held_out,
            keep_worse=keep_worse,
            on_progress=bar.advance,
        )
    card = report.model.card
    table = Table("held-out rows", report.headline + " before", report.headline + " after")
    before = "-" if report.before is None else f"{report.before:.4f}"
    table.add_row(str(card.n_held_out), before, f"{report.after:.4f}")
    console.print(table)
    for key, interval in card.agreement.items():
        console.print(f"{key}: {interval.text()}", highlight=False)
    if not report.kept:
        console.print(
            f"not saved: the new grader agrees with people less than "
            f"{previous.ref if previous else 'the current one'} on the held-out rows "
            "(--keep-worse saves it anyway)",
            highlight=False,
        )
        raise typer.Exit(1)
    path = out or tenant_dir(rt.settings.data_dir, name) / f"{grader}.json"
    report.model.save(path)
    console.print(f"saved {report.model.ref} to {path}", highlight=False)


@app.command("list")
def list_graders(
    tenant: Annotated[str | None, typer.Option(help="Tenant (DRAFTER_TENANT by default).")] = None,
) -> None:
    """Every grader a tenant grades with, its version, file and what its score means."""
    rt = runtime()
    graders = rt.graders(tenant or rt.settings.tenant)
    files = {f.grader: f for f in graders.files}
    table = Table("grader", "version", "file", "meaning")
    for ref in graders.refs():
        name = ref.split("@")[0]
        where = files[name].source if name in files else "rule"
        table.add_row(name, ref, where, graders.meaning(name))
    console.print(table)
