"""Retrieval quality on the DSTC11 dev cases: recall@5 and MRR for dense, lexical, hybrid and tuned search.

Run: .venv/bin/python benchmarks/retrieval_quality.py [--limit N] [--data-dir DIR]
Ingests ../shared/datasets/dstc11t5_kb.jsonl (reused when unchanged) and skips when it is absent.
The cases are split by conversation as `drafter tune retrieval` splits them: a query adapter is
learned from one half, and every mode is measured on the other half (the first N of it with
--limit), in the same process, so the numbers compare directly.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from drafter.config import load_settings
from drafter.evals.cases import load_jsonl_cases
from drafter.evals.tuning import labelled_tickets
from drafter.ingest import ingest_knowledge
from drafter.loaders import load_knowledge
from drafter.retrieval import RetrievalPolicy, Retriever
from drafter.retrieval.tuning import TuningSettings, fit_adapter, split_by_conversation, training_example
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
    labelled = labelled_tickets(load_jsonl_cases(cases_path))
    train, held_out = split_by_conversation(labelled, 0.5)
    held_out = held_out[: args.limit]
    print(f"{len(held_out)} held-out cases, {len(train)} to learn from, {stores.knowledge.count()} chunks")
    policy = RetrievalPolicy()
    base = Retriever(stores.knowledge, stores.history, policy)
    started = time.perf_counter()
    examples = [e for e in (training_example(base, t) for t in train) if e is not None]
    adapter = fit_adapter(examples, TuningSettings())
    print(f"adapter learned from {len(examples)} tickets in {time.perf_counter() - started:.0f} s")
    retrievers = {
        mode: Retriever(stores.knowledge, stores.history, RetrievalPolicy(mode=mode))
        for mode in ("dense", "lexical", "hybrid")
    }
    retrievers["hybrid+tuned"] = Retriever(stores.knowledge, stores.history, policy, adapter=adapter)
    for mode, retriever in retrievers.items():
        recall, rr, times = [], [], []
        for item in held_out:
            started = time.perf_counter()
            found = retriever.retrieve(item.ticket, top_k=5, history_k=0)
            times.append(time.perf_counter() - started)
            ranked = list(dict.fromkeys(p.doc_id for p in found.knowledge))
            relevant = item.relevant_doc_ids
            recall.append(len(relevant & set(ranked[:5])) / len(relevant))
            rr.append(next((1 / (i + 1) for i, d in enumerate(ranked) if d in relevant), 0.0))
        times.sort()
        p50, p95 = 1000 * times[len(times) // 2], 1000 * times[int(0.95 * (len(times) - 1))]
        print(
            f"{mode:13} recall@5 {sum(recall) / len(recall):.3f}  MRR {sum(rr) / len(rr):.3f}  "
            f"p50 {p50:.1f} ms  p95 {p95:.1f} ms"
        )
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
