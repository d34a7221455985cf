"""Per-case scores: graders, retrieval metrics and the case's own expectations."""

from __future__ import annotations

import re
from collections.abc import Callable

from drafter.domain import CustomerProfile, Draft
from drafter.evals.cases import EvalCase
from drafter.evals.rows import GradeRow
from drafter.graders import Grade, GradeInput, Graders, draft_input, rollups
from drafter.graders.llm_judge import JUDGE_ERROR
from drafter.text.sentences import sentences


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


# Markdown a plain-text channel would show as stray symbols.
_MARKDOWN = re.compile(r"\*\*|__|`|^#{1,6}\s|\[[^\]]+\]\([^)]+\)", re.MULTILINE)
# A salutation or a thanks-for-writing line, which comes before the answer.
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hola|buenos d[ií]as|bonjour|salut|"
    r"hallo|guten tag|buongiorno|buonasera|salve|gentile|ciao|ol[áa]|bom dia|boa tarde|thanks for|"
    r"thank you for|grazie per|agradecemos)\b",
    re.IGNORECASE,
)
_GREETING_WORDS = 10


def opening_sentence(text: str) -> str:
    """The reply's first sentence after its greeting."""
    for sentence in sentences(text):
        if not (_GREETING.match(sentence) and len(sentence.split()) <= _GREETING_WORDS):
            return sentence
    return ""


def expectation_results(case: EvalCase, draft: Draft) -> dict[str, bool]:
    """Each expectation of a hand-written case, met or not."""
    expect, text = case.expect, draft.text.lower()
    results: dict[str, bool] = {}
    for phrase in expect.must_mention:
        results[f"mentions {phrase!r}"] = phrase.lower() in text
    if expect.must_mention_any:
        results[f"mentions one of {expect.must_mention_any!r}"] = any(
            p.lower() in text for p in expect.must_mention_any
        )
    for phrase in expect.must_not_promise:
        results[f"does not promise {phrase!r}"] = phrase.lower() not in text
    for phrase in expect.must_not_contain:
        results[f"does not say {phrase!r}"] = phrase.lower() not in text
    if expect.opens_with_any:
        opening = opening_sentence(draft.text).lower()
        results[f"opens with one of {expect.opens_with_any!r}"] = any(
            p.lower() in opening for p in expect.opens_with_any
        )
    if expect.no_markdown:
        results["plain text"] = not _MARKDOWN.search(draft.text)
    codes = {w.code for w in draft.warnings}
    for code in expect.must_warn:
        results[f"warns {code}"] = code in codes
    for code in expect.must_not_warn:
        results[f"does not warn {code}"] = code not in codes
    if expect.max_words is not None:
        results[f"at most {expect.max_words} words"] = len(draft.text.split()) <= expect.max_words
    applied = {p.name for p in draft.principles}
    for principle in expect.expected_principles:
        results[f"applies {principle}"] = principle in applied
    if expect.expected_language:
        results[f"language {expect.expected_language}"] = draft.language == expect.expected_language
    return results


Judge = Callable[[GradeInput], list[Grade]]


def grade_case(
    case: EvalCase,
    draft: Draft,
    graders: Graders,
    profile: CustomerProfile | None = None,
    judge: Judge | None = None,
) -> list[GradeRow]:
    """Every grade of the draft, as rows; an LLM judge's verdicts replace the offline ones it covers."""
    g = draft_input(case.ticket, draft, profile=profile, reference=case.reference, gold=case.gold_texts)
    grades = graders.grade(g)
    if judge is not None:
        verdicts = judge(g)
        judged = {j.name: j for j in verdicts if j.name != JUDGE_ERROR}
        parts = [judged.get(x.name, x) for x in grades if x.name not in ("tone", "resolution")]
        grades = rollups(parts) + [j for j in verdicts if j.name == JUDGE_ERROR]
    return [GradeRow.of(x) for x in grades]


def grade_reference(
    case: EvalCase, graders: Graders, profile: CustomerProfile | None = None
) -> list[GradeRow]:
    """The human reference reply graded as if it were a draft (gold knowledge as its sources)."""
    if not case.reference:
        return []
    # The same customer record as the draft, so personalization is scored on equal terms.
    g = GradeInput(ticket=case.ticket, reply=case.reference, gold=case.gold_texts, profile=profile)
    return [GradeRow.of(x) for x in graders.grade(g)]
