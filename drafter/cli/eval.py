"""`drafter eval`: run cases through the drafter and grade them; compare runs; calibrate graders."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.table import Table

from drafter.cli.common import console, load_cases_reporting, progress_bar, runtime
from drafter.config import get_settings
from drafter.errors import InputError

app = typer.Typer(help="Offline evaluations: run, compare, calibrate.", no_args_is_help=True)


@app.command("run")
def run(
    cases: Annotated[Path, typer.Option("--cases", help="JSONL cases, a YAML suite, or a folder of suites.")],
    kb: Annotated[list[Path], typer.Option("--kb", help="Knowledge files or folders (repeatable).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for results, summary and reports.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N cases.", min=1)] = None,
    workers: Annotated[int, typer.Option(help="Cases drafted at once.", min=1, max=32)] = 1,
    backend: Annotated[Literal["offline", "openai"], typer.Option(help="Who writes the drafts.")] = "offline",
    judge: Annotated[Literal["offline", "llm"], typer.Option(help="Who grades them.")] = "offline",
    customers: Annotated[Path | None, typer.Option(help="Customers JSONL to ingest first.")] = None,
    grade_references: Annotated[
        bool, typer.Option("--grade-references", help="Also grade the human reference replies.")
    ] = False,
    examples_from: Annotated[
        Path | None,
        typer.Option("--examples-from", help="Cases whose reference replies become approved examples."),
    ] = None,
) -> None:
    """Draft every case, grade it, and write results.jsonl, summary.json, report.md, report.html."""
    from drafter.evals.cases import load_cases
    from drafter.evals.runner import RunOptions, run_eval
    from drafter.graders.llm_judge import judge_reply
    from drafter.llm import make_llm
    from drafter.runtime import Runtime

    settings = get_settings().model_copy(update={"llm_backend": backend})
    rt = Runtime(settings)
    if backend == "openai":
        make_llm(settings)  # a missing URL or key fails here, before anything is ingested
    options = RunOptions(
        kb=kb, customers=customers, limit=limit, workers=workers, grade_references=grade_references
    )
    if judge == "llm":
        judge_llm = make_llm(settings.model_copy(update={"llm_backend": "openai"}))
        assert judge_llm is not None
        options.judge = partial(judge_reply, llm=judge_llm, prompts=rt.prompt_store)
        options.judge_name = f"llm ({judge_llm.name})"
    loaded, options.skipped = load_cases_reporting(cases)
    if examples_from is not None:
        options.examples = load_cases(examples_from)
        taught = {c.case_id for c in options.examples}
        if taught & {c.case_id for c in loaded[:limit]}:
            raise InputError(
                "--examples-from shares cases with --cases; learn from other cases than you measure"
            )
    with progress_bar("Evaluating") as bar:
        summary = run_eval(rt, loaded, out, options, on_total=bar.total, on_progress=bar.advance)
    table = Table("metric", "value")
    for key, value in summary.metrics.items():
        table.add_row(
            key, "-" if value is None else f"{value:.4f}" if isinstance(value, float) else str(value)
        )
    console.print(table)
    if summary.started_over:
        console.print(f"started over: {summary.started_over}", highlight=False)
    if summary.resumed:
        console.print(f"resumed: {summary.resumed} finished cases reused from {out}", highlight=False)
    console.print(f"wrote {out}/results.jsonl, summary.json, report.md, report.html", highlight=False)


@app.command("compare")
def compare_runs(
    dir_a: Annotated[Path, typer.Argument(help="Baseline run folder.")],
    dir_b: Annotated[Path, typer.Argument(help="Candidate run folder.")],
    fail_under: Annotated[
        list[str] | None,
        typer.Option("--fail-under", help="METRIC=VALUE gate on the candidate (repeatable)."),
    ] = None,
) -> None:
    """Per-metric deltas (B - A) with 95% bootstrap intervals; exit 1 when a gate is missed."""
    from drafter.evals.compare import compare, load_run, missed_thresholds, parse_threshold

    thresholds = [parse_threshold(t) for t in fail_under or []]
    deltas, drops = compare(dir_a, dir_b)
    table = Table("metric", "A", "B", "delta", "95% CI")
    for d in deltas:
        if d.a is None and d.b is None:
            continue
        ci = "-" if d.low is None else f"[{d.low:+.4f}, {d.high:+.4f}]"
        delta = "-" if d.delta is None else f"{d.delta:+.4f}"
        table.add_row(d.metric, _show(d.a), _show(d.b), delta, ci)
    console.print(table)
    if drops:
        console.print(
            "cases whose resolution fell most: " + ", ".join(f"{c} ({v:+.3f})" for c, v in drops),
            highlight=False,
        )
    missed = missed_thresholds(load_run(dir_b)[0], thresholds)
    for line in missed:
        console.print(f"[bold red]gate missed[/]: {line}", highlight=False)
    if missed:
        raise typer.Exit(1)


@app.command("calibrate")
def calibrate_grader(
    labels: Annotated[Path, typer.Option("--labels", help="JSONL of labelled replies.")],
    grader: Annotated[str, typer.Option("--grader", help="Grader or roll-up, e.g. politeness, resolution.")],
    tenant: Annotated[str | None, typer.Option(help="Grade with this tenant's graders.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Also write the JSON here.")] = None,
) -> None:
    """Agreement of a grader with human labels (Pearson, Spearman, AUC, kappa, within-group AUC), as JSON."""
    from drafter.evals.calibrate import calibrate

    rt = runtime()
    with progress_bar("Grading labelled replies") as bar:
        result = calibrate(labels, grader, rt.graders(tenant or rt.settings.tenant), on_progress=bar.advance)
    text = json.dumps(result, indent=2)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    print(text)


@app.command("discrimination")
def discrimination(
    cases: Annotated[
        Path, typer.Option("--cases", help="JSONL cases with reference replies and gold knowledge.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the sets (PART/KIND.jsonl) and auc.json.")],
    kb: Annotated[
        list[Path] | None, typer.Option("--kb", help="Help-centre knowledge for the policy set (repeatable).")
    ] = None,
    suites: Annotated[
        Path | None, typer.Option("--suites", help="YAML suite(s) whose tickets the --kb articles answer.")
    ] = None,
    part: Annotated[Literal["tune", "report"], typer.Option(help="Which part to measure.")] = "report",
    tenant: Annotated[str | None, typer.Option(help="Grade with this tenant's graders.")] = None,
) -> None:
    """Build the discrimination sets (right reply vs another question's reply, vs its answer reversed,
    vs a changed figure or policy) and measure how often each grader scores the right one higher."""
    from drafter.evals.discrimination import KINDS, MEASURED, build_sets, measure_set
    from drafter.ingest.loaders import LoadProblems

    if bool(kb) != (suites is not None):
        raise InputError("--kb and --suites go together: the --kb articles answer the suites' tickets")
    rt = runtime()
    problems = LoadProblems()
    counts = build_sets(out, cases, knowledge=kb, suites=suites, problems=problems)
    for item in problems.items:
        console.print(f"[yellow]skipped[/] {item}", highlight=False)
    graders = rt.graders(tenant or rt.settings.tenant)
    results: dict[str, object] = {"part": part, "sets": {}}
    table = Table("set", "pairs", *MEASURED)
    with progress_bar(f"Grading the {part} part") as bar:
        bar.total(2 * sum(counts[part].values()))
        for kind in KINDS:
            if not counts[part][kind]:
                continue
            measured = measure_set(out / part / f"{kind}.jsonl", graders, on_progress=bar.advance)
            results["sets"][kind] = measured  # type: ignore[index]
            table.add_row(kind, str(measured["pairs"]), *(_auc(measured[name]) for name in MEASURED))
    console.print(table)
    (out / f"auc-{part}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    where = f"wrote the sets to {out}/tune and {out}/report, the figures to {out}/auc-{part}.json"
    console.print(where, highlight=False)


@app.command("export-feedback")
def export_feedback(
    out: Annotated[Path, typer.Option("--out", help="JSONL case file to write.")],
    since: Annotated[str | None, typer.Option(help="Only drafts made on or after YYYY-MM-DD.")] = None,
    tenant: Annotated[str | None, typer.Option(help="Tenant (DRAFTER_TENANT by default).")] = None,
) -> None:
    """Turn stored drafts and the replies agents sent into eval cases (the sent reply is the reference)."""
    from drafter.cli.report import parse_day
    from drafter.feedback.export import export_cases
    from drafter.store import DraftStore

    rt = runtime()
    outcomes = DraftStore(rt.engine, tenant=tenant or rt.settings.tenant).outcomes(parse_day(since))
    count = export_cases(outcomes, out)
    console.print(f"wrote {count} cases from {len(outcomes)} drafts to {out}", highlight=False)


def _auc(measured: object) -> str:
    if not isinstance(measured, dict):
        return "-"
    return f"{measured['value']:.3f} [{measured['low']:.3f}, {measured['high']:.3f}]"


def _show(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"
