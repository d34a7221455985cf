"""Words: one tokenizer, one stop-word list and one stemmer for every layer that compares text."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*", re.IGNORECASE)
_ALNUM = re.compile(r"[a-z0-9]+")

# Grammar: articles, pronouns, auxiliaries, prepositions, conjunctions, question words. They tell
# English from other languages and say nothing about what a text is about.
FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by",
        "for", "with", "about", "from", "into", "over", "after", "before", "is", "are", "was", "were",
        "be", "been", "being", "am", "do", "does", "did", "done", "has", "have", "had", "having", "can",
        "could", "will", "would", "should", "may", "might", "must", "shall", "it", "its", "it's",
        "they", "them", "their", "there", "this", "that", "these", "those", "here", "i", "me", "my",
        "mine", "we", "us", "our", "you", "your", "yours", "he", "she", "his", "her", "one", "any",
        "some", "many", "much", "more", "most", "very", "really", "quite", "just", "also", "too",
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "whether", "not", "no",
        "yes", "there's", "they're"
    ]
)
# What customers wrap a question in ("could you tell me if", "is there a good place"): words that
# carry no topic, so matching on them would pair a question with any passage.
_FRAMING_WORDS = frozenset(
    [
        "please", "tell", "know", "let", "like", "want", "need", "get", "got", "go", "going", "good",
        "great", "place", "thing", "things", "anything", "something", "lot", "lots", "able", "ok",
        "okay", "well", "thanks", "thank", "hi", "hello", "hey", "wondering", "curious", "say", "said",
        "confirm", "check", "overall", "kind", "sort", "offer", "provide", "available", "offers"
    ]
)
STOPWORDS = FUNCTION_WORDS | _FRAMING_WORDS


def name_tokens(text: str) -> list[str]:
    """Runs of letters and digits, lower-cased, apostrophes dropped: "Benny's B&B" -> bennys, b, b."""
    return _ALNUM.findall(text.lower().replace("'", "").replace("\u2019", ""))


def words(text: str) -> list[str]:
    """Lower-cased words, in order."""
    return [w.lower() for w in WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry meaning (no stop words, no single letters), in order."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-cased word: 'refunds' and 'refunded' are both 'refund'."""
    return str(_STEMMER.stemWord(word))


@lru_cache(maxsize=65_536)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning (cached: the same passages are compared again and again)."""
    return frozenset(stem(w) for w in content_words(text))


def search_terms(text: str) -> list[str]:
    """What keyword search matches on: the stems of every word but function words, in order."""
    return [stem(w) for w in words(text) if w not in FUNCTION_WORDS]


def overlap(claim: str, source: str) -> float:
    """Share of the claim's content words found in the source."""
    claim_words = content_stems(claim)
    if not claim_words:
        return 1.0
    return len(claim_words & content_stems(source)) / len(claim_words)


_LETTER_WORD = re.compile(r"[^\W_](?:[^\W_]|['\u2019\-](?=[^\W_]))*")


def letter_words(text: str) -> list[str]:
    """Lower-cased words of any alphabet, accents kept ("réinitialiser", "Rücksendung"), in order:
    what text in another language is read by, where `words` splits at every accented letter."""
    return [w.lower() for w in _LETTER_WORD.findall(text)]
