"""Retrieval quality on the DSTC11 dev cases: recall@5 and MRR for dense, lexical and hybrid search.

Run: .venv/bin/python benchmarks/retrieval_quality.py [--limit N] [--data-dir DIR]
Ingests ../shared/datasets/dstc11t5_kb.jsonl (reused when unchanged) and skips when it is absent.
All three modes run on the same cases in the same process, so the numbers compare directly.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from drafter.config import load_settings
from drafter.evals.cases import load_jsonl_cases
from drafter.ingest import ingest_knowledge
from drafter.loaders import load_knowledge
from drafter.retrieval import RetrievalPolicy, Retriever
from drafter.service import Runtime

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "drafter-retrieval-bench"
    )
    args = parser.parse_args()
    kb, cases_path = DATASETS / "dstc11t5_kb.jsonl", DATASETS / "dstc11t5_dev_cases.jsonl"
    if not kb.exists():
        print(f"skipped: {kb} not found")
        return 0
    runtime = Runtime(load_settings(data_dir=args.data_dir))
    stores = runtime.stores("bench")
    ingest_knowledge(load_knowledge([kb]), stores.knowledge, runtime.chunker())
    cases = [c for c in load_jsonl_cases(cases_path) if c.relevant_doc_ids][: args.limit]
    print(f"{len(cases)} cases with labelled documents, {stores.knowledge.count()} chunks")
    for mode in ("dense", "lexical", "hybrid"):
        retriever = Retriever(stores.knowledge, stores.history, RetrievalPolicy(mode=mode))  # type: ignore[arg-type]
        recall, rr, times = [], [], []
        for case in cases:
            started = time.perf_counter()
            found = retriever.retrieve(case.ticket, top_k=5, history_k=0)
            times.append(time.perf_counter() - started)
            ranked = list(dict.fromkeys(p.doc_id for p in found.knowledge))
            relevant = set(case.relevant_doc_ids)
            recall.append(len(relevant & set(ranked[:5])) / len(relevant))
            rr.append(next((1 / (i + 1) for i, d in enumerate(ranked) if d in relevant), 0.0))
        times.sort()
        p50, p95 = 1000 * times[len(times) // 2], 1000 * times[int(0.95 * (len(times) - 1))]
        print(
            f"{mode:8} recall@5 {sum(recall) / len(recall):.3f}  MRR {sum(rr) / len(rr):.3f}  "
            f"p50 {p50:.1f} ms  p95 {p95:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
