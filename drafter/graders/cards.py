"""What each rule grader's score means, with its agreement where it was measured (evals/README.md
has the full card of every grader, with data, n and intervals)."""

from __future__ import annotations

MEANINGS = {
    "tone": "mean of politeness, empathy, clarity, no blame and language match (those that apply)",
    "resolution": "mean of questions addressed, grounded claims, next steps and honest negative "
    "(those that apply)",
    "empathy": "feeling acknowledged, understood, asked about, in proportion to how upset the customer "
    "is; designed, not fitted",
    "clarity": "reading ease, sentence length and jargon; rule-based, not checked against people",
    "no_blame": "no blaming or defensive phrases; rule-based, not checked against people",
    "personalization": "true facts from the customer's record (name, order, product)",
    "language_match": "the reply is in the customer's language",
    "questions_addressed": "each question in the ticket gets an answering sentence",
    "grounded_claims": "share of factual sentences the knowledge supports, minus those it contradicts",
    "next_steps": "a concrete step: numbered steps, an action taken, what the customer can do",
    "follow_up": "an offer to follow up or to go on",
    "honest_negative": "no promise the knowledge does not back",
    "rouge_l": "words shared in order with the reference reply",
    "semantic_similarity": "bundled MiniLM cosine to the reference reply",
}


def meaning(name: str) -> str:
    """One line on what a grade means."""
    return MEANINGS.get(name, name.replace("_", " "))
