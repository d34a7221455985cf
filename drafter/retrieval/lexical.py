"""BM25 over a knowledge collection's chunks, updated in place when a few documents change.

Scores are Lucene's BM25 (k1 1.5, b 0.75), the variant bm25s computes. Term counts are kept in
segments: the chunks indexed at first in one, each later write's chunks in a small one of their
own, and chunks replaced or deleted since are masked out. Document frequencies and lengths are
taken over the live chunks at query time, so a write costs the tokens of what it wrote rather than
a rebuild over every chunk; segments are merged once they pile up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from drafter.domain import Passage
from drafter.text.words import search_terms

K1 = 1.5
B = 0.75
# Merge segments once this many have piled up or this share of the slots is dead.
MAX_SEGMENTS = 16
MAX_DEAD_SHARE = 0.25


def index_terms(passage: Passage) -> list[str]:
    """What a chunk is matched on: the search terms of its title and text."""
    return search_terms(f"{passage.title} {passage.text}")


@dataclass(frozen=True)
class _Segment:
    """Term counts of some chunks: one sparse column per term, one row per chunk."""

    terms: dict[str, int]
    counts: sparse.csc_matrix
    positions: np.ndarray
    """The index position of each row."""

    @classmethod
    def of(cls, tokenized: list[list[str]], positions: np.ndarray) -> _Segment:
        terms: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, tokens in enumerate(tokenized):
            for term, count in Counter(tokens).items():
                rows.append(row)
                cols.append(terms.setdefault(term, len(terms)))
                values.append(float(count))
        shape = (len(tokenized), max(1, len(terms)))
        matrix = sparse.csc_matrix((np.asarray(values, dtype=np.float32), (rows, cols)), shape=shape)
        return cls(terms, matrix, positions)

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the chunks holding the term, with its count in each."""
        column = self.terms.get(term)
        if column is None:
            return _NO_POSITIONS, _NO_COUNTS
        start, end = self.counts.indptr[column], self.counts.indptr[column + 1]
        return self.positions[self.counts.indices[start:end]], self.counts.data[start:end]


_NO_POSITIONS = np.zeros(0, dtype=np.int64)
_NO_COUNTS = np.zeros(0, dtype=np.float32)


@dataclass(frozen=True)
class LexicalIndex:
    """A BM25 index over one version of a collection's chunks."""

    passages: list[Passage]
    """The chunk at each position; a replaced or deleted chunk keeps its slot until segments merge."""
    live: np.ndarray
    lengths: np.ndarray
    segments: tuple[_Segment, ...]
    position_of: dict[str, int] = field(default_factory=dict)
    """Live position of each chunk id."""

    @classmethod
    def build(cls, passages: list[Passage]) -> LexicalIndex:
        """Index the chunks (title and text)."""
        return cls._indexed(passages, [index_terms(p) for p in passages])

    @classmethod
    def _indexed(cls, passages: list[Passage], tokenized: list[list[str]]) -> LexicalIndex:
        positions = np.arange(len(passages), dtype=np.int64)
        segments = (_Segment.of(tokenized, positions),) if passages else ()
        return cls(
            passages=list(passages),
            live=np.ones(len(passages), dtype=bool),
            lengths=np.asarray([len(t) for t in tokenized], dtype=np.float32),
            segments=segments,
            position_of={p.chunk_id: i for i, p in enumerate(passages)},
        )

    @property
    def merged(self) -> bool:
        """True when every slot is live and in one segment: positions are 0..n-1 in order."""
        return len(self.segments) <= 1 and bool(self.live.all())

    def live_passages(self) -> list[Passage]:
        """The live chunks, in position order."""
        return [p for p, alive in zip(self.passages, self.live, strict=True) if alive]

    def held(self, chunk_ids: Iterable[str]) -> list[tuple[int, Passage]]:
        """The live position and chunk of each of `chunk_ids` this index holds."""
        found = ((self.position_of.get(i), i) for i in chunk_ids)
        return [(position, self.passages[position]) for position, _ in found if position is not None]

    def updated(self, removed: Iterable[str], added: list[Passage]) -> LexicalIndex:
        """This index with chunks removed (deleted or replaced) and chunks added, sharing what is
        unchanged; the added chunks get new positions after every existing one."""
        live = self.live.copy()
        position_of = dict(self.position_of)
        for chunk_id in set(removed) | {p.chunk_id for p in added}:
            gone = position_of.pop(chunk_id, None)
            if gone is not None:
                live[gone] = False
        start = len(self.passages)
        positions = np.arange(start, start + len(added), dtype=np.int64)
        tokenized = [index_terms(p) for p in added]
        for offset, passage in enumerate(added):
            position_of[passage.chunk_id] = start + offset
        segments = self.segments + ((_Segment.of(tokenized, positions),) if added else ())
        return LexicalIndex(
            passages=self.passages + added,
            live=np.concatenate([live, np.ones(len(added), dtype=bool)]),
            lengths=np.concatenate([self.lengths, np.asarray([len(t) for t in tokenized], dtype=np.float32)]),
            segments=segments,
            position_of=position_of,
        )

    @property
    def crowded(self) -> bool:
        """Too many segments or dead slots: time to merge them (`compacted`)."""
        dead = len(self.live) - int(self.live.sum())
        return len(self.segments) > MAX_SEGMENTS or dead > MAX_DEAD_SHARE * max(1, len(self.live))

    def compacted(self) -> LexicalIndex:
        """The same live chunks in one segment, renumbered 0..n-1 (no text is tokenized again)."""
        keep = np.flatnonzero(self.live)
        renumber = np.full(len(self.live), -1, dtype=np.int64)
        renumber[keep] = np.arange(len(keep))
        terms: dict[str, int] = {}
        rows, cols, values = [], [], []
        for segment in self.segments:
            columns = np.asarray([terms.setdefault(t, len(terms)) for t in segment.terms], dtype=np.int64)
            coo = segment.counts.tocoo()
            new_rows = renumber[segment.positions[coo.row]]
            alive = new_rows >= 0
            rows.append(new_rows[alive])
            cols.append(columns[coo.col[alive]])
            values.append(coo.data[alive])
        shape = (len(keep), max(1, len(terms)))
        matrix = sparse.csc_matrix(
            (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=shape
        )
        passages = [self.passages[i] for i in keep]
        return LexicalIndex(
            passages=passages,
            live=np.ones(len(keep), dtype=bool),
            lengths=self.lengths[keep],
            segments=(_Segment(terms, matrix, np.arange(len(keep), dtype=np.int64)),) if len(keep) else (),
            position_of={p.chunk_id: i for i, p in enumerate(passages)},
        )

    def scores(self, query: str) -> np.ndarray:
        """The BM25 score of every position for the query (0 for dead slots and chunks without its words)."""
        scores = np.zeros(len(self.passages), dtype=np.float32)
        words = search_terms(query)
        total = int(self.live.sum())
        if not words or not total:
            return scores
        average = float(self.lengths[self.live].mean(dtype=np.float64)) or 1.0
        # Rounded as bm25s rounds (float64 per chunk, float32 idf and sums), so scores and their
        # ties match what it computed.
        norm = K1 * ((1 - B) + B * self.lengths.astype(np.float64) / average)
        terms: dict[str, tuple[np.ndarray, np.ndarray] | None] = {}
        for term in dict.fromkeys(words):
            found = [segment.postings(term) for segment in self.segments]
            positions = np.concatenate([f[0] for f in found])
            counts = np.concatenate([f[1] for f in found])
            alive = self.live[positions]
            positions, counts = positions[alive], counts[alive]
            if not len(positions):
                terms[term] = None
                continue
            frequency = len(positions)
            idf = np.float32(np.log(1 + (total - frequency + 0.5) / (frequency + 0.5)))
            terms[term] = positions, (idf * (counts / (norm[positions] + counts))).astype(np.float32)
        # Word by word in query order: a word asked twice counts twice, as the query is written
        # to weigh the latest message.
        for term in words:
            hit = terms[term]
            if hit is not None:
                scores[hit[0]] += hit[1]
        return scores

    def search(self, query: str, *, k: int, allowed: set[int] | None = None) -> list[Passage]:
        """The `k` best chunks for the query (only positions in `allowed`, when given)."""
        scores = self.scores(query)
        if allowed is not None:
            masked = np.zeros_like(scores)
            idx = np.fromiter(allowed, dtype=np.int64, count=len(allowed))
            masked[idx] = scores[idx]
            scores = masked
        hits = np.flatnonzero(scores > 0)
        if len(hits) > k:
            hits = hits[np.argpartition(-scores[hits], k - 1)[:k]]
        # Highest score first; equal scores in position order, the same every run.
        order = hits[np.lexsort((hits, -scores[hits]))]
        return [self.passages[i].model_copy(update={"score": float(scores[i])}) for i in order]
