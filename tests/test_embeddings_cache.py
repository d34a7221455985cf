"""The embedding cache returns what the model returns, and skips the model for texts it has seen."""

from __future__ import annotations

import numpy as np

from drafter.embeddings import CachedEmbedder, Embedder


class Counting:
    """Passes through to the real model, counting the texts it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.texts = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.embed(texts)

    def embed_query(self, texts: list[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.embed_query(texts)


def test_cached_vectors_match_the_model_and_repeats_cost_nothing(embedder: Embedder) -> None:
    model = Counting(embedder)
    cache = CachedEmbedder(model, max_entries=3)
    first = cache.embed(["refunds take five days", "shipping is free", "refunds take five days"])
    assert model.texts == 2, "a text repeated in one call is embedded once"
    assert np.allclose(first[0], first[2])
    again = cache.embed(["shipping is free", "gift cards never expire"])
    assert model.texts == 3
    assert np.allclose(again[0], first[1], atol=1e-6)
    assert np.allclose(again[1], embedder.embed(["gift cards never expire"])[0], atol=1e-5)
    cache.embed(["a", "b", "c"])  # evicts the oldest entries beyond max_entries
    cache.embed(["refunds take five days"])
    assert model.texts == 7
    assert cache.embed([]).shape[0] == 0


def test_queries_and_passages_are_cached_apart() -> None:
    class Prefixed:
        """A model that embeds a query differently from the same text stored (as E5 does)."""

        name = "prefixed"

        def embed(self, texts: list[str]) -> np.ndarray:
            return np.asarray([[1.0, 0.0] for _ in texts], dtype=np.float32)

        def embed_query(self, texts: list[str]) -> np.ndarray:
            return np.asarray([[0.0, 1.0] for _ in texts], dtype=np.float32)

    cache = CachedEmbedder(Prefixed())
    assert cache.embed(["refunds"])[0].tolist() == [1.0, 0.0]
    assert cache.embed_query(["refunds"])[0].tolist() == [0.0, 1.0]
    assert cache.embed(["refunds"])[0].tolist() == [1.0, 0.0]
