"""Tuning retrieval: learn a query adapter from labelled tickets or the knowledge's own pairs,
measure it on held-out ones.

Each labelled ticket (or knowledge pair) becomes one example: the candidate pool the retriever
would rerank, every vector its passages are ranked by, and which passages belong to the
documents that answer it. The adapter is fitted so those passages rank first; it is judged only
on tickets from conversations (or pairs from documents) it never saw.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

import numpy as np

from drafter.domain import Message, Passage, Ticket
from drafter.retrieval.adapter import QueryAdapter
from drafter.retrieval.knowledge_pairs import KnowledgePair
from drafter.retrieval.retriever import Retriever
from drafter.retrieval.snapshot import KnowledgeSnapshot
from drafter.retrieval.unit_words import word_shares

Progress = Callable[[int], None]


@dataclass(frozen=True)
class LabelledTicket:
    """A ticket and the documents that answer it."""

    key: str
    """Groups tickets of one conversation, so a split never puts them on both sides."""
    ticket: Ticket
    relevant_doc_ids: frozenset[str]
    source_id: str = ""
    """The case or ticket id it came from."""


@dataclass(frozen=True)
class TrainingExample:
    """What the adapter learns from one ticket."""

    query: np.ndarray
    units: np.ndarray
    unit_passage: np.ndarray
    positive: np.ndarray
    docs: tuple[str, ...] = ()
    """The document of each pool passage, for document-level scores."""
    relevant: int = 1
    """How many documents answer it (recall's denominator)."""
    shares: np.ndarray | None = None
    """Per unit, the share of the query's words it uses (what an adapter's lexical weight adds to)."""


@dataclass(frozen=True)
class TuningSettings:
    """How hard to fit: more epochs and less regularisation fit the training tickets closer."""

    epochs: int = 10
    learning_rate: float = 1e-3
    l2: float = 1e-3
    temperature: float = 0.05
    seed: int = 0


@dataclass(frozen=True)
class RetrievalScores:
    """Doc-level recall@k and mean reciprocal rank over labelled tickets."""

    recall_at_k: float
    mrr: float
    tickets: int
    k: int


class Keyed(Protocol):
    """Anything that belongs to a conversation."""

    @property
    def key(self) -> str:
        """The conversation it belongs to."""
        ...


KeyedT = TypeVar("KeyedT", bound=Keyed)


def split_by_conversation(labelled: list[KeyedT], held_out_share: float) -> tuple[list[KeyedT], list[KeyedT]]:
    """Training and held-out tickets, whole conversations on one side, the same way every run."""

    def side(item: KeyedT) -> bool:
        digest = hashlib.sha256(item.key.encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64 < held_out_share

    held = [t for t in labelled if side(t)]
    return [t for t in labelled if not side(t)], held


def training_example(retriever: Retriever, item: LabelledTicket) -> TrainingExample | None:
    """The ticket's candidate pool and its ranking vectors; None when no relevant passage is in the pool."""
    snapshot = retriever.snapshot()
    if not snapshot.passages:
        return None
    candidates = retriever.candidates(item.ticket, snapshot, top_k=5)
    pool = candidates.pool
    positive = np.array([p.doc_id in item.relevant_doc_ids for p in pool])
    if not positive.any():
        return None
    units, owners = retriever.ranking_units(pool)
    index = {p.chunk_id: i for i, p in enumerate(pool)}
    sizes = Counter(owners)
    shares = [
        word_shares(candidates.asked, p.text, sizes[p.chunk_id]) for p in pool if p.chunk_id in sizes
    ]
    return TrainingExample(
        query=np.asarray(candidates.rank_vector, dtype=np.float32),
        units=np.asarray(units, dtype=np.float32),
        unit_passage=np.array([index[o] for o in owners]),
        positive=positive,
        docs=tuple(p.doc_id for p in pool),
        relevant=len(item.relevant_doc_ids),
        shares=np.concatenate(shares) if shares else None,
    )


def pair_example(
    retriever: Retriever, snapshot: KnowledgeSnapshot, pair: KnowledgePair
) -> TrainingExample | None:
    """The pool the pair's text would be reranked in, its own text hidden from the passage it comes
    from; None when its document is not in the pool.

    The text is asked as a customer would, in a conversation about the passage's entity (when it
    has one). Its vector is the unadapted search vector, so any adapter can be fitted and scored on it.
    """
    entity = snapshot.vocabulary.entity_of(pair.passage)
    conversation = [Message(role="customer", text=entity)] if entity else []
    candidates = retriever.candidates(Ticket(text=pair.query, conversation=conversation), snapshot, top_k=5)
    matrices = retriever.unit_matrices(candidates.pool)
    kept: list[Passage] = []
    rows: list[np.ndarray] = []
    shares: list[np.ndarray] = []
    for passage in candidates.pool:
        units = matrices.get(passage.chunk_id)
        if units is None:
            continue
        used = word_shares(candidates.asked, passage.text, len(units))
        if passage.chunk_id == pair.passage.chunk_id:
            hidden = sorted(i for i in pair.hidden if i < len(units))
            units, used = np.delete(units, hidden, axis=0), np.delete(used, hidden)
        elif pair.in_every_chunk and passage.doc_id == pair.doc_id:
            units, used = units[1:], used[1:]
        if len(units):
            kept.append(passage)
            rows.append(units)
            shares.append(used)
    positive = np.array([p.doc_id == pair.doc_id for p in kept], dtype=bool)
    if not positive.any():
        return None
    return TrainingExample(
        query=np.asarray(candidates.search_vector, dtype=np.float32),
        units=np.vstack(rows).astype(np.float32),
        unit_passage=np.concatenate([np.full(len(r), i) for i, r in enumerate(rows)]),
        positive=positive,
        docs=tuple(p.doc_id for p in kept),
        shares=np.concatenate(shares),
    )


def unit_scores(example: TrainingExample, adapter: QueryAdapter | None) -> np.ndarray:
    """Every unit's score for the example's query, as the retriever ranks with `adapter`."""
    if adapter is None:
        plain: np.ndarray = example.units @ example.query
        return plain
    scores: np.ndarray = example.units @ adapter.apply(example.query)
    if adapter.lexical_weight and example.shares is not None:
        scores = scores + adapter.lexical_weight * example.shares
    return scores


def fit_adapter(
    examples: list[TrainingExample],
    settings: TuningSettings,
    progress: Progress | None = None,
    *,
    base: QueryAdapter | None = None,
) -> QueryAdapter:
    """Fit W so each example's relevant passages score highest (softmax over the pool's best units);
    on top of `base`'s shift, when given, which the result keeps."""
    import torch  # only tuning needs it; serving applies the matrix with numpy

    torch.manual_seed(settings.seed)
    dimension = examples[0].query.shape[0]
    matrix = torch.zeros(dimension, dimension, requires_grad=True)
    optimiser = torch.optim.Adam([matrix], lr=settings.learning_rate)
    start = base or QueryAdapter(matrix=np.zeros((dimension, dimension), dtype=np.float32))
    tensors = [
        (
            torch.from_numpy(start.shifted_query(e.query).astype(np.float32)),
            torch.from_numpy(e.units),
            torch.from_numpy(e.unit_passage),
            torch.from_numpy(e.positive),
            torch.from_numpy(
                start.lexical_weight * (e.shares if e.shares is not None else np.zeros(len(e.units)))
            ).float(),
        )
        for e in examples
    ]
    order = np.random.default_rng(settings.seed)
    for epoch in range(settings.epochs):
        for i in order.permutation(len(tensors)):
            query, units, owners, positive, lexical = tensors[i]
            moved = query + matrix @ query
            scores = units @ (moved / moved.norm()) + lexical
            best = torch.full((len(positive),), -2.0).scatter_reduce(0, owners, scores, "amax")
            log_p = torch.log_softmax(best / settings.temperature, 0)
            loss = -log_p[positive].mean() + settings.l2 * (matrix**2).sum()
            optimiser.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            optimiser.step()
        if progress:
            progress(epoch + 1)
    return start.with_matrix(matrix.detach().numpy(), info={})


def score_retrieval(
    retriever: Retriever, labelled: Iterable[LabelledTicket], *, k: int = 5
) -> RetrievalScores:
    """Recall@k and MRR of the retriever's ranking over labelled tickets."""
    recall: list[float] = []
    reciprocal: list[float] = []
    for item in labelled:
        found = retriever.retrieve(item.ticket, top_k=k, history_k=0)
        ranked = list(dict.fromkeys(p.doc_id for p in found.knowledge))
        relevant = item.relevant_doc_ids
        recall.append(len(relevant & set(ranked[:k])) / len(relevant))
        reciprocal.append(next((1 / (i + 1) for i, d in enumerate(ranked) if d in relevant), 0.0))
    n = len(recall)
    return RetrievalScores(
        recall_at_k=sum(recall) / n if n else 0.0, mrr=sum(reciprocal) / n if n else 0.0, tickets=n, k=k
    )


def score_examples(
    examples: list[TrainingExample], adapter: QueryAdapter | None = None, *, k: int = 5
) -> RetrievalScores:
    """Document-level recall@k and MRR of examples ranked within their pools (by their best unit)."""
    recall: list[float] = []
    reciprocal: list[float] = []
    for e in examples:
        best = np.full(len(e.positive), -np.inf)
        np.maximum.at(best, e.unit_passage, unit_scores(e, adapter))
        ranked: list[bool] = []
        seen: set[str] = set()
        for i in np.argsort(-best, kind="stable"):
            doc = e.docs[i] if e.docs else str(i)
            if doc not in seen:
                seen.add(doc)
                ranked.append(bool(e.positive[i]))
        recall.append(sum(ranked[:k]) / max(1, e.relevant))
        reciprocal.append(next((1 / (i + 1) for i, hit in enumerate(ranked) if hit), 0.0))
    n = len(recall)
    return RetrievalScores(
        recall_at_k=sum(recall) / n if n else 0.0, mrr=sum(reciprocal) / n if n else 0.0, tickets=n, k=k
    )


# Ranked passages whose gap to the first is compared with and without an adapter.
SPREAD_RANK = 5


def margin_scale(examples: list[TrainingExample], adapter: QueryAdapter) -> float:
    """How much wider the gap between the first and the fifth passage is with the adapter than
    without, on average over the examples (1 when there is nothing to compare)."""
    gaps: dict[bool, list[float]] = {False: [], True: []}
    for e in examples:
        if len(e.positive) < 2:
            continue
        for adapted in (False, True):
            best = np.full(len(e.positive), -np.inf)
            np.maximum.at(best, e.unit_passage, unit_scores(e, adapter if adapted else None))
            ranked = np.sort(best)[::-1]
            gaps[adapted].append(float(ranked[0] - ranked[min(SPREAD_RANK, len(ranked)) - 1]))
    if not gaps[False]:
        return 1.0
    before, after = float(np.mean(gaps[False])), float(np.mean(gaps[True]))
    return after / before if before > 0 and after > 0 else 1.0


def knowledge_shift(
    retriever: Retriever, snapshot: KnowledgeSnapshot, queries: np.ndarray, *, sample: int = 4000
) -> np.ndarray:
    """From where the knowledge's query-like texts lie to where its ranking vectors lie: the mean of
    the one minus the mean of the other (passages sampled evenly beyond `sample`)."""
    passages = snapshot.passages
    step = max(1, len(passages) // sample)
    matrices = retriever.unit_matrices(passages[::step])
    units = np.vstack(list(matrices.values()))
    shift: np.ndarray = (units.mean(axis=0) - queries.mean(axis=0)).astype(np.float32)
    return shift
