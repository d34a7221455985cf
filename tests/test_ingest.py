"""Knowledge ingestion: idempotent, replaces changed docs, prunes, survives a crash."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from drafter.domain import KnowledgeDoc, Ticket
from drafter.embeddings import ChromaEmbeddingFunction, Embedder
from drafter.errors import RetrievalError
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.runtime import Runtime
from drafter.store import KnowledgeIndex
from drafter.store.chroma import SENTENCE_COUNT, collection_name, sentence_id
from drafter.text.chunking import Chunker, rankable_sentences

FIXTURES = Path(__file__).parent / "fixtures"


class CrashingEmbedder:
    """Delegates to the real embedder, then dies after a number of calls, like a killed process."""

    name = "minilm"

    def __init__(self, inner: Embedder, *, calls_before_crash: int) -> None:
        self._inner = inner
        self._left = calls_before_crash

    def embed(self, texts: list[str]) -> np.ndarray:
        if self._left == 0:
            raise KeyboardInterrupt("simulated crash")
        self._left -= 1
        return self._inner.embed(texts)

    def embed_query(self, texts: list[str]) -> np.ndarray:
        return self._inner.embed_query(texts)


def _docs() -> list[KnowledgeDoc]:
    return list(load_knowledge([FIXTURES / "kb"]))


def _ingest(index: KnowledgeIndex, docs: list[KnowledgeDoc], **kwargs: object) -> object:
    return ingest_knowledge(docs, index, Chunker(chunk_size=200, chunk_overlap=20), **kwargs)  # type: ignore[arg-type]


def _stored_ids(index: KnowledgeIndex) -> set[str]:
    return {cid for doc in index.stored_docs().values() for cid in doc.chunk_ids}


def test_reingesting_unchanged_docs_does_no_work(runtime: Runtime) -> None:
    index = runtime.stores().knowledge
    first = _ingest(index, _docs())
    assert first.added == 5 and first.chunks_written == index.count() > 5  # type: ignore[attr-defined]
    second = _ingest(index, _docs())
    assert (second.unchanged, second.chunks_written, second.added) == (5, 0, 0)  # type: ignore[attr-defined]


def test_chunk_ids_are_stable_and_carry_metadata(runtime: Runtime) -> None:
    index = runtime.stores().knowledge
    _ingest(index, _docs())
    chunks = index.get_doc_chunks("returns")
    assert [c.chunk_id for c in chunks] == [f"returns::{i}" for i in range(len(chunks))]
    assert {c.metadata["doc_type"] for c in chunks} == {"policy"}
    assert any(c.metadata.get("section") == "How to start a return" for c in chunks)


def test_metadata_chroma_cannot_hold_is_dropped_or_repaired_not_refused(runtime: Runtime) -> None:
    index = runtime.stores().knowledge
    doc = KnowledgeDoc(
        doc_id="odd-metadata",
        title="Odd metadata",
        text="Gift cards never expire.",
        metadata={"#document": "x", "$where": "y", "": "z", "note": "half \udc9f pair", "ok": 1},
    )
    report = _ingest(index, [doc])
    assert report.added == 1  # type: ignore[attr-defined]
    (chunk,) = index.get_doc_chunks("odd-metadata")
    assert not {"#document", "$where", ""} & chunk.metadata.keys()
    assert chunk.metadata["note"] == "half \ufffd pair" and chunk.metadata["ok"] == 1


def test_changed_doc_replaces_its_old_chunks(runtime: Runtime) -> None:
    index = runtime.stores().knowledge
    docs = _docs()
    _ingest(index, docs)
    before = len(index.get_doc_chunks("returns"))
    assert before > 1
    changed = [
        d.model_copy(update={"text": "Returns are accepted within 14 days."}) if d.doc_id == "returns" else d
        for d in docs
    ]
    report = _ingest(index, changed)
    assert (report.updated, report.unchanged) == (1, 4)  # type: ignore[attr-defined]
    chunks = index.get_doc_chunks("returns")
    assert [c.text for c in chunks] == ["Returns are accepted within 14 days."]


def test_prune_removes_docs_that_disappeared(runtime: Runtime) -> None:
    index = runtime.stores().knowledge
    docs = _docs()
    _ingest(index, docs)
    kept = [d for d in docs if d.doc_id != "faq:pets"]
    not_pruned = _ingest(index, kept)
    assert "faq:pets" in index.stored_docs() and not_pruned.pruned == 0  # type: ignore[attr-defined]
    pruned = _ingest(index, kept, prune=True)
    assert pruned.pruned == 1  # type: ignore[attr-defined]
    assert "faq:pets" not in index.stored_docs()


def test_crash_mid_ingest_is_finished_by_a_rerun(runtime: Runtime, embedder: Embedder) -> None:
    client = runtime.chroma
    docs = _docs()
    # Each batch embeds its chunks, then their sentences: the crash hits the second batch.
    crashing = KnowledgeIndex(client, CrashingEmbedder(embedder, calls_before_crash=2), tenant="default")  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        ingest_knowledge(docs, crashing, Chunker(chunk_size=200, chunk_overlap=20), batch_size=3)
    index = runtime.stores().knowledge
    assert 0 < index.count() < 20
    report = _ingest(index, docs, batch_size=3)
    assert report.chunks_written > 0  # type: ignore[attr-defined]
    # After the re-run every doc is current and a third run has nothing left to do.
    again = _ingest(index, docs, batch_size=3)
    assert again.unchanged == 5 and again.chunks_written == 0  # type: ignore[attr-defined]
    fresh = Runtime(runtime.settings.model_copy(update={"data_dir": runtime.settings.data_dir / "x"}))
    fresh.__dict__["embedder"] = embedder
    _ingest(fresh.stores().knowledge, docs, batch_size=3)
    assert _stored_ids(index) == _stored_ids(fresh.stores().knowledge)


def test_crash_while_replacing_a_doc_leaves_no_stale_chunks(runtime: Runtime, embedder: Embedder) -> None:
    index = runtime.stores().knowledge
    docs = _docs()
    _ingest(index, docs)
    shorter = [d.model_copy(update={"text": "Short."}) if d.doc_id == "returns" else d for d in docs]
    crashing = KnowledgeIndex(runtime.chroma, CrashingEmbedder(embedder, calls_before_crash=0))  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        ingest_knowledge(shorter, crashing, Chunker(chunk_size=200, chunk_overlap=20))
    _ingest(index, shorter)
    assert [c.text for c in index.get_doc_chunks("returns")] == ["Short."]


def test_stored_vectors_are_each_text_encoded_on_its_own(runtime: Runtime, embedder: Embedder) -> None:
    # int8 vectors depend on what is encoded in the same run: what is stored must be each chunk's
    # and each sentence's own vector, whatever batch it came in.
    index = runtime.stores().knowledge
    chunker = Chunker(chunk_size=200, chunk_overlap=20)
    docs = _docs()
    ingest_knowledge(docs, index, chunker, batch_size=2)
    chunks = [chunk for doc in docs for chunk in chunker.split(doc)]
    stored = index.embeddings_of([c.chunk_id for c in chunks])
    passages = index.chunks([c.chunk_id for c in chunks])
    ranking = index.ranking_vectors(passages)
    assert len(ranking) == len(chunks)
    for chunk in chunks[:6]:
        alone = embedder.embed([chunk.embedding_text])[0]
        assert np.allclose(stored[chunk.chunk_id], alone, atol=1e-5)
        sentences = rankable_sentences(chunk.text)
        own, *rows = ranking[chunk.chunk_id]
        assert np.array_equal(own, stored[chunk.chunk_id]) and len(rows) == len(sentences)
        for sentence, row in zip(sentences, rows, strict=True):
            assert np.allclose(row, embedder.embed([sentence])[0], atol=1e-5)


class FailingWrites(KnowledgeIndex):
    """A real index whose chunk writes start failing after a number of batches (a full disk)."""

    def __init__(self, *args: object, writes_before_failure: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._left = writes_before_failure

    def upsert_chunks(self, *args: object, **kwargs: object) -> None:
        if self._left == 0:
            raise RetrievalError("could not write knowledge: disk full")
        self._left -= 1
        super().upsert_chunks(*args, **kwargs)  # type: ignore[arg-type]


def test_a_failed_write_stops_the_ingest_and_every_stored_chunk_has_its_sentences(
    runtime: Runtime, embedder: Embedder
) -> None:
    # Writes run beside the encoder; a write that fails must still end the run with its error.
    failing = FailingWrites(runtime.chroma, embedder, ranking=runtime.ranking, writes_before_failure=2)
    with pytest.raises(RetrievalError, match="disk full"):
        _ingest(failing, _docs(), batch_size=3)
    index = runtime.stores().knowledge
    passages = index.chunks(sorted(_stored_ids(index)))
    assert len(passages) == 6, "the two batches written before the failure"
    ranking = index.ranking_vectors(passages)
    for passage in passages:
        assert len(ranking[passage.chunk_id]) == 1 + passage.metadata[SENTENCE_COUNT]
    # A re-run finishes the job.
    report = _ingest(index, _docs(), batch_size=3)
    assert report.chunks_written > 0 and _ingest(index, _docs()).unchanged == 5  # type: ignore[attr-defined]


def test_a_store_written_before_ranking_vectors_had_their_own_table_still_ranks(
    runtime: Runtime, embedder: Embedder
) -> None:
    # Such stores kept sentence vectors as records of a second Chroma collection.
    client = runtime.chroma
    chunks, sentences = (
        client.create_collection(
            collection_name(kind, "old", embedder),
            embedding_function=ChromaEmbeddingFunction(embedder),  # type: ignore[arg-type]
            metadata={"hnsw:space": "cosine"},
        )
        for kind in ("kb", "kbsent")
    )
    text = "Returns are accepted within 30 days. Refunds reach your card in 5 days."
    parts = rankable_sentences(text)
    chunk_vector, *sentence_vectors = embedder.embed([text, *parts])
    chunks.add(
        ids=["returns::0"],
        documents=[text],
        embeddings=[chunk_vector],
        metadatas=[{"doc_id": "returns", "doc_hash": "h1", "chunk_count": 1, SENTENCE_COUNT: len(parts)}],
    )
    sentences.add(
        ids=[sentence_id("returns::0", i) for i in range(len(parts))],
        embeddings=sentence_vectors,
        metadatas=[{"chunk_id": "returns::0"} for _ in parts],
    )
    index = runtime.stores("old").knowledge
    (passage,) = index.get_doc_chunks("returns")

    stored = index.ranking_vectors([passage])["returns::0"]

    assert len(parts) == 2 and np.allclose(stored, np.stack([chunk_vector, *sentence_vectors]), atol=1e-6)
    assert np.allclose(index.embeddings_of(["returns::0"])["returns::0"], chunk_vector, atol=1e-6)
    # Read once from the old collection, then from the table.
    assert np.array_equal(index.ranking.read(index.name, ["returns::0"])["returns::0"][1], stored)
    hit = runtime.retriever(runtime.stores("old")).retrieve(
        Ticket(text="How long until my refund arrives?"), top_k=1, history_k=0
    )
    assert hit.knowledge[0].chunk_id == "returns::0"
    index.delete_doc("returns")
    assert sentences.count() == 0, "its sentences go with it"
