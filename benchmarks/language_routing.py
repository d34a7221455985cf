"""Routing by language against one model for all: the language set drafted end to end, per language.

Run: .venv/bin/python benchmarks/language_routing.py [--sealed]
Three set-ups over the sample help centre, each drafting with the offline composer through
`drafter eval run`'s runner: MiniLM for every ticket, E5 for every ticket, and routed (MiniLM for
English, E5 for tickets surely in another language). For each language of the language set
(`evals/cases/languages`, the development part; with --sealed also `languages/sealed`, the part
written after the routing was built) it prints recall@5, the share of expectations passed and
citation F1, beside the same tickets in English. First it times ingesting the help centre into a
fresh store for MiniLM alone and for routing (both models' vectors), in the same run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from drafter.config import load_settings
from drafter.evals.cases import EvalCase, load_cases
from drafter.evals.runner import RunOptions, run_eval
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.runtime import Runtime

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "knowledge" / "help-center"
LANGUAGES = ROOT / "evals" / "cases" / "languages"
SETUPS: dict[str, dict[str, object]] = {
    "minilm": {"embedding_backend": "minilm"},
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


def parts(sealed: bool) -> list[tuple[str, Path]]:
    """The language set's parts to measure: development, and sealed when asked."""
    found = [("dev", LANGUAGES)]
    return [*found, ("sealed", LANGUAGES / "sealed")] if sealed else found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sealed", action="store_true", help="also measure the sealed part")
    args = parser.parse_args()
    alone, chunks = time_ingestion("minilm")
    both, written = time_ingestion("routed")
    print(
        f"ingest help centre: minilm {chunks} chunks in {alone:.1f} s; routed (minilm + e5) "
        f"{written} chunks in {both:.1f} s, {both / alone:.1f}x"
    )
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        data = Path(tmp) / "data"
        for part, folder in parts(args.sealed):
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
