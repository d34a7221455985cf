"""Tuning from the knowledge alone, measured on labelled tickets it never saw, for several knowledge bases.

Run: .venv/bin/python benchmarks/knowledge_tuning.py [--sets help-center,abcd,dstc11] [--data-dir DIR]

For each knowledge base an adapter is learned from the knowledge's own questions only (as
`drafter tune retrieval --from-knowledge`), so every labelled ticket is held out from it. Hybrid
retrieval is measured untuned and with that adapter (recall@5, MRR over the documents) on:
- help-center: the sample knowledge in knowledge/help-center, the cases of
  evals/cases/help-center-dev.yaml and help-center-sealed.yaml;
- abcd: ../shared/datasets/abcd_kb.jsonl, evals/cases/abcd/dev.yaml and sealed.yaml;
- dstc11: ../shared/datasets/dstc11t5_kb.jsonl and the DSTC11 dev cases, split by conversation as
  `drafter tune retrieval` splits them (held-out share 0.5): measured on the held-out half, where
  the labelled adapter learned from the training half and the adapter learned from both (labels
  on top of the knowledge) are measured too, in the same run.
Sets whose files are absent are skipped.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from drafter.config import load_settings
from drafter.evals.cases import EvalCase, load_cases
from drafter.evals.tuning import labelled_tickets, labels_start, learn_from_knowledge
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.retrieval import RetrievalPolicy, Retriever
from drafter.retrieval.adapter import QueryAdapter
from drafter.retrieval.tuning import (
    LabelledTicket,
    TuningSettings,
    fit_adapter,
    score_retrieval,
    split_by_conversation,
    training_example,
)
from drafter.runtime import Runtime, Stores

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "evals" / "cases"
DATASETS = ROOT.parent / "shared" / "datasets"
SETS: dict[str, tuple[Path, list[Path]]] = {
    "help-center": (
        ROOT / "knowledge" / "help-center",
        [CASES / "help-center-dev.yaml", CASES / "help-center-sealed.yaml"],
    ),
    "abcd": (
        DATASETS / "abcd_kb.jsonl",
        [CASES / "abcd" / "dev.yaml", CASES / "abcd" / "sealed.yaml"],
    ),
    "dstc11": (DATASETS / "dstc11t5_kb.jsonl", [DATASETS / "dstc11t5_dev_cases.jsonl"]),
}


def _progress(_name: str, _total: int | None) -> object:
    return lambda _n: None


def _line(label: str, retriever: Retriever, tickets: list[LabelledTicket]) -> None:
    scores = score_retrieval(retriever, iter(tickets))
    print(f"  {label:34} recall@5 {scores.recall_at_k:.3f}  MRR {scores.mrr:.3f}  (n={scores.tickets})")


def measure(name: str, runtime: Runtime, stores: Stores, cases: list[EvalCase]) -> None:
    """Untuned against the knowledge's adapter (and, for enough cases, labels and both)."""
    base = Retriever(stores.knowledge, stores.history, RetrievalPolicy())
    started = time.perf_counter()
    adapter, report = learn_from_knowledge(base, base.snapshot(), 0.5, _progress)  # type: ignore[arg-type]
    took = time.perf_counter() - started
    print(
        f"{name}: {stores.knowledge.count()} chunks, {report.pairs} knowledge pairs "
        f"and {report.tickets} questions asked loosely ({report.training_pairs} learned from, "
        f"{report.held_out_pairs} held out), {took:.0f} s; shift share {report.shift_share}, "
        f"lexical weight {report.lexical_weight}, margin scale {report.margin_scale}"
    )
    if report.before is not None and report.after is not None:
        print(
            f"  held-out knowledge questions: recall@5 {report.before.recall_at_k:.3f} -> "
            f"{report.after.recall_at_k:.3f}, MRR {report.before.mrr:.3f} -> {report.after.mrr:.3f}"
        )
    labelled = labelled_tickets(cases)
    with_labels = len(labelled) >= 100
    train, held_out = split_by_conversation(labelled, 0.5) if with_labels else ([], labelled)
    where = "held-out half of the cases" if with_labels else "every case (none was learned from)"
    print(f"  measured on {len(held_out)} tickets: {where}")
    _line("hybrid, untuned", base, held_out)
    if adapter is not None:
        _line("hybrid, from the knowledge", _with(stores, adapter), held_out)
    if with_labels:
        examples = [e for e in (training_example(base, t) for t in train) if e is not None]
        _line("hybrid, labels", _with(stores, fit_adapter(examples, TuningSettings())), held_out)
        if adapter is not None:
            both = fit_adapter(examples, TuningSettings(), base=labels_start(adapter))
            _line("hybrid, labels + knowledge", _with(stores, both), held_out)


def _with(stores: Stores, adapter: QueryAdapter) -> Retriever:
    return Retriever(stores.knowledge, stores.history, RetrievalPolicy(), adapter=adapter)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "drafter-knowledge-tuning-bench"
    )
    args = parser.parse_args()
    runtime = Runtime(load_settings(data_dir=args.data_dir))
    for name in (s.strip() for s in args.sets.split(",") if s.strip()):
        kb, case_files = SETS[name]
        if not kb.exists() or not all(p.exists() for p in case_files):
            print(f"{name}: skipped, {kb} or its cases not found")
            continue
        stores = runtime.stores(f"bench-{name}")
        ingest_knowledge(load_knowledge([kb]), stores.knowledge, runtime.chunker())
        cases = [c for path in case_files for c in load_cases(path)]
        measure(name, runtime, stores, cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
