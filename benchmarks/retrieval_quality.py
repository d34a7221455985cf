"""Retrieval quality on the DSTC11 dev cases: recall@5 and MRR for dense, lexical, hybrid and tuned search.

Run: .venv/bin/python benchmarks/retrieval_quality.py [--limit N] [--data-dir DIR]
Ingests ../shared/datasets/dstc11t5_kb.jsonl (reused when unchanged) and skips when it is absent.
The cases are split by conversation as `drafter tune retrieval` splits them, in two folds: a query
adapter is learned from one half and every mode is measured on the other half (its first N with
--limit), then the halves swap. All modes run in the same process, so the numbers compare directly.
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
from drafter.ingest.loaders import load_knowledge
from drafter.retrieval import RetrievalPolicy, Retriever
from drafter.retrieval.tuning import (
    LabelledTicket,
    TuningSettings,
    fit_adapter,
    split_by_conversation,
    training_example,
)
from drafter.runtime import Runtime

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def measure(
    retriever: Retriever, tickets: list[LabelledTicket]
) -> tuple[list[float], list[float], list[float]]:
    """Recall@5, reciprocal rank and seconds per ticket."""
    recall, rr, times = [], [], []
    for item in tickets:
        started = time.perf_counter()
        found = retriever.retrieve(item.ticket, top_k=5, history_k=0)
        times.append(time.perf_counter() - started)
        ranked = list(dict.fromkeys(p.doc_id for p in found.knowledge))
        relevant = item.relevant_doc_ids
        recall.append(len(relevant & set(ranked[:5])) / len(relevant))
        rr.append(next((1 / (i + 1) for i, d in enumerate(ranked) if d in relevant), 0.0))
    return recall, rr, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="held-out cases measured per half")
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
    first, second = split_by_conversation(labelled_tickets(load_jsonl_cases(cases_path)), 0.5)
    print(f"{len(first)} + {len(second)} labelled cases in two halves, {stores.knowledge.count()} chunks")
    modes = ("dense", "lexical", "hybrid", "hybrid+tuned")
    totals: dict[str, tuple[list[float], list[float], list[float]]] = {m: ([], [], []) for m in modes}
    # Two folds: each half is measured with the adapter learned from the other half.
    for fold, (train, held_out) in enumerate(((first, second), (second, first)), start=1):
        held_out = held_out[: args.limit]
        base = Retriever(stores.knowledge, stores.history, RetrievalPolicy())
        started = time.perf_counter()
        examples = [e for e in (training_example(base, t) for t in train) if e is not None]
        adapter = fit_adapter(examples, TuningSettings())
        took = time.perf_counter() - started
        print(
            f"fold {fold}: learned from {len(examples)} tickets in {took:.0f} s, measured on {len(held_out)}"
        )
        retrievers = {
            m: Retriever(stores.knowledge, stores.history, RetrievalPolicy(mode=m)) for m in modes[:3]
        }
        retrievers["hybrid+tuned"] = Retriever(
            stores.knowledge, stores.history, RetrievalPolicy(), adapter=adapter
        )
        for mode, retriever in retrievers.items():
            recall, rr, times = measure(retriever, held_out)
            print(f"  {mode:13} recall@5 {sum(recall) / len(recall):.3f}  MRR {sum(rr) / len(rr):.3f}")
            for total, values in zip(totals[mode], (recall, rr, times), strict=True):
                total.extend(values)
    print("both halves:")
    for mode, (recall, rr, times) in totals.items():
        times.sort()
        p50, p95 = 1000 * times[len(times) // 2], 1000 * times[int(0.95 * (len(times) - 1))]
        print(
            f"  {mode:13} recall@5 {sum(recall) / len(recall):.3f}  MRR {sum(rr) / len(rr):.3f}  "
            f"p50 {p50:.1f} ms  p95 {p95:.1f} ms  (n={len(recall)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
