"""Approved replies: sent replies agents accepted or lightly edited, searchable by their ticket."""

from __future__ import annotations

import numpy as np
from chromadb.api import ClientAPI

from drafter.domain import Passage
from drafter.embeddings import Embedder
from drafter.store.chroma import _open, collection_name, translate_chroma_errors


class ExampleIndex:
    """One tenant's approved replies, keyed by the ticket they answered."""

    def __init__(self, client: ClientAPI, embedder: Embedder, *, tenant: str = "default") -> None:
        self.embedder = embedder
        self._collection = _open(client, collection_name("examples", tenant, embedder), embedder)

    def add(self, example_id: str, ticket: str, reply: str, metadata: dict[str, str | float]) -> None:
        """Store an approved reply under the embedding of its ticket (as drafting searches it)."""
        vector = self.embedder.embed([ticket])[0]
        with translate_chroma_errors("write examples"):
            self._collection.upsert(
                ids=[example_id],
                documents=[reply],
                embeddings=[vector],
                metadatas=[{**metadata, "ticket": ticket[:2000]}],
            )

    def stored_ids(self) -> set[str]:
        """Ids of every stored example."""
        with translate_chroma_errors("read examples"):
            return set(self._collection.get(include=[])["ids"])

    def count(self) -> int:
        """Approved replies stored."""
        with translate_chroma_errors("count examples"):
            return self._collection.count()

    def nearest(self, vector: np.ndarray, *, k: int, min_score: float) -> list[Passage]:
        """Approved replies to the tickets most like this one, at least `min_score` similar."""
        total = self.count()
        if total == 0:
            return []
        with translate_chroma_errors("search examples"):
            found = self._collection.query(
                query_embeddings=[vector],
                n_results=min(k, total),
                include=["documents", "metadatas", "distances"],
            )
        documents, metadatas, distances = found["documents"], found["metadatas"], found["distances"]
        if documents is None or metadatas is None or distances is None:
            return []
        passages = []
        for eid, text, meta, distance in zip(
            found["ids"][0], documents[0], metadatas[0], distances[0], strict=True
        ):
            score = 1.0 - float(distance)
            if score >= min_score:
                passages.append(
                    Passage(
                        chunk_id=eid,
                        doc_id=eid,
                        title=str((meta or {}).get("ticket", ""))[:200],
                        text=text or "",
                        score=round(score, 6),
                        source="knowledge",
                        metadata={**dict(meta or {}), "kind": "approved_reply"},
                    )
                )
        return passages
