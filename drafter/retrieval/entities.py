"""Entity linking: which named thing (product, place, plan) a ticket or its conversation is about.

The vocabulary comes from the knowledge's own metadata (fields such as `entity_name`), so no
names are written in code; a value shared by most documents (e.g. "all") is not an entity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from drafter.domain import Passage, Ticket
from drafter.retrieval.lexical import STOPWORDS

ENTITY_FIELDS = ("entity_name", "entity", "product")
# A value on more than this share of the documents describes everything, not one thing.
MAX_ENTITY_SHARE = 0.5
MIN_MATCH = 0.6
# A word found in at most this many entity names is distinctive enough to identify one.
DISTINCTIVE_NAMES = 2
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]


@dataclass
class EntityVocabulary:
    """Entity names found in the knowledge, with the chunk positions of each."""

    field_of: dict[str, str] = field(default_factory=dict)
    positions: dict[str, set[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    distinctive_idf: float = 0.0

    @classmethod
    def build(cls, passages: list[Passage]) -> EntityVocabulary:
        """Collect entity values from the chunks' metadata."""
        vocab = cls()
        docs_per_value: Counter[str] = Counter()
        seen_docs: dict[str, set[str]] = {}
        for i, p in enumerate(passages):
            for name in ENTITY_FIELDS:
                value = p.metadata.get(name)
                if isinstance(value, str) and value.strip():
                    vocab.field_of.setdefault(value, name)
                    vocab.positions.setdefault(value, set()).add(i)
                    seen_docs.setdefault(value, set()).add(p.doc_id)
        total_docs = len({p.doc_id for p in passages}) or 1
        for value, docs in seen_docs.items():
            docs_per_value[value] = len(docs)
        for value in list(vocab.positions):
            if docs_per_value[value] / total_docs > MAX_ENTITY_SHARE:
                del vocab.positions[value], vocab.field_of[value]
        # Words shared by many names ("guest", "house", "restaurant") say little about which one.
        word_counts = Counter(w for value in vocab.positions for w in set(_words(value)))
        n = max(1, len(vocab.positions))
        vocab.idf = {w: math.log(1 + n / c) for w, c in word_counts.items()}
        vocab.distinctive_idf = math.log(1 + n / DISTINCTIVE_NAMES)
        return vocab

    def match(self, text: str) -> list[tuple[str, float]]:
        """Entities named in the text, best first, with the share of the name's weight found."""
        present = set(_words(text))
        found = []
        for value in self.positions:
            words = set(_words(value))
            if not words:
                continue
            weight = sum(self.idf.get(w, 0.0) for w in words)
            hit = sum(self.idf.get(w, 0.0) for w in words & present)
            # At least one distinctive word, and most of the name's weight.
            distinctive = any(self.idf.get(w, 0.0) >= self.distinctive_idf for w in words & present)
            if weight and hit / weight >= MIN_MATCH and distinctive:
                found.append((value, hit / weight))
        found.sort(key=lambda kv: (-kv[1], -len(kv[0])))
        # Two names matched equally well ("the guest house") name neither.
        if len(found) > 1 and found[0][1] == found[1][1] and len(found[0][0]) == len(found[1][0]):
            return []
        return found

    def entity_of(self, passage: Passage) -> str | None:
        """The entity a passage belongs to, when its metadata names one."""
        for name in ENTITY_FIELDS:
            value = passage.metadata.get(name)
            if isinstance(value, str) and value in self.positions:
                return value
        return None

    def link(self, ticket: Ticket) -> str | None:
        """The entity the ticket is about: named in it, else in the latest turn that names one."""
        for text in [ticket.text, *(m.text for m in reversed(ticket.conversation))]:
            matches = self.match(text)
            if matches:
                return matches[0][0]
        if ticket.subject:
            matches = self.match(ticket.subject)
            return matches[0][0] if matches else None
        return None
