"""Ingestion throughput against the raw encoder, and draft latency, on the DSTC11 knowledge.

Run: .venv/bin/python benchmarks/ingest.py [--limit-tickets N]
Skips (exit 0) when ../shared/datasets is absent.

Side by side in one run, with the same embedder: encoding the chunk texts alone, encoding every
text ingestion encodes (the chunk texts and the sentences each chunk is ranked by), and ingesting
(chunking, encoding both, writing the chunks to Chroma and their ranking vectors to their table
while the next batch is encoded). The first ratio says what keeping sentence vectors costs, the
second what ingestion costs beyond its encoding. CPU seconds of the process are printed beside
each wall-clock time: on a shared machine they show whether a difference is the work or the wait.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from drafter.config import load_settings
from drafter.domain import Message, Ticket
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.runtime import Runtime
from drafter.text.chunking import Chunker, rankable_sentences

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit-tickets", type=int, default=300)
    args = parser.parse_args()
    kb, cases = DATASETS / "dstc11t5_kb.jsonl", DATASETS / "dstc11t5_dev_cases.jsonl"
    if not kb.exists():
        print(f"skipped: {kb} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime(load_settings(data_dir=Path(tmp)))
        docs = list(load_knowledge([kb]))
        chunker: Chunker = runtime.chunker()
        chunks = [chunk for doc in docs for chunk in chunker.split(doc)]
        runtime.embedder.embed(["warm up"])

        started, cpu = time.perf_counter(), time.process_time()
        runtime.embedder.embed([c.embedding_text for c in chunks])
        raw_seconds, raw_cpu = time.perf_counter() - started, time.process_time() - cpu
        sentences = [s for c in chunks for s in rankable_sentences(c.text)]
        started, cpu = time.perf_counter(), time.process_time()
        runtime.embedder.embed([c.embedding_text for c in chunks])
        runtime.embedder.embed(sentences)
        all_texts_seconds, all_cpu = time.perf_counter() - started, time.process_time() - cpu

        index = runtime.stores().knowledge
        started, cpu = time.perf_counter(), time.process_time()
        ingest_knowledge(docs, index, chunker, batch_size=runtime.settings.embedding_batch_size)
        ingest_seconds, ingest_cpu = time.perf_counter() - started, time.process_time() - cpu

        started = time.perf_counter()
        report = ingest_knowledge(docs, index, chunker)
        rerun_seconds = time.perf_counter() - started
        assert report.chunks_written == 0

        service = runtime.draft_service()
        latencies = []
        with cases.open(encoding="utf-8") as handle:
            for line in list(handle)[: args.limit_tickets]:
                case = json.loads(line)
                conversation = [Message(role=t["role"], text=t["text"]) for t in case["customer_history"]]
                started = time.perf_counter()
                service.draft(Ticket(text=case["ticket"], conversation=conversation))
                latencies.append((time.perf_counter() - started) * 1000)

    raw_rate = len(chunks) / raw_seconds
    ingest_rate = len(chunks) / ingest_seconds
    distinct = len({c.embedding_text for c in chunks} | set(sentences))
    print(
        f"docs={len(docs)} chunks={len(chunks)} sentences={len(sentences)} "
        f"(distinct texts {distinct} of {len(chunks) + len(sentences)})"
    )
    print(
        f"raw encoder, chunk texts:        {raw_rate:8.1f} chunks/s "
        f"({raw_seconds:.1f} s, cpu {raw_cpu:.1f} s)"
    )
    all_rate = len(chunks) / all_texts_seconds
    print(
        f"raw encoder, chunks + sentences: {all_rate:8.1f} chunks/s "
        f"({all_texts_seconds:.1f} s, cpu {all_cpu:.1f} s)"
    )
    docs_rate = len(docs) / ingest_seconds
    print(
        f"ingest:                          {ingest_rate:8.1f} chunks/s, {docs_rate:.1f} docs/s "
        f"({ingest_seconds:.1f} s, cpu {ingest_cpu:.1f} s)"
    )
    print(f"ingest / raw (chunk texts):      {ingest_rate / raw_rate:8.2f}")
    print(f"ingest / raw (every text):       {all_texts_seconds / ingest_seconds:8.2f}")
    print(f"re-ingest unchanged: {rerun_seconds:.2f} s")
    print(
        f"draft latency over {len(latencies)} tickets: p50={statistics.median(latencies):.1f} ms "
        f"p95={percentile(latencies, 95):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
