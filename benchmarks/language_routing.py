"""Routing by language against one model for all: the language set drafted end to end, per language.

Run: .venv/bin/python benchmarks/language_routing.py [--sealed] [--uncovered [--only]] [--latency]
Three set-ups over the sample help centre, each drafting with the offline composer through
`drafter eval run`'s runner: MiniLM for every ticket, E5 for every ticket, and routed (MiniLM for
English, E5 for tickets surely in another language). For each language of the language set
(`evals/cases/languages`, the first development part, and `languages/extra`, the second, written
after the first was looked at; with --sealed also `languages/sealed`, the part written after the
routing was built; with --uncovered also `languages/uncovered`, Dutch, a language the phrase bank
lacks; with --only just the parts asked for) it prints recall@5, the share of expectations passed
and citation F1, beside the same tickets in English. First it times ingesting the help centre into a
fresh store for MiniLM alone and for routing (both models' vectors), in the same run. With
--latency it only drafts the sample tickets and the language set's non-English tickets in one
process with MiniLM alone and routed, the two set-ups taking turns on each ticket (so a busy
machine slows both alike), and prints draft p50/p95 per set-up for English and other tickets.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from drafter.config import load_settings
from drafter.domain import Ticket
from drafter.evals.cases import EvalCase, load_cases
from drafter.evals.runner import RunOptions, run_eval
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.runtime import Runtime
from drafter.text.language import writes_in_english

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "knowledge" / "help-center"
LANGUAGES = ROOT / "evals" / "cases" / "languages"
SETUPS: dict[str, dict[str, object]] = {
    "minilm": {"embedding_backend": "minilm", "non_english_embedding_backend": "none"},
    "e5": {"embedding_backend": "e5"},
    "routed": {"embedding_backend": "minilm", "non_english_embedding_backend": "e5"},
}


def runtime_for(data: Path, setup: str) -> Runtime:
    """A runtime of one set-up over a data dir (each model keeps its own collections there)."""
    return Runtime(load_settings(data_dir=data, prompts_dir=ROOT / "prompts", **SETUPS[setup]))


def time_ingestion(setup: str) -> tuple[float, int]:
    """Seconds to ingest the help centre into a fresh store for a set-up, and chunks written."""
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as data:
        runtime = runtime_for(Path(data), setup)
        for embedder in runtime.embedders:
            embedder.embed_query(["warm up"])  # load (and convert, the first time) outside the timing
        docs = list(load_knowledge([KB]))
        started = time.perf_counter()
        written = sum(
            ingest_knowledge(docs, index, runtime.chunker()).chunks_written
            for index in runtime.knowledge_indexes()
        )
        return time.perf_counter() - started, written


def measure(runtime: Runtime, cases: list[EvalCase], out: Path) -> str:
    """recall@5, expectations passed and citation F1 of the cases, drafted end to end."""
    summary = run_eval(runtime, cases, out, RunOptions(kb=[KB]))
    m = summary.metrics

    def fmt(key: str) -> str:
        value = m.get(key)
        return "-" if value is None else f"{float(value):.2f}"

    return f"recall@5 {fmt('recall_at_5')}, expectations {fmt('expectation_pass_rate')}, " + (
        f"citation F1 {fmt('citation_f1')}"
    )


def paired_latency(rounds: int = 4) -> None:
    """Draft p50/p95 of MiniLM alone and routed, taking turns on every ticket, per language group."""
    samples = [json.loads(line) for line in (ROOT / "knowledge" / "tickets.jsonl").read_text().splitlines()]
    tickets = [Ticket(text=row["text"]) for row in samples]
    tickets += [
        c.ticket
        for folder in (LANGUAGES, LANGUAGES / "extra")
        for p in sorted(folder.glob("*.yaml"))
        if p.stem != "en"
        for c in load_cases(p)
    ]
    docs = list(load_knowledge([KB]))
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as data:
        services = {}
        for setup in ("minilm", "routed"):
            runtime = runtime_for(Path(data), setup)
            for index in runtime.knowledge_indexes():
                ingest_knowledge(docs, index, runtime.chunker())
            services[setup] = runtime.draft_service()
            for ticket in tickets:  # warm: models loaded, knowledge read
                services[setup].draft(ticket)
        times: dict[tuple[str, str], list[float]] = {}
        for round_ in range(rounds):
            order = list(services) if round_ % 2 == 0 else list(reversed(services))
            for ticket in tickets:
                fresh = ticket.model_copy(update={"text": f"{ticket.text} ({round_})"})
                group = "English" if writes_in_english(fresh) else "other languages"
                for setup in order:
                    started = time.perf_counter()
                    services[setup].draft(fresh)
                    times.setdefault((setup, group), []).append((time.perf_counter() - started) * 1000)
    for (setup, group), values in sorted(times.items()):
        ordered = sorted(values)
        p95 = ordered[round(0.95 * (len(ordered) - 1))]
        median = statistics.median(values)
        print(f"draft {setup:6} {group:15} ({len(values)}): p50 {median:.1f} ms, p95 {p95:.1f} ms")


def parts(sealed: bool, uncovered: bool = False, only: bool = False) -> list[tuple[str, Path]]:
    """The language set's parts to measure: both development parts (unless only the asked ones),
    sealed and uncovered when asked."""
    found = [] if only else [("dev", LANGUAGES), ("dev-2", LANGUAGES / "extra")]
    if sealed:
        found.append(("sealed", LANGUAGES / "sealed"))
    if uncovered:
        found.append(("uncovered", LANGUAGES / "uncovered"))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sealed", action="store_true", help="also measure the sealed part")
    parser.add_argument(
        "--uncovered", action="store_true", help="also measure the part in a language the phrase bank lacks"
    )
    parser.add_argument("--only", action="store_true", help="only the parts asked for, no development part")
    parser.add_argument("--latency", action="store_true", help="only time drafts, set-ups taking turns")
    args = parser.parse_args()
    chosen = parts(args.sealed, args.uncovered, args.only)
    if not chosen:
        parser.error("--only needs --sealed or --uncovered")
    if args.latency:
        paired_latency()
        return 0
    alone, chunks = time_ingestion("minilm")
    both, written = time_ingestion("routed")
    print(
        f"ingest help centre: minilm {chunks} chunks in {alone:.1f} s; routed (minilm + e5) "
        f"{written} chunks in {both:.1f} s, {both / alone:.1f}x"
    )
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        data = Path(tmp) / "data"
        for part, folder in chosen:
            english = {c.case_id: c for c in load_cases(folder / "en.yaml")}
            for path in sorted(folder.glob("*.yaml")):
                if path.stem == "en":
                    continue
                cases = load_cases(path)
                twins = [english[f"en-{c.case_id}"] for c in cases]
                for setup in SETUPS:
                    runtime = runtime_for(data, setup)
                    own = measure(runtime, cases, Path(tmp) / "runs" / part / path.stem / setup)
                    twin = measure(runtime, twins, Path(tmp) / "runs" / part / f"en-{path.stem}" / setup)
                    print(f"{part} {path.stem} ({len(cases)}) {setup:6}: {own} | in English: {twin}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
