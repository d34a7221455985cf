"""A help-centre condition the customer already meets, said as met.

"If it has not changed for 3 business days, contact us and we will open an investigation" read to a
customer whose tracking "hasn't changed in 4 business days" asks them to wait for what has happened
and to contact us, which they are doing: what is left is what we do.
"""

from __future__ import annotations

import re

from drafter.text.sentences import sentences
from drafter.text.words import content_stems, stem, words

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_COUNT = rf"\d{{1,3}}|{'|'.join(_NUMBERS)}"
_SPAN = rf"(?P<n>{_COUNT}) (?P<business>business |working )?(?P<unit>minute|hour|day|week)s?\b"
# "If it has not changed for 3 business days, ...", "If the light stays red for more than 10 minutes, ..."
_IF_FOR = re.compile(
    rf"^If (?P<condition>[^,]{{3,80}}?) (?:for|in|after) (?:more than |over )?{_SPAN},?\s+(?P<then>.+)$",
    re.IGNORECASE,
)
# What the customer tells of how long: "hasn't changed in 4 business days", "for over a week".
_TOLD = re.compile(rf"\b(?:for|in|after|been) (?:over |more than |about |almost )?{_SPAN}", re.IGNORECASE)
_MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080}
# Asking the customer to get in touch, which they are doing: what follows is what we do.
_GET_IN_TOUCH = re.compile(
    r"^(?:please\s+)?(?:(?:contact|email|message|call|tell) us(?: again)?|let us know)(?:,| and)\s+",
    re.IGNORECASE,
)


def _minutes(match: re.Match[str], *, business: bool) -> float:
    """The span in minutes; business days counted as the calendar days they take at most (5 in 7)."""
    value = match.group("n").lower()
    count = int(value) if value.isdigit() else _NUMBERS[value]
    minutes = count * _MINUTES[match.group("unit").lower()]
    if business and not match.group("business") and match.group("unit").lower() in ("day", "week"):
        return minutes * 5 / 7
    return float(minutes)


def already_met(text: str, told: str) -> str | None:
    """`text` said as met when it opens with a condition on how long something lasts ("If it has
    not changed for 3 business days, contact us and we will ...") and a sentence of what the
    customer `told` says the same thing has lasted at least that long; None otherwise.

    The condition and the customer's sentence must share a word ("changed"), so a wait told of
    one thing does not meet a condition on another.
    """
    rule = _IF_FOR.match(text.strip())
    if rule is None:
        return None
    business = bool(rule.group("business"))
    needed = _minutes(rule, business=False)
    condition = content_stems(rule.group("condition"))
    for sentence in sentences(told):
        if not condition & content_stems(sentence):
            continue
        for said in _TOLD.finditer(sentence):
            if _minutes(said, business=business) >= needed:
                then = _GET_IN_TOUCH.sub("", rule.group("then").strip())
                return then[:1].upper() + then[1:]
    return None


# "If your system has no C-wire, ...", "If you have no backup codes, ...": a case of something lacking.
_IF_LACKING = re.compile(
    r"^\W*if (?:you|your [\w ]{1,20}?|it|they) (?:has|have|had) no (?P<thing>[\w -]{2,30}?),", re.IGNORECASE
)
# The customer saying they lack it: "there's no C wire", "I don't have any backup codes", "never
# saved those backup codes", "lost my backup codes".
_SAYS_LACKING = (
    r"\b(?:no|without|(?:do not|don't|dont|does not|doesn't|did not|didn't) have (?:a |an |any |the )?|"
    r"never (?:saved|got|had|received|kept) (?:the |those |these |my |any )?|lost (?:the |those |my )?)"
)


def _words_of(text: str) -> list[str]:
    """Stems of every word in order, a hyphenated word read as its parts ("C-wire" as "C wire")."""
    return [stem(w) for w in words(text.replace("-", " "))]


def lacking_told(text: str, told: str) -> bool:
    """The sentence opens with a case of something lacking ("If your system has no C-wire, ...")
    and the customer says they lack that very thing ("I'm pretty sure there's no C wire")."""
    case = _IF_LACKING.match(text)
    if case is None:
        return False
    thing = _words_of(case.group("thing"))
    if not thing:
        return False
    for said in re.finditer(_SAYS_LACKING + r"(?P<rest>[^.,;!?]{1,40})", told, re.IGNORECASE):
        if _words_of(said.group("rest"))[: len(thing)] == thing:
            return True
    return False
