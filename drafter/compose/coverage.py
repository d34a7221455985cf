"""Whether the retrieved knowledge speaks at all of what a question asks about."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import OSA

from drafter.domain import Passage
from drafter.safety.lexicon import everyday_word
from drafter.text.words import content_words, stem

# Words a yes-or-no question is framed with whatever it asks about ("do you sell ...", "does it
# work with ..."): that an article never says them says nothing about whether it answers.
_FRAME_STEMS = frozenset(stem(w) for w in [
    "work", "works", "use", "using", "sell", "buy", "support", "compatible", "compatibility", "allow",
    "accept", "have", "make", "possible", "way", "still", "new", "normal", "usual", "ever", "maybe",
    "actually", "option", "options", "also", "anyone", "someone", "right", "now", "today", "ask",
    "question", "wonder", "hope", "idea", "sure", "think", "mean", "send", "order", "help",
    # Short forms typed without their apostrophe.
    "dont", "cant", "wont", "isnt", "doesnt", "didnt", "arent", "wasnt", "havent", "hasnt", "couldnt",
    "wouldnt", "shouldnt", "im", "ive", "youre", "thats", "whats", "theres",
])
# Words this common in general English ("turned out", "bought", "cheaper") are how a question is
# put, not what it asks about: a help centre need not use them to answer.
EVERYDAY_WITHIN = 15_000
# A word written a little differently ("dimable", "instalment") is the same word: the first letters
# decide, for words long enough to have them.
_PREFIX = 5
# A word this long one typing slip away from a word the passages use is that word ("cancle",
# "canda"): customers' typos are not things the knowledge never mentions.
_TYPO_MIN = 5


def _forms(word: str) -> set[str]:
    forms = {stem(word)}
    if len(word) > _PREFIX:
        forms.add(word[:_PREFIX])
    return forms


def uncovered_words(topic: str, passages: Iterable[Passage], names: Iterable[str] = ()) -> list[str]:
    """The question's uncommon words that no retrieved passage uses in any form close to them: the thing
    asked about ("HomeKit", "Klarna", "underfloor") when the knowledge never mentions it. Hybrid
    retrieval searches by keyword too, so a word the knowledge uses would have brought its passage.
    Names of the products and entities asked about are left out (every passage says them, or the
    customer names the product in their own way)."""
    used = {w for p in passages for w in content_words(f"{p.title} {p.metadata.get('section', '')} {p.text}")}
    known = {form for word in used for form in _forms(word)}
    named = {w for n in names for w in content_words(n)}
    return [
        word for word in dict.fromkeys(_bare(w) for w in content_words(topic))
        if word not in named and not any(c.isdigit() for c in word) and stem(word) not in _FRAME_STEMS
        and not everyday_word(word, within=EVERYDAY_WITHIN) and not (_forms(word) & known)
        and not _again(word, known) and not _mistyped(word, used)
    ]


# "reorder", "resend", "reinstall": the thing done again is what the knowledge must speak of.
_AGAIN = "re"
_AGAIN_MIN = 4


def _again(word: str, known: set[str]) -> bool:
    """The word is a known word with "re" before it."""
    rest = word[len(_AGAIN):]
    return word.startswith(_AGAIN) and len(rest) >= _AGAIN_MIN and bool(_forms(rest) & known)


def _bare(word: str) -> str:
    """A word as its apostrophe-free form is read: "brother's" as brother, "doesn't" as doesnt
    (a short form the frame words name); the tokenizer's vocabulary holds neither whole."""
    if word.endswith(("'s", "\u2019s")):
        return word[:-2]
    return word.replace("'", "").replace("\u2019", "")


def _mistyped(word: str, used: set[str]) -> bool:
    """The word is one slip (a letter added, dropped, changed or two swapped) from a word used."""
    return len(word) >= _TYPO_MIN and any(
        abs(len(other) - len(word)) <= 1 and OSA.distance(word, other, score_cutoff=1) <= 1 for other in used
    )
