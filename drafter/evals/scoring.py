"""Per-case scores: graders, retrieval metrics and the case's own expectations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drafter.domain import Draft
from drafter.embeddings import Embedder
from drafter.evals.cases import EvalCase
from drafter.graders import Grade, GradeInput, draft_input, grade_reply, rollups
from drafter.graders.llm_judge import JUDGE_ERROR


def retrieval_metrics(case: EvalCase, draft: Draft, k: int = 5) -> dict[str, float]:
    """recall@k and MRR of retrieved documents, and citation precision/recall/F1, against the labels."""
    relevant = set(case.relevant_doc_ids)
    if not relevant:
        return {}
    ranked: list[str] = []
    for passage in draft.passages:
        if passage.source == "knowledge" and passage.doc_id not in ranked:
            ranked.append(passage.doc_id)
    recall = len(relevant & set(ranked[:k])) / len(relevant)
    mrr = next((1 / (i + 1) for i, doc in enumerate(ranked) if doc in relevant), 0.0)
    cited = {c.doc_id for c in draft.citations}
    precision = len(cited & relevant) / len(cited) if cited else 0.0
    recall_c = len(cited & relevant) / len(relevant)
    f1 = 2 * precision * recall_c / (precision + recall_c) if precision + recall_c else 0.0
    return {
        "recall_at_5": recall,
        "mrr": mrr,
        "citation_precision": precision,
        "citation_recall": recall_c,
        "citation_f1": f1,
    }


def expectation_results(case: EvalCase, draft: Draft) -> dict[str, bool]:
    """Each expectation of a hand-written case, met or not."""
    text = draft.text.lower()
    results: dict[str, bool] = {}
    for phrase in case.expect.must_mention:
        results[f"mentions {phrase!r}"] = phrase.lower() in text
    for phrase in case.expect.must_not_promise:
        results[f"does not promise {phrase!r}"] = phrase.lower() not in text
    applied = {p.name for p in draft.principles}
    for principle in case.expect.expected_principles:
        results[f"applies {principle}"] = principle in applied
    if case.expect.expected_language:
        results[f"language {case.expect.expected_language}"] = draft.language == case.expect.expected_language
    return results


Judge = Callable[[GradeInput], list[Grade]]


def grade_case(
    case: EvalCase, draft: Draft, embedder: Embedder | None, profile: Any = None, judge: Judge | None = None
) -> list[dict[str, Any]]:
    """Every grade of the draft, as rows; an LLM judge's verdicts replace the offline ones it covers."""
    g = draft_input(
        case.ticket, draft, profile=profile, embedder=embedder, reference=case.reference, gold=case.gold_texts
    )
    grades = grade_reply(g)
    if judge is not None:
        verdicts = judge(g)
        judged = {j.name: j for j in verdicts if j.name != JUDGE_ERROR}
        parts = [judged.get(x.name, x) for x in grades if x.name not in ("tone", "resolution")]
        grades = rollups(parts) + [j for j in verdicts if j.name == JUDGE_ERROR]
    return [
        {"name": x.name, "score": x.score, "explanation": x.explanation, "grader": x.grader} for x in grades
    ]


def grade_reference(case: EvalCase, embedder: Embedder | None, profile: Any = None) -> list[dict[str, Any]]:
    """The human reference reply graded as if it were a draft (gold knowledge as its sources)."""
    if not case.reference:
        return []
    # The same customer record as the draft, so personalization is scored on equal terms.
    grades = grade_reply(
        GradeInput(
            ticket=case.ticket, reply=case.reference, gold=case.gold_texts, profile=profile, embedder=embedder
        )
    )
    return [
        {"name": g.name, "score": g.score, "explanation": g.explanation, "grader": g.grader} for g in grades
    ]
