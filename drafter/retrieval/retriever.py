"""Retrieval policy: dense and lexical search fused, boosted towards the entity the ticket is about."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import numpy as np

from drafter.domain import Passage, Ticket
from drafter.retrieval.adapter import QueryAdapter
from drafter.retrieval.fusion import mmr, reciprocal_rank_fusion
from drafter.retrieval.query import build_query, focus_query, lexical_query
from drafter.retrieval.snapshot import KnowledgeCache, KnowledgeSnapshot
from drafter.retrieval.unit_words import asked_words, word_shares
from drafter.store import HistoryIndex, KnowledgeIndex
from drafter.text.asks import asks_of
from drafter.text.glossary import Glossary
from drafter.text.language import likely_languages, writes_in_english

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
    per_question_k: int = 2
    """For a ticket that asks several things, passages added per question from its own search."""
    max_questions: int = 4
    non_english_max_per_document: int | None = 2
    """For a ticket surely not in English, at most this many of one document's passages among the
    `top_k` (None: no limit). A multilingual model also matches language, so every passage of a
    document written in the ticket's language scores high and one such document can fill the
    list. English tickets are never capped."""
    exact_search_max: int = 20_000
    """Up to this many chunks, the dense list is an exact cosine over every chunk in memory:
    faster than an index query at that size (no round trip) and never misses a neighbour."""


@dataclass
class Candidates:
    """What the reranker works on."""

    pool: list[Passage]
    search_vector: np.ndarray
    """The query as searched: the latest message once entities are linked, else with the conversation."""
    rank_vector: np.ndarray
    """The search vector moved by the tenant's query adapter, when it has one."""
    entities: list[str]
    snapshot: KnowledgeSnapshot
    """The version of the knowledge the pool was drawn from."""
    asked: frozenset[str] = frozenset()
    """The words the latest message asks with (content stems, the linked names left out)."""


@dataclass
class Retrieved:
    """What was found for a ticket."""

    query: str
    knowledge: list[Passage] = field(default_factory=list)
    history: list[Passage] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    """The entities the conversation is about, when the knowledge names entities."""
    neighbours: list[Passage] = field(default_factory=list)
    """The other chunks of the best passage's document, not retrieved: what the composer may read
    to say what follows a promise it quotes, never what answers."""


def _cosine_ranked(
    passages: list[Passage], vectors: dict[str, np.ndarray], query: np.ndarray, k: int
) -> list[Passage]:
    kept = [p for p in passages if p.chunk_id in vectors]
    if not kept:
        return []
    scores = np.stack([vectors[p.chunk_id] for p in kept]) @ query
    # Only the k kept are copied: an entity can have hundreds of passages.
    top = np.argsort(-scores, kind="stable")[:k]
    return [kept[i].model_copy(update={"score": round(float(scores[i]), 6)}) for i in top]


def _capped_per_document(order: list[tuple[Passage, float]], cap: int) -> list[tuple[Passage, float]]:
    """The ranking with each document's passages after its first `cap` left out."""
    seen: dict[str, int] = {}
    kept = []
    for passage, score in order:
        seen[passage.doc_id] = seen.get(passage.doc_id, 0) + 1
        if seen[passage.doc_id] <= cap:
            kept.append((passage, score))
    return kept


class Retriever:
    """Searches one tenant's knowledge and one customer's history."""

    def __init__(
        self,
        knowledge: KnowledgeIndex,
        history: HistoryIndex,
        policy: RetrievalPolicy | None = None,
        adapter: QueryAdapter | None = None,
        cache: KnowledgeCache | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.glossary = glossary
        """English words for support terms in other languages, added to a non-English ticket's search."""
        self.history = history
        self.policy = policy or RetrievalPolicy()
        self.adapter = adapter
        self.cache = cache or KnowledgeCache()
        """Shared by every retriever of a runtime: what one thread fetched, all reuse."""

    def retrieve(self, ticket: Ticket, *, top_k: int, history_k: int) -> Retrieved:
        """Knowledge passages for the ticket, and the customer's own relevant history."""
        query = build_query(ticket)
        found = Retrieved(query=query)
        version = self.knowledge.version()
        count = version[1]
        if count and self.policy.mode != "dense":
            snapshot = self.cache.snapshot(self.knowledge, version)
            candidates = self.candidates(ticket, snapshot, top_k=top_k)
            cap = None if writes_in_english(ticket) else self.policy.non_english_max_per_document
            found.knowledge, found.entities = self._ranked(candidates, top_k, cap=cap), candidates.entities
            vector = candidates.search_vector
            found.knowledge += self._per_question(ticket, snapshot, {p.chunk_id for p in found.knowledge})
            if found.knowledge:
                known = {p.chunk_id for p in found.knowledge}
                document = snapshot.documents.get(found.knowledge[0].doc_id, [])
                found.neighbours = [p for p in document if p.chunk_id not in known]
        else:
            vector = self.knowledge.embedder.embed_query([query])[0]
            if count:
                found.knowledge = self.knowledge.query(vector, k=top_k, total=count)
        if ticket.customer_id and history_k > 0:
            found.history = self._history(ticket.customer_id, vector, history_k)
        return found

    def document_for(self, text: str) -> list[Passage]:
        """Every chunk of the knowledge document that best matches a text that is not the ticket:
        what the record shows of the customer's situation (an order past its expected delivery
        date) that the ticket may not say, and whose policy is read whole."""
        version = self.knowledge.version()
        if not version[1] or self.policy.mode == "dense":
            return []
        snapshot = self.cache.snapshot(self.knowledge, version)
        best = self._ranked(self.candidates(Ticket(text=text), snapshot, top_k=1), 1)
        if not best:
            return []
        rest = [p for p in snapshot.documents.get(best[0].doc_id, []) if p.chunk_id != best[0].chunk_id]
        return [best[0], *rest]

    def _per_question(self, ticket: Ticket, snapshot: KnowledgeSnapshot, seen: set[str]) -> list[Passage]:
        """The best passages for each question of a ticket that asks several, beyond those found.

        One search for "my thermostat stopped working; is it under warranty?" is pulled towards
        the longer topic, and the warranty article never makes the list.
        """
        per_question = self.policy.per_question_k
        if per_question <= 0:
            return []
        asks = asks_of(ticket.text)
        if len(asks) < 2:
            return []
        extra: list[Passage] = []
        for ask in asks[: self.policy.max_questions]:
            single = ticket.model_copy(update={"text": ask.text})
            english = self._english_words(ticket, ask.text)
            found = self.candidates(single, snapshot, top_k=per_question, english=english)
            for passage in self._ranked(found, per_question):
                if passage.chunk_id not in seen:
                    seen.add(passage.chunk_id)
                    extra.append(passage)
        return extra

    def _ranked(self, candidates: Candidates, top_k: int, *, cap: int | None = None) -> list[Passage]:
        pool, rank_vector = candidates.pool, candidates.rank_vector
        vectors = self._vectors(pool)
        if self.policy.sentence_rerank:
            order = self._rerank(pool, rank_vector, candidates.asked)
        else:  # fusion order, scored by the passage's own cosine
            order = [(p, float(vectors[p.chunk_id] @ rank_vector)) for p in pool if p.chunk_id in vectors]
        if cap is not None:
            order = _capped_per_document(order, cap)
        kept = order if self.policy.use_mmr else order[:top_k]
        scored = [p.model_copy(update={"score": round(score, 6)}) for p, score in kept]
        if self.policy.use_mmr and scored:
            matrix = np.stack([vectors[p.chunk_id] for p in scored])
            return mmr(scored, matrix, rank_vector, k=top_k)
        return scored

    def snapshot(self) -> KnowledgeSnapshot:
        """The knowledge as it is now."""
        return self.cache.snapshot(self.knowledge, self.knowledge.version())

    def candidates(
        self, ticket: Ticket, snapshot: KnowledgeSnapshot, *, top_k: int, english: list[str] | None = None
    ) -> Candidates:
        """The pool to rerank and the vectors to search and rank by, with the linked entities.

        `english`: the glossary's English words to search with beside the text (by default those
        of the ticket, when it is surely not in English).
        """
        policy = self.policy
        lexical, vocab = snapshot.lexical, snapshot.vocabulary
        entities = vocab.link(ticket)
        # Once the entities are known, search and rank by what is asked now: the conversation
        # already did its job by naming them. Otherwise its recent turns say what "it" is.
        text = focus_query(ticket) if entities else build_query(ticket)
        english = self._english_words(ticket) if english is None else english
        if english:
            # A multilingual model matches "garantie" to "warranty" only loosely, and MiniLM
            # "swap" to "exchange" no better; the help centre's words on a line of their own pull
            # the query towards the articles that use them.
            text = f"{text}\n{' '.join(english)}"
        vector = self.knowledge.embedder.embed_query([text])[0]
        found = Candidates(
            pool=[],
            search_vector=vector,
            rank_vector=self._adapted(vector),
            entities=entities,
            snapshot=snapshot,
            asked=asked_words(focus_query(ticket), " ".join(entities)),
        )
        words = lexical_query(ticket, " ".join(entities))
        if english:
            # Knowledge in English holds none of a foreign ticket's own words but its names and
            # codes, nor an English one's "swap": the glossary's words give keyword search
            # something to match.
            words = f"{words} {' '.join(english)}"
        ranked: list[tuple[list[Passage], float]] = [
            (lexical.search(words, k=policy.candidates), policy.lexical_weight)
        ]
        if policy.mode == "hybrid":
            ranked.append((self._dense(snapshot, vector, policy.candidates), policy.dense_weight))
        if not entities:
            found.pool = reciprocal_rank_fusion(ranked, k=policy.rrf_k)[: top_k * 3]
            return found
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
                    _cosine_ranked(members, self._vectors(members), found.rank_vector, policy.candidates),
                    policy.dense_weight * policy.entity_boost,
                )
            )
        # Other entities' passages are off topic, while passages about no entity in particular
        # (general policies) still apply. Every passage of the entities is reranked, not only
        # those the lists found: its best sentence decides. A follow-up's thread topic stays in the
        # running, unboosted, beside what the message names.
        allowed = {None, *entities, *vocab.thread_topic(ticket)}
        fused = [p for p in reciprocal_rank_fusion(ranked, k=policy.rrf_k) if vocab.entity_of(p) in allowed]
        fused = fused[: policy.rerank_pool]
        seen = {p.chunk_id for p in fused}
        fused.extend(p for p in members[: policy.entity_pool] if p.chunk_id not in seen)
        found.pool = fused
        return found

    def _english_words(self, ticket: Ticket, part: str | None = None) -> list[str]:
        """The glossary's English words for the support terms of a ticket surely not in English
        (or of `part` of it), read in the languages the whole ticket may be in; for one in
        English, the help centre's words for its everyday ones ("swap" -> exchange)."""
        if self.glossary is None:
            return []
        text = focus_query(ticket)
        languages = ["en"] if writes_in_english(ticket) else likely_languages(text)
        return self.glossary.english_words(part or text, languages)

    def _dense(self, snapshot: KnowledgeSnapshot, vector: np.ndarray, k: int) -> list[Passage]:
        """The `k` chunks nearest to the vector: exact in memory for a small store, else Chroma's index."""
        count = snapshot.version[1]
        if count > self.policy.exact_search_max:
            return self.knowledge.query(vector, k=k, total=count)
        matrix, passages = self.cache.matrix(self.knowledge, snapshot)
        if not passages:
            return []
        scores = matrix @ vector
        top = np.argsort(-scores, kind="stable")[:k]
        return [passages[i].model_copy(update={"score": round(float(scores[i]), 6)}) for i in top]

    @property
    def lexical_weight(self) -> float:
        """What the adapter adds to a unit's cosine per share of the asked words it uses."""
        adapter = self.adapter
        return adapter.lexical_weight if adapter is not None else 0.0

    def _adapted(self, vector: np.ndarray) -> np.ndarray:
        adapter = self.adapter
        if adapter is None or adapter.dimension != vector.shape[0]:
            return vector
        return adapter.apply(vector)

    def unit_matrices(self, passages: list[Passage]) -> dict[str, np.ndarray]:
        """Each passage's ranking vectors as one matrix: its own first, then its sentences'."""
        return self._units(passages)

    def ranking_units(self, passages: list[Passage]) -> tuple[np.ndarray, list[str]]:
        """Every vector a passage is ranked by (its own and its sentences'), with the passage of each."""
        units = self._units(passages)
        kept = [p for p in passages if p.chunk_id in units]
        if not kept:
            return np.zeros((0, 1), dtype=np.float32), []
        owners = [p.chunk_id for p in kept for _ in range(len(units[p.chunk_id]))]
        return np.vstack([units[p.chunk_id] for p in kept]), owners

    def _rerank(
        self, passages: list[Passage], query: np.ndarray, asked: frozenset[str] = frozenset()
    ) -> list[tuple[Passage, float]]:
        """Passages with the best of their own cosine and their best sentence's, highest first.

        A long chunk (a review, an article section) that answers in one sentence scores low as a
        whole; its best sentence shows it. The score is this cosine, whichever list found the
        passage, since the composer reads scores as similarities; with an adapter that learned a
        lexical weight, plus that weight times the share of the asked words the unit uses.
        """
        units = self._units(passages)
        kept = [p for p in passages if p.chunk_id in units]
        if not kept:
            return []
        sizes = [len(units[p.chunk_id]) for p in kept]
        scores = np.vstack([units[p.chunk_id] for p in kept]) @ query
        weight = self.lexical_weight
        if weight and asked:
            shares = [word_shares(asked, p.text, size) for p, size in zip(kept, sizes, strict=True)]
            scores = scores + weight * np.concatenate(shares)
        best = np.maximum.reduceat(scores, np.cumsum([0, *sizes[:-1]]))
        order = np.argsort(-best, kind="stable")
        return [(kept[i], float(best[i])) for i in order]

    def _vectors(self, passages: list[Passage]) -> dict[str, np.ndarray]:
        """Stored vectors of the passages."""
        return self.cache.vectors(self.knowledge, passages)

    def _units(self, passages: list[Passage]) -> dict[str, np.ndarray]:
        return self.cache.units(self.knowledge, passages)

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
