"""MiniLM against multilingual E5, same run: ingestion and query speed, and recall@5 per language.

Run: .venv/bin/python benchmarks/embedding_models.py [--dstc] [--limit-docs N]
For each model (both on ONNX Runtime int8): ingestion of the sample help centre into a fresh store
(chunks/s, sentences included), single-query embedding latency p50/p95 and CPU ms, then hybrid
retrieval recall@5 of the language test set (evals/cases/languages) per language, beside the same
tickets in English. With --dstc, also dense doc-level recall@5 / MRR on the DSTC11 dev cases and
bulk encoding rate over its knowledge (from ../shared/datasets, skipped when absent).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from drafter.config import load_settings
from drafter.domain import Ticket
from drafter.embeddings import Embedder
from drafter.evals.cases import load_cases
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.runtime import Runtime

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
LANGUAGES = ROOT / "evals" / "cases" / "languages"
MODELS = ("minilm", "e5")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def recall_at_5(runtime: Runtime, tickets: list[Ticket], relevant: list[list[str]]) -> float:
    """Share of each ticket's answering articles among the first five distinct documents retrieved."""
    stores = runtime.stores()
    retriever = runtime.retriever(stores)
    scores = []
    for ticket, gold in zip(tickets, relevant, strict=True):
        found = retriever.retrieve(ticket, top_k=5, history_k=0)
        docs = list(dict.fromkeys(p.doc_id for p in found.knowledge))[:5]
        scores.append(len(set(gold) & set(docs)) / len(gold))
    return float(np.mean(scores))


def language_recall(runtime: Runtime) -> dict[str, tuple[float, float, int]]:
    """Per language: recall@5 of its tickets, of their English versions, and the case count."""
    english = {c.case_id: c for c in load_cases(LANGUAGES / "en.yaml")}
    result = {}
    for path in sorted(LANGUAGES.glob("*.yaml")):
        if path.stem == "en":
            continue
        cases = load_cases(path)
        twins = [english[f"en-{c.case_id}"] for c in cases]
        result[path.stem] = (
            recall_at_5(runtime, [c.ticket for c in cases], [c.relevant_doc_ids for c in cases]),
            recall_at_5(runtime, [c.ticket for c in twins], [c.relevant_doc_ids for c in twins]),
            len(cases),
        )
    return result


def query_latency(embedder: Embedder, texts: list[str]) -> tuple[float, float, float]:
    """p50 and p95 wall milliseconds of embedding one query, and mean CPU milliseconds."""
    walls, cpu = [], time.process_time()
    for text in texts:
        started = time.perf_counter()
        embedder.embed_query([text])
        walls.append((time.perf_counter() - started) * 1000)
    return percentile(walls, 50), percentile(walls, 95), (time.process_time() - cpu) * 1000 / len(texts)


def dstc(embedder: Embedder, limit_docs: int | None) -> str:
    """Dense doc-level recall@5 and MRR on DSTC11 dev, and bulk texts/s over its knowledge."""
    sys.path.insert(0, str(Path(__file__).parent))
    from embeddings import doc_metrics

    from drafter.evals.cases import load_jsonl_cases
    from drafter.retrieval import build_query
    from drafter.text.chunking import Chunker

    kb, cases_path = DATASETS / "dstc11t5_kb.jsonl", DATASETS / "dstc11t5_dev_cases.jsonl"
    if not kb.exists():
        return "DSTC11: skipped (no ../shared/datasets)"
    chunks = [c for doc in list(load_knowledge([kb]))[:limit_docs] for c in Chunker().split(doc)]
    ids = [c.metadata["doc_id"] for c in chunks]
    cases = [c for c in load_jsonl_cases(cases_path) if set(c.relevant_doc_ids) & set(ids)]
    started = time.perf_counter()
    doc_vectors = embedder.embed([c.embedding_text for c in chunks])
    rate = len(chunks) / (time.perf_counter() - started)
    queries = embedder.embed_query([build_query(c.ticket) for c in cases])
    recall, mrr = doc_metrics(doc_vectors, ids, queries, [set(c.relevant_doc_ids) for c in cases])
    return f"DSTC11 dev ({len(cases)} cases): dense recall@5 {recall:.3f}, MRR {mrr:.3f}; {rate:.0f} texts/s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dstc", action="store_true", help="also measure on the DSTC11 dev cases")
    parser.add_argument("--limit-docs", type=int, default=None)
    args = parser.parse_args()
    docs = list(load_knowledge([ROOT / "knowledge" / "help-center"]))
    probes = [c.ticket.text for p in sorted(LANGUAGES.glob("*.yaml")) for c in load_cases(p)]
    for model in MODELS:
        with tempfile.TemporaryDirectory(prefix="drafter-bench-") as data:
            settings = load_settings(
                data_dir=Path(data), embedding_backend=model, non_english_embedding_backend="none"
            )
            runtime = Runtime(settings)
            embedder = runtime.embedder
            embedder.embed_query(["warm up"])  # load (and convert, the first time) outside the timings
            started = time.perf_counter()
            report = ingest_knowledge(docs, runtime.stores().knowledge, runtime.chunker())
            seconds = time.perf_counter() - started
            p50, p95, cpu = query_latency(embedder, probes)
            print(
                f"{model}: ingest {report.chunks_written} chunks in {seconds:.1f} s "
                f"({report.chunks_written / seconds:.1f} chunks/s, sentences included); "
                f"query p50 {p50:.1f} ms, p95 {p95:.1f} ms, {cpu:.1f} CPU ms"
            )
            for language, (recall, english, count) in language_recall(runtime).items():
                print(f"  {language} ({count} tickets): recall@5 {recall:.3f}, in English {english:.3f}")
            if args.dstc:
                print("  " + dstc(embedder, args.limit_docs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
