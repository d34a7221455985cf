"""Graders: named, versioned, each a score in [0, 1] (or n/a) with an explanation.

`Graders` is the set a tenant grades with: the rule graders, the shipped learned models under
`drafter/graders/models/`, and any the tenant fitted itself (`drafter graders fit`), which take
the shipped ones' place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.domain import Ticket
from drafter.embeddings import Embedder
from drafter.errors import ConfigError
from drafter.filecache import FileCache, load_file
from drafter.graders.base import Grade, GradeInput, draft_input
from drafter.graders.cards import meaning
from drafter.graders.learned import LearnedModel
from drafter.graders.resolution import (
    follow_up,
    grounded_claims,
    honest_negative,
    next_steps,
    questions_addressed,
    reference_similarity,
)
from drafter.graders.tone import clarity, empathy, language_match, no_blame, personalization, politeness
from drafter.graders.vectors import TokenVectors

SHIPPED = Path(__file__).parent / "models"
RULES: dict[str, Callable[[GradeInput], Grade]] = {
    "clarity": clarity,
    "no_blame": no_blame,
    "personalization": personalization,
    "language_match": language_match,
    "questions_addressed": questions_addressed,
    "grounded_claims": grounded_claims,
    "next_steps": next_steps,
    "follow_up": follow_up,
    "honest_negative": honest_negative,
}
LEARNED = ("politeness", "empathy")
"""Graders a model can be fitted for; politeness ships fitted, empathy ships designed."""
TONE_PARTS = ("politeness", "empathy", "clarity", "no_blame", "language_match")
RESOLUTION_PARTS = ("questions_addressed", "grounded_claims", "next_steps", "honest_negative")
ORDER = ("politeness", "empathy", "clarity", "no_blame", "personalization", "language_match",
         "questions_addressed", "grounded_claims", "next_steps", "follow_up", "honest_negative")  # fmt: skip
ROLLUPS = ("tone", "resolution")
NAMES = (*ROLLUPS, *ORDER)


@dataclass(frozen=True)
class GraderFile:
    """A learned grader file a grade came from, as a run records it."""

    grader: str
    ref: str
    path: str
    sha256: str
    source: str
    """`shipped` or `tenant`."""


def tenant_dir(data_dir: Path, tenant: str) -> Path:
    """Where a tenant's fitted graders live."""
    return data_dir / "graders" / tenant


def _mean_of(parts: dict[str, Grade], names: tuple[str, ...]) -> tuple[float | None, list[str]]:
    applied = [n for n in names if n in parts and parts[n].score is not None]
    if not applied:
        return None, []
    return sum(parts[n].score or 0.0 for n in applied) / len(applied), applied


def rollups(parts: list[Grade]) -> list[Grade]:
    """`tone` and `resolution` (means of the parts that apply) followed by the parts."""
    by_name = {p.name: p for p in parts}
    grades = []
    for name, names in (("tone", TONE_PARTS), ("resolution", RESOLUTION_PARTS)):
        value, applied = _mean_of(by_name, names)
        why = "mean of " + ", ".join(applied) if applied else "no part applies"
        grades.append(Grade(name, None if value is None else round(value, 3), why, f"{name}@2"))
    return [*grades, *parts]


@dataclass
class Graders:
    """The graders one tenant grades with."""

    models: dict[str, LearnedModel]
    files: list[GraderFile] = field(default_factory=list)
    vectors: TokenVectors = field(default_factory=TokenVectors)
    embedder: Embedder | None = None
    """The bundled MiniLM, for similarity to a reference reply."""

    def prepare(self, g: GradeInput) -> GradeInput:
        g.vectors = g.vectors or self.vectors
        g.embedder = g.embedder or self.embedder
        return g

    def part(self, name: str, g: GradeInput) -> Grade:
        """One grade, a part or a roll-up."""
        g = self.prepare(g)
        if name in ROLLUPS:
            return next(x for x in self.grade(g) if x.name == name)
        if name == "politeness":
            return politeness(g, self.models["politeness"])
        if name == "empathy":
            return empathy(g, self.models.get("empathy"))
        return RULES[name](g)

    def grade(self, g: GradeInput) -> list[Grade]:
        """Every grade of a reply: `tone` and `resolution` first, then the parts, then similarity to
        the reference when there is one."""
        g = self.prepare(g)
        return rollups([self.part(n, g) for n in ORDER] + reference_similarity(g))

    def meaning(self, name: str) -> str:
        """What a grade of this name means and how far people agree with it."""
        model = self.models.get(name)
        return model.card.summary() if model is not None else meaning(name)

    def pass_threshold(self, name: str) -> float:
        model = self.models.get(name)
        return model.pass_threshold if model is not None else 0.5

    def refs(self) -> list[str]:
        """Every grader's name@version, read off a grade of a one-word reply."""
        probe = GradeInput(ticket=Ticket(text="Hello?"), reply="Hello.")
        return sorted(g.grader for g in self.grade(probe))


def _model_file(path: Path) -> LearnedModel:
    return LearnedModel.load(path)


def load_graders(
    tenant_folder: Path | None = None,
    *,
    files: FileCache | None = None,
    vectors: TokenVectors | None = None,
    embedder: Embedder | None = None,
) -> Graders:
    """The shipped graders, with the tenant's fitted ones in their place where it has them."""
    models: dict[str, LearnedModel] = {}
    used: list[GraderFile] = []
    for name in LEARNED:
        for source, folder in (("tenant", tenant_folder), ("shipped", SHIPPED)):
            if folder is None:
                continue
            path = folder / f"{name}.json"
            model = load_file(path, _model_file, files)
            if model is None:
                continue
            models[name] = model
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            used.append(GraderFile(name, model.ref, str(path), digest, source))
            break
    if "politeness" not in models:
        raise ConfigError(f"the shipped politeness grader is missing from {SHIPPED}")
    return Graders(models=models, files=used, vectors=vectors or TokenVectors(), embedder=embedder)


def grade_reply(g: GradeInput, graders: Graders) -> list[Grade]:
    """Every grade of a reply with `graders`."""
    return graders.grade(g)


__all__ = [
    "NAMES",
    "Grade",
    "GradeInput",
    "GraderFile",
    "Graders",
    "draft_input",
    "grade_reply",
    "load_graders",
    "rollups",
    "tenant_dir",
]
