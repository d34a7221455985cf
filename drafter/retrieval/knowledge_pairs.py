"""Questions a team's knowledge answers itself: its query-like texts and the passages they belong to.

An FAQ entry pairs a question with its answer, a section's heading names what the section is
about, a title names its document. Without a single labelled ticket they tell tuning two things:
where questions lie relative to the statements that answer them (the shift of a query adapter),
and, held out, whether an adapter still ranks each passage first for its own question.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from drafter.domain import Passage
from drafter.text.chunking import rankable_sentences

PairSource = Literal["question", "heading", "title"]


@dataclass(frozen=True)
class KnowledgePair:
    """A query-like text from the knowledge and the document it asks about."""

    query: str
    passage: Passage
    """The chunk the text comes from (or heads)."""
    source: PairSource
    hidden: frozenset[int]
    """Ranking units of the chunk that contain the text itself (0 is the chunk's own vector,
    i + 1 its i-th sentence): left out when the pair is ranked, or it would find itself."""
    in_every_chunk: bool = False
    """The text is in every chunk's own vector of the document (a title), not only this one's."""
    sentence: int | None = None
    """For a question, its position among the chunk's sentences (its vector is stored)."""

    @property
    def key(self) -> str:
        """Pairs of one document stay on one side of a split."""
        return self.passage.doc_id

    @property
    def doc_id(self) -> str:
        """The document that answers the query."""
        return self.passage.doc_id


def is_question(sentence: str) -> bool:
    """A sentence that asks: it ends with a question mark."""
    return sentence.rstrip().endswith("?")


def knowledge_pairs(passages: list[Passage]) -> list[KnowledgePair]:
    """Every pair the knowledge holds: questions answered in their own chunk, headings that one
    document uses, titles that name one document."""
    docs_with_title = _documents_per(passages, lambda p: p.title)
    docs_with_heading = _documents_per(passages, lambda p: _heading(p) or "")
    pairs: list[KnowledgePair] = []
    for passage in passages:
        sentences = rankable_sentences(passage.text)
        asked = [i for i, s in enumerate(sentences) if is_question(s)]
        if asked and len(asked) < len(sentences):
            hidden = frozenset({0, *(i + 1 for i in asked)})
            pairs += [KnowledgePair(sentences[i], passage, "question", hidden, sentence=i) for i in asked]
        heading = _heading(passage)
        if heading and docs_with_heading[heading] == 1:
            pairs.append(KnowledgePair(heading, passage, "heading", frozenset({0})))
        title = passage.title.strip()
        if title and docs_with_title[passage.title] == 1 and passage.metadata.get("chunk_index", 0) == 0:
            pairs.append(KnowledgePair(title, passage, "title", frozenset({0}), in_every_chunk=True))
    return pairs


def _heading(passage: Passage) -> str | None:
    section = passage.metadata.get("section")
    return section.strip() if isinstance(section, str) and section.strip() else None


def _documents_per(passages: list[Passage], label: Callable[[Passage], str]) -> Counter[str]:
    """How many documents carry each value of `label` (a title, a heading)."""
    seen = {(label(p), p.doc_id) for p in passages}
    return Counter(value for value, _ in seen if value)
