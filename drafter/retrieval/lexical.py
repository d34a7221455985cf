"""BM25 over a knowledge collection's chunks."""

from __future__ import annotations

from dataclasses import dataclass

import bm25s
import numpy as np

from drafter.domain import Passage
from drafter.text.words import search_terms


@dataclass
class LexicalIndex:
    """A BM25 index over a snapshot of chunks."""

    passages: list[Passage]
    model: bm25s.BM25 | None

    @classmethod
    def build(cls, passages: list[Passage]) -> LexicalIndex:
        """Index the chunks (title and text)."""
        corpus = [search_terms(f"{p.title} {p.text}") or ["_"] for p in passages]
        if not corpus:
            return cls(passages, None)
        model = bm25s.BM25()
        model.index(corpus, show_progress=False)
        return cls(passages, model)

    def search(self, query: str, *, k: int, allowed: set[int] | None = None) -> list[Passage]:
        """The `k` best chunks for the query (only positions in `allowed`, when given)."""
        words = search_terms(query)
        if self.model is None or not words:
            return []
        scores = np.asarray(self.model.get_scores(words))
        if allowed is not None:
            mask = np.full(scores.shape, -1.0)
            idx = np.fromiter(allowed, dtype=int)
            mask[idx] = scores[idx]
            scores = mask
        order = np.argsort(-scores)[:k]
        return [
            self.passages[i].model_copy(update={"score": float(scores[i])}) for i in order if scores[i] > 0
        ]
