"""Chroma adapter: knowledge chunks and history events, each tenant in its own collections.

Tenants are separated by collection rather than by a `where` filter: a filtered query scans
metadata and costs two orders of magnitude more at 100k chunks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, cast
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Where
from chromadb.config import Settings as ChromaSettings

from drafter.config import Settings
from drafter.domain import Passage
from drafter.embeddings import ChromaEmbeddingFunction, Embedder
from drafter.errors import ConfigError, RetrievalError
from drafter.store.ranking_vectors import RankingRow, RankingVectors
from drafter.store.versions import CollectionVersions, Version
from drafter.text.chunking import rankable_sentences

# Chunk metadata: how many sentence vectors the chunk has stored (absent in older stores).
SENTENCE_COUNT = "sentence_count"


def sentence_id(chunk_id: str, position: int) -> str:
    """The id a chunk's sentence had in the sentence collection of older stores."""
    return f"{chunk_id}#s{position}"


def embed_sentences(embedder: Embedder, texts: list[str]) -> list[np.ndarray]:
    """The vectors of each chunk text's rankable sentences, one matrix per chunk."""
    sentences = [rankable_sentences(t) for t in texts]
    flat = [s for group in sentences for s in group]
    matrix = embedder.embed(flat) if flat else np.zeros((0, 1), dtype=np.float32)
    bounds = np.cumsum([0, *(len(g) for g in sentences)])
    return [matrix[a:b] for a, b in pairwise(bounds)]


_TENANT_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_PAGE = 5000


def make_chroma_client(settings: Settings) -> ClientAPI:
    """An embedded `PersistentClient` under the data dir, or an `HttpClient` for a server URL."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    with translate_chroma_errors("open the vector store"):
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            if not url.hostname:
                raise ConfigError(f"DRAFTER_CHROMA_URL: not a URL: {settings.chroma_url!r}")
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


@contextmanager
def translate_chroma_errors(action: str) -> Iterator[None]:
    """Turn Chroma and connection failures into `RetrievalError`."""
    try:
        yield
    except (ConfigError, RetrievalError):
        raise
    except Exception as exc:  # chromadb raises many unrelated types; all mean "store failed"
        raise RetrievalError(f"could not {action}: {exc}") from exc


def collection_name(kind: str, tenant: str, embedder: Embedder) -> str:
    """The collection holding one tenant's `kind` data for one embedder."""
    if not _TENANT_RE.match(tenant):
        raise ConfigError(
            f"tenant {tenant!r}: use 1-63 lowercase letters, digits, '-' or '_', "
            "starting with a letter or digit"
        )
    return f"{kind}-{tenant}-{embedder.name}"


EMBEDDER_KEY = "drafter:embedder"
"""Collection metadata naming the model whose vectors the collection holds."""


def _open(client: ClientAPI, name: str, embedder: Embedder) -> Collection:
    """A collection of `embedder`'s vectors; refuses one recorded as another model's.

    The name already carries the model's tag, so each model writes its own collections; the
    record makes the rule checkable, and a collection renamed or created by hand cannot be
    queried with vectors it was not built from.
    """
    with translate_chroma_errors(f"open collection {name!r}"):
        collection = client.get_or_create_collection(
            name=name,
            embedding_function=ChromaEmbeddingFunction(embedder),  # type: ignore[arg-type]
            metadata={"hnsw:space": "cosine", EMBEDDER_KEY: embedder.name},
        )
    recorded = (collection.metadata or {}).get(EMBEDDER_KEY)
    # Collections made before the record was kept carry none; their name still says the model.
    if recorded is not None and recorded != embedder.name:
        raise ConfigError(
            f"collection {name!r} holds {recorded} vectors, not {embedder.name}; "
            f"run `drafter models reembed --from {recorded}` to fill a store for {embedder.name}"
        )
    return collection


def embedders_with_data(client: ClientAPI, kind: str, tenant: str) -> dict[str, int]:
    """Every model tag with a non-empty `kind` collection for the tenant, with its item count."""
    prefix = f"{kind}-{tenant}-"
    found: dict[str, int] = {}
    with translate_chroma_errors("list collections"):
        for collection in client.list_collections():
            name = collection.name
            if name.startswith(prefix) and "-" not in name[len(prefix) :]:
                count = client.get_collection(name).count()
                if count:
                    found[name[len(prefix) :]] = count
    return found


def tenants_without_model(client: ClientAPI, tag: str) -> dict[str, list[str]]:
    """Tenants whose knowledge is stored only by other models than `tag`, with those models' tags.

    Switching a deployment's model without re-embedding would draft from an empty store.
    """
    stored: dict[str, set[str]] = {}
    with translate_chroma_errors("list collections"):
        for collection in client.list_collections():
            kind, _, rest = collection.name.partition("-")
            tenant, _, model = rest.rpartition("-")
            if kind == "kb" and tenant and collection.count():
                stored.setdefault(tenant, set()).add(model)
    return {tenant: sorted(models) for tenant, models in stored.items() if tag not in models}


def _clean_metadata(metadata: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """Chroma stores scalars only; lists become comma-separated text, None is dropped."""
    clean: dict[str, str | int | float | bool] = {}
    for key, value in metadata.items():
        key = _valid_text(key)
        # Chroma refuses empty keys and keys starting with "$" (its operator prefix) or "#"
        # (its own fields, such as "#document").
        if value is None or not key or key.startswith(("$", "#")):
            continue
        if isinstance(value, str):
            clean[key] = _valid_text(value)
        elif isinstance(value, int | float | bool):
            clean[key] = value
        elif isinstance(value, list | tuple):
            clean[key] = ", ".join(str(item) for item in value)
        else:
            clean[key] = str(value)
    return clean


def _vectors_by_id(collection: Collection, ids: list[str]) -> dict[str, np.ndarray]:
    """Stored vectors of the given ids in one collection."""
    with translate_chroma_errors("read knowledge"):
        found = collection.get(ids=ids, include=["embeddings"])
    vectors = found["embeddings"] if found["embeddings"] is not None else []
    return {i: np.asarray(v, dtype=np.float32) for i, v in zip(found["ids"], vectors, strict=True)}


def _valid_text(text: str) -> str:
    """The text with any unpaired surrogate (valid JSON, invalid UTF-8) replaced."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _passage(chunk_id: str, text: str | None, metadata: Any, *, score: float, source: str) -> Passage:
    """A chunk as the store returns it, its document and title read from its metadata."""
    meta = dict(metadata or {})
    return Passage(
        chunk_id=chunk_id,
        doc_id=str(meta.get("doc_id", chunk_id)),
        title=str(meta.get("title", "")),
        text=text or "",
        score=score,
        source=source,
        metadata=meta,
    )


def _stored_passages(page: Any) -> list[Passage]:
    """Chunks as `get` returns them, unscored."""
    rows = zip(page["ids"], page["documents"] or [], page["metadatas"] or [], strict=True)
    return [_passage(cid, text, meta, score=0.0, source="knowledge") for cid, text, meta in rows]


def _passages(result: Any, *, source: str) -> list[Passage]:
    rows = zip(
        result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0], strict=True
    )
    return [
        _passage(cid, text, meta, score=round(1.0 - float(distance), 6), source=source)
        for cid, text, meta, distance in rows
    ]


@dataclass
class StoredDoc:
    """What the store holds of one document: enough to tell if re-ingesting is needed."""

    chunk_ids: set[str] = field(default_factory=set)
    hashes: set[str] = field(default_factory=set)
    chunk_counts: set[int] = field(default_factory=set)
    title: str = ""
    sentences_stored: bool = True
    """False when a chunk was written before sentence vectors were kept (the doc is redone)."""

    def is_current(self, doc_hash: str) -> bool:
        """All chunks of this exact content landed, and nothing else is left of the doc.

        A crash mid-write leaves a mix of hashes or missing chunks, so the doc is redone.
        """
        return (
            self.sentences_stored
            and self.hashes == {doc_hash}
            and len(self.chunk_counts) == 1
            and len(self.chunk_ids) == next(iter(self.chunk_counts))
        )


class KnowledgeIndex:
    """One tenant's knowledge chunks."""

    def __init__(
        self,
        client: ClientAPI,
        embedder: Embedder,
        *,
        tenant: str = "default",
        versions: CollectionVersions | None = None,
        ranking: RankingVectors | None = None,
    ) -> None:
        self.embedder = embedder
        self.tenant = tenant
        self.versions = versions or CollectionVersions()
        """Shared with every index the runtime opens, so a write through one is seen by all."""
        self.name = collection_name("kb", tenant, embedder)
        self._collection = _open(client, self.name, embedder)
        self._client = client
        self.ranking = ranking or RankingVectors.beside(client)
        """Each chunk's own vector and its sentences', read by chunk id when ranking."""

    def _legacy_sentences(self) -> Collection | None:
        """The Chroma collection older stores kept sentence vectors in, when this store has one."""
        name = collection_name("kbsent", self.tenant, self.embedder)
        with translate_chroma_errors("open sentence vectors"):
            if not any(c.name == name for c in self._client.list_collections()):
                return None
        return _open(self._client, name, self.embedder)

    def version(self) -> Version:
        """Changes whenever the stored chunks change (a write here, or another count)."""
        return self.versions.writes(self.name), self.recent_count()

    def embeddings_of(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors of the given chunks."""
        if not ids:
            return {}
        found = {
            cid: matrix[0] for cid, (_, matrix) in self.ranking.read(self.name, ids, own_only=True).items()
        }
        missing = [cid for cid in ids if cid not in found]
        if missing:  # written before ranking vectors had their own table
            found.update(_vectors_by_id(self._collection, missing))
        return found

    def ranking_vectors(self, passages: list[Passage], *, own_only: bool = False) -> dict[str, np.ndarray]:
        """Each stored passage's own vector followed by its stored sentences' vectors, as one
        matrix (`own_only`: the passage's own vector alone).

        A row written for other content than the passage's (a rewrite that failed part way) is
        not used.
        """
        rows = self.ranking.read(self.name, [p.chunk_id for p in passages], own_only=own_only)
        found: dict[str, np.ndarray] = {}
        older: list[Passage] = []
        for passage in passages:
            row = rows.get(passage.chunk_id)
            if row is not None and row[0] == str(passage.metadata.get("doc_hash", "")):
                found[passage.chunk_id] = row[1][0] if own_only else row[1]
            else:
                older.append(passage)
        if older and own_only:
            found.update(_vectors_by_id(self._collection, [p.chunk_id for p in older]))
        elif older:
            found.update(self._legacy_ranking_vectors(older))
        return found

    def _legacy_ranking_vectors(self, passages: list[Passage]) -> dict[str, np.ndarray]:
        """Ranking vectors of chunks stored before they had their own table: the chunk's vector
        from its collection, its sentences' from the sentence collection of that time."""
        own = _vectors_by_id(self._collection, [p.chunk_id for p in passages])
        counts = {
            p.chunk_id: int(p.metadata[SENTENCE_COUNT])
            for p in passages
            if p.chunk_id in own and isinstance(p.metadata.get(SENTENCE_COUNT), int)
        }
        sentences: dict[str, np.ndarray] = {}
        legacy = self._legacy_sentences() if any(counts.values()) else None
        if legacy is not None:
            ids = [sentence_id(cid, i) for cid, n in counts.items() for i in range(n)]
            sentences = _vectors_by_id(legacy, ids)
        found = {
            cid: np.stack(
                [vector]
                + [
                    sentences[sid]
                    for i in range(counts.get(cid, 0))
                    if (sid := sentence_id(cid, i)) in sentences
                ]
            )
            for cid, vector in own.items()
        }
        # Moved to the table as they are read, so each chunk pays the old lookup once.
        self.ranking.write(
            self.name,
            [
                RankingRow(p.chunk_id, str(p.metadata.get("doc_hash", "")), found[p.chunk_id])
                for p in passages
                if p.chunk_id in counts and len(found[p.chunk_id]) == 1 + counts[p.chunk_id]
            ],
        )
        return found

    def all_chunks(self) -> list[Passage]:
        """Every stored chunk with its text and metadata (for building a lexical index)."""
        passages: list[Passage] = []
        offset = 0
        with translate_chroma_errors("read knowledge"):
            while True:
                page = self._collection.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
                passages.extend(_stored_passages(page))
                if len(page["ids"]) < _PAGE:
                    return passages
                offset += _PAGE

    def chunks(self, ids: list[str]) -> list[Passage]:
        """The stored chunks among `ids` (those not stored are left out)."""
        if not ids:
            return []
        with translate_chroma_errors("read knowledge"):
            return _stored_passages(self._collection.get(ids=ids, include=["documents", "metadatas"]))

    def recent_count(self) -> int:
        """The chunk count, re-read after a write in this process or once a second."""
        return self.versions.recent_count(self.name, self.count)

    def count(self) -> int:
        """Number of chunks stored."""
        with translate_chroma_errors("count knowledge"):
            return self._collection.count()

    def stored_docs(self) -> dict[str, StoredDoc]:
        """Every stored document with its content hash and chunk ids."""
        docs: dict[str, StoredDoc] = {}
        offset = 0
        with translate_chroma_errors("read knowledge metadata"):
            while True:
                page = self._collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
                for chunk_id, meta in zip(page["ids"], page["metadatas"] or [], strict=True):
                    state = docs.setdefault(str(meta["doc_id"]), StoredDoc())
                    state.chunk_ids.add(chunk_id)
                    state.hashes.add(str(meta["doc_hash"]))
                    state.chunk_counts.add(int(str(meta["chunk_count"])))
                    state.title = str(meta.get("title", state.title))
                    state.sentences_stored &= SENTENCE_COUNT in meta
                if len(page["ids"]) < _PAGE:
                    return docs
                offset += _PAGE

    def upsert_chunks(
        self,
        ids: list[str],
        texts: list[str],
        metadatas: list[dict[str, Any]],
        embeddings: np.ndarray,
        sentence_vectors: list[np.ndarray] | None = None,
    ) -> None:
        """Write chunks with precomputed embeddings, and the vectors of their sentences.

        Sentences are embedded here (unless given, one matrix per chunk, from `embed_sentences`)
        so that ranking a passage by its best sentence costs a lookup, not an encoder call. They
        are written first: a chunk whose metadata counts its sentences always has them stored.
        """
        if sentence_vectors is None:
            sentence_vectors = embed_sentences(self.embedder, texts)
        try:
            rows = [
                RankingRow(
                    chunk_id=cid,
                    doc_hash=str(meta.get("doc_hash", "")),
                    vectors=np.vstack([own[None, :], sentences]) if len(sentences) else own[None, :],
                )
                for cid, meta, own, sentences in zip(
                    ids, metadatas, embeddings, sentence_vectors, strict=True
                )
            ]
            self.ranking.write(self.name, rows)
            with translate_chroma_errors("write knowledge"):
                self._collection.upsert(
                    ids=ids,
                    documents=texts,
                    metadatas=[
                        _clean_metadata({**m, SENTENCE_COUNT: len(group)})
                        for m, group in zip(metadatas, sentence_vectors, strict=True)
                    ],
                    embeddings=embeddings,
                )
        finally:
            # Recorded once written (or failed part way), so a reader that sees this write
            # re-reads what it touched.
            self.versions.wrote(self.name, ids)

    def delete_chunks(self, ids: list[str]) -> None:
        """Remove chunks by id, with their ranking vectors (the chunk first, so none is left
        counting vectors that are gone)."""
        if ids:
            try:
                with translate_chroma_errors("delete knowledge"):
                    self._collection.delete(ids=ids)
                self.ranking.delete(self.name, ids)
                legacy = self._legacy_sentences()
                if legacy is not None:
                    with translate_chroma_errors("delete knowledge"):
                        legacy.delete(where=cast(Where, {"chunk_id": {"$in": ids}}))
            finally:
                self.versions.wrote(self.name, ids)

    def delete_doc(self, doc_id: str) -> int:
        """Remove every chunk of a document; returns how many were removed."""
        with translate_chroma_errors("delete knowledge"):
            found = self._collection.get(where={"doc_id": doc_id}, include=[])
            self.delete_chunks(found["ids"])
        return len(found["ids"])

    def get_doc_chunks(self, doc_id: str) -> list[Passage]:
        """The stored chunks of one document, in order."""
        with translate_chroma_errors("read knowledge"):
            found = self._collection.get(where={"doc_id": doc_id}, include=["documents", "metadatas"])
        passages = [
            Passage(
                chunk_id=cid,
                doc_id=doc_id,
                title=str((meta or {}).get("title", "")),
                text=text or "",
                score=1.0,
                metadata=dict(meta or {}),
            )
            for cid, text, meta in zip(
                found["ids"], found["documents"] or [], found["metadatas"] or [], strict=True
            )
        ]
        return sorted(passages, key=lambda p: int(p.metadata.get("chunk_index", 0)))

    def query(
        self, embedding: np.ndarray, *, k: int, where: dict[str, Any] | None = None, total: int | None = None
    ) -> list[Passage]:
        """The `k` chunks nearest to the embedding (`total`: the chunk count, when already known)."""
        total = self.count() if total is None else total
        if total == 0:
            return []
        with translate_chroma_errors("search knowledge"):
            result = self._collection.query(
                query_embeddings=[embedding],
                n_results=min(k, total),
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        return _passages(result, source="knowledge")


class HistoryIndex:
    """One tenant's customer history events; every read is scoped to one customer."""

    def __init__(self, client: ClientAPI, embedder: Embedder, *, tenant: str = "default") -> None:
        self.embedder = embedder
        self._collection = _open(client, collection_name("history", tenant, embedder), embedder)

    def upsert_events(
        self,
        ids: list[str],
        texts: list[str],
        metadatas: list[dict[str, Any]],
        embeddings: np.ndarray,
    ) -> None:
        """Write events with precomputed embeddings."""
        with translate_chroma_errors("write history"):
            self._collection.upsert(
                ids=ids,
                documents=texts,
                metadatas=[_clean_metadata(m) for m in metadatas],
                embeddings=embeddings,
            )

    def stored_hashes(self) -> dict[str, str]:
        """Every stored event id with its content hash."""
        hashes: dict[str, str] = {}
        offset = 0
        with translate_chroma_errors("read history metadata"):
            while True:
                page = self._collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
                for event_id, meta in zip(page["ids"], page["metadatas"] or [], strict=True):
                    hashes[event_id] = str((meta or {}).get("event_hash", ""))
                if len(page["ids"]) < _PAGE:
                    return hashes
                offset += _PAGE

    def delete_events(self, ids: list[str]) -> None:
        """Remove events by id."""
        if ids:
            with translate_chroma_errors("delete history"):
                self._collection.delete(ids=ids)

    def events(self, customer_id: str) -> list[Passage]:
        """All of a customer's events, oldest first."""
        with translate_chroma_errors("read history"):
            found = self._collection.get(
                where={"customer_id": customer_id}, include=["documents", "metadatas"]
            )
        passages = [
            Passage(
                chunk_id=cid,
                doc_id=str((meta or {}).get("event_id", cid)),
                title=str((meta or {}).get("subject") or (meta or {}).get("kind", "history")),
                text=text or "",
                score=0.0,
                source="history",
                metadata=dict(meta or {}),
            )
            for cid, text, meta in zip(
                found["ids"], found["documents"] or [], found["metadatas"] or [], strict=True
            )
        ]
        return sorted(passages, key=lambda p: float(p.metadata.get("epoch", 0.0)))

    def query(self, embedding: np.ndarray, *, customer_id: str, k: int) -> list[Passage]:
        """A customer's `k` events nearest to the embedding; never another customer's."""
        if k <= 0:
            return []
        with translate_chroma_errors("search history"):
            result = self._collection.query(
                query_embeddings=[embedding],
                n_results=k,
                where={"customer_id": customer_id},
                include=["documents", "metadatas", "distances"],
            )
        passages = _passages(result, source="history")
        for passage in passages:
            passage.doc_id = str(passage.metadata.get("event_id", passage.chunk_id))
            passage.title = str(passage.metadata.get("subject") or passage.metadata.get("kind", "history"))
        return passages
