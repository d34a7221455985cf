"""Which language a customer writes in."""

from __future__ import annotations

from functools import lru_cache

from drafter.domain import Ticket
from drafter.text.words import FUNCTION_WORDS, words

# Text this rich in English function words is English; langdetect is only asked about the rest.
_ENGLISH = FUNCTION_WORDS | {"please", "thanks"}
ENGLISH_SHARE = 0.3


@lru_cache(maxsize=4096)
def detect_language(text: str) -> str:
    """ISO 639-1 code of the text (a quick check for English, then langdetect seeded to repeat)."""
    found = words(text)
    if found and sum(w in _ENGLISH for w in found) / len(found) >= ENGLISH_SHARE and text.isascii():
        return "en"
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return str(detect(text))
    except LangDetectException:
        return "en"


# Below this many words a message's language is read together with the customer's earlier ones.
CONFIDENT_LANGUAGE_WORDS = 12
# Below this many words in all, a customer's language cannot be told ("HEY HO!" reads as Vietnamese).
MIN_LANGUAGE_WORDS = 4


def customer_messages(ticket: Ticket) -> list[str]:
    """The customer's earlier messages in this conversation."""
    return [m.text for m in ticket.conversation if m.role == "customer"]


def ticket_language(ticket: Ticket) -> str:
    """The language the customer writes in: a short message says little about its language, so
    the customer's earlier messages in the conversation are read with it."""
    text = ticket.text
    earlier = customer_messages(ticket)
    if len(text.split()) < CONFIDENT_LANGUAGE_WORDS and earlier:
        text = " ".join([*earlier[-3:], text])
    return detect_language(text)
