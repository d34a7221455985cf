"""A query adapter: a linear map, learned from a team's labelled tickets, applied to query vectors.

The stored passage vectors stay as they are, so tuning needs no re-ingestion and no new model:
the adapter moves each query towards where the passages that answered similar questions lie
(a team's own words for things, "K7" for a battery fault, meet the words its knowledge uses).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from drafter.errors import ConfigError
from drafter.filecache import FileCache, load_file

ADAPTER_FORMAT = 1


@dataclass(frozen=True)
class QueryAdapter:
    """`q -> normalise(q + W q)`; W starts at zero, so an untrained adapter changes nothing."""

    matrix: np.ndarray
    info: dict[str, Any] = field(default_factory=dict)

    def apply(self, vector: np.ndarray) -> np.ndarray:
        """The adapted, unit-length query vector."""
        moved = vector + self.matrix @ vector
        norm = float(np.linalg.norm(moved))
        return moved / norm if norm else vector

    @property
    def dimension(self) -> int:
        """The vector size the adapter was trained for."""
        return int(self.matrix.shape[0])

    def save(self, path: Path) -> None:
        """Write atomically, so a server reading the file never sees half of it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npz")
        info = json.dumps({**self.info, "format": ADAPTER_FORMAT})
        np.savez(partial, matrix=self.matrix.astype(np.float32), info=np.array(info))
        os.replace(partial, path)

    @classmethod
    def load(cls, path: Path) -> QueryAdapter:
        """Read an adapter written by `save`."""
        try:
            with np.load(path, allow_pickle=False) as data:
                matrix, info = data["matrix"], json.loads(str(data["info"]))
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(f"query adapter {str(path)!r} cannot be read: {exc}") from exc
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise ConfigError(f"query adapter {str(path)!r} is not a square matrix")
        return cls(matrix=matrix.astype(np.float32), info=info)


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
