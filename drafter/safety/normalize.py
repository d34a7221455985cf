"""Text as a reader sees it: one form for look-alike letters, no invisible characters, one space.

Attackers reword around a pattern with characters a person does not notice: a Cyrillic "о" in
"ignоre", a zero-width space inside a word, two spaces or a line break inside a phrase, full-width
letters. `skeleton` undoes all of these before anything is matched; `is_blank` tells text that
only looks non-empty (NULs, zero-width characters) from text a person could answer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

# Format (Cf: zero-width space and joiners, soft hyphen, bidi controls) and control (Cc)
# characters, except the whitespace controls that separate words.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs", "Cn"})
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_SPACES = re.compile(r"\s+")


def _invisible(char: str) -> bool:
    return char not in _WHITESPACE_CONTROLS and unicodedata.category(char) in _INVISIBLE_CATEGORIES


def strip_invisible(text: str) -> str:
    """The text without NULs, zero-width characters and other marks that print as nothing."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(c for c in text if not _invisible(c))


def readable(text: str) -> str:
    """The text in compatibility form (NFKC: full-width letters and stops, ligatures) without
    invisible characters: what a reader sees, still in its own case and letters."""
    if text.isascii() and text.isprintable():
        return text
    return strip_invisible(unicodedata.normalize("NFKC", text))


def is_blank(text: str) -> bool:
    """True when nothing a person could read is left once invisible characters and spaces go."""
    return not strip_invisible(text).strip()


@lru_cache(maxsize=4096)
def _latin_lookalike(char: str) -> str:
    """The ASCII letter or digit a character is drawn like ("о" Cyrillic -> "o"), or the character."""
    found = confusables.is_confusable(char, preferred_aliases=["latin", "common"], greedy=True)
    if not found:
        return char
    for homoglyph in found[0]["homoglyphs"]:
        candidate = str(homoglyph["c"])
        if len(candidate) == 1 and candidate.isascii() and candidate.isalnum():
            return candidate
    return char


def skeleton(text: str) -> str:
    """Lower-case text with compatibility forms folded (NFKC), look-alike letters read as the Latin
    ones they imitate, invisible characters removed and every run of spaces and line breaks one space.

    Only words that mix scripts are folded: a Russian or Greek word keeps its letters, so text in
    those languages is matched as written.
    """
    text = strip_invisible(unicodedata.normalize("NFKC", text))
    if not text.isascii():
        text = " ".join(_fold_mixed_word(word) for word in text.split())
    return _SPACES.sub(" ", text).strip().lower()


def _fold_mixed_word(word: str) -> str:
    if word.isascii():
        return word
    latin = sum(c.isascii() and c.isalpha() for c in word)
    if latin == 0 and len(word) > 1:
        # A word wholly in another script is that language, unless every letter imitates Latin.
        folded = "".join(_latin_lookalike(c) for c in word)
        return folded if folded.isascii() else word
    return "".join(_latin_lookalike(c) if not c.isascii() else c for c in word)
