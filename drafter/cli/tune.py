"""`drafter tune`: teach retrieval and wording a team's own ways from its labelled tickets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from drafter.cli.common import console, load_cases_reporting, progress_stages, runtime

if TYPE_CHECKING:
    from drafter.evals.tuning import TuningReport

app = typer.Typer(help="Tune drafter on your own knowledge and labelled tickets.", no_args_is_help=True)

KnowledgeOption = Annotated[list[Path], typer.Option("--kb", help="Knowledge files or folders (repeatable).")]
TenantOption = Annotated[
    str | None,
    typer.Option(help="Tenant to tune; by default the one `drafter eval run` uses for this --kb."),
]
HeldOutOption = Annotated[
    float,
    typer.Option("--held-out", help="Share of conversations kept out of training to measure on.", min=0),
]


@app.command("retrieval")
def tune_retrieval_command(
    kb: KnowledgeOption,
    cases: Annotated[
        Path | None, typer.Option("--cases", help="JSONL cases with labels.relevant_doc_ids.")
    ] = None,
    from_knowledge: Annotated[
        bool,
        typer.Option(
            "--from-knowledge",
            help="Learn from the knowledge's own questions (also asked loosely), headings and titles "
            "(no labels needed).",
        ),
    ] = False,
    tenant: TenantOption = None,
    held_out: HeldOutOption = 0.5,
    write_held_out: Annotated[
        Path | None,
        typer.Option(
            "--write-held-out", help="Write the held-out cases here (JSONL) for `drafter eval run`."
        ),
    ] = None,
    epochs: Annotated[int, typer.Option(help="Passes over the training tickets.", min=1, max=200)] = 10,
    keep_worse: Annotated[
        bool, typer.Option("--keep-worse", help="Save the adapter even when held-out ranking falls.")
    ] = False,
) -> None:
    """Learn a query adapter so the passages that answer rank first; measure it held out.

    From labelled cases (--cases), from the knowledge itself (--from-knowledge), or both.
    """
    from drafter.errors import InputError
    from drafter.evals.runner import eval_tenant
    from drafter.evals.tuning import tune_retrieval
    from drafter.retrieval.tuning import TuningSettings

    if cases is None and not from_knowledge:
        raise InputError("give --cases (labelled tickets), --from-knowledge, or both")
    if write_held_out is not None and cases is None:
        raise InputError("--write-held-out writes held-out cases: it needs --cases")
    rt = runtime()
    loaded = load_cases_reporting(cases)[0] if cases is not None else []
    name = tenant or eval_tenant(kb)
    with progress_stages() as stage:
        report = tune_retrieval(
            rt,
            name,
            loaded,
            kb,
            from_knowledge=from_knowledge,
            held_out_share=held_out,
            settings=TuningSettings(epochs=epochs),
            keep_worse=keep_worse,
            stage=stage,
        )
    print_retrieval_report(name, report)
    if write_held_out is not None and cases is not None:
        count = _write_held_out(cases, write_held_out, held_out, {c.case_id for c in loaded})
        console.print(f"wrote {count} held-out cases to {write_held_out}", highlight=False)


def print_retrieval_report(name: str, report: TuningReport) -> None:
    """What a retrieval tuning run learned from, its held-out scores, and whether it saved."""
    learned = []
    if report.training_tickets:
        learned.append(f"{report.examples} of {report.training_tickets} training tickets")
    if report.knowledge is not None:
        learned.append(
            f"{report.knowledge.training_pairs} of the knowledge's {report.knowledge.pairs} pairs and "
            f"{report.knowledge.tickets} questions asked loosely"
        )
    console.print(f"tenant {name!r}: learned from {' and '.join(learned) or 'nothing'}", highlight=False)
    measured = "held-out tickets" if report.held_out_tickets else "held-out knowledge questions"
    table = Table(measured, "recall@5", "MRR")
    rows = (
        ("untuned", report.before),
        ("from the knowledge", report.knowledge_only),
        ("tuned", report.after),
    )
    for label, scores in rows:
        if scores is not None:
            table.add_row(f"{label} ({scores.tickets})", f"{scores.recall_at_k:.3f}", f"{scores.mrr:.3f}")
    if report.before is not None:
        console.print(table)
    known = report.knowledge
    if known is not None and known.shift_share is not None:
        console.print(
            f"from the knowledge: shift share {known.shift_share}, lexical weight {known.lexical_weight}, "
            f"margins stretched {known.margin_scale:.2f}x",
            highlight=False,
        )
    for note in report.notes:
        console.print(f"[yellow]note[/] {note}", highlight=False)
    if report.kept:
        console.print(f"saved {report.adapter_path}", highlight=False)


@app.command("style")
def tune_style_command(
    cases: Annotated[Path, typer.Option("--cases", help="Cases with the reply that was sent (reference).")],
    kb: KnowledgeOption,
    tenant: TenantOption = None,
    held_out: HeldOutOption = 0.5,
    workers: Annotated[int, typer.Option(help="Cases drafted at once.", min=1, max=32)] = 2,
    keep_worse: Annotated[
        bool, typer.Option("--keep-worse", help="Save the style even when held-out drafts read further off.")
    ] = False,
) -> None:
    """Learn which phrase variants read like the replies your team sent; measure it held out."""
    from drafter.evals.runner import eval_tenant
    from drafter.evals.style_tuning import tune_style

    rt = runtime()
    loaded, _ = load_cases_reporting(cases)
    name = tenant or eval_tenant(kb)
    with progress_stages() as stage:
        report = tune_style(
            rt, name, loaded, kb, held_out_share=held_out, keep_worse=keep_worse, workers=workers, stage=stage
        )
    console.print(f"tenant {name!r}: learned from {report.training_drafts} training drafts", highlight=False)
    if report.style is not None:
        table = Table("line", "drafts", "variants kept")
        for key, line in report.style.info.get("lines", {}).items():
            kept = report.style.preferred.get(key)
            share = f"{len(kept)} of {len(line['closeness'])}" if kept else "all"
            table.add_row(key, str(line["drafts"]), share)
        console.print(table)
    if report.before is not None and report.after is not None:
        console.print(
            f"held-out ({report.held_out_drafts} drafts) ROUGE-L to the sent replies: "
            f"{report.before:.4f} in the bank's mix, {report.after:.4f} styled",
            highlight=False,
        )
    for note in report.notes:
        console.print(f"[yellow]note[/] {note}", highlight=False)
    if report.kept:
        console.print(f"saved {report.style_path}", highlight=False)


def _write_held_out(source: Path, target: Path, share: float, known: set[str]) -> int:
    """Copy the held-out lines of a JSONL case file unchanged, so an eval run reads them as before."""
    from drafter.errors import InputError
    from drafter.evals.cases import load_cases
    from drafter.evals.tuning import labelled_tickets
    from drafter.retrieval.tuning import split_by_conversation

    if source.suffix != ".jsonl":
        raise InputError(f"--write-held-out needs a JSONL case file, not {str(source)!r}")
    _, held = split_by_conversation(labelled_tickets(load_cases(source)), share)
    held_ids = {t.source_id for t in held} & known
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            try:
                case_id = str(json.loads(line).get("case_id"))
            except (json.JSONDecodeError, AttributeError):
                continue
            if case_id in held_ids:
                out.write(line if line.endswith("\n") else line + "\n")
                count += 1
    return count
