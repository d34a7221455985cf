"""Embedding runtimes for the bundled MiniLM: torch against ONNX Runtime (float and int8), same run.

Run: .venv/bin/python benchmarks/embeddings.py [--limit-docs N] [--limit-cases N]
For each runtime: bulk rate over the DSTC11 knowledge (chunk texts as ingestion embeds them),
single-query latency, and doc-level dense recall@5 / MRR on the dev cases (exact cosine, so the
numbers show the encoder alone). Also a mixed row: knowledge embedded by torch, queries by int8,
which is what switching runtime without re-ingesting gives. Skips when ../shared/datasets is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from drafter.embeddings import Embedder, MiniLMEmbedder
from drafter.embeddings.onnx import OnnxMiniLMEmbedder, build_onnx_model
from drafter.evals.cases import load_jsonl_cases
from drafter.ingest.loaders import load_knowledge
from drafter.retrieval import build_query
from drafter.text.chunking import Chunker

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def doc_metrics(
    doc_vectors: np.ndarray, doc_ids: list[str], queries: np.ndarray, relevant: list[set[str]]
) -> tuple[float, float]:
    """Doc-level recall@5 and MRR (over the first 50) of exact cosine search."""
    recalls, reciprocal = [], []
    for row, gold in zip(queries @ doc_vectors.T, relevant, strict=True):
        ranked: list[str] = []
        for i in np.argsort(-row)[:200]:
            if doc_ids[i] not in ranked:
                ranked.append(doc_ids[i])
        recalls.append(len(gold & set(ranked[:5])) / len(gold))
        reciprocal.append(next((1 / (r + 1) for r, d in enumerate(ranked[:50]) if d in gold), 0.0))
    return float(np.mean(recalls)), float(np.mean(reciprocal))


def timed(embed: Callable[[list[str]], np.ndarray], texts: list[str]) -> tuple[np.ndarray, float]:
    """Vectors and seconds taken."""
    started = time.perf_counter()
    vectors = embed(texts)
    return vectors, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit-docs", type=int, default=None)
    parser.add_argument("--limit-cases", type=int, default=None)
    args = parser.parse_args()
    kb, cases_path = DATASETS / "dstc11t5_kb.jsonl", DATASETS / "dstc11t5_dev_cases.jsonl"
    if not kb.exists():
        print(f"skipped: {kb} not found")
        return 0
    docs = list(load_knowledge([kb]))[: args.limit_docs]
    chunks = [c for doc in docs for c in Chunker().split(doc)]
    texts, doc_ids = [c.embedding_text for c in chunks], [c.metadata["doc_id"] for c in chunks]
    known = set(doc_ids)
    cases = [c for c in load_jsonl_cases(cases_path) if set(c.relevant_doc_ids) & known][: args.limit_cases]
    queries = [build_query(c.ticket) for c in cases]
    relevant = [set(c.relevant_doc_ids) for c in cases]
    print(f"{len(chunks)} chunks from {len(docs)} docs, {len(cases)} labelled cases")

    cache = Path(tempfile.mkdtemp(prefix="drafter-onnx-"))
    started = time.perf_counter()
    build_onnx_model(cache, "int8")
    print(f"conversion from the bundled weights (float + int8): {time.perf_counter() - started:.1f} s")
    runtimes: dict[str, Embedder] = {
        "torch": MiniLMEmbedder(),
        "onnx": OnnxMiniLMEmbedder(cache, precision="fp32"),
        "onnx-int8": OnnxMiniLMEmbedder(cache, precision="int8"),
    }
    doc_vectors: dict[str, np.ndarray] = {}
    query_vectors: dict[str, np.ndarray] = {}
    base_rate = 0.0
    print(f"{'runtime':10} {'load s':>7} {'texts/s':>8} {'ratio':>6} {'q p50 ms':>9} {'q p95 ms':>9} "
          f"{'recall@5':>9} {'MRR':>6} {'cos min':>8}")
    for name, model in runtimes.items():
        _, load_seconds = timed(model.embed, ["warm up"])
        doc_vectors[name], seconds = timed(model.embed, texts)
        rate = len(texts) / seconds
        base_rate = base_rate or rate
        singles = [timed(model.embed, [q])[1] * 1000 for q in queries[:200]]
        query_vectors[name] = model.embed(queries)
        recall, mrr = doc_metrics(doc_vectors[name], doc_ids, query_vectors[name], relevant)
        cos = float((doc_vectors[name] * doc_vectors["torch"]).sum(axis=1).min())
        latency = f"{percentile(singles, 50):9.2f} {percentile(singles, 95):9.2f}"
        print(f"{name:10} {load_seconds:7.2f} {rate:8.1f} {rate / base_rate:6.2f} "
              f"{latency} {recall:9.3f} {mrr:6.3f} {cos:8.4f}")
    recall, mrr = doc_metrics(doc_vectors["torch"], doc_ids, query_vectors["onnx-int8"], relevant)
    print(f"mixed: torch-embedded knowledge, int8 queries: recall@5 {recall:.3f}  MRR {mrr:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
