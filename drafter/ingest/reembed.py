"""Switching embedding model: fill the new model's collections from another model's, re-embedding.

Each model keeps its own collections (the model's tag is part of the name), so a switch never
mixes vectors: the old collections are read for their texts and metadata only, and every vector
written is the new model's. Items already present in the new collections are skipped, so an
interrupted run finishes when run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from drafter.store import HistoryIndex, KnowledgeIndex
from drafter.store.chroma import translate_chroma_errors
from drafter.store.examples import ExampleIndex
from drafter.text.chunking import Chunk

Progress = Callable[[int], None]
_PAGE = 1000


@dataclass
class ReembedReport:
    """How many items each kind of collection got, and how many were already there."""

    chunks: int = 0
    events: int = 0
    examples: int = 0
    already_there: int = 0


@dataclass(frozen=True)
class _Item:
    item_id: str
    text: str
    metadata: dict[str, str | int | float | bool]


def source_collection(client: ClientAPI, kind: str, tenant: str, tag: str) -> Collection | None:
    """Another model's collection, opened for reading texts (never its vectors), or None."""
    name = f"{kind}-{tenant}-{tag}"
    with translate_chroma_errors(f"open collection {name!r}"):
        names = {c.name for c in client.list_collections()}
        return client.get_collection(name) if name in names else None


def _items(collection: Collection, skip: set[str]) -> Iterator[_Item]:
    offset = 0
    while True:
        with translate_chroma_errors("read the old collection"):
            page = collection.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
        rows = zip(page["ids"], page["documents"] or [], page["metadatas"] or [], strict=True)
        for item_id, text, meta in rows:
            if item_id not in skip:
                yield _Item(item_id, text or "", dict(meta or {}))  # type: ignore[arg-type]
        if len(page["ids"]) < _PAGE:
            return
        offset += _PAGE


def count_to_reembed(client: ClientAPI, tenant: str, tag: str) -> int:
    """Items in the old model's knowledge, history and example collections."""
    total = 0
    for kind in ("kb", "history", "examples"):
        found = source_collection(client, kind, tenant, tag)
        total += found.count() if found is not None else 0
    return total


def reembed(
    client: ClientAPI,
    tenant: str,
    tag: str,
    *,
    knowledge: KnowledgeIndex,
    history: HistoryIndex,
    examples: ExampleIndex,
    batch_size: int = 64,
    on_progress: Progress = lambda _: None,
) -> ReembedReport:
    """Fill the tenant's knowledge, history and approved examples for `knowledge`'s model from model `tag`."""
    if tag == knowledge.embedder.name:
        raise ValueError(f"the store is already embedded with {tag}")
    report = ReembedReport()
    embedder = knowledge.embedder

    source = source_collection(client, "kb", tenant, tag)
    if source is not None:
        present = {cid for doc in knowledge.stored_docs().values() for cid in doc.chunk_ids}
        report.already_there += len(present)
        for batch in _batches(_items(source, present), batch_size):
            chunks = [Chunk(i.item_id, i.text, i.metadata) for i in batch]
            vectors = embedder.embed([c.embedding_text for c in chunks])
            knowledge.upsert_chunks(
                [c.chunk_id for c in chunks], [c.text for c in chunks], [c.metadata for c in chunks], vectors
            )
            report.chunks += len(batch)
            on_progress(len(batch))

    source = source_collection(client, "history", tenant, tag)
    if source is not None:
        present = set(history.stored_hashes())
        report.already_there += len(present)
        for batch in _batches(_items(source, present), batch_size):
            history.upsert_events(
                [i.item_id for i in batch],
                [i.text for i in batch],
                [i.metadata for i in batch],
                embedder.embed([i.text for i in batch]),
            )
            report.events += len(batch)
            on_progress(len(batch))

    source = source_collection(client, "examples", tenant, tag)
    if source is not None:
        present = examples.stored_ids()
        report.already_there += len(present)
        for item in _items(source, present):
            ticket = str(item.metadata.get("ticket", ""))
            meta = {k: v for k, v in item.metadata.items() if isinstance(v, str | float | int)}
            examples.add(item.item_id, ticket, item.text, meta)
            report.examples += 1
            on_progress(1)
    return report


def _batches(items: Iterator[_Item], size: int) -> Iterator[list[_Item]]:
    batch: list[_Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
