"""`drafter tune retrieval`: learn a tenant's query adapter from labelled cases or from the knowledge's
own pairs (or both), judged on held-out ones."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from drafter.errors import ConfigError, InputError
from drafter.evals.cases import EvalCase
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.retrieval import Retriever
from drafter.retrieval.adapter import QueryAdapter
from drafter.retrieval.knowledge_pairs import KnowledgePair, knowledge_pairs
from drafter.retrieval.pseudo_tickets import pseudo_tickets
from drafter.retrieval.snapshot import KnowledgeSnapshot
from drafter.retrieval.tuning import (
    LabelledTicket,
    RetrievalScores,
    TrainingExample,
    TuningSettings,
    fit_adapter,
    knowledge_shift,
    margin_scale,
    pair_example,
    score_examples,
    score_retrieval,
    split_by_conversation,
    training_example,
)
from drafter.runtime import Runtime, Stores

Hook = Callable[[str, int | None], Callable[[int], None]]
"""Starts a progress stage (name, total) and returns its advance(n) callback."""


# Knowledge pairs learned from at most: beyond this many, a sample (by hash, the same every run).
MAX_PAIRS = 2000
# Shares of the gap between the knowledge's questions and its content a query may be moved across.
SHIFT_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5)
# Lexical weights tried: what a ranking unit gains per share of the question's words it uses.
LEXICAL_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5)


@dataclass
class KnowledgeReport:
    """What the knowledge's own pairs taught, measured on pairs from documents held out."""

    pairs: int
    training_pairs: int
    held_out_pairs: int
    shift_share: float | None = None
    """How far across the gap from questions to content queries are moved."""
    lexical_weight: float | None = None
    """What a ranking unit gains per share of the question's words it uses."""
    margin_scale: float | None = None
    """How much wider the adapter spreads ranked scores (the composer's margins stretch with it)."""
    tickets: int = 0
    """Of the pairs' questions, how many were the knowledge's FAQ questions asked loosely."""
    before: RetrievalScores | None = None
    """Held-out questions, untuned."""
    after: RetrievalScores | None = None


@dataclass
class TuningReport:
    """What a tuning run learned from and how the held-out tickets (or, without labelled tickets,
    the held-out knowledge pairs) ranked before and after."""

    adapter_path: Path
    training_tickets: int
    examples: int
    held_out_tickets: int
    before: RetrievalScores | None = None
    after: RetrievalScores | None = None
    kept: bool = True
    notes: list[str] = field(default_factory=list)
    knowledge: KnowledgeReport | None = None
    knowledge_only: RetrievalScores | None = None
    """With labelled tickets and the knowledge's pairs: the held-out tickets ranked by what the
    knowledge alone taught."""


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
    from_knowledge: bool = False,
    held_out_share: float = 0.5,
    settings: TuningSettings | None = None,
    keep_worse: bool = False,
    stage: Hook = _no_progress,
) -> TuningReport:
    """Ingest the knowledge, learn an adapter on the training side, measure it on the held-out side, save it.

    From labelled cases, from the knowledge's own pairs (`from_knowledge`), or both: then the
    labelled tickets fit the map on top of what the knowledge taught, and are what it is judged on.
    """
    if runtime.settings.retrieval_mode == "dense":
        raise ConfigError("tuning ranks the reranked pool; set DRAFTER_RETRIEVAL_MODE to hybrid or lexical")
    if not 0.0 <= held_out_share < 1.0:
        raise InputError(f"held-out share must be at least 0 and below 1, not {held_out_share!r}")
    if not cases and not from_knowledge:
        raise InputError("nothing to learn from: give labelled cases, learn from the knowledge, or both")
    settings = settings or TuningSettings()
    labelled = labelled_tickets(cases) if cases else []
    stores = runtime.stores(tenant)
    ingest_knowledge(
        load_knowledge(kb),
        stores.knowledge,
        runtime.chunker(),
        batch_size=runtime.settings.embedding_batch_size,
    )
    base = runtime.retriever(stores)
    path = runtime.adapter_path(tenant)
    start: QueryAdapter | None = None
    knowledge: KnowledgeReport | None = None
    if from_knowledge:
        start, knowledge = learn_from_knowledge(base, base.snapshot(), held_out_share, stage)
    if not labelled:
        report = TuningReport(path, 0, knowledge.training_pairs if knowledge else 0, 0, knowledge=knowledge)
        report.before, report.after = (knowledge.before, knowledge.after) if knowledge else (None, None)
        adapter = start
    else:
        report, adapter = _tune_on_tickets(
            runtime, stores, base, labelled, held_out_share, settings, start, stage
        )
        report.knowledge = knowledge
    if adapter is None:
        report.kept = False
        report.notes.append("the knowledge holds no pairs of a question and its answer to learn from")
        return report
    if report.before is not None and report.after is not None:
        # Labelled tickets keep an adapter that ranks them no worse; the knowledge's pairs only
        # one that ranks them better, since they stand in for tickets nobody labelled.
        rank_after, rank_before = _rank_key(report.after), _rank_key(report.before)
        better = rank_after > rank_before if not labelled else rank_after >= rank_before
        report.kept = keep_worse or better
    else:
        report.notes.append("nothing held out: the adapter is saved unmeasured")
    if report.kept:
        adapter.with_matrix(adapter.matrix, _info(cases, report, settings)).save(path)
    else:
        fell = "fell" if labelled else "did not improve"
        report.notes.append(
            f"held-out ranking {fell}, so the adapter was not saved (--keep-worse saves it anyway)"
        )
    return report


def _tune_on_tickets(
    runtime: Runtime,
    stores: Stores,
    base: Retriever,
    labelled: list[LabelledTicket],
    held_out_share: float,
    settings: TuningSettings,
    start: QueryAdapter | None,
    stage: Hook,
) -> tuple[TuningReport, QueryAdapter]:
    """Fit the map on the training tickets (on top of `start`), score the held-out ones."""
    train, held_out = split_by_conversation(labelled, held_out_share)
    advance = stage("Collecting training tickets", len(train))
    examples: list[TrainingExample] = []
    for item in train:
        example = training_example(base, item)
        if example is not None:
            examples.append(example)
        advance(1)
    if not examples:
        raise InputError("no training ticket found any of its relevant documents among its candidates")
    progress = _epochs(stage, settings.epochs)
    adapter = fit_adapter(examples, settings, progress=progress, base=labels_start(start))
    report = TuningReport(
        adapter_path=runtime.adapter_path(base.knowledge.tenant),
        training_tickets=len(train),
        examples=len(examples),
        held_out_tickets=len(held_out),
    )
    if len(examples) < len(train):
        report.notes.append(f"{len(train) - len(examples)} training tickets had no relevant passage in reach")
    if held_out:
        report.before = _scored(stage, "Held-out, untuned", base, held_out)
        if start is not None:
            only = runtime.retriever(stores, adapter=start)
            report.knowledge_only = _scored(stage, "Held-out, from the knowledge", only, held_out)
        tuned = runtime.retriever(stores, adapter=adapter)
        report.after = _scored(stage, "Held-out, tuned", tuned, held_out)
    return report, adapter


def labels_start(knowledge: QueryAdapter | None) -> QueryAdapter | None:
    """What labelled tickets fit their map on top of: the knowledge's shift alone. What its
    lexical weight and margin scale stand in for, a map learned from labels learns itself (with
    both kept, the DSTC11 held-out tickets ranked worse than with labels alone)."""
    if knowledge is None or knowledge.shift is None:
        return None
    return QueryAdapter.shifted(knowledge.shift, dict(knowledge.info))


def learn_from_knowledge(
    retriever: Retriever, snapshot: KnowledgeSnapshot, held_out_share: float, stage: Hook
) -> tuple[QueryAdapter | None, KnowledgeReport]:
    """An adapter learned from the knowledge alone; None when the knowledge has no pairs.

    The gap between where the knowledge's questions lie and where its content lies is measured on
    the pairs of some documents. How far to move a query across it, and how much a unit's share of
    the question's words counts, are chosen on the questions of those documents (their pairs, and
    their FAQ questions asked loosely, as customers ask), and judged on the questions of the
    other documents. Each question's own text is hidden from its passage, so sharing its words
    is no advantage in itself.
    """
    pairs = _sampled(knowledge_pairs(snapshot.passages))
    loose = _sampled(pseudo_tickets(snapshot.passages, snapshot.vocabulary.entity_of))
    questions = pairs + loose
    train, held_out = split_by_conversation(questions, held_out_share)
    report = KnowledgeReport(
        pairs=len(pairs), training_pairs=len(train), held_out_pairs=len(held_out), tickets=len(loose)
    )
    exact = {id(p) for p in pairs}
    if not any(id(q) in exact for q in train):
        return None, report
    # The gap is measured from the questions as the knowledge writes them.
    vectors = retriever.knowledge.embedder.embed_query([q.query for q in train if id(q) in exact])
    gap = knowledge_shift(retriever, snapshot, np.asarray(vectors, dtype=np.float32))
    advance = stage("Asking the knowledge's own questions", len(questions))
    examples: dict[int, TrainingExample] = {}
    for question in questions:
        example = pair_example(retriever, snapshot, question)
        if example is not None:
            examples[id(question)] = example
        advance(1)
    learned = [examples[id(q)] for q in train if id(q) in examples]
    if not learned:
        return None, report
    candidates = [
        QueryAdapter.shifted(
            (share * gap).astype(np.float32),
            {"shift_share": share, "lexical_weight": weight},
            lexical_weight=weight,
        )
        for share in SHIFT_SHARES
        for weight in LEXICAL_WEIGHTS
        if share or weight  # moving nothing is what the held-out questions judge it against
    ]
    adapter = max(candidates, key=lambda a: _rank_key(score_examples(learned, a)))
    adapter = adapter.with_margin_scale(margin_scale(learned, adapter))
    adapter.info["margin_scale"] = round(adapter.margin_scale, 4)
    report.shift_share = adapter.info["shift_share"]
    report.lexical_weight = adapter.lexical_weight
    report.margin_scale = adapter.margin_scale
    scored = [examples[id(q)] for q in held_out if id(q) in examples]
    if scored:
        report.before, report.after = score_examples(scored), score_examples(scored, adapter)
    return adapter, report


def _rank_key(scores: RetrievalScores) -> tuple[float, float]:
    """Recall first, then how soon the first right answer comes."""
    return scores.recall_at_k, scores.mrr


def _sampled(pairs: list[KnowledgePair]) -> list[KnowledgePair]:
    """At most MAX_PAIRS of the pairs, chosen by a hash of their text, the same every run."""
    if len(pairs) <= MAX_PAIRS:
        return pairs
    digest = {id(p): hashlib.sha256(f"{p.passage.chunk_id}|{p.query}".encode()).digest() for p in pairs}
    return sorted(pairs, key=lambda p: digest[id(p)])[:MAX_PAIRS]


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
    info: dict[str, Any] = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "learned_from": [
            *(["labelled tickets"] if report.training_tickets else []),
            *(["knowledge pairs"] if report.knowledge is not None else []),
        ],
        "training_tickets": report.training_tickets,
        "examples": report.examples,
        "held_out_tickets": report.held_out_tickets,
        "measured_on": "held-out tickets" if report.held_out_tickets else "held-out knowledge pairs",
    }
    if cases:
        ids = "\n".join(sorted(c.case_id for c in cases))
        info["cases_sha256"] = hashlib.sha256(ids.encode()).hexdigest()[:16]
        info["epochs"] = settings.epochs
    if report.knowledge is not None:
        info["knowledge_pairs"] = {
            "pairs": report.knowledge.pairs,
            "training": report.knowledge.training_pairs,
            "held_out": report.knowledge.held_out_pairs,
            "pseudo_tickets": report.knowledge.tickets,
            "shift_share": report.knowledge.shift_share,
            "lexical_weight": report.knowledge.lexical_weight,
            "margin_scale": report.knowledge.margin_scale,
        }
    for name, scores in (("before", report.before), ("after", report.after)):
        if scores is not None:
            info[f"held_out_{name}"] = {
                "recall_at_5": round(scores.recall_at_k, 4),
                "mrr": round(scores.mrr, 4),
            }
    return info
