"""The reply's language and the knowledge's: answer from passages in the customer's language when
there are any, never quote a third language, and tell the agent what still needs translating.

English is the fallback, as in the phrase bank: a line the bank lacks in the customer's language is
written in English, and knowledge not in the customer's language is quoted only when it is English
(or says nothing of its language), with a warning to translate it."""

from __future__ import annotations

from drafter.domain import DraftWarning, Passage
from drafter.text.language import detect_language

FALLBACK = "en"


def declared_language(passage: Passage) -> str | None:
    """The language a passage's metadata gives, as a two-letter code."""
    declared = passage.metadata.get("language")
    return declared.strip().lower()[:2] if isinstance(declared, str) and declared.strip() else None


def by_language(knowledge: list[Passage], language: str) -> tuple[list[Passage], list[Passage]]:
    """The passages declared in the reply's language, and the others the reply may quote (English or
    undeclared); a passage in a third language is left out."""
    own = [p for p in knowledge if declared_language(p) == language
           or (language == FALLBACK and declared_language(p) is None)]
    others = [p for p in knowledge if p not in own and declared_language(p) in (None, FALLBACK)]
    return own, others


def quotes_english(quoted: list[Passage], language: str) -> bool:
    """A reply in another language that quotes knowledge written in English."""
    return language != FALLBACK and any(
        (declared_language(p) or detect_language(p.text)) == FALLBACK for p in quoted
    )


def language_warnings(quoted: list[Passage], language: str, *, covered: bool) -> list[DraftWarning]:
    """What the agent must do about language before sending: write the reply in a language the
    phrase bank lacks, or translate the quoted knowledge written in another language."""
    if language == FALLBACK:
        return []
    if not covered:
        return [
            DraftWarning(
                code="reply_language",
                message=f"the customer writes in {language!r} and the phrase bank has no lines in it, "
                "so the draft is in English: write the reply in the customer's language",
            )
        ]
    foreign = sorted(
        {lang for p in quoted if (lang := declared_language(p) or detect_language(p.text)) != language}
    )
    if not foreign:
        return []
    return [
        DraftWarning(
            code="translation_needed",
            message=f"the reply quotes knowledge written in {', '.join(foreign)}; translate those "
            f"sentences into {language!r} before sending",
        )
    ]
