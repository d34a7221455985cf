"""Tuning retrieval on a team's labelled tickets: learn a query adapter, measure it on held-out tickets.

Each labelled ticket becomes one training example: the candidate pool the retriever would rerank,
every vector its passages are ranked by, and which passages belong to the documents the ticket
was labelled with. The adapter is fitted so those passages rank first; it is judged only on
tickets from conversations it never saw.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

import numpy as np

from drafter.domain import Ticket
from drafter.retrieval.adapter import QueryAdapter
from drafter.retrieval.retriever import Retriever

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
    return TrainingExample(
        query=np.asarray(candidates.rank_vector, dtype=np.float32),
        units=np.asarray(units, dtype=np.float32),
        unit_passage=np.array([index[o] for o in owners]),
        positive=positive,
    )


def fit_adapter(
    examples: list[TrainingExample], settings: TuningSettings, progress: Progress | None = None
) -> QueryAdapter:
    """Fit W so each example's relevant passages score highest (softmax over the pool's best units)."""
    import torch  # only tuning needs it; serving applies the matrix with numpy

    torch.manual_seed(settings.seed)
    dimension = examples[0].query.shape[0]
    matrix = torch.zeros(dimension, dimension, requires_grad=True)
    optimiser = torch.optim.Adam([matrix], lr=settings.learning_rate)
    tensors = [
        (
            torch.from_numpy(e.query),
            torch.from_numpy(e.units),
            torch.from_numpy(e.unit_passage),
            torch.from_numpy(e.positive),
        )
        for e in examples
    ]
    order = np.random.default_rng(settings.seed)
    for epoch in range(settings.epochs):
        for i in order.permutation(len(tensors)):
            query, units, owners, positive = tensors[i]
            moved = query + matrix @ query
            scores = units @ (moved / moved.norm())
            best = torch.full((len(positive),), -2.0).scatter_reduce(0, owners, scores, "amax")
            log_p = torch.log_softmax(best / settings.temperature, 0)
            loss = -log_p[positive].mean() + settings.l2 * (matrix**2).sum()
            optimiser.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            optimiser.step()
        if progress:
            progress(epoch + 1)
    return QueryAdapter(matrix=matrix.detach().numpy().astype(np.float32))


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
