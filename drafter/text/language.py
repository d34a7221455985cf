"""Which language a customer writes in."""

from __future__ import annotations

from functools import lru_cache

from drafter.domain import Ticket
from drafter.text.words import FUNCTION_WORDS, words

# Text this rich in English function words is English; langdetect is only asked about the rest.
# Chat English ("do u guys take amex") is short and light on function words, and langdetect reads
# it as Somali: the forms only English typists use count too ("u" does not: Dutch writes it).
_CHAT_ENGLISH = frozenset({
    "guys", "gonna", "wanna", "gotta", "pls", "plz", "thx", "im", "ive", "dont", "cant", "wont", "doesnt",
    "didnt", "isnt", "arent", "wasnt", "havent", "hasnt", "couldnt", "wouldnt", "shouldnt", "whats", "thats",
    "theres", "youre", "yall",
})
_ENGLISH = FUNCTION_WORDS | _CHAT_ENGLISH | {"please", "thanks"}
ENGLISH_SHARE = 0.3


def _rich_in_english(found: list[str]) -> bool:
    """At least `ENGLISH_SHARE` of the words are English function words."""
    return bool(found) and sum(w in _ENGLISH for w in found) / len(found) >= ENGLISH_SHARE


@lru_cache(maxsize=4096)
def detect_language(text: str) -> str:
    """ISO 639-1 code of the text (a quick check for English, then langdetect seeded to repeat)."""
    if _rich_in_english(words(text)) and text.isascii():
        return "en"
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return str(detect(text))
    except LangDetectException:
        return "en"


def surely_english(text: str) -> bool:
    """Text rich in English function words and with no letter outside ASCII (punctuation such as
    curly quotes or a currency sign may be): English without asking langdetect."""
    if not _rich_in_english(words(text)):
        return False
    return not any(c.isalpha() and not c.isascii() for c in text)


def reads_as_english(text: str) -> bool:
    """Whether a sentence reads as English: surely so by its words, or by langdetect (asked only
    about text the word check does not settle, once per text)."""
    return surely_english(text) or detect_language(text) == "en"


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


# Share of langdetect's probability that must fall outside English before a text counts as not
# English. The question asked is "English or not", so a Spanish ticket langdetect splits between
# French and Portuguese still counts; a message half in English and half in Spanish does not.
NOT_ENGLISH_SHARE = 0.9


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[tuple[str, float], ...]:
    """langdetect's languages for the text with their probabilities, most likely first (none for
    text too short to tell)."""
    if len(words(text)) < MIN_LANGUAGE_WORDS:
        return ()
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0
    try:
        return tuple((r.lang, float(r.prob)) for r in detect_langs(text))
    except LangDetectException:
        return ()


def not_english_share(text: str) -> float:
    """How sure langdetect is that the text is not English (0 for text the English check accepts,
    and for text too short to tell)."""
    if len(words(text)) < MIN_LANGUAGE_WORDS or detect_language(text) == "en":
        return 0.0
    return sum(prob for lang, prob in _readings(text) if lang != "en")


def writes_in_english(ticket: Ticket, *, min_share: float = NOT_ENGLISH_SHARE) -> bool:
    """Whether the ticket should be read as English: its declared language says so, or it is not
    surely in another language (short, mixed and uncertain text counts as English)."""
    if ticket.language:
        return ticket.language.lower().startswith("en")
    text = ticket.text
    earlier = customer_messages(ticket)
    if len(text.split()) < CONFIDENT_LANGUAGE_WORDS and earlier:
        text = " ".join([*earlier[-3:], text])
    return not_english_share(text) < min_share


# A language langdetect gives at least this share of its probability counts as one the text may be in.
LIKELY_LANGUAGE_SHARE = 0.1


def likely_languages(text: str) -> tuple[str, ...]:
    """The languages the text may be in, most likely first (ISO 639-1): langdetect's readings
    with at least `LIKELY_LANGUAGE_SHARE` of its probability, since it splits a short Spanish
    ticket between Spanish, Portuguese and Italian. Empty for text too short to tell."""
    return tuple(lang for lang, prob in _readings(text) if prob >= LIKELY_LANGUAGE_SHARE)
