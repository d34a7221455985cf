"""A team's phrase style: which of the phrase bank's variants read most like the replies it sends.

The bank holds several wordings for each line (a follow-up, a summary of reviews). Teams have
a house voice: one closes with "Would you like to know more?", another with "Anything else I can
help with?". `learn_style` compares every variant of every line a draft used against the reply
the team actually sent, and keeps per line the variants that come closest. Drafting then picks
among those only. It changes wording, never content: what is quoted and cited stays the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from drafter.compose.phrases import PhraseBank, Pick
from drafter.errors import ConfigError
from drafter.filecache import FileCache, load_file, write_atomically

STYLE_FORMAT = 1
# A line needs this many drafted examples before its variants are judged.
MIN_OBSERVATIONS = 20
# Variants this close (mean closeness, paired over the same drafts) to the best are kept too, so
# drafts still vary where the team's replies show no preference.
TOLERANCE = 0.003

Closeness = Callable[[str, str], float]
"""How close a draft is to the reply that was sent (draft, sent) -> [0, 1]."""


@dataclass(frozen=True)
class StyleExample:
    """A draft, the phrases it was written with, and the reply the team sent for that ticket."""

    draft: str
    picks: list[Pick]
    sent: str


@dataclass(frozen=True)
class PhraseStyle:
    """Per phrase key, the variants to choose among; `info` says what it was learned from."""

    preferred: dict[str, frozenset[str]]
    info: dict[str, Any] = field(default_factory=dict)

    def save(self, path: Path) -> None:
        """Write atomically, so a server reading the file never sees half of it."""
        body = {
            "format": STYLE_FORMAT,
            "preferred": {key: sorted(values) for key, values in sorted(self.preferred.items())},
            "info": self.info,
        }
        write_atomically(path, json.dumps(body, indent=2, ensure_ascii=False))

    @classmethod
    def load(cls, path: Path) -> PhraseStyle:
        """Read a style written by `save`."""
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
            preferred = {str(k): frozenset(str(v) for v in values) for k, values in body["preferred"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"phrase style {str(path)!r} cannot be read: {exc}") from exc
        return cls(preferred=preferred, info=dict(body.get("info") or {}))


def style_path(data_dir: Path, tenant: str) -> Path:
    """Where a tenant's phrase style lives."""
    return data_dir / "styles" / f"{tenant}.json"


def load_style(path: Path, files: FileCache | None = None) -> PhraseStyle | None:
    """The style at `path` when there is one, re-read when the file changes (a new tuning run)."""
    return load_file(path, PhraseStyle.load, files)


def with_alternative(draft: str, pick: Pick, template: str) -> str | None:
    """The draft as it would read had `template` been picked for this line; None if not found."""
    try:
        alternative = template.format(**pick.values)
    except (KeyError, IndexError, ValueError):
        return None
    if pick.text and pick.text in draft:
        return draft.replace(pick.text, alternative, 1)
    # Summaries start their sentence with a capital the template does not have.
    capital = pick.text[:1].upper() + pick.text[1:]
    if capital and capital in draft:
        return draft.replace(capital, alternative[:1].upper() + alternative[1:], 1)
    return None


def variant_scores(
    examples: Iterable[StyleExample], bank: PhraseBank, closeness: Closeness
) -> dict[str, dict[str, list[float]]]:
    """Per key and variant, the closeness to the sent reply of each draft rewritten with it."""
    scores: dict[str, dict[str, list[float]]] = {}
    for example in examples:
        for pick in example.picks:
            variants = bank.phrases.get(pick.key, [])
            if len(variants) < 2 or pick.template not in variants:
                continue  # a line in another language, or with nothing to choose
            rewritten = {v: with_alternative(example.draft, pick, v) for v in variants}
            if any(text is None for text in rewritten.values()):
                continue
            by_variant = scores.setdefault(pick.key, {})
            for variant, text in rewritten.items():
                by_variant.setdefault(variant, []).append(closeness(text or "", example.sent))
    return scores


def learn_style(
    examples: Iterable[StyleExample],
    bank: PhraseBank,
    closeness: Closeness,
    *,
    min_observations: int = MIN_OBSERVATIONS,
    tolerance: float = TOLERANCE,
) -> PhraseStyle:
    """Keep, for each line seen often enough, the variants closest on average to what was sent."""
    preferred: dict[str, frozenset[str]] = {}
    report: dict[str, Any] = {}
    for key, by_variant in sorted(variant_scores(examples, bank, closeness).items()):
        means = {variant: mean(values) for variant, values in by_variant.items()}
        seen = len(next(iter(by_variant.values())))
        report[key] = {"drafts": seen, "closeness": {v: round(m, 4) for v, m in means.items()}}
        if seen < min_observations:
            continue
        best = max(means.values())
        preferred[key] = frozenset(v for v, m in means.items() if m >= best - tolerance)
    return PhraseStyle(preferred=preferred, info={"lines": report, "bank_version": bank.version})
