"""`drafter tune retrieval`: learn a tenant's query adapter from labelled cases, judged on held-out ones."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drafter.errors import ConfigError, InputError
from drafter.evals.cases import EvalCase
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.retrieval import Retriever
from drafter.retrieval.tuning import (
    LabelledTicket,
    RetrievalScores,
    TrainingExample,
    TuningSettings,
    fit_adapter,
    score_retrieval,
    split_by_conversation,
    training_example,
)
from drafter.runtime import Runtime

Hook = Callable[[str, int | None], Callable[[int], None]]
"""Starts a progress stage (name, total) and returns its advance(n) callback."""


@dataclass
class TuningReport:
    """What a tuning run learned from and how the held-out tickets ranked before and after."""

    adapter_path: Path
    training_tickets: int
    examples: int
    held_out_tickets: int
    before: RetrievalScores | None = None
    after: RetrievalScores | None = None
    kept: bool = True
    notes: list[str] = field(default_factory=list)


def labelled_tickets(cases: list[EvalCase]) -> list[LabelledTicket]:
    """Cases that name the documents answering them; conversation = customer id, else the case."""
    labelled = [
        LabelledTicket(
            key=c.ticket.customer_id or c.case_id,
            ticket=c.ticket,
            relevant_doc_ids=frozenset(c.relevant_doc_ids),
            source_id=c.case_id,
        )
        for c in cases
        if c.relevant_doc_ids
    ]
    if not labelled:
        raise InputError(
            "no case names its relevant documents (labels.relevant_doc_ids); nothing to learn from"
        )
    return labelled


def _no_progress(_name: str, _total: int | None) -> Callable[[int], None]:
    return lambda _n: None


def tune_retrieval(
    runtime: Runtime,
    tenant: str,
    cases: list[EvalCase],
    kb: list[Path],
    *,
    held_out_share: float = 0.5,
    settings: TuningSettings | None = None,
    keep_worse: bool = False,
    stage: Hook = _no_progress,
) -> TuningReport:
    """Ingest the knowledge, fit an adapter on the training side, measure it on the held-out side, save it."""
    if runtime.settings.retrieval_mode == "dense":
        raise ConfigError("tuning ranks the reranked pool; set DRAFTER_RETRIEVAL_MODE to hybrid or lexical")
    if not 0.0 <= held_out_share < 1.0:
        raise InputError(f"held-out share must be at least 0 and below 1, not {held_out_share!r}")
    stores = runtime.stores(tenant)
    ingest_knowledge(
        load_knowledge(kb),
        stores.knowledge,
        runtime.chunker(),
        batch_size=runtime.settings.embedding_batch_size,
    )
    train, held_out = split_by_conversation(labelled_tickets(cases), held_out_share)
    base = runtime.retriever(stores)
    advance = stage("Collecting training tickets", len(train))
    examples: list[TrainingExample] = []
    for item in train:
        example = training_example(base, item)
        if example is not None:
            examples.append(example)
        advance(1)
    if not examples:
        raise InputError("no training ticket found any of its relevant documents among its candidates")
    settings = settings or TuningSettings()
    adapter = fit_adapter(examples, settings, progress=_epochs(stage, settings.epochs))
    path = runtime.adapter_path(tenant)
    report = TuningReport(
        adapter_path=path, training_tickets=len(train), examples=len(examples), held_out_tickets=len(held_out)
    )
    if len(examples) < len(train):
        report.notes.append(f"{len(train) - len(examples)} training tickets had no relevant passage in reach")
    if held_out:
        report.before = _scored(stage, "Held-out, untuned", base, held_out)
        tuned = runtime.retriever(stores, adapter=adapter)
        report.after = _scored(stage, "Held-out, tuned", tuned, held_out)
        worse = report.after.recall_at_k < report.before.recall_at_k
        report.kept = keep_worse or not worse
    else:
        report.notes.append("no held-out tickets: the adapter is saved unmeasured")
    if report.kept:
        info = _info(cases, report, settings)
        type(adapter)(matrix=adapter.matrix, info=info).save(path)
    else:
        report.notes.append(
            "held-out recall fell, so the adapter was not saved (--keep-worse saves it anyway)"
        )
    return report


def _epochs(stage: Hook, epochs: int) -> Callable[[int], None]:
    advance = stage("Fitting the adapter (epochs)", epochs)
    return lambda _epoch: advance(1)


def _scored(stage: Hook, name: str, retriever: Retriever, held_out: list[LabelledTicket]) -> RetrievalScores:
    advance = stage(name, len(held_out))

    def counted() -> Any:
        for item in held_out:
            yield item
            advance(1)

    return score_retrieval(retriever, counted())


def _info(cases: list[EvalCase], report: TuningReport, settings: TuningSettings) -> dict[str, Any]:
    ids = "\n".join(sorted(c.case_id for c in cases))
    info: dict[str, Any] = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cases_sha256": hashlib.sha256(ids.encode()).hexdigest()[:16],
        "training_tickets": report.training_tickets,
        "examples": report.examples,
        "held_out_tickets": report.held_out_tickets,
        "epochs": settings.epochs,
    }
    for name, scores in (("before", report.before), ("after", report.after)):
        if scores is not None:
            info[f"held_out_{name}"] = {
                "recall_at_5": round(scores.recall_at_k, 4),
                "mrr": round(scores.mrr, 4),
            }
    return info
