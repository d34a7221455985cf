"""The learned injection checks: a small neural network (one hidden layer of rectified units, or none:
a logistic regression) over a sentence's cues and embedding, stored as a versioned JSON file with its
card (what it was fitted on, and its figures on text it never saw).

A file holds plain numbers (no pickle), so loading one runs no code. It names its feature set and
the embedding model its weights were fitted on: applied to another model's vectors the weights
mean nothing, so the screen falls back to the nearest-exemplar rule then (see `InjectionScreen`).
Two are shipped: one over English sentences (bundled MiniLM vectors and English word cues) and one
over sentences in any other language (multilingual E5 vectors and exemplars in seven languages).
Each holds a threshold per place a text comes from (`PLACES`), set out of fold on its fitting data:
agents' guidelines are written as orders and customers make demands, so one threshold for all
either misses injections in reviews or flags guidelines. Fitted by `benchmarks/injection.py --fit`.
"""

from __future__ import annotations

import json
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field, ValidationError

from drafter.errors import ConfigError
from drafter.filecache import write_atomically
from drafter.safety.injection_features import FEATURES_VERSION, MULTILINGUAL_FEATURES_VERSION

FILE_FORMAT = 2
FEATURES = f"injection@{FEATURES_VERSION}"
MULTILINGUAL_FEATURES = f"injection-multilingual@{MULTILINGUAL_FEATURES_VERSION}"
BUNDLED = "injection_v2.json"
BUNDLED_MULTILINGUAL = "injection_multilingual_v1.json"
PLACES = ("ticket", "article", "review", "note")
"""Where a text comes from: a customer's message, a help article, a review, or a guideline, macro or
note written for agents."""


class InjectionCard(BaseModel):
    """What the check was fitted on and how it did on text it never saw."""

    data: str
    split: str
    n_injections: int
    n_ordinary: int
    threshold_rule: str
    figures: dict[str, str] = Field(default_factory=dict)
    """Held-out figures, each naming its data and split."""
    fitted_at: str = ""
    notes: list[str] = Field(default_factory=list)


class InjectionModel(BaseModel):
    """Standardise a sentence's feature row, pass it through the hidden layer (if any), weigh it, and
    flag it at or above the threshold."""

    format: int = FILE_FORMAT
    version: int
    features: str
    vectors: str
    """The embedder (`Embedder.name`) whose vectors the weights were fitted on."""
    mean: list[float]
    scale: list[float]
    hidden: list[list[float]] = Field(default_factory=list)
    """Hidden layer weights, one row per feature (empty: the weights apply to the features)."""
    hidden_bias: list[float] = Field(default_factory=list)
    weights: list[float]
    intercept: float
    threshold: float
    """Probability from which a sentence is flagged when its place is not known."""
    thresholds: dict[str, float] = Field(default_factory=dict)
    """Probability from which a sentence is flagged, per place (`PLACES`)."""
    card: InjectionCard

    def threshold_for(self, place: str | None) -> float:
        """The threshold for a text from this place (the general one for a place not known)."""
        return self.thresholds.get(place or "", self.threshold)

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, ...]:
        """The numbers as arrays, made once: converting 27,000 floats per call would cost more than
        the arithmetic."""
        return tuple(
            np.asarray(values, dtype=np.float64)
            for values in (self.mean, self.scale, self.hidden, self.hidden_bias, self.weights)
        )

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability that each row's sentence is an injection."""
        if len(rows) == 0:
            return np.zeros(0)
        mean, scale, hidden, hidden_bias, weights = self._arrays
        x = (rows - mean) / scale
        if self.hidden:
            x = np.maximum(x @ hidden + hidden_bias, 0.0)
        z = x @ weights
        return np.asarray(1 / (1 + np.exp(-np.clip(z + self.intercept, -30, 30))))

    def save(self, path: Path) -> None:
        """Write atomically, so a server reading the file never sees half of it."""
        write_atomically(path, self.model_dump_json(indent=1))

    @classmethod
    def parse(cls, text: str, where: str, features: str = FEATURES) -> InjectionModel:
        """Read a model file's text; a foreign or broken one is a configuration error naming it."""
        try:
            model = cls.model_validate(json.loads(text))
        except (ValueError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise ConfigError(f"injection model {where!r} cannot be read: {first}") from exc
        if model.format != FILE_FORMAT or model.features != features:
            raise ConfigError(
                f"injection model {where!r} needs features {model.features!r} (format {model.format}); "
                f"this version of drafter computes {features!r}"
            )
        return model


@lru_cache(maxsize=1)
def bundled_model() -> InjectionModel:
    """The model shipped with drafter."""
    text = files("drafter.safety").joinpath("models", BUNDLED).read_text(encoding="utf-8")
    return InjectionModel.parse(text, BUNDLED)


@lru_cache(maxsize=1)
def bundled_multilingual_model() -> InjectionModel:
    """The multilingual model shipped with drafter."""
    text = files("drafter.safety").joinpath("models", BUNDLED_MULTILINGUAL).read_text(encoding="utf-8")
    return InjectionModel.parse(text, BUNDLED_MULTILINGUAL, MULTILINGUAL_FEATURES)
