"""A query adapter: a shift and a linear map, learned from a team's knowledge or labelled tickets,
applied to query vectors.

The stored passage vectors stay as they are, so tuning needs no re-ingestion and no new model.
The shift moves a query from where questions lie to where the knowledge's statements lie (a
question and the sentence answering it differ in form as well as in topic); the map moves it
towards where the passages that answered similar questions lie (a team's own words for things,
"K7" for a battery fault, meet the words its knowledge uses). Its lexical weight adds, when
passages are ranked by their best sentence, the share of the question's words each sentence uses:
a knowledge whose own questions find their answers better that way learns it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from drafter.errors import ConfigError
from drafter.filecache import FileCache, load_file

ADAPTER_FORMAT = 2


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


@dataclass(frozen=True)
class QueryAdapter:
    """`q -> normalise(s + W s)` with `s = normalise(q + shift)`; both zero change nothing."""

    matrix: np.ndarray
    info: dict[str, Any] = field(default_factory=dict)
    shift: np.ndarray | None = None
    lexical_weight: float = 0.0
    """Added to a ranking unit's cosine per share of the question's words it uses (0: none)."""
    margin_scale: float = 1.0
    """How much wider ranked scores lie apart with this adapter than without: distances between
    scores (how far below the best a passage may be and still be read) are stretched by it."""

    @classmethod
    def shifted(
        cls, shift: np.ndarray, info: dict[str, Any] | None = None, *, lexical_weight: float = 0.0
    ) -> QueryAdapter:
        """An adapter that only shifts (its map is zero), with a lexical weight."""
        size = shift.shape[0]
        return cls(
            matrix=np.zeros((size, size), dtype=np.float32),
            info=info or {},
            shift=shift,
            lexical_weight=lexical_weight,
        )

    def with_margin_scale(self, scale: float) -> QueryAdapter:
        """The same adapter, its scores' distances stretched by `scale`."""
        return replace(self, margin_scale=scale)

    def shifted_query(self, vector: np.ndarray) -> np.ndarray:
        """The query moved by the shift alone (what the map is learned on)."""
        return vector if self.shift is None else _unit(vector + self.shift)

    def apply(self, vector: np.ndarray) -> np.ndarray:
        """The adapted, unit-length query vector."""
        shifted = self.shifted_query(vector)
        return _unit(shifted + self.matrix @ shifted)

    def with_matrix(self, matrix: np.ndarray, info: dict[str, Any]) -> QueryAdapter:
        """The same shift with a learned map."""
        return QueryAdapter(
            matrix=matrix.astype(np.float32),
            info=info,
            shift=self.shift,
            lexical_weight=self.lexical_weight,
            margin_scale=self.margin_scale,
        )

    @property
    def dimension(self) -> int:
        """The vector size the adapter was trained for."""
        return int(self.matrix.shape[0])

    def save(self, path: Path) -> None:
        """Write atomically, so a server reading the file never sees half of it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npz")
        info = json.dumps({**self.info, "format": ADAPTER_FORMAT})
        shift = np.zeros(self.dimension, dtype=np.float32) if self.shift is None else self.shift
        np.savez(
            partial,
            matrix=self.matrix.astype(np.float32),
            shift=shift.astype(np.float32),
            lexical_weight=np.float32(self.lexical_weight),
            margin_scale=np.float32(self.margin_scale),
            info=np.array(info),
        )
        os.replace(partial, path)

    @classmethod
    def load(cls, path: Path) -> QueryAdapter:
        """Read an adapter written by `save` (files from before shifts or lexical weights were kept
        have none)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                matrix, info = data["matrix"], json.loads(str(data["info"]))
                shift = data["shift"].astype(np.float32) if "shift" in data.files else None
                lexical = float(data["lexical_weight"]) if "lexical_weight" in data.files else 0.0
                scale = float(data["margin_scale"]) if "margin_scale" in data.files else 1.0
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(f"query adapter {str(path)!r} cannot be read: {exc}") from exc
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise ConfigError(f"query adapter {str(path)!r} is not a square matrix")
        if shift is not None and shift.shape != (matrix.shape[0],):
            raise ConfigError(f"query adapter {str(path)!r}: its shift does not fit its matrix")
        if shift is not None and not shift.any():
            shift = None
        if not np.isfinite(lexical) or lexical < 0:
            raise ConfigError(f"query adapter {str(path)!r}: its lexical weight is not a weight")
        if not np.isfinite(scale) or scale <= 0:
            raise ConfigError(f"query adapter {str(path)!r}: its margin scale is not a scale")
        return cls(
            matrix=matrix.astype(np.float32),
            info=info,
            shift=shift,
            lexical_weight=lexical,
            margin_scale=scale,
        )


def adapter_path(data_dir: Path, tenant: str, embedder: str = "minilm") -> Path:
    """Where a tenant's adapter for one embedding model lives.

    An adapter learned on one model's vectors means nothing to another's (both are 384 wide, so
    nothing would fail, it would only rank worse): each model has its own file. MiniLM's keeps
    the name it had before there was a choice of model.
    """
    name = tenant if embedder == "minilm" else f"{tenant}.{embedder}"
    return data_dir / "adapters" / f"{name}.npz"


def load_adapter(path: Path, files: FileCache | None = None) -> QueryAdapter | None:
    """The adapter at `path` when there is one, re-read when the file changes (a new tuning run)."""
    return load_file(path, QueryAdapter.load, files)
