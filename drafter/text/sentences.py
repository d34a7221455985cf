"""One sentence splitter: after . ! or ? and a space, and at every line break, but not after an
abbreviation ("e.g.", "approx.", "9 a.m.") that the next word continues."""

from __future__ import annotations

import re

_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|approx|vs|mr|mrs|ms|dr|st|no|nr|incl|excl|min|max|ca)\.|\b(?:[a-z]\.){2,})$",
    re.IGNORECASE,
)


def sentences(text: str, *, min_chars: int = 1) -> list[str]:
    """The sentences and lines of a text, stripped, each at least `min_chars` long."""
    pieces: list[str] = []
    for after_line_break, piece in _pieces(text):
        if pieces and not after_line_break and piece[:1].islower() and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return [p for p in pieces if len(p) >= min_chars]


def statements(text: str) -> list[str]:
    """The sentences of a text that tell rather than ask: what the customer says happened or holds."""
    return [s for s in sentences(text) if not s.rstrip().endswith("?")]


def _pieces(text: str) -> list[tuple[bool, str]]:
    """Stripped pieces between breaks, each with whether a line break came before it."""
    found: list[tuple[bool, str]] = []
    start, newline = 0, False
    for match in _BREAK.finditer(text):
        piece = text[start : match.start()].strip()
        if piece:
            found.append((newline, piece))
        start, newline = match.end(), "\n" in match.group(0)
    tail = text[start:].strip()
    if tail:
        found.append((newline, tail))
    return found


# Where a long sentence turns to another thought: a comma or semicolon, a dash, or a joining word.
_CLAUSE_BREAK = re.compile(r"\s*[,;]\s+|\s+--?\s+|\s+(?=(?:but|if|because|since|although|though|when)\s)",
                           re.IGNORECASE)


def clauses(sentence: str, *, min_words: int) -> list[str]:
    """The clauses of a long sentence that carry at least `min_words` words ("i want three plugs
    for my parents, but if i buy now and you drop the price next week ..." has two thoughts)."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(sentence) if p.strip()]
    return [p for p in parts if len(p.split()) >= min_words] if len(parts) > 1 else []
