"""Learned graders: a linear model over features we design, stored as a versioned JSON file with its
card (what it was fitted on and how well it agrees with people on rows it never saw).

A file holds plain numbers (no pickle), so loading one runs no code, and it names the feature set
and the vectors' model it was fitted with: a file whose features this version cannot compute is
refused rather than applied to the wrong inputs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field, ValidationError

from drafter.errors import ConfigError
from drafter.filecache import write_atomically
from drafter.graders.agreement import Interval
from drafter.graders.base import GradeInput
from drafter.graders.empathy_features import FEATURES_VERSION as EMPATHY_FEATURES_VERSION
from drafter.graders.empathy_features import empathy_features
from drafter.graders.politeness_features import FEATURES_VERSION as POLITENESS_FEATURES_VERSION
from drafter.graders.politeness_features import politeness_features
from drafter.graders.vectors import TokenVectors

FILE_FORMAT = 1


class GraderCard(BaseModel):
    """What a learned grader was fitted on and how well it agrees with people on held-out rows."""

    data: str
    """The label file (name) and what it holds."""
    labels_sha256: str = ""
    split: str = ""
    """How rows were split between fitting and measuring."""
    n_fitted: int = 0
    n_held_out: int = 0
    agreement: dict[str, Interval] = Field(default_factory=dict)
    """Held-out figures with 95% bootstrap intervals: pearson, spearman, auc, within_group_auc."""
    baseline: dict[str, float | None] = Field(default_factory=dict)
    """The grader it replaced, on the same held-out rows."""
    one_person: float | None = None
    """How well one person agrees with the others, where known."""
    fitted_at: str = ""
    notes: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        """One line for a scorecard: the headline agreement with its interval."""
        for key in ("pearson", "spearman", "within_group_auc", "auc"):
            if key in self.agreement:
                person = f"; one person: {self.one_person:.2f}" if self.one_person is not None else ""
                return f"{key} {self.agreement[key].text()} with people on {self.data}{person}"
        return f"fitted on {self.data}"


class LearnedModel(BaseModel):
    """A fitted grader: standardise the features, weigh them, map onto [0, 1]."""

    format: int = FILE_FORMAT
    grader: str
    """The grade it produces, e.g. politeness."""
    version: int
    features: str
    """The feature set and its version, e.g. politeness@1."""
    vectors: str | None = None
    """The model whose vectors are among the features, recorded so they are never mixed."""
    target: Literal["score", "label"]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    intercept: float
    low: float = 0.0
    """The human scale's bottom and top: a score prediction is mapped from them onto [0, 1]."""
    high: float = 1.0
    pass_threshold: float = 0.5
    card: GraderCard

    @property
    def ref(self) -> str:
        """name@version as grades carry it."""
        return f"{self.grader}@{self.version}"

    def score(self, row: np.ndarray) -> float:
        """The grade in [0, 1] for one feature row."""
        z = float(((row - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.weights))
        z += self.intercept
        if self.target == "label":
            return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
        return max(0.0, min(1.0, (z - self.low) / (self.high - self.low or 1.0)))

    def save(self, path: Path) -> None:
        """Write atomically, so a server reading the file never sees half of it."""
        write_atomically(path, self.model_dump_json(indent=1))

    @classmethod
    def load(cls, path: Path) -> LearnedModel:
        """Read a grader file; an unreadable or foreign one is a configuration error naming it."""
        try:
            model = cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise ConfigError(f"grader file {str(path)!r} cannot be read: {first}") from exc
        if model.format != FILE_FORMAT or model.features not in FEATURE_SETS:
            raise ConfigError(
                f"grader file {str(path)!r} needs features {model.features!r} (format {model.format}), "
                "which this version of drafter does not compute"
            )
        return model


Extract = Callable[[GradeInput, TokenVectors], np.ndarray]


def _politeness(g: GradeInput, vectors: TokenVectors) -> np.ndarray:
    return np.concatenate([politeness_features(g.reply), vectors.embed([g.reply])[0]])


def _empathy(g: GradeInput, vectors: TokenVectors) -> np.ndarray:
    reply, ticket = vectors.embed([g.reply, g.ticket.text])
    designed = empathy_features(g.reply, g.ticket.text)
    return np.concatenate([designed, [float(reply @ ticket)], reply])


FEATURE_SETS: dict[str, Extract] = {
    f"politeness@{POLITENESS_FEATURES_VERSION}": _politeness,
    f"empathy@{EMPATHY_FEATURES_VERSION}": _empathy,
}
"""Feature set name -> how to compute it. `graders fit` picks the grader's own set."""


def feature_set_for(grader: str) -> str:
    """The feature set a grader of this name is fitted on."""
    for name in FEATURE_SETS:
        if name.split("@")[0] == grader:
            return name
    raise ConfigError(
        f"grader {grader!r} cannot be fitted; learned graders exist for "
        + ", ".join(sorted(n.split("@")[0] for n in FEATURE_SETS))
    )


def features(model_features: str, g: GradeInput, vectors: TokenVectors) -> np.ndarray:
    """One feature row of a grade input for the named feature set."""
    return FEATURE_SETS[model_features](g, vectors)
