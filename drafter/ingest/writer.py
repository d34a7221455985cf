"""Ingestion: knowledge documents and customer histories into the stores, idempotently."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from drafter.domain import Customer, HistoryEvent, KnowledgeDoc
from drafter.errors import InputError
from drafter.store import HistoryIndex, KnowledgeIndex, ProfileStore, StoredDoc
from drafter.store.chroma import SENTENCE_COUNT, embed_sentences
from drafter.text.chunking import Chunk, Chunker, doc_hash

Progress = Callable[[int], None]


def _no_progress(_: int) -> None:
    return None


@dataclass
class KnowledgeReport:
    """What an ingest run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    chunks_written: int = 0
    duplicates: list[str] = field(default_factory=list)


def plan_knowledge(
    docs: Iterable[KnowledgeDoc], index: KnowledgeIndex, chunker: Chunker, *, prune: bool
) -> tuple[list[Chunk], list[str], list[str], KnowledgeReport]:
    """Work out which chunks to write, which stale chunk ids to delete and which docs to prune."""
    stored = index.stored_docs()
    report = KnowledgeReport()
    to_write: list[Chunk] = []
    stale: list[str] = []
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen:
            # The later record wins, as a re-run would leave it; say so rather than hide it.
            report.duplicates.append(doc.doc_id)
            to_write = [c for c in to_write if c.metadata["doc_id"] != doc.doc_id]
        seen.add(doc.doc_id)
        state = stored.get(doc.doc_id)
        if state is not None and state.is_current(doc_hash(doc)):
            report.unchanged += 1
            continue
        chunks = chunker.split(doc)
        to_write.extend(chunks)
        if state is None:
            report.added += 1
        else:
            report.updated += 1
            stale.extend(state.chunk_ids - {c.chunk_id for c in chunks})
    pruned_docs = sorted(set(stored) - seen) if prune else []
    for doc_id in pruned_docs:
        stale.extend(stored[doc_id].chunk_ids)
    report.pruned = len(pruned_docs)
    return to_write, stale, pruned_docs, report


def ingest_knowledge(
    docs: Iterable[KnowledgeDoc],
    index: KnowledgeIndex,
    chunker: Chunker,
    *,
    prune: bool = False,
    batch_size: int = 64,
    on_total: Progress = _no_progress,
    on_progress: Progress = _no_progress,
) -> KnowledgeReport:
    """Write new and changed documents; unchanged ones cost nothing.

    Chunks are written before stale ones are deleted, so a crash at any point leaves each
    document either current or detectably incomplete, and a re-run finishes the job.
    """
    to_write, stale, _, report = plan_knowledge(docs, index, chunker, prune=prune)
    # Batches of similar length pad less: 2-3x faster encoding than document order.
    to_write.sort(key=lambda chunk: len(chunk.embedding_text))
    on_total(len(to_write))

    def written(write: Future[int]) -> None:
        count = write.result()  # a failed write raises here, in the caller's thread
        report.chunks_written += count
        on_progress(count)

    # The encoder works on the next batch while the store writes the last one, so ingestion
    # runs at the encoder's pace. Batches are written one at a time and in order, and an
    # interrupted run lets the write under way finish: what is stored is as consistent as
    # with writes made inline.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="knowledge-writer") as writer:
        pending: Future[int] | None = None
        for start in range(0, len(to_write), batch_size):
            batch = to_write[start : start + batch_size]
            vectors = index.embedder.embed([chunk.embedding_text for chunk in batch])
            sentences = embed_sentences(index.embedder, [chunk.text for chunk in batch])
            if pending is not None:
                written(pending)
            pending = writer.submit(_write_chunks, index, batch, vectors, sentences)
        if pending is not None:
            written(pending)
    index.delete_chunks(sorted(set(stale)))
    return report


def _write_chunks(
    index: KnowledgeIndex, batch: list[Chunk], vectors: np.ndarray, sentences: list[np.ndarray]
) -> int:
    index.upsert_chunks(
        [c.chunk_id for c in batch],
        [c.text for c in batch],
        [c.metadata for c in batch],
        vectors,
        sentence_vectors=sentences,
    )
    return len(batch)


@dataclass
class HistoryReport:
    """What a history ingest did."""

    customers: int = 0
    events_written: int = 0
    events_unchanged: int = 0


def event_store_id(event: HistoryEvent) -> str:
    """Store id of an event; scoped by customer so two customers' ids never collide."""
    return f"{event.customer_id}::{event.event_id}"


def event_text(event: HistoryEvent) -> str:
    """The searchable text of an event."""
    return f"{event.subject}: {event.text}" if event.subject else event.text


def _event_metadata(event: HistoryEvent, sequence: int) -> dict[str, object]:
    text = event_text(event)
    return {
        "customer_id": event.customer_id,
        "event_id": event.event_id,
        "kind": event.kind,
        "role": event.role,
        "subject": event.subject,
        "topic": event.topic,
        "timestamp": event.timestamp.isoformat() if event.timestamp else None,
        # Events without a timestamp keep their file order.
        "epoch": event.timestamp.timestamp() if event.timestamp else float(sequence),
        "sequence": sequence,
        "event_hash": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    }


def ingest_history(
    customers: Iterable[Customer],
    profiles: ProfileStore,
    history: HistoryIndex,
    *,
    batch_size: int = 64,
    on_progress: Progress = _no_progress,
) -> HistoryReport:
    """Store profiles in SQL and events in the history collection; unchanged events are skipped."""
    stored = history.stored_hashes()
    report = HistoryReport()
    pending: list[tuple[str, str, dict[str, object]]] = []

    def flush() -> None:
        if not pending:
            return
        vectors = history.embedder.embed([text for _, text, _ in pending])
        history.upsert_events(
            [i for i, _, _ in pending], [t for _, t, _ in pending], [m for _, _, m in pending], vectors
        )
        report.events_written += len(pending)
        pending.clear()

    for customer in customers:
        profiles.upsert(customer.customer_id, customer.profile)
        report.customers += 1
        for sequence, event in enumerate(customer.events):
            metadata = _event_metadata(event, sequence)
            store_id = event_store_id(event)
            if stored.get(store_id) == metadata["event_hash"]:
                report.events_unchanged += 1
                continue
            pending.append((store_id, event_text(event), metadata))
            if len(pending) >= batch_size:
                flush()
        on_progress(1)
    flush()
    return report


def upsert_documents(docs: list[KnowledgeDoc], index: KnowledgeIndex, chunker: Chunker) -> dict[str, str]:
    """Write a few documents without scanning the whole store: doc id -> added|updated|unchanged.

    For API writes of one or a handful of documents; `ingest_knowledge` suits whole folders.
    """
    statuses: dict[str, str] = {}
    to_write: list[Chunk] = []
    stale: list[str] = []
    for doc in {d.doc_id: d for d in docs}.values():
        existing = index.get_doc_chunks(doc.doc_id)
        state = StoredDoc()
        for passage in existing:
            state.chunk_ids.add(passage.chunk_id)
            state.hashes.add(str(passage.metadata.get("doc_hash")))
            state.chunk_counts.add(int(passage.metadata.get("chunk_count", 0)))
            state.sentences_stored &= SENTENCE_COUNT in passage.metadata
        if existing and state.is_current(doc_hash(doc)):
            statuses[doc.doc_id] = "unchanged"
            continue
        chunks = chunker.split(doc)
        if not chunks:
            # Nothing to store: answering "updated" would silently delete the stored document.
            raise InputError(f"document {doc.doc_id!r} has no text to store (only markup or spaces)")
        to_write.extend(chunks)
        stale.extend(state.chunk_ids - {c.chunk_id for c in chunks})
        statuses[doc.doc_id] = "updated" if existing else "added"
    for start in range(0, len(to_write), 64):
        batch = to_write[start : start + 64]
        vectors = index.embedder.embed([chunk.embedding_text for chunk in batch])
        index.upsert_chunks(
            [c.chunk_id for c in batch], [c.text for c in batch], [c.metadata for c in batch], vectors
        )
    index.delete_chunks(sorted(set(stale)))
    return statuses


def ingest_events(customer_id: str, events: list[HistoryEvent], history: HistoryIndex) -> HistoryReport:
    """Add events to one customer's history after what is stored, leaving the profile as it is."""
    existing = history.events(customer_id)
    stored = {p.chunk_id: str(p.metadata.get("event_hash", "")) for p in existing}
    report = HistoryReport(customers=1)
    pending: list[tuple[str, str, dict[str, object]]] = []
    for sequence, event in enumerate(events, start=len(existing)):
        metadata = _event_metadata(event, sequence)
        store_id = event_store_id(event)
        if stored.get(store_id) == metadata["event_hash"]:
            report.events_unchanged += 1
            continue
        pending.append((store_id, event_text(event), metadata))
    if pending:
        vectors = history.embedder.embed([text for _, text, _ in pending])
        history.upsert_events(
            [i for i, _, _ in pending], [t for _, t, _ in pending], [m for _, _, m in pending], vectors
        )
    report.events_written = len(pending)
    return report
