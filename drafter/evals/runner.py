"""`drafter eval run`: ingest, draft every case, grade, write results, summary and reports."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drafter import __version__
from drafter.domain import Customer, HistoryEvent
from drafter.errors import DrafterError
from drafter.evals.cases import EvalCase
from drafter.evals.rows import CaseResult, PassageRow, RunSummary, StaleRun, read_rows, summarize
from drafter.evals.scoring import Judge, expectation_results, grade_case, grade_reference, retrieval_metrics
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import LoadProblems, load_customers, load_knowledge
from drafter.retrieval import build_query
from drafter.runtime import Runtime

Progress = Callable[[int], None]
log = logging.getLogger(__name__)


@dataclass
class RunOptions:
    """How to run an evaluation."""

    kb: list[Path]
    customers: Path | None = None
    limit: int | None = None
    workers: int = 1
    grade_references: bool = False
    judge: Judge | None = None
    examples: list[EvalCase] = field(default_factory=list)
    """Cases whose reference replies serve as approved examples (learned from other cases)."""
    judge_name: str = "offline"
    skipped: list[str] = field(default_factory=list)
    """Case lines that could not be read, reported in the summary."""


def eval_tenant(kb: list[Path]) -> str:
    """A tenant per knowledge set, so runs over the same files reuse the ingested store."""
    key = "|".join(sorted(str(p.resolve()) for p in kb))
    return "eval-" + hashlib.sha256(key.encode()).hexdigest()[:10]


def _history_customers(cases: list[EvalCase]) -> list[Customer]:
    by_customer: dict[str, list[HistoryEvent]] = {}
    for case in cases:
        if not case.ticket.customer_id or not case.history:
            continue
        events = by_customer.setdefault(case.ticket.customer_id, [])
        known = {e.event_id for e in events}
        for i, message in enumerate(case.history):
            event_id = f"turn-{i}"  # later cases of one conversation repeat its earlier turns
            if event_id in known:
                continue
            events.append(
                HistoryEvent(
                    event_id=event_id,
                    customer_id=case.ticket.customer_id,
                    role=message.role,
                    text=message.text,
                )
            )
    return [Customer(customer_id=cid, events=events) for cid, events in by_customer.items()]


def ingest_cases(
    runtime: Runtime, tenant: str, cases: list[EvalCase], kb: list[Path], customers: Path | None = None
) -> None:
    """Ingest the knowledge (pruning what left it), the customers and the cases' earlier turns."""
    stores = runtime.stores(tenant)
    problems = LoadProblems()
    docs = list(load_knowledge(kb, problems=problems))
    loaded = list(load_customers(customers)) if customers else []
    # Every model the deployment writes (two when routing by language) gets its own vectors.
    for index in runtime.knowledge_indexes(tenant):
        ingest_knowledge(
            docs, index, runtime.chunker(), prune=True, batch_size=runtime.settings.embedding_batch_size
        )
    for history in runtime.history_indexes(tenant):
        ingest_history([*loaded, *_history_customers(cases)], stores.profiles, history)


def prepare(runtime: Runtime, cases: list[EvalCase], options: RunOptions) -> str:
    """Ingest the knowledge, customers and case histories; returns the tenant used."""
    tenant = eval_tenant(options.kb)
    ingest_cases(runtime, tenant, cases, options.kb, options.customers)
    stores = runtime.stores(tenant)
    # Approved replies only when asked for, so a run without them measures the drafter alone.
    stores.settings.set_learn_from_feedback(bool(options.examples))
    for case in options.examples:
        if case.reference:
            stores.examples.add(
                f"case-{case.case_id}", build_query(case.ticket), case.reference, {"outcome": "reference"}
            )
    return tenant


def run_case(
    runtime: Runtime, tenant: str, case: EvalCase, grade_refs: bool, judge: Judge | None = None
) -> CaseResult:
    """Draft and grade one case; an error is recorded in the row, never raised."""
    row = CaseResult(case_id=case.case_id, ticket=case.ticket.text, reference=case.reference)
    try:
        return _drafted_row(runtime, tenant, case, row, grade_refs, judge)
    except DrafterError as exc:
        return row.model_copy(update={"error": f"{exc.code}: {exc}"})
    except Exception as exc:  # a bug met by one case is counted as an error; the run goes on
        return row.model_copy(update={"error": f"{type(exc).__name__}: {exc}"})


def _drafted_row(
    runtime: Runtime, tenant: str, case: EvalCase, row: CaseResult, grade_refs: bool, judge: Judge | None
) -> CaseResult:
    service = runtime.draft_service(tenant)
    started = time.perf_counter()
    draft = service.draft(case.ticket)
    profile = service.profiles.get(case.ticket.customer_id) if case.ticket.customer_id else None
    graders = runtime.graders(tenant)
    grades = grade_case(case, draft, graders, profile, judge)
    return row.model_copy(
        update={
            "draft": draft.text,
            "backend": draft.backend,
            "principles": [p.name for p in draft.principles],
            "passages": [
                PassageRow(doc_id=p.doc_id, chunk_id=p.chunk_id, score=round(p.score, 4), source=p.source)
                for p in draft.passages
            ],
            "citations": [c.doc_id for c in draft.citations],
            "relevant_doc_ids": case.relevant_doc_ids,
            "warnings": [w.code for w in draft.warnings],
            "grades": grades,
            "retrieval": retrieval_metrics(case, draft),
            "expectations": expectation_results(case, draft),
            "timings": {**draft.timings, "case_ms": round((time.perf_counter() - started) * 1000, 2)},
            "judge_error": [g.explanation for g in grades if g.name == "judge_error"],
            "reference_grades": grade_reference(case, graders, profile) if grade_refs else [],
        }
    )


def run_eval(
    runtime: Runtime,
    cases: list[EvalCase],
    out: Path,
    options: RunOptions,
    *,
    on_total: Progress = lambda _: None,
    on_progress: Progress = lambda _: None,
) -> RunSummary:
    """Run the cases and write results.jsonl, summary.json, report.md and report.html into `out`."""
    from drafter.evals.report import write_reports

    started = time.perf_counter()
    cases = cases[: options.limit] if options.limit else cases
    tenant = prepare(runtime, cases, options)
    on_total(len(cases))
    out.mkdir(parents=True, exist_ok=True)
    graders = runtime.graders(tenant)
    done, started_over = _finished_rows(out, _fingerprint(runtime, options, tenant), cases)
    on_progress(len(done))
    todo = [c for c in cases if c.case_id not in done]
    _draft_all(runtime, tenant, todo, options, out / "results.jsonl", done, on_progress)
    rows = [done[c.case_id] for c in cases]
    _write_rows(out / "results.jsonl", rows)  # case order, so the same inputs give the same file
    summary = summarize(rows, time.perf_counter() - started)
    s = runtime.settings
    summary = summary.model_copy(
        update={
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "drafter_version": __version__,
            "backend": s.llm_backend,
            "judge": options.judge_name,
            "graders": sorted({g.grader for r in rows for g in r.grades}),
            "grader_files": [asdict(f) for f in graders.files],
            "prompt_versions": _prompt_versions(s.prompts_dir),
            "settings": {
                "top_k": s.top_k,
                "history_k": s.history_k,
                "chunk_size": s.chunk_size,
                "chunk_overlap": s.chunk_overlap,
                "embedding_backend": s.embedding_backend,
                "non_english_embedding_backend": s.routed_embedding_backend,
                "llm_model": s.llm_model if s.llm_backend != "offline" else None,
            },
            "knowledge": [str(p) for p in options.kb],
            "tenant": tenant,
            "retrieval_adapter": _adapter_info(runtime, tenant),
            "phrase_style": _style_info(runtime, tenant),
            "resumed": len(cases) - len(todo),
            "started_over": started_over,
            "skipped_case_lines": options.skipped,
        }
    )
    summary.write(out / "summary.json")
    write_reports(out, rows, summary)
    return summary


def _prompt_versions(prompts_dir: Path) -> dict[str, str]:
    versions: dict[str, str] = {}
    for path in sorted(prompts_dir.glob("**/v*.y*ml")):
        name = path.parent.relative_to(prompts_dir).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        versions[name] = max(versions.get(name, ""), f"{path.stem}@{digest}")
    return versions


def _fingerprint(runtime: Runtime, options: RunOptions, tenant: str) -> str:
    """What makes finished rows reusable: the same drafter, knowledge, judge and prompts."""
    s = runtime.settings
    parts = {
        "version": __version__,
        "backend": s.llm_backend,
        "model": s.llm_model,
        "judge": options.judge_name,
        "references": options.grade_references,
        "examples": sorted(c.case_id for c in options.examples),
        "kb": sorted(str(p.resolve()) for p in options.kb),
        "customers": str(options.customers.resolve()) if options.customers else None,
        "settings": [s.top_k, s.history_k, s.chunk_size, s.chunk_overlap, s.embedding_backend],
        "prompts": _prompt_versions(s.prompts_dir),
        # Only when routing is on, so runs without it resume as before.
        **({"routed_to": s.routed_embedding_backend} if s.routed_embedding_backend else {}),
        "graders": [f.sha256 for f in runtime.graders(tenant).files] + runtime.graders(tenant).refs(),
        "retrieval": [
            s.retrieval_mode,
            s.retrieval_candidates,
            s.dense_weight,
            s.lexical_weight,
            s.entity_boost,
            s.mmr,
            _adapter_info(runtime, eval_tenant(options.kb)),
        ],
        "style": _style_info(runtime, eval_tenant(options.kb)),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def _adapter_info(runtime: Runtime, tenant: str) -> dict[str, Any] | None:
    """What the tenant's tuned query adapter learned from, when the run ranks with one."""
    adapter = runtime.query_adapter(tenant)
    return adapter.info if adapter is not None else None


def _style_info(runtime: Runtime, tenant: str) -> dict[str, Any] | None:
    """What the tenant's learned phrase style was learned from, when the run drafts with one."""
    style = runtime.phrase_style(tenant)
    if style is None:
        return None
    return {k: v for k, v in style.info.items() if k != "lines"}


def _finished_rows(
    out: Path, fingerprint: str, cases: list[EvalCase]
) -> tuple[dict[str, CaseResult], str | None]:
    """Rows of an earlier, interrupted run of the same configuration (a different one starts over),
    and why the folder started over when its rows could not be read."""
    marker, results = out / "run.json", out / "results.jsonl"
    previous = json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else {}
    started_over = None
    if previous.get("fingerprint") == fingerprint and results.is_file():
        wanted = {c.case_id for c in cases}
        try:
            rows = read_rows(results, strict=True)
        except StaleRun as exc:
            # Rows this version cannot read are not mixed with new ones: the folder starts over.
            started_over = str(exc)
            log.warning("starting %s over: %s", out, exc)
        else:
            # Failed cases are drafted again.
            return {r.case_id: r for r in rows if r.case_id in wanted and r.ok}, None
    results.write_text("", encoding="utf-8")
    marker.write_text(json.dumps({"fingerprint": fingerprint}) + "\n", encoding="utf-8")
    return {}, started_over


def _draft_all(
    runtime: Runtime,
    tenant: str,
    todo: list[EvalCase],
    options: RunOptions,
    results: Path,
    done: dict[str, CaseResult],
    on_progress: Progress,
) -> None:
    """Draft and grade the cases in parallel, appending each row as soon as it is finished."""
    pool = ThreadPoolExecutor(max_workers=options.workers)
    try:
        with results.open("a", encoding="utf-8") as sink:
            futures = [
                pool.submit(run_case, runtime, tenant, c, options.grade_references, options.judge)
                for c in todo
            ]
            for future in as_completed(futures):
                row = future.result()
                done[row.case_id] = row
                sink.write(row.line())
                sink.flush()  # a killed run keeps every finished case
                on_progress(1)
    finally:
        # On Ctrl-C, queued cases are dropped instead of drafted after the interrupt.
        pool.shutdown(wait=True, cancel_futures=True)


def _write_rows(path: Path, rows: list[CaseResult]) -> None:
    """Replace the results file atomically."""
    partial = path.with_suffix(".jsonl.tmp")
    partial.write_text("".join(r.line() for r in rows), encoding="utf-8")
    partial.replace(path)
