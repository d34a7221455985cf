"""Retrieval at scale: latency at the 4.3k-doc DSTC11 knowledge and at 100k chunks, ingestion rate, memory.

Run: .venv/bin/python benchmarks/retrieval.py [--large 100000] [--queries 200] [--modes dense,hybrid]
     [--data-dir DIR]   (keeps the stores there, so a second run skips ingesting and building them)
Set DRAFTER_EMBEDDING_RUNTIME (torch, onnx, onnx-int8) to measure another encoder runtime.

1. Ingests the knowledge into a fresh embedded store and reports chunks/s as a ratio to the raw
   encoder's rate on the same chunk texts, measured in the same run.
2. Times `Retriever.retrieve` (query embedding, search, fusion, rerank) per mode over dev-case
   tickets, and the bare vector search with the query vector given: cold (each entity's ranked
   passages' sentence vectors read on first use; every chunk's own vector is read with the
   snapshot), warm (the same tickets again), and after an unrelated write (one
   new document, then the same tickets: the snapshot follows the write and the vectors stay warm;
   the first query after the write, which updates the snapshot, is printed on its own).
3. Builds a large collection from the knowledge's own stored vectors with small Gaussian
   perturbations and distinct ids (embedding 100k real chunks takes over an hour on two cores);
   each copy keeps its source chunk's text, so the lexical side indexes the matching texts, and
   its sentence vectors are perturbed copies of the source's, as ingestion would have stored them.
   Then times the same searches there.
Peak resident memory (ru_maxrss) is printed after each phase. Skips when ../shared/datasets is absent.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from chromadb.api import ClientAPI

from drafter.config import load_settings
from drafter.domain import KnowledgeDoc, Ticket
from drafter.evals.cases import load_jsonl_cases
from drafter.ingest import ingest_knowledge, upsert_documents
from drafter.ingest.loaders import load_knowledge
from drafter.retrieval import RetrievalPolicy, Retriever, build_query
from drafter.retrieval.lexical import LexicalIndex
from drafter.runtime import Runtime
from drafter.store import HistoryIndex, KnowledgeIndex
from drafter.text.chunking import Chunker

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
# Chroma refuses batches above ~5.4k records.
WRITE_BATCH = 4000


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def spread(millis: list[float]) -> str:
    """p50 and p95 of latencies in milliseconds."""
    return f"p50 {percentile(millis, 50):.1f} ms  p95 {percentile(millis, 95):.1f} ms"


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(runtime: Runtime, knowledge: KnowledgeIndex, kb: Path) -> None:
    """Ingest the knowledge and print its rate against the raw encoder on the same texts."""
    docs = list(load_knowledge([kb]))
    texts = [c.embedding_text for doc in docs for c in runtime.chunker().split(doc)]
    runtime.embedder.embed(["warm up"])
    started = time.perf_counter()
    runtime.embedder.embed(texts)
    raw_rate = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    batch = runtime.settings.embedding_batch_size
    report = ingest_knowledge(docs, knowledge, runtime.chunker(), batch_size=batch)
    rate = report.chunks_written / (time.perf_counter() - started)
    print(
        f"ingest: {report.chunks_written} chunks at {rate:.1f} chunks/s; raw encoder {raw_rate:.1f} texts/s; "
        f"ratio {rate / raw_rate:.2f}; peak {peak_mb():.0f} MiB"
    )


def build_large(source: KnowledgeIndex, target: KnowledgeIndex, size: int, *, noise: float) -> None:
    """Fill `target` with `size` perturbed copies of the source's chunks, each with a distinct id."""
    chunks = source.all_chunks()
    # Each stored chunk's own vector, then its sentences'.
    ranking = source.ranking_vectors(chunks)
    chunks = [c for c in chunks if c.chunk_id in ranking]
    base = np.stack([ranking[c.chunk_id][0] for c in chunks])
    # Each copy's sentences are perturbed copies of the source's stored sentence vectors.
    sentences = [ranking[c.chunk_id][1:] for c in chunks]
    rng = np.random.default_rng(7)
    started, written, copy = time.perf_counter(), 0, 0
    while written < size:
        noisy = _perturbed(base, rng, noise)
        count = min(len(chunks), size - written)
        for start in range(0, count, WRITE_BATCH // 4):
            part = range(start, min(start + WRITE_BATCH // 4, count))
            target.upsert_chunks(
                [f"{chunks[i].chunk_id}~{copy}" for i in part],
                [chunks[i].text for i in part],
                [{**chunks[i].metadata, "doc_id": f"{chunks[i].doc_id}~{copy}"} for i in part],
                noisy[start : part.stop],
                sentence_vectors=[_perturbed(sentences[i], rng, noise) for i in part],
            )
        written, copy = written + count, copy + 1
    cosine = float(np.mean(np.sum(base * noisy, axis=1)))
    print(
        f"large store: {target.count()} chunks ({copy} perturbed copies, mean cosine to source {cosine:.3f}) "
        f"written in {time.perf_counter() - started:.0f} s; peak {peak_mb():.0f} MiB"
    )


def _perturbed(vectors: np.ndarray, rng: np.random.Generator, noise: float) -> np.ndarray:
    if not len(vectors):
        return vectors
    noisy = vectors + rng.normal(0.0, noise, vectors.shape).astype(np.float32)
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def time_searches(
    client: ClientAPI,
    knowledge: KnowledgeIndex,
    history: HistoryIndex,
    tickets: list[Ticket],
    modes: list[str],
    label: str,
) -> None:
    """Print p50/p95 of the bare vector search and of a full retrieve per mode."""
    vectors = knowledge.embedder.embed([build_query(t) for t in tickets])
    knowledge.query(vectors[0], k=5)
    bare = []
    for vector in vectors:
        started = time.perf_counter()
        knowledge.query(vector, k=5)
        bare.append(1000 * (time.perf_counter() - started))
    print(f"[{label}] vector search only: {spread(bare)}")
    if any(not mode.startswith("dense") for mode in modes):
        started = time.perf_counter()
        LexicalIndex.build(knowledge.all_chunks())
        built = time.perf_counter() - started
        print(f"[{label}] lexical index build: {built:.1f} s; peak {peak_mb():.0f} MiB")
    for mode in modes:
        # "hybrid-norerank": fusion without the sentence-level rerank, to show what that costs.
        name, _, variant = mode.partition("-")
        policy = RetrievalPolicy(mode=name, sentence_rerank=variant != "norerank")  # type: ignore[arg-type]
        # The encoder's cache is left out, so every query is encoded as a new ticket would be.
        uncached = KnowledgeIndex(
            client, getattr(knowledge.embedder, "inner", knowledge.embedder), tenant=knowledge.tenant
        )
        retriever = Retriever(uncached, history, policy)
        retriever.retrieve(tickets[0], top_k=5, history_k=0)
        # Cold: each entity's stored vectors are read from Chroma on first use. Warm: the same
        # tickets again, as on a server that has been running a while (queries still encoded).
        # After a write: one new document about nothing the tickets ask, then the same tickets.
        for phase in ("cold", "warm", "after a write"):
            if phase == "after a write":
                # A new text each run, so it is a write even when an earlier run left the note.
                unrelated = KnowledgeDoc(
                    doc_id=f"benchmark-note-{mode}",
                    title="Gift cards",
                    text=f"Gift cards never expire and can be used for any order (note {time.time_ns()}).",
                    format="text",
                )
                upsert_documents([unrelated], uncached, Chunker())
                started = time.perf_counter()
                retriever.retrieve(tickets[0], top_k=5, history_k=0)
                print(
                    f"[{label}] retrieve {mode:15} first query after the write (snapshot follows it): "
                    f"{1000 * (time.perf_counter() - started):.1f} ms"
                )
            took = []
            for ticket in tickets:
                started = time.perf_counter()
                retriever.retrieve(ticket, top_k=5, history_k=0)
                took.append(1000 * (time.perf_counter() - started))
            print(
                f"[{label}] retrieve {mode:15} {phase}: {spread(took)}  (n={len(took)}); "
                f"peak {peak_mb():.0f} MiB"
            )
        # A kept store (--data-dir) is left as it was, so the next run can reuse it.
        uncached.delete_doc(f"benchmark-note-{mode}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", type=int, default=100_000, help="chunks in the large store (0: skip)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--modes", default="dense,hybrid,hybrid-norerank")
    parser.add_argument("--noise", type=float, default=0.01, help="per-dimension std of the perturbation")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="keep the stores here (default: a temp dir)"
    )
    args = parser.parse_args()
    kb, cases_path = DATASETS / "dstc11t5_kb.jsonl", DATASETS / "dstc11t5_dev_cases.jsonl"
    if not kb.exists():
        print(f"skipped: {kb} not found")
        return 0
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    with tempfile.TemporaryDirectory(prefix="drafter-retrieval-") as tmp:
        runtime = Runtime(load_settings(data_dir=args.data_dir or Path(tmp)))
        print(f"embedding runtime: {runtime.settings.embedding_runtime}; start peak {peak_mb():.0f} MiB")
        # Separate tickets per store, so the query-embedding cache is cold for each.
        tickets = [c.ticket for c in load_jsonl_cases(cases_path)][: 2 * args.queries]
        small = runtime.stores("kb4k")
        if small.knowledge.count():
            print(f"ingest: skipped, {small.knowledge.count()} chunks already stored in {args.data_dir}")
        else:
            ingest(runtime, small.knowledge, kb)
        label = f"{small.knowledge.count()} chunks"
        time_searches(runtime.chroma, small.knowledge, small.history, tickets[: args.queries], modes, label)
        if args.large:
            large = runtime.stores(f"kb{args.large // 1000}k")
            if large.knowledge.count() != args.large:
                build_large(small.knowledge, large.knowledge, args.large, noise=args.noise)
            label = f"{large.knowledge.count()} chunks"
            time_searches(
                runtime.chroma, large.knowledge, large.history, tickets[args.queries :], modes, label
            )
    print(f"peak resident memory: {peak_mb():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
