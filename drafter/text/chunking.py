"""Split documents into retrievable chunks (header-aware for Markdown)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from drafter.domain import KnowledgeDoc
from drafter.text.sentences import sentences

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]


@dataclass(frozen=True)
class Chunk:
    """A piece of a document as stored: id, text, and metadata for filtering and citing."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]

    @property
    def embedding_text(self) -> str:
        """What gets embedded (`embedding_text`)."""
        return embedding_text(self.metadata["title"], self.metadata.get("section"), self.text)


def embedding_text(title: str, section: object, text: str) -> str:
    """A chunk as it is embedded: the title and section give a short chunk its subject."""
    head = f"{title} - {section}" if section else title
    return f"{head}\n{text}"


def doc_hash(doc: KnowledgeDoc) -> str:
    """Content hash of everything that affects the stored chunks."""
    payload = json.dumps(
        {"title": doc.title, "text": doc.text, "metadata": doc.metadata}, sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def chunk_id(doc_id: str, index: int) -> str:
    """Stable chunk id from the document id and the chunk's position."""
    return f"{doc_id}::{index}"


class Chunker:
    """Splits documents by Markdown headers, then by size."""

    def __init__(self, *, chunk_size: int = 800, chunk_overlap: int = 100) -> None:
        self._headers = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
        self._sizer = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size, chunk_overlap=chunk_overlap
        )

    def _sections(self, doc: KnowledgeDoc) -> list[tuple[str | None, str]]:
        if doc.format != "markdown":
            return [(None, doc.text)]
        sections = []
        for part in self._headers.split_text(doc.text):
            headers = [part.metadata[key] for _, key in _HEADERS if key in part.metadata]
            # The h1 usually repeats the title; the deepest heading names the section.
            section = headers[-1] if headers and headers[-1] != doc.title else None
            sections.append((section, part.page_content))
        return sections or [(None, doc.text)]

    def split(self, doc: KnowledgeDoc) -> list[Chunk]:
        """The document's chunks, ids stable for the same content."""
        pieces = [
            (section, piece)
            for section, text in self._sections(doc)
            for piece in self._sizer.split_text(text)
            if piece.strip()
        ]
        content_hash = doc_hash(doc)
        base = {
            **{k: v for k, v in doc.metadata.items() if k not in {"doc_id", "title"}},
            "doc_id": doc.doc_id,
            "title": doc.title,
            "doc_hash": content_hash,
            "chunk_count": len(pieces),
        }
        return [
            Chunk(
                chunk_id=chunk_id(doc.doc_id, index),
                text=piece.strip(),
                metadata={**base, "chunk_index": index, "section": section},
            )
            for index, (section, piece) in enumerate(pieces)
        ]


# Shorter pieces ("Hi.", "Q: Wifi?") say too little to rank a passage by.
_MIN_SENTENCE_CHARS = 12


def rankable_sentences(text: str) -> list[str]:
    """Sentences and lines of a passage, each of which it can be ranked by."""
    return sentences(text, min_chars=_MIN_SENTENCE_CHARS)
