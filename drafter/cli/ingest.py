"""`drafter ingest knowledge|history`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafter.cli.common import console, err_console, progress_bar, progress_stages, runtime
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import LoadProblems, OnError, load_customers, load_knowledge

if TYPE_CHECKING:
    from drafter.runtime import Runtime

app = typer.Typer(help="Load knowledge and customer histories into the store.", no_args_is_help=True)

OnErrorOption = Annotated[
    str,
    typer.Option(
        "--on-error", help="What to do with a malformed line: skip it (reported) or stop."
    ),
]


def _on_error(value: str) -> OnError:
    if value not in {"skip", "stop"}:
        raise typer.BadParameter(f"{value!r}: use 'skip' or 'stop'", param_hint="--on-error")
    return "skip" if value == "skip" else "stop"


def _report_problems(problems: LoadProblems) -> None:
    for item in problems.items:
        err_console.print(f"[yellow]skipped[/] {item}", highlight=False, soft_wrap=True)


@app.command("knowledge")
def knowledge(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .md .html .txt .jsonl")],
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove stored docs that are no longer in PATHS.")
    ] = False,
    on_error: OnErrorOption = "skip",
    tune_retrieval: Annotated[
        bool,
        typer.Option(
            "--tune-retrieval",
            help="Then learn the tenant's query adapter from the knowledge's own questions, headings "
            "and titles (as `drafter tune retrieval --from-knowledge`).",
        ),
    ] = False,
) -> None:
    """Ingest help articles, policies and macros; unchanged documents cost nothing."""
    rt = runtime()
    problems = LoadProblems()
    docs = list(load_knowledge(paths, on_error=_on_error(on_error), problems=problems))
    indexes = rt.knowledge_indexes()
    # With routing by language on, each model's collections get the same chunks, embedded by it.
    for index in indexes:
        label = f" with {index.embedder.name}" if len(indexes) > 1 else ""
        with progress_bar(f"embedding chunks{label}") as bar:
            report = ingest_knowledge(
                docs,
                index,
                rt.chunker(),
                prune=prune,
                batch_size=rt.settings.embedding_batch_size,
                on_total=bar.total,
                on_progress=bar.advance,
            )
        console.print(
            f"knowledge{label}: {len(docs)} docs read, {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.pruned} pruned, "
            f"{report.chunks_written} chunks written, {index.count()} chunks stored"
            + (f", {len(problems.items)} problems" if problems.items else "")
        )
    _report_problems(problems)
    for doc_id in report.duplicates:
        err_console.print(f"[yellow]duplicate[/] doc id {doc_id!r}: the last record was kept")
    if tune_retrieval:
        _tune_from_knowledge(rt, paths)


def _tune_from_knowledge(rt: Runtime, paths: list[Path]) -> None:
    """Learn the configured tenant's adapter from what was just ingested, and say what it did."""
    from drafter.cli.tune import print_retrieval_report
    from drafter.evals.tuning import tune_retrieval

    tenant = rt.settings.tenant
    with progress_stages() as stage:
        report = tune_retrieval(rt, tenant, [], paths, from_knowledge=True, stage=stage)
    print_retrieval_report(tenant, report)


@app.command("history")
def history(
    file: Annotated[Path, typer.Argument(help="JSONL: {customer_id, profile, events} per line")],
    on_error: OnErrorOption = "skip",
) -> None:
    """Ingest customer profiles and their history (past tickets, messages, orders, notes)."""
    rt = runtime()
    problems = LoadProblems()
    customers = list(load_customers(file, on_error=_on_error(on_error), problems=problems))
    profiles = rt.stores().profiles
    indexes = rt.history_indexes()
    for index in indexes:
        label = f" with {index.embedder.name}" if len(indexes) > 1 else ""
        with progress_bar(f"customers{label}") as bar:
            bar.total(len(customers))
            report = ingest_history(
                customers,
                profiles,
                index,
                batch_size=rt.settings.embedding_batch_size,
                on_progress=bar.advance,
            )
    _report_problems(problems)
    console.print(
        f"history: {report.customers} customers, {report.events_written} events written, "
        f"{report.events_unchanged} unchanged"
        + (f", {len(problems.items)} problems" if problems.items else "")
    )
