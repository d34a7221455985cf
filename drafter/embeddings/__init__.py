"""Sentence embeddings: the Embedder seam, the bundled MiniLM on torch or ONNX Runtime, and a cache."""

from __future__ import annotations

from drafter.embeddings.minilm import (
    CachedEmbedder,
    ChromaEmbeddingFunction,
    Embedder,
    MiniLMEmbedder,
    OpenAIEmbedder,
    make_embedder,
)

__all__ = [
    "CachedEmbedder",
    "ChromaEmbeddingFunction",
    "Embedder",
    "MiniLMEmbedder",
    "OpenAIEmbedder",
    "make_embedder",
]
