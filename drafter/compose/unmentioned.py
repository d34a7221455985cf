"""What a question beside answered ones asks about that the knowledge never mentions ("Does the T2
work with Apple HomeKit or Alexa?"), named in the customer's own words so the reply can say it has no
answer for that instead of passing over it."""

from __future__ import annotations

import re

from drafter.compose.coverage import uncovered_words
from drafter.domain import Passage

# A name or a code in a question: capitalised past the sentence's first word, or letters with digits.
_NAME = re.compile(r"(?<=[\w,] )[A-Z][\w-]+|\b(?=\w*\d)(?=\w*[A-Za-z])\w{2,}\b")
_TOKEN = re.compile(r"[\w-]+|,")
# What joins names asked about together: "Apple HomeKit or Alexa", "Klarna, Affirm and Afterpay".
_JOINS = frozenset({"or", "and", ","})


def names_in(text: str) -> list[str]:
    """The names and codes a text uses, in order."""
    return _NAME.findall(text)


def unknown_names(question: str, knowledge: list[Passage]) -> list[str]:
    """Names and codes the question uses that no retrieved passage mentions."""
    text = " ".join(p.text.lower() for p in knowledge)
    compact = text.replace(" ", "")
    return [n for n in names_in(question) if n.lower() not in text and n.lower() not in compact]


def unmentioned_things(question: str, knowledge: list[Passage], names: set[str]) -> str | None:
    """What `question` asks about that no retrieved passage mentions, as the customer wrote it
    ("Apple HomeKit or Alexa"); None when it names nothing the knowledge lacks.

    Only names count (capitalised past the sentence's start, or codes): a plain word the knowledge
    lacks ("spreadsheet", "typed") is usually said in other words ("CSV"), not missing. The names
    next to an unknown one are said with it: "As for SmartThings" alone after "Google Assistant or
    SmartThings?" would read as if Google Assistant had been answered.
    """
    uncovered = set(uncovered_words(question, knowledge, names))
    unknown = {n for n in unknown_names(question, knowledge) if n.lower() in uncovered}
    if not unknown:
        return None
    found = list(_TOKEN.finditer(question))
    tokens, spans = [t.group() for t in found], [t.span() for t in found]
    named = set(names_in(question))

    def listed(index: int) -> bool:
        return 0 <= index < len(tokens) and (tokens[index] in named or tokens[index].lower() in _JOINS)

    runs: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if token not in unknown or any(a <= index <= b for a, b in runs):
            continue
        first = last = index
        while listed(first - 1):
            first -= 1
        while listed(last + 1):
            last += 1
        while tokens[first].lower() in _JOINS:
            first += 1
        while tokens[last].lower() in _JOINS:
            last -= 1
        runs.append((first, last))
    return " and ".join(question[spans[a][0]:spans[b][1]] for a, b in runs)
