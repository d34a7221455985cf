"""Sentence embeddings: the Embedder seam, bundled MiniLM (torch or ONNX), multilingual E5, a cache."""

from __future__ import annotations

from drafter.embeddings.e5 import OnnxE5Embedder
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
    "OnnxE5Embedder",
    "OpenAIEmbedder",
    "make_embedder",
]
