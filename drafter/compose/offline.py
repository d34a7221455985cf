"""The offline grounded composer: builds a reply from retrieved sentences, no LLM needed."""

from __future__ import annotations

import re

import numpy as np

from drafter.compose.base import ComposeContext, ComposedReply
from drafter.domain import DraftWarning, Passage
from drafter.embeddings import Embedder

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
# Below this cosine the best passage is not about the question; we ask instead of guessing.
_MIN_RELEVANCE = 0.30
_MAX_SENTENCES = 4


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, with list items and headings kept whole."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*# ").strip()
        if line:
            sentences.extend(s.strip() for s in _SENTENCE.split(line) if s.strip())
    return sentences


class OfflineComposer:
    """Picks the knowledge sentences that answer the ticket and frames them with the principles."""

    name = "offline"

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def _best_sentences(self, context: ComposeContext) -> list[tuple[str, Passage]]:
        candidates = [
            (sentence, passage)
            for passage in context.knowledge
            if passage.score >= _MIN_RELEVANCE
            for sentence in split_sentences(passage.text)
            if len(sentence) > 15
        ]
        if not candidates:
            return []
        vectors = self._embedder.embed([context.ticket.text, *[s for s, _ in candidates]])
        scores = vectors[1:] @ vectors[0]
        order = np.argsort(-scores)[:_MAX_SENTENCES]
        return [candidates[i] for i in sorted(order) if scores[i] >= _MIN_RELEVANCE]

    def compose(self, context: ComposeContext) -> ComposedReply:
        """Write the reply."""
        profile = context.profile
        name = profile.name.split()[0] if profile and profile.name else None
        lines = [f"Hi {name}," if name else "Hello,", ""]
        facts = [f"name: {profile.name}"] if profile and profile.name else []
        if context.signals.frustration >= 0.3:
            lines.append("I'm sorry for the trouble this has caused you.")
        picked = self._best_sentences(context)
        reply = ComposedReply(text="", customer_facts=facts, language=context.signals.language)
        if not picked:
            lines.append(
                "I want to get this right for you. Could you tell me a little more about what "
                "you need, for example which product or order this is about?"
            )
            reply.warnings.append(
                DraftWarning(
                    code="knowledge_gap",
                    message=f"no knowledge matched the query {context.query[:200]!r}",
                )
            )
        else:
            lines.append(" ".join(sentence for sentence, _ in picked))
            for _, passage in picked:
                if passage.chunk_id not in reply.cited_chunk_ids:
                    reply.cited_chunk_ids.append(passage.chunk_id)
            lines.append("")
            lines.append("Let me know if anything is unclear or if there is more I can do.")
        lines.extend(["", "Best regards,"])
        reply.text = "\n".join(lines).strip()
        return reply
