"""Combining ranked lists: reciprocal rank fusion, and maximal marginal relevance for diversity."""

from __future__ import annotations

import numpy as np

from drafter.domain import Passage


def reciprocal_rank_fusion(ranked: list[tuple[list[Passage], float]], *, k: int = 60) -> list[Passage]:
    """Fuse ranked lists (each with a weight) by weighted 1/(k + rank), best first.

    The passages are returned as they came (no copies: the reranker scores them next).
    """
    scores: dict[str, float] = {}
    first_seen: dict[str, Passage] = {}
    for passages, weight in ranked:
        for rank, passage in enumerate(passages):
            scores[passage.chunk_id] = scores.get(passage.chunk_id, 0.0) + weight / (k + rank + 1)
            # Keep the dense copy when there is one: its score is a similarity the composer understands.
            first_seen.setdefault(passage.chunk_id, passage)
    order = sorted(scores, key=lambda cid: -scores[cid])
    return [first_seen[cid] for cid in order]


def mmr(
    passages: list[Passage], vectors: np.ndarray, query: np.ndarray, *, k: int, lam: float = 0.7
) -> list[Passage]:
    """Pick `k` passages balancing relevance to the query against similarity to those already picked."""
    if len(passages) <= k:
        return passages
    relevance = vectors @ query
    chosen: list[int] = []
    candidates = list(range(len(passages)))
    while candidates and len(chosen) < k:

        def value(i: int) -> float:
            redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            return lam * float(relevance[i]) - (1 - lam) * redundancy

        best = max(candidates, key=value)
        chosen.append(best)
        candidates.remove(best)
    return [passages[i] for i in chosen]
