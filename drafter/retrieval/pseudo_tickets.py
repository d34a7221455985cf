"""Tickets a team's knowledge implies: its own questions, asked the way customers ask.

The knowledge's exact questions are cleaner than any customer's. Customers drop words, wrap the
question in small talk and name the product loosely or only earlier in the conversation. These
pseudo-tickets are the knowledge's questions rewritten that way, each labelled with the document
it came from, and stand in for labelled tickets when choosing among adapters. Nothing in them
names a dataset: the wrappers are ordinary small talk, the words kept are the question's own.

Statements (a review's sentences, an article's) asked about in a few of their own words were
tried as well and left out: the sentence they came from always shares those words, so they
favour word overlap whatever a real customer's question would need.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

from drafter.domain import Passage
from drafter.retrieval.knowledge_pairs import KnowledgePair, is_question
from drafter.text.chunking import rankable_sentences
from drafter.text.words import name_tokens, words

# Small talk around a question the knowledge asks itself.
QUESTION_WRAPPERS = (
    "{q}",
    "hi, {q}",
    "quick question: {q}",
    "{q} thanks",
    "one more thing, {q}",
    "could you tell me: {q}",
)
# A knowledge question of more words than this loses one of them.
DROP_FROM_WORDS = 4


def _rng(*parts: str) -> random.Random:
    """The same rewrite every run for the same text."""
    return random.Random(hashlib.sha256("|".join(parts).encode()).digest())


def _without_name(text: str, name: set[str]) -> list[str]:
    """The text's words, the entity's own name left out (the conversation names it)."""
    return [w for w in words(text) if not (set(name_tokens(w)) & name)]


def asked_loosely(question: str, name: set[str], rng: random.Random) -> str:
    """A knowledge question as a customer writes it: its label ("Q:") and the entity's name left
    out, one word dropped from a longer one, wrapped in small talk."""
    kept = _without_name(question.split(":", 1)[1] if question[:3].strip().endswith(":") else question, name)
    if len(kept) > DROP_FROM_WORDS:
        del kept[rng.randrange(1, len(kept))]  # the question word stays
    text = " ".join(kept).rstrip("?") + "?"
    return rng.choice(QUESTION_WRAPPERS).format(q=text)


def pseudo_tickets(
    passages: list[Passage], entity_of: Callable[[Passage], str | None]
) -> list[KnowledgePair]:
    """The knowledge's questions asked loosely, each labelled with its document; the question's own
    text is hidden from its passage when ranked (a customer never quotes it)."""
    tickets: list[KnowledgePair] = []
    for passage in passages:
        sentences = rankable_sentences(passage.text)
        asked = [i for i, s in enumerate(sentences) if is_question(s)]
        if not asked or len(asked) == len(sentences):
            continue  # no question, or questions only: nothing here answers them
        name = set(name_tokens(entity_of(passage) or ""))
        for i in asked:
            query = asked_loosely(sentences[i], name, _rng(passage.chunk_id, str(i)))
            tickets.append(KnowledgePair(query, passage, "question", frozenset({0, i + 1}), sentence=i))
    return tickets
