"""What the scorecard costs beside the draft it grades, per API draft.

Run: .venv/bin/python benchmarks/scorecard.py [--tickets N] [--sample-only]

Drafts distinct tickets (the DSTC11 dev cases over their knowledge when ../shared/datasets is
present, else the sample help centre's tickets) and times, for each, the draft itself and the
scorecard the API computes for it (every grader, the roll-ups and the things to check first).
Prints p50/p95 of both and the scorecard's share of the draft's time, measured in the same run:
wall-clock time, and the CPU time of the thread that did the work (on a machine shared with other
work, wall-clock time also counts the time spent waiting for a core; CPU time does not).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from drafter.api.scoring import scorecard
from drafter.config import load_settings
from drafter.domain import Message, Ticket
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import load_customers, load_knowledge
from drafter.runtime import Runtime

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def sample_tickets() -> tuple[list[Path], Path | None, list[Ticket]]:
    lines = (ROOT / "knowledge" / "tickets.jsonl").read_text(encoding="utf-8").splitlines()
    tickets = []
    for line in lines:
        row = json.loads(line)
        tickets.append(
            Ticket(
                text=row["text"],
                subject=row.get("subject"),
                customer_id=row.get("customer_id"),
                conversation=[Message(**m) for m in row.get("conversation") or []],
            )
        )
    return [ROOT / "knowledge" / "help-center"], ROOT / "knowledge" / "customers.jsonl", tickets


def dstc_tickets(limit: int) -> tuple[list[Path], Path | None, list[Ticket]]:
    tickets = []
    with (DATASETS / "dstc11t5_dev_cases.jsonl").open(encoding="utf-8") as handle:
        for line in list(handle)[:limit]:
            case = json.loads(line)
            conversation = [Message(role=t["role"], text=t["text"]) for t in case["customer_history"]]
            tickets.append(Ticket(text=case["ticket"], conversation=conversation))
    return [DATASETS / "dstc11t5_kb.jsonl"], None, tickets


def main() -> int:
    # One thread tokenizes, so the thread's CPU time is all the work done for a draft.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=300, help="DSTC11 dev tickets to draft")
    parser.add_argument("--sample-only", action="store_true", help="only the sample help centre")
    args = parser.parse_args()
    use_dstc = not args.sample_only and (DATASETS / "dstc11t5_kb.jsonl").exists()
    kb, customers, tickets = dstc_tickets(args.tickets) if use_dstc else sample_tickets()
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime(load_settings(data_dir=Path(tmp)))
        stores = runtime.stores()
        ingest_knowledge(list(load_knowledge(kb)), stores.knowledge, runtime.chunker())
        if customers is not None:
            ingest_history(list(load_customers(customers)), stores.profiles, stores.history)
        service = runtime.draft_service()
        graders = runtime.graders()
        # Warm-up: the model and the knowledge snapshot load once per process, not per draft.
        warm = service.drafted(tickets[0])
        scorecard(tickets[0], warm.draft, graders, warm.profile)
        timings: dict[str, list[float]] = {"draft": [], "scorecard": [], "draft cpu": [], "scorecard cpu": []}
        for ticket in tickets:
            wall, cpu = time.perf_counter(), time.thread_time()
            drafted = service.drafted(ticket)
            timings["draft"].append((time.perf_counter() - wall) * 1000)
            timings["draft cpu"].append((time.thread_time() - cpu) * 1000)
            wall, cpu = time.perf_counter(), time.thread_time()
            scorecard(ticket, drafted.draft, graders, drafted.profile)
            timings["scorecard"].append((time.perf_counter() - wall) * 1000)
            timings["scorecard cpu"].append((time.thread_time() - cpu) * 1000)
    source = "DSTC11 dev" if use_dstc else "sample help centre"
    print(f"{len(tickets)} distinct tickets ({source}), one process, after one warm-up draft")
    for name, values in timings.items():
        p50, p95 = statistics.median(values), percentile(values, 95)
        print(f"{name + ':':15s} p50={p50:6.1f} ms  p95={p95:6.1f} ms")
    for kind in ("", " cpu"):
        ratio = percentile(timings["scorecard" + kind], 95) / percentile(timings["draft" + kind], 95)
        print(f"scorecard / draft (p95{kind}): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
