"""In-process stand-ins for the unit tests: a deterministic embedder and a scripted composer.

Integration tests use the bundled model and the real composers; these keep the pipeline's own
logic testable in milliseconds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from drafter.compose import ComposeContext, ComposedReply
from drafter.text.words import content_stems

DIMENSION = 64


class HashingEmbedder:
    """Bag of word stems hashed into a fixed-size vector: texts sharing words are close."""

    name = "hashing64"

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 rows, the same for the same text in any batch."""
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in zip(rows, texts, strict=True):
            for stem in content_stems(text):
                row[int(hashlib.sha256(stem.encode()).hexdigest()[:8], 16) % DIMENSION] += 1.0
            norm = float(np.linalg.norm(row))
            row /= norm if norm else 1.0
        return rows

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Queries are hashed as stored texts are."""
        return self.embed(texts)


@dataclass
class ScriptedComposer:
    """Answers with a fixed reply, citing the given chunk ids, and keeps every context it saw."""

    text: str
    cite: list[str] = field(default_factory=list)
    seen: list[ComposeContext] = field(default_factory=list)
    name: str = "scripted"

    def compose(self, context: ComposeContext) -> ComposedReply:
        """The scripted reply."""
        self.seen.append(context)
        return ComposedReply(text=self.text, cited_chunk_ids=list(self.cite))
