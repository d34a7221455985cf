"""What retrieval reads of a knowledge collection, built once per version and shared by threads.

A snapshot (every chunk, its BM25 index, its entity names) belongs to one version of a
collection. After a write made by this process, the next snapshot is the previous one with the
written chunks read again and re-indexed, not a rescan of the whole collection. Stored vectors
are kept by content (chunk id and document hash), not by version: a write to one document
leaves every other document's vectors warm.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from drafter.domain import Passage
from drafter.retrieval.entities import EntityVocabulary
from drafter.retrieval.lexical import LexicalIndex
from drafter.store import KnowledgeIndex
from drafter.store.chroma import SENTENCE_COUNT
from drafter.store.versions import Version
from drafter.text.chunking import rankable_sentences

ContentKey = tuple[str, str]
_PRELOAD_PAGE = 5000


def content_key(passage: Passage) -> ContentKey:
    """The chunk's id with its document's content hash: the same key means the same stored text."""
    return passage.chunk_id, str(passage.metadata.get("doc_hash", ""))


@dataclass(frozen=True)
class KnowledgeSnapshot:
    """One version of a collection as retrieval reads it."""

    version: Version
    lexical: LexicalIndex
    vocabulary: EntityVocabulary

    @cached_property
    def passages(self) -> list[Passage]:
        """Every chunk, in the lexical index's order."""
        return self.lexical.live_passages()

    @cached_property
    def documents(self) -> dict[str, list[Passage]]:
        """Every document's chunks, in order."""
        found: dict[str, list[Passage]] = {}
        for passage in self.passages:
            found.setdefault(passage.doc_id, []).append(passage)
        return found


@dataclass
class _Collection:
    """One collection's snapshot and its vectors by content, behind one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    building: threading.Lock = field(default_factory=threading.Lock)
    snapshot: KnowledgeSnapshot | None = None
    vectors: dict[ContentKey, np.ndarray] = field(default_factory=dict)
    units: dict[ContentKey, np.ndarray] = field(default_factory=dict)
    matrix: tuple[Version, np.ndarray, list[Passage]] | None = None


class KnowledgeCache:
    """Snapshots and stored vectors of every knowledge collection a runtime reads.

    The runtime owns one and hands it to each retriever, so API threads share what one of them
    fetched; nothing of it lives in module state.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._collections: dict[str, _Collection] = {}

    def _of(self, name: str) -> _Collection:
        with self._lock:
            return self._collections.setdefault(name, _Collection())

    def snapshot(self, knowledge: KnowledgeIndex, version: Version) -> KnowledgeSnapshot:
        """The snapshot of this version, built by one thread while the others wait for it."""
        entry = self._of(knowledge.name)
        current = entry.snapshot
        if current is not None and current.version == version:
            return current
        with entry.building:
            current = entry.snapshot
            if current is not None and current.version == version:
                return current
            update = _updated(knowledge, current, version) if current is not None else None
            if update is None:
                lexical = LexicalIndex.build(knowledge.all_chunks())
                built = KnowledgeSnapshot(version, lexical, EntityVocabulary.build(lexical.passages))
                live = {content_key(p) for p in built.passages}
                with entry.lock:
                    # Vectors of chunks no longer stored would only take memory.
                    entry.vectors = {k: v for k, v in entry.vectors.items() if k in live}
                    entry.units = {k: v for k, v in entry.units.items() if k in live}
                # Every chunk's own vector, read in one pass with the snapshot: read entity by
                # entity on first use, they cost a keyed read per passage of the entity (an
                # entity can have hundreds), where one pass costs a second at 100k chunks.
                for start in range(0, len(built.passages), _PRELOAD_PAGE):
                    self.vectors(knowledge, built.passages[start : start + _PRELOAD_PAGE])
                with entry.lock:
                    entry.snapshot = built
                return built
            built, gone = update
            with entry.lock:
                entry.snapshot = built
                for key in gone:
                    entry.vectors.pop(key, None)
                    entry.units.pop(key, None)
            return built

    def vectors(self, knowledge: KnowledgeIndex, passages: list[Passage]) -> dict[str, np.ndarray]:
        """Stored vectors of the passages by chunk id, fetched from the store once per content."""
        return self._known(
            knowledge.name, "vectors", passages, lambda missing: _fetch_vectors(knowledge, missing)
        )

    def units(self, knowledge: KnowledgeIndex, passages: list[Passage]) -> dict[str, np.ndarray]:
        """Each passage's ranking vectors as one matrix (its own first, then its sentences')."""
        return self._known(
            knowledge.name, "units", passages, lambda missing: self._build_units(knowledge, missing)
        )

    def matrix(
        self, knowledge: KnowledgeIndex, snapshot: KnowledgeSnapshot
    ) -> tuple[np.ndarray, list[Passage]]:
        """Every chunk's vector as one matrix, for exact search of a small store."""
        entry = self._of(knowledge.name)
        with entry.lock:
            cached = entry.matrix
        if cached is not None and cached[0] == snapshot.version:
            return cached[1], cached[2]
        vectors = self.vectors(knowledge, snapshot.passages)
        kept = [p for p in snapshot.passages if p.chunk_id in vectors]
        matrix = (
            np.stack([vectors[p.chunk_id] for p in kept]).astype(np.float32)
            if kept
            else np.zeros((0, 1), dtype=np.float32)
        )
        with entry.lock:
            entry.matrix = (snapshot.version, matrix, kept)
        return matrix, kept

    def _known(
        self,
        name: str,
        kind: str,
        passages: list[Passage],
        fetch: Callable[[list[Passage]], dict[ContentKey, np.ndarray]],
    ) -> dict[str, np.ndarray]:
        entry = self._of(name)
        # Keyed once: an entity's passages are looked up by the thousand at 100k chunks.
        keyed = [(p.chunk_id, content_key(p)) for p in passages]
        with entry.lock:
            known: dict[ContentKey, np.ndarray] = getattr(entry, kind)
            missing = [p for p, (_, key) in zip(passages, keyed, strict=True) if key not in known]
        if missing:
            fetched = fetch(missing)
            with entry.lock:
                known = getattr(entry, kind)
                known.update(fetched)
        with entry.lock:
            found = {chunk_id: known[key] for chunk_id, key in keyed if key in known}
        return found

    def _build_units(
        self, knowledge: KnowledgeIndex, passages: list[Passage]
    ) -> dict[ContentKey, np.ndarray]:
        stored = knowledge.ranking_vectors(passages)
        kept = [p for p in passages if p.chunk_id in stored]
        # Stores written before sentences were kept: embed them now.
        pieces = [
            (p.chunk_id, s)
            for p in kept
            if not isinstance(p.metadata.get(SENTENCE_COUNT), int)
            for s in rankable_sentences(p.text)
        ]
        rows: dict[str, list[np.ndarray]] = {cid: [stored[cid]] for cid, _ in pieces}
        if pieces:
            embedded = knowledge.embedder.embed([s for _, s in pieces])
            for (chunk_id, _), vector in zip(pieces, embedded, strict=True):
                rows[chunk_id].append(vector[None, :])
        return {
            content_key(p): (np.vstack(rows[p.chunk_id]) if p.chunk_id in rows else stored[p.chunk_id])
            for p in kept
        }


def _fetch_vectors(knowledge: KnowledgeIndex, passages: list[Passage]) -> dict[ContentKey, np.ndarray]:
    stored = knowledge.ranking_vectors(passages, own_only=True)
    return {content_key(p): stored[p.chunk_id] for p in passages if p.chunk_id in stored}


def _updated(
    knowledge: KnowledgeIndex, current: KnowledgeSnapshot, version: Version
) -> tuple[KnowledgeSnapshot, set[ContentKey]] | None:
    """`current` moved to `version` by re-reading the chunks this process wrote since, with the
    content keys whose vectors are gone; None when only a full read can tell (another process
    wrote, or more writes than are remembered)."""
    if version[0] < current.version[0]:
        return None
    changed = knowledge.versions.changed(knowledge.name, since=current.version[0], until=version[0])
    if changed is None:
        return None
    old = current.lexical
    fetched = knowledge.chunks(sorted(changed))
    lexical = old.updated(changed, fetched)
    if int(lexical.live.sum()) != version[1]:
        return None  # the count says someone else wrote too
    removed = old.held(changed)
    new_keys = {content_key(p) for p in fetched}
    gone = {key for _, p in removed if (key := content_key(p)) not in new_keys}
    if lexical.crowded:
        lexical = lexical.compacted()
        vocabulary = EntityVocabulary.build(lexical.passages)
    else:
        added = [(lexical.position_of[p.chunk_id], p) for p in fetched]
        vocabulary = current.vocabulary.updated(lexical.passages, lexical.live, removed, added)
    return KnowledgeSnapshot(version, lexical, vocabulary), gone
