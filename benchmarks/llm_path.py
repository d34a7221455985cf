"""Cost of the LLM path's local work (signals, masking, prompt rendering, post-draft checks)
against retrieval, on the sample knowledge and tickets in knowledge/.

Per ticket it times: retrieval (the baseline), signal detection, building the masked and
delimited request (PII masking + prompt rendering), and the post-draft checks (injection
warnings + promise check on a reply). Prints p50/p95 in milliseconds and each stage's ratio to
retrieval, and the request size the model would receive.

Run: .venv/bin/python benchmarks/llm_path.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from drafter.compose import ComposeContext
from drafter.compose.llm_messages import build_draft_request
from drafter.config import load_settings
from drafter.domain import Ticket
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import load_customers, load_knowledge
from drafter.principles import detect_signals, select_principles
from drafter.retrieval import Retriever
from drafter.runtime import Runtime
from drafter.safety import PiiMasker, check_promises, injection_warnings

REPO = Path(__file__).resolve().parents[1]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def timed(samples: dict[str, list[float]], stage: str, call: Callable[[], Any]) -> Any:
    """Run a call, adding its milliseconds to a stage's samples."""
    started = time.perf_counter()
    result = call()
    samples.setdefault(stage, []).append((time.perf_counter() - started) * 1000)
    return result


def main() -> int:
    """Time every stage over the sample tickets and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the sample tickets")
    args = parser.parse_args()
    tickets_file = REPO / "knowledge" / "tickets.jsonl"
    if not tickets_file.exists():
        print(f"skipped: {tickets_file} not found")
        return 0
    with tempfile.TemporaryDirectory() as data_dir:
        runtime = Runtime(load_settings(data_dir=Path(data_dir), prompts_dir=REPO / "prompts"))
        stores = runtime.stores()
        docs = list(load_knowledge([REPO / "knowledge" / "help-center"]))
        ingest_knowledge(docs, stores.knowledge, runtime.chunker())
        customers = list(load_customers(REPO / "knowledge" / "customers.jsonl"))
        ingest_history(customers, stores.profiles, stores.history)
        retriever = Retriever(stores.knowledge, stores.history, runtime.retrieval_policy())
        tickets = [Ticket.model_validate(json.loads(line)) for line in tickets_file.open()]
        samples: dict[str, list[float]] = {}
        sizes: list[int] = []
        for _ in range(args.rounds):
            for ticket in tickets:
                sizes.append(run_one(ticket, runtime, retriever, stores.profiles, samples))
    base = statistics.median(samples["retrieve"])
    print(f"{len(tickets)} tickets x {args.rounds} rounds")
    for stage, values in samples.items():
        p50 = statistics.median(values)
        print(
            f"{stage:>10}: p50 {p50:7.2f} ms  p95 {percentile(values, 95):7.2f} ms  "
            f"ratio to retrieve {p50 / base:.3f}"
        )
    print(f"request size: median {statistics.median(sizes):,.0f} chars, max {max(sizes):,} chars")
    return 0


def run_one(
    ticket: Ticket, runtime: Runtime, retriever: Retriever, profiles: Any, samples: dict[str, list[float]]
) -> int:
    """Time one ticket's stages; return the size of the request body's messages."""
    profile = profiles.get(ticket.customer_id) if ticket.customer_id else None
    found = timed(samples, "retrieve", lambda: retriever.retrieve(ticket, top_k=5, history_k=5))
    signals = timed(
        samples,
        "signals",
        lambda: detect_signals(ticket, profile=profile, history=found.history, knowledge=found.knowledge),
    )
    context = ComposeContext(
        ticket=ticket,
        query=found.query,
        knowledge=found.knowledge,
        history=found.history,
        profile=profile,
        signals=signals,
        principles=select_principles(signals),
    )
    request = timed(
        samples,
        "request",
        lambda: build_draft_request(
            context, runtime.prompt_store, PiiMasker.with_patterns({"ORDER": r"BW-\d{4,}"})
        ),
    )
    reply = " ".join(p.text for p in found.knowledge[:2]) + " We will send a replacement by Friday."
    timed(
        samples,
        "checks",
        lambda: (
            injection_warnings(ticket, found.knowledge + found.history),
            check_promises(reply, found.knowledge),
        ),
    )
    return sum(len(m["content"]) for m in request.messages)


if __name__ == "__main__":
    sys.exit(main())
