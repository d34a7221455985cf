"""What each question is about: its own words, and what the customer says around it in the same
message ("did all that, still nothing. my router only has one network name"). A question with next to
no words of its own ("what now??", "Please help!", "so what can I do then?") is what surrounds it,
the customer's earlier turns in the conversation included."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.domain import Ticket
from drafter.text.asks import Ask
from drafter.text.language import writes_in_english
from drafter.text.sentences import sentences
from drafter.text.words import content_words

# A question with at most this many words of its own is read as what surrounds it; one with a few
# more is read with it too when no named thing tells what it is about.
FEW_WORDS = 1
SOME_WORDS = 2
# Earlier customer turns read, newest first, for a follow-up that names nothing.
EARLIER_TURNS = 2
# Words that point back at what the message said before: "Can I use all three for one order?"
# ("both homes" names its own thing; "all three" before a preposition or the end points back).
_REFERS_BACK = re.compile(
    r"\b(?:them|they|(?:all|both|each|one) of them|"
    r"all (?:two|three|four|five)(?=\s+(?:on|for|in|at|to|with|together)\b|\W*$))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Focus:
    """The question, and what surrounds it when its own words say little."""

    topic: str
    context: str = ""
    """Read with the topic: a sentence scores the better of the two readings."""


# A question asking only for the next step, whatever it goes on to say.
_NEXT_STEP = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|well)\W+)?(?:what now|now what|what next|what'?s next|"
    r"what (?:do|should|can) (?:i|we) do (?:now|next))\b",
    re.IGNORECASE,
)


def _words(text: str, names: set[str]) -> list[str]:
    return [w for w in content_words(text) if w not in names]


def focus_of(ask: Ask, ticket: Ticket, asks: list[Ask], *, names: set[str], resolved: bool = False) -> Focus:
    """What a question's answer is looked for with: its own words, and what they leave unsaid."""
    own = len(_words(ask.topic, names))
    asked = [a.text for a in asks]
    # A sentence holding a question (or part of one) is not what surrounds a question.
    parts = [
        s for s in sentences(ticket.text) if not any(s in text or text.strip(" ?") in s for text in asked)
    ]
    # Only a question with no words of its own ("so what can I do then?"), or an answer to the
    # agent's question ("Sarah Jones, account ID 8XK2P4"), reaches back into the conversation:
    # "does it have a lot of space?" is about space, whatever was said before.
    last = ticket.conversation[-1] if ticket.conversation else None
    questions = any(a.kind != "request" or a.text.rstrip().endswith("?") for a in asks)
    asked_us = last is not None and last.role == "agent" and last.text.rstrip().endswith("?")
    replying = asked_us and not questions
    if own == 0 or replying:
        earlier = [m.text for m in ticket.conversation if m.role == "customer" and m.text != ticket.text]
        parts = [*earlier[-EARLIER_TURNS:], *parts]
    if not parts:
        return Focus(ask.topic)
    if not writes_in_english(ticket):
        # Words of its own are counted against English stop words: in another language "Ça prend
        # combien de temps ?" seems to have four. Read every question with what surrounds it too.
        return Focus(ask.topic, " ".join(parts))
    if own <= FEW_WORDS or _NEXT_STEP.match(ask.topic):
        # "Please help!", "what now??": the question is what the customer said around it, however
        # much follows "what now" ("what now?? and please don't tell me to restart it again").
        return Focus(" ".join([*parts, ask.topic]))
    if replying or (own <= SOME_WORDS and not resolved) or (_REFERS_BACK.search(ask.topic) and not resolved):
        # "I placed an order yesterday by mistake. Can I still cancel it?": with nothing named to
        # resolve "it", the message's statements say what the question is about; so too for words
        # that point back ("I got three gift cards. Can I use all three for one order?").
        return Focus(ask.topic, " ".join(parts))
    # Otherwise a question with words of its own is about them: "That's what I prefer." beside
    # "Is it good value?" adds nothing to look for.
    return Focus(ask.topic)
