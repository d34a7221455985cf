"""The language test set (evals/cases/languages): customers who write in German, French, Spanish,
Italian, Portuguese and Dutch find the same help-centre articles as the same tickets written in
English, with E5."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from drafter.config import load_settings
from drafter.evals.cases import EvalCase, load_cases
from drafter.ingest import ingest_knowledge
from drafter.ingest.loaders import load_knowledge
from drafter.runtime import Runtime

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ROOT / "evals" / "cases" / "languages"
# Measured 2026-12 with E5 and the support glossary (this file's retriever): first development
# part de 1.00, fr 1.00, es 0.95, it 1.00 (English versions 0.90-1.00); second development part
# de 1.00, fr 0.92, es 1.00, pt 0.90 (English versions 0.83-1.00). Without the glossary French was
# 0.90 and 0.75, the second part's Spanish 0.90 against 1.00 in English. The uncovered part
# (Dutch, a language the phrase bank lacks; the glossary's Dutch was judged on it) 0.96 against
# 1.00 in English, 0.88 before the glossary had Dutch. The sealed parts were measured once and
# are checked for their shape only.
FLOOR = 0.8
TARGET_GAP = 0.05
"""recall@5 at most this far below the same tickets in English."""
SEALED = LANGUAGES / "sealed"
EXTRA = LANGUAGES / "extra"
UNCOVERED = LANGUAGES / "uncovered"
SEALED_UNCOVERED = UNCOVERED / "sealed"


@pytest.fixture(scope="module")
def e5_runtime(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    data = tmp_path_factory.mktemp("languages")
    runtime = Runtime(load_settings(data_dir=data, embedding_backend="e5"))
    ingest_knowledge(
        load_knowledge([ROOT / "knowledge" / "help-center"]), runtime.stores().knowledge, runtime.chunker()
    )
    return runtime


def _recall_at_5(runtime: Runtime, cases: list[EvalCase]) -> float:
    retriever = runtime.retriever(runtime.stores())
    scores = []
    for case in cases:
        found = retriever.retrieve(case.ticket, top_k=5, history_k=0)
        docs = list(dict.fromkeys(p.doc_id for p in found.knowledge))[:5]
        scores.append(len(set(case.relevant_doc_ids) & set(docs)) / len(case.relevant_doc_ids))
    return float(np.mean(scores))


def test_the_set_has_forty_tickets_each_with_an_english_version() -> None:
    english = {c.case_id for c in load_cases(LANGUAGES / "en.yaml")}
    others = [c for p in sorted(LANGUAGES.glob("*.yaml")) if p.stem != "en" for c in load_cases(p)]
    assert len(others) >= 40
    assert {f"en-{c.case_id}" for c in others} == english
    assert {c.expect.expected_language for c in others} == {"de", "fr", "es", "it"}
    assert all(c.relevant_doc_ids for c in others)


def test_the_second_development_part_has_twenty_new_tickets_with_english_versions() -> None:
    english = {c.case_id for c in load_cases(EXTRA / "en.yaml")}
    others = [c for p in sorted(EXTRA.glob("*.yaml")) if p.stem != "en" for c in load_cases(p)]
    assert len(others) == 20
    assert {f"en-{c.case_id}" for c in others} == english
    assert {c.expect.expected_language for c in others} == {"de", "fr", "es", "pt"}
    assert all(c.relevant_doc_ids for c in others)
    earlier = {c.ticket.text for p in LANGUAGES.glob("*.yaml") for c in load_cases(p)}
    assert not earlier & {c.ticket.text for c in others}


def test_the_sealed_part_has_ten_french_and_ten_spanish_tickets_with_english_versions() -> None:
    english = {c.case_id for c in load_cases(SEALED / "en.yaml")}
    others = [c for lang in ("fr", "es") for c in load_cases(SEALED / f"{lang}.yaml")]
    assert len(others) == 20
    assert {f"en-{c.case_id}" for c in others} == english
    assert all(c.relevant_doc_ids for c in others)
    # No ticket of the sealed part repeats one of the development part.
    development = {c.ticket.text for p in LANGUAGES.glob("*.yaml") for c in load_cases(p)}
    assert not development & {c.ticket.text for c in others}


@pytest.mark.parametrize("part", [UNCOVERED, SEALED_UNCOVERED], ids=["development", "sealed"])
def test_the_uncovered_parts_have_twelve_dutch_tickets_drafted_in_english_with_a_warning(part: Path) -> None:
    english = {c.case_id: c for c in load_cases(part / "en.yaml")}
    dutch = load_cases(part / "nl.yaml")
    assert len(dutch) == 12
    assert {f"en-{c.case_id}" for c in dutch} == set(english)
    assert all(c.relevant_doc_ids == english[f"en-{c.case_id}"].relevant_doc_ids for c in dutch)
    # The phrase bank has no Dutch lines: the draft is English and the agent is told to translate it.
    assert all(c.expect.expected_language == "en" and c.expect.must_warn == ["reply_language"] for c in dutch)
    assert all("reply_language" in c.expect.must_not_warn for c in english.values())


def test_the_sealed_dutch_part_repeats_no_development_ticket() -> None:
    development = {c.ticket.text for p in UNCOVERED.glob("*.yaml") for c in load_cases(p)}
    sealed = {c.ticket.text for p in SEALED_UNCOVERED.glob("*.yaml") for c in load_cases(p)}
    assert not development & sealed


@pytest.mark.integration
@pytest.mark.parametrize(
    ("part", "language"),
    [(LANGUAGES, lang) for lang in ("de", "fr", "es", "it")]
    + [(EXTRA, lang) for lang in ("de", "fr", "es", "pt")]
    + [(UNCOVERED, "nl")],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_other_languages_find_the_articles_that_answer(
    e5_runtime: Runtime, part: Path, language: str
) -> None:
    cases = load_cases(part / f"{language}.yaml")
    english = {c.case_id: c for c in load_cases(part / "en.yaml")}
    recall = _recall_at_5(e5_runtime, cases)
    in_english = _recall_at_5(e5_runtime, [english[f"en-{c.case_id}"] for c in cases])
    assert recall >= FLOOR, f"{language}: recall@5 {recall:.2f}"
    assert recall >= in_english - TARGET_GAP, f"{language}: {recall:.2f} against {in_english:.2f} in English"
