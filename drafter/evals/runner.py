"""`drafter eval run`: ingest, draft every case, grade, write results, summary and reports."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean
from typing import Any

from drafter import __version__
from drafter.domain import Customer, HistoryEvent, Ticket
from drafter.errors import DrafterError
from drafter.evals.cases import EvalCase
from drafter.evals.scoring import Judge, expectation_results, grade_case, grade_reference, retrieval_metrics
from drafter.graders import GradeInput, grade_reply
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import LoadProblems, iter_jsonl, load_customers, load_knowledge
from drafter.retrieval import build_query
from drafter.runtime import Runtime

Progress = Callable[[int], None]
# summary.json `metrics` keys that come straight from a grade of the same name.
GRADE_METRICS = {
    "tone": "tone",
    "resolution": "resolution",
    "politeness": "politeness",
    "empathy": "empathy",
    "clarity": "clarity",
    "rouge_l": "rouge_l",
    "semantic_similarity": "semantic_similarity",
    "grounded_claim_rate": "grounded_claims",
    "follow_up_rate": "follow_up",
    "questions_addressed": "questions_addressed",
    "next_steps": "next_steps",
    "honest_negative": "honest_negative",
    "no_blame": "no_blame",
    "personalization": "personalization",
    "language_match": "language_match",
}
RETRIEVAL_METRICS = ("citation_precision", "citation_recall", "citation_f1", "recall_at_5", "mrr")


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
    docs = load_knowledge(kb, problems=problems)
    ingest_knowledge(
        docs,
        stores.knowledge,
        runtime.chunker(),
        prune=True,
        batch_size=runtime.settings.embedding_batch_size,
    )
    loaded = list(load_customers(customers)) if customers else []
    ingest_history([*loaded, *_history_customers(cases)], stores.profiles, stores.history)


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
) -> dict[str, Any]:
    """Draft and grade one case; an error is recorded in the row, never raised."""
    row: dict[str, Any] = {"case_id": case.case_id, "ticket": case.ticket.text, "reference": case.reference}
    try:
        return _drafted_row(runtime, tenant, case, row, grade_refs, judge)
    except DrafterError as exc:
        return {**row, "error": f"{exc.code}: {exc}"}
    except Exception as exc:  # a bug met by one case is counted as an error; the run goes on
        return {**row, "error": f"{type(exc).__name__}: {exc}"}


def _drafted_row(
    runtime: Runtime, tenant: str, case: EvalCase, row: dict[str, Any], grade_refs: bool, judge: Judge | None
) -> dict[str, Any]:
    service = runtime.draft_service(tenant)
    started = time.perf_counter()
    draft = service.draft(case.ticket)
    profile = service.profiles.get(case.ticket.customer_id) if case.ticket.customer_id else None
    row.update(
        draft=draft.text,
        backend=draft.backend,
        principles=[p.name for p in draft.principles],
        passages=[
            {"doc_id": p.doc_id, "chunk_id": p.chunk_id, "score": round(p.score, 4), "source": p.source}
            for p in draft.passages
        ],
        citations=[c.doc_id for c in draft.citations],
        relevant_doc_ids=case.relevant_doc_ids,
        warnings=[w.code for w in draft.warnings],
        grades=grade_case(case, draft, runtime.embedder, profile, judge),
        retrieval=retrieval_metrics(case, draft),
        expectations=expectation_results(case, draft),
        timings={**draft.timings, "case_ms": round((time.perf_counter() - started) * 1000, 2)},
    )
    judge_errors = [g["explanation"] for g in row["grades"] if g["name"] == "judge_error"]
    if judge_errors:
        row["judge_error"] = judge_errors
    if grade_refs:
        row["reference_grades"] = grade_reference(case, runtime.embedder, profile)
    return row


def _mean(values: list[float]) -> float | None:
    return round(mean(values), 4) if values else None


def summarize(rows: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    """Run-level metrics: means over the cases that produced a draft."""
    ok = [r for r in rows if "error" not in r]
    metrics: dict[str, Any] = {
        "cases": len(rows),
        "errors": len(rows) - len(ok),
        "seconds": round(seconds, 2),
    }
    for key in RETRIEVAL_METRICS:
        metrics[key] = _mean([r["retrieval"][key] for r in ok if key in r["retrieval"]])
    for key, grade in GRADE_METRICS.items():
        metrics[key] = _mean([g["score"] for r in ok for g in r["grades"] if g["name"] == grade])
    metrics["judge_errors"] = sum(1 for r in ok if r.get("judge_error"))
    checks = [v for r in ok for v in r["expectations"].values()]
    metrics["expectation_pass_rate"] = _mean([float(v) for v in checks])
    references = [r for r in ok if r.get("reference_grades")]
    summary: dict[str, Any] = {"metrics": metrics}
    if references:
        summary["reference_metrics"] = {
            key: _mean([g["score"] for r in references for g in r["reference_grades"] if g["name"] == grade])
            for key, grade in GRADE_METRICS.items()
            if grade not in ("rouge_l", "semantic_similarity")
        }
    principles: dict[str, list[dict[str, Any]]] = {}
    for r in ok:
        for name in r["principles"]:
            principles.setdefault(name, []).append(r)
    summary["principles"] = {
        name: {
            "drafts": len(items),
            "tone": _mean([g["score"] for r in items for g in r["grades"] if g["name"] == "tone"]),
            "resolution": _mean(
                [g["score"] for r in items for g in r["grades"] if g["name"] == "resolution"]
            ),
        }
        for name, items in sorted(principles.items())
    }
    return summary


def run_eval(
    runtime: Runtime,
    cases: list[EvalCase],
    out: Path,
    options: RunOptions,
    *,
    on_total: Progress = lambda _: None,
    on_progress: Progress = lambda _: None,
) -> dict[str, Any]:
    """Run the cases and write results.jsonl, summary.json, report.md and report.html into `out`."""
    from drafter.evals.report import write_reports

    started = time.perf_counter()
    cases = cases[: options.limit] if options.limit else cases
    tenant = prepare(runtime, cases, options)
    on_total(len(cases))
    out.mkdir(parents=True, exist_ok=True)
    done = _finished_rows(out, _fingerprint(runtime, options), cases)
    on_progress(len(done))
    todo = [c for c in cases if c.case_id not in done]
    _draft_all(runtime, tenant, todo, options, out / "results.jsonl", done, on_progress)
    rows = [done[c.case_id] for c in cases]
    _write_rows(out / "results.jsonl", rows)  # case order, so the same inputs give the same file
    summary = summarize(rows, time.perf_counter() - started)
    s = runtime.settings
    graders = sorted({g["grader"] for r in rows if "grades" in r for g in r["grades"]})
    summary.update(
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        drafter_version=__version__,
        backend=s.llm_backend,
        judge=options.judge_name,
        graders=graders,
        prompt_versions=_prompt_versions(s.prompts_dir),
        settings={
            "top_k": s.top_k,
            "history_k": s.history_k,
            "chunk_size": s.chunk_size,
            "chunk_overlap": s.chunk_overlap,
            "embedding_backend": s.embedding_backend,
            "llm_model": s.llm_model if s.llm_backend != "offline" else None,
        },
        knowledge=[str(p) for p in options.kb],
        tenant=tenant,
        retrieval_adapter=_adapter_info(runtime, tenant),
        phrase_style=_style_info(runtime, tenant),
        resumed=len(cases) - len(todo),
        skipped_case_lines=options.skipped,
    )
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    write_reports(out, rows, summary)
    return summary


def _prompt_versions(prompts_dir: Path) -> dict[str, str]:
    versions: dict[str, str] = {}
    for path in sorted(prompts_dir.glob("**/v*.y*ml")):
        name = path.parent.relative_to(prompts_dir).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        versions[name] = max(versions.get(name, ""), f"{path.stem}@{digest}")
    return versions


def _fingerprint(runtime: Runtime, options: RunOptions) -> str:
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
        "graders": _grader_versions(),
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


def _grader_versions() -> list[str]:
    """Every offline grader's name@version, read off a grade of a one-word reply."""
    probe = GradeInput(ticket=Ticket(text="Hello?"), reply="Hello.")
    return sorted(g.grader for g in grade_reply(probe))


def _finished_rows(out: Path, fingerprint: str, cases: list[EvalCase]) -> dict[str, dict[str, Any]]:
    """Rows of an earlier, interrupted run of the same configuration; a different one starts over."""
    marker, results = out / "run.json", out / "results.jsonl"
    previous = json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else {}
    if previous.get("fingerprint") != fingerprint or not results.is_file():
        results.write_text("", encoding="utf-8")
        marker.write_text(json.dumps({"fingerprint": fingerprint}) + "\n", encoding="utf-8")
        return {}
    wanted = {c.case_id for c in cases}
    # A line cut short by a kill is skipped; failed cases are drafted again.
    return {
        row["case_id"]: row
        for _, row in iter_jsonl(results, problems=LoadProblems())
        if row.get("case_id") in wanted and "error" not in row
    }


def _draft_all(
    runtime: Runtime,
    tenant: str,
    todo: list[EvalCase],
    options: RunOptions,
    results: Path,
    done: dict[str, dict[str, Any]],
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
                done[row["case_id"]] = row
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
                sink.flush()  # a killed run keeps every finished case
                on_progress(1)
    finally:
        # On Ctrl-C, queued cases are dropped instead of drafted after the interrupt.
        pool.shutdown(wait=True, cancel_futures=True)


def _write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    """Replace the results file atomically."""
    partial = path.with_suffix(".jsonl.tmp")
    partial.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    partial.replace(path)
