"""Retrieval policy: dense and lexical search fused, boosted towards the entity the ticket is about."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import numpy as np

from drafter.domain import Passage, Ticket
from drafter.retrieval.adapter import QueryAdapter
from drafter.retrieval.entities import EntityVocabulary
from drafter.retrieval.fusion import mmr, reciprocal_rank_fusion
from drafter.retrieval.lexical import LexicalIndex, lexical_index
from drafter.retrieval.query import build_query, focus_query, lexical_query, split_sentences
from drafter.store import HistoryIndex, KnowledgeIndex
from drafter.store.chroma import SENTENCE_COUNT, sentence_id

RetrievalMode = Literal["hybrid", "dense", "lexical"]
# History older than this many days counts for about a third as much as today's.
HISTORY_HALF_LIFE_DAYS = 60.0
HISTORY_RECENCY_WEIGHT = 0.15


@dataclass(frozen=True)
class RetrievalPolicy:
    """How to search: which signals, how many candidates, how to weigh them."""

    mode: RetrievalMode = "hybrid"
    candidates: int = 30
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    entity_boost: float = 2.0
    rrf_k: int = 60
    use_mmr: bool = False
    sentence_rerank: bool = True
    rerank_pool: int = 40
    entity_pool: int = 200
    """Most passages of the linked entity reranked on top of the fused pool."""


@dataclass
class Retrieved:
    """What was found for a ticket."""

    query: str
    knowledge: list[Passage] = field(default_factory=list)
    history: list[Passage] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    """The entities the conversation is about, when the knowledge names entities."""


_vocab_cache: dict[str, tuple[int, EntityVocabulary]] = {}
# Stored chunk vectors per collection, valid for one generation of it: entity members would
# otherwise be fetched from the store on every query.
_vector_cache: dict[str, tuple[tuple[int, int] | None, dict[str, np.ndarray]]] = {}
_vector_lock = threading.Lock()
_vocab_lock = threading.Lock()


def _vocabulary(name: str, lexical: LexicalIndex) -> EntityVocabulary:
    with _vocab_lock:
        cached = _vocab_cache.get(name)
        if cached is not None and cached[0] == id(lexical):
            return cached[1]
    vocab = EntityVocabulary.build(lexical.passages)
    with _vocab_lock:
        _vocab_cache[name] = (id(lexical), vocab)
    return vocab


def _cosine_ranked(
    passages: list[Passage], vectors: dict[str, np.ndarray], query: np.ndarray, k: int
) -> list[Passage]:
    scored = [
        p.model_copy(update={"score": round(float(vectors[p.chunk_id] @ query), 6)})
        for p in passages
        if p.chunk_id in vectors
    ]
    return sorted(scored, key=lambda p: -p.score)[:k]


class Retriever:
    """Searches one tenant's knowledge and one customer's history."""

    def __init__(
        self,
        knowledge: KnowledgeIndex,
        history: HistoryIndex,
        policy: RetrievalPolicy | None = None,
        adapter: QueryAdapter | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.history = history
        self.policy = policy or RetrievalPolicy()
        self.adapter = adapter
        self._generation: tuple[int, int] | None = None

    def retrieve(self, ticket: Ticket, *, top_k: int, history_k: int) -> Retrieved:
        """Knowledge passages for the ticket, and the customer's own relevant history."""
        query = build_query(ticket)
        vector = self.knowledge.embedder.embed([query])[0]
        found = Retrieved(query=query)
        count = self.knowledge.count()
        if count:
            found.knowledge, found.entities = self._knowledge(ticket, query, vector, top_k, count)
        if ticket.customer_id and history_k > 0:
            found.history = self._history(ticket.customer_id, vector, history_k)
        return found

    def _knowledge(
        self, ticket: Ticket, query: str, vector: np.ndarray, top_k: int, count: int
    ) -> tuple[list[Passage], list[str]]:
        if self.policy.mode == "dense":
            return self.knowledge.query(vector, k=top_k, total=count), []
        pool, rank_vector, entities = self.candidates(ticket, query, vector, count, top_k=top_k)
        vectors = self._vectors(pool)
        if self.policy.sentence_rerank:
            scored = self._rerank(pool, vectors, rank_vector)
        else:
            scored = [
                p.model_copy(update={"score": round(float(vectors[p.chunk_id] @ rank_vector), 6)})
                for p in pool
                if p.chunk_id in vectors
            ]
        if self.policy.use_mmr and scored:
            matrix = np.stack([vectors[p.chunk_id] for p in scored])
            return mmr(scored, matrix, rank_vector, k=top_k), entities
        return scored[:top_k], entities

    def candidates(
        self, ticket: Ticket, query: str, vector: np.ndarray, count: int, *, top_k: int
    ) -> tuple[list[Passage], np.ndarray, list[str]]:
        """The pool to rerank, the (adapted) vector to rank it by, and the linked entities."""
        policy = self.policy
        lexical = lexical_index(self.knowledge, count)
        self._generation = self.knowledge.generation_at(count)
        vocab = _vocabulary(self.knowledge.name, lexical)
        entities = vocab.link(ticket)
        words = lexical_query(ticket, " ".join(entities))
        ranked: list[tuple[list[Passage], float]] = [
            (lexical.search(words, k=policy.candidates), policy.lexical_weight)
        ]
        if policy.mode == "hybrid":
            ranked.append(
                (self.knowledge.query(vector, k=policy.candidates, total=count), policy.dense_weight)
            )
        if not entities:
            rank_vector = self._adapted(vector)
            return reciprocal_rank_fusion(ranked, k=policy.rrf_k)[: top_k * 3], rank_vector, entities
        # Within the entities, rank by what is asked now: the conversation already did its job
        # by naming them.
        rank_vector = self._adapted(self.focus_vector(ticket, query, vector))
        positions = set().union(*(vocab.positions[e] for e in entities))
        members = [lexical.passages[i] for i in sorted(positions)]
        ranked.append(
            (
                lexical.search(words, k=policy.candidates, allowed=positions),
                policy.lexical_weight * policy.entity_boost,
            )
        )
        if policy.mode == "hybrid":
            ranked.append(
                (
                    _cosine_ranked(members, self._vectors(members), rank_vector, policy.candidates),
                    policy.dense_weight * policy.entity_boost,
                )
            )
        # Other entities' passages are off topic, while passages about no entity in particular
        # (general policies) still apply. Every passage of the entities is reranked, not only
        # those the lists found: its best sentence decides.
        allowed = {None, *entities}
        fused = [p for p in reciprocal_rank_fusion(ranked, k=policy.rrf_k) if vocab.entity_of(p) in allowed]
        fused = fused[: policy.rerank_pool]
        seen = {p.chunk_id for p in fused}
        fused.extend(p for p in members[: policy.entity_pool] if p.chunk_id not in seen)
        return fused, rank_vector, entities

    def focus_vector(self, ticket: Ticket, query: str, vector: np.ndarray) -> np.ndarray:
        """The vector of the latest message alone (the query's own when they are the same text)."""
        focus = focus_query(ticket)
        return vector if focus == query else self.knowledge.embedder.embed([focus])[0]

    def _adapted(self, vector: np.ndarray) -> np.ndarray:
        adapter = self.adapter
        if adapter is None or adapter.dimension != vector.shape[0]:
            return vector
        return adapter.apply(vector)

    def ranking_units(self, passages: list[Passage]) -> tuple[np.ndarray, list[str]]:
        """Every vector a passage is ranked by (its own and its sentences'), with the passage of each."""
        vectors = self._vectors(passages)
        kept = [p for p in passages if p.chunk_id in vectors]
        owners = [p.chunk_id for p in kept]
        rows = [vectors[p.chunk_id] for p in kept]
        stored_ids = [
            (p.chunk_id, sentence_id(p.chunk_id, i))
            for p in kept
            if isinstance(p.metadata.get(SENTENCE_COUNT), int)
            for i in range(int(p.metadata[SENTENCE_COUNT]))
        ]
        stored = self._cached([sid for _, sid in stored_ids], self.knowledge.sentence_embeddings_of)
        for chunk_id, sid in stored_ids:
            if sid in stored:
                owners.append(chunk_id)
                rows.append(stored[sid])
        # Stores written before sentences were kept: embed them now (the embedder caches them).
        pieces = [
            (p.chunk_id, s)
            for p in kept
            if not isinstance(p.metadata.get(SENTENCE_COUNT), int)
            for s in split_sentences(p.text)
        ]
        if pieces:
            owners.extend(chunk_id for chunk_id, _ in pieces)
            rows.extend(self.knowledge.embedder.embed([s for _, s in pieces]))
        matrix = np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)
        return matrix, owners

    def _rerank(
        self, passages: list[Passage], vectors: dict[str, np.ndarray], query: np.ndarray
    ) -> list[Passage]:
        """Order by the best of the chunk's own cosine and its best sentence's cosine to the query.

        A long chunk (a review, an article section) that answers in one sentence scores low as a
        whole; its best sentence shows it. Every passage's score is this cosine, whichever list
        found it, since the composer reads scores as similarities.
        """
        matrix, owners = self.ranking_units(passages)
        best: dict[str, float] = {}
        for chunk_id, score in zip(owners, (matrix @ query).tolist() if owners else [], strict=True):
            best[chunk_id] = max(best.get(chunk_id, -1.0), score)
        scored = [
            p.model_copy(update={"score": round(best[p.chunk_id], 6)}) for p in passages if p.chunk_id in best
        ]
        return sorted(scored, key=lambda p: -p.score)

    def _vectors(self, passages: list[Passage]) -> dict[str, np.ndarray]:
        """Stored vectors of the passages."""
        found = self._cached([p.chunk_id for p in passages], self.knowledge.embeddings_of)
        return {p.chunk_id: found[p.chunk_id] for p in passages if p.chunk_id in found}

    def _cached(
        self, ids: list[str], fetch: Callable[[list[str]], dict[str, np.ndarray]]
    ) -> dict[str, np.ndarray]:
        """Stored vectors by id (chunk or sentence), fetched from the store once per collection generation."""
        key, generation = self.knowledge.name, self._generation
        with _vector_lock:
            cached = _vector_cache.get(key)
            if cached is None or cached[0] != generation:
                cached = (generation, {})
                _vector_cache[key] = cached
            known = cached[1]
            missing = [i for i in ids if i not in known]
        if missing:
            fetched = fetch(missing)
            with _vector_lock:
                known.update(fetched)
        return {i: known[i] for i in ids if i in known}

    def _history(self, customer_id: str, vector: np.ndarray, k: int) -> list[Passage]:
        candidates = self.history.query(vector, customer_id=customer_id, k=max(k * 3, k))
        now = datetime.now(UTC).timestamp()

        def weighted(p: Passage) -> float:
            stamp = p.metadata.get("timestamp")
            if not isinstance(stamp, str):
                return p.score
            try:
                moment = datetime.fromisoformat(stamp)
            except ValueError:
                return p.score
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            age_days = max(0.0, (now - moment.timestamp()) / 86_400)
            return p.score + HISTORY_RECENCY_WEIGHT * math.exp(-age_days / HISTORY_HALF_LIFE_DAYS)

        return sorted(candidates, key=weighted, reverse=True)[:k]
