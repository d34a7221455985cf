"""A bilingual glossary of support vocabulary: the English words for what a customer writes in
another language ("remboursement" -> refund), so English knowledge can be searched for it, and
for the everyday English a help centre rarely writes ("swap" -> exchange, "billed twice" -> charged
twice).

The bundled list (`support_glossary.yaml`) holds general support and online-shop vocabulary;
a team extends it with files of the same shape. Words are compared after the language's Snowball
stemmer, lower-cased and without accents, so one form in the file covers its inflections and a
customer who types without accents.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import Stemmer
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from drafter.errors import ConfigError
from drafter.text.words import letter_words

BUNDLED_GLOSSARY = Path(__file__).with_name("support_glossary.yaml")
# Snowball stemmers by ISO 639-1 code, for the languages a glossary may list.
_STEMMERS = {
    "ca": "catalan", "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "sv": "swedish", "tr": "turkish",
}
# A language the glossary has no words for is read in a close one it has: langdetect gives short
# Dutch to Afrikaans, and the two write many support words alike ("bestelling", "betaling").
_CLOSE_LANGUAGES = {"af": "nl"}
Phrase = tuple[str, ...]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="allow")

    en: str
    everyday: list[str] = []
    """What English-speaking customers say for it that help centres rarely write ("swap")."""


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    terms: list[_Entry]


def _fold(word: str) -> str:
    """The word without accents: "réinitialis" and "reinitialis" compare equal."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    name = _STEMMERS.get(language)
    return Stemmer.Stemmer(name) if name else None


def _keys(text: str, language: str) -> tuple[Phrase, Phrase]:
    """How a text is compared in a language: its words stemmed then without accents, and without
    accents then stemmed. The first reads inflections as the stemmer knows them ("cassée" and
    "cassé"); the second a customer who types without accents ("cassee" stems apart from "casse"
    in the stemmer's eyes, but as "cassée" does once that has lost its accent)."""
    stemmer = _stemmer(language)
    found = letter_words(text)
    if stemmer is None:
        folded = tuple(_fold(w) for w in found)
        return folded, folded
    stemmed = tuple(_fold(s) for s in stemmer.stemWords(found))
    return stemmed, tuple(stemmer.stemWords([_fold(w) for w in found]))


@dataclass(frozen=True)
class Glossary:
    """Support words per language, each with the English words it stands for."""

    phrases: dict[str, dict[Phrase, str]] = field(default_factory=dict)
    """Per language, each stemmed phrase and its English words."""

    @classmethod
    def load(cls, paths: Iterable[Path]) -> Glossary:
        """The glossary of the files, later files adding to earlier ones.

        Raises:
            ConfigError: a file is missing or not a glossary.
        """
        phrases: dict[str, dict[Phrase, str]] = {}
        for path in paths:
            try:
                parsed = _File.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
            except (OSError, yaml.YAMLError, ValidationError) as exc:
                first = str(exc).splitlines()[0]
                raise ConfigError(f"glossary {str(path)!r} cannot be read: {first}") from exc
            for entry in parsed.terms:
                languages = dict(entry.model_extra or {})
                if entry.everyday:
                    languages["en"] = entry.everyday
                for language, written in languages.items():
                    if not isinstance(written, list) or not all(isinstance(w, str) for w in written):
                        raise ConfigError(
                            f"glossary {str(path)!r}: {entry.en!r} needs a list of words for {language!r}"
                        )
                    table = phrases.setdefault(language, {})
                    for text in written:
                        for key in _keys(text, language):
                            if key:
                                table[key] = entry.en
        return cls(phrases)

    def english_words(self, text: str, languages: Iterable[str]) -> list[str]:
        """The English words of the support terms the text holds, read in each of `languages`
        the glossary has, or a close language it has (longest phrase first at each word), without
        repeats, in order."""
        found: dict[str, None] = {}
        readable = (code if code in self.phrases else _CLOSE_LANGUAGES.get(code, code) for code in languages)
        for language in dict.fromkeys(readable):
            table = self.phrases.get(language)
            if not table:
                continue
            longest = max(len(p) for p in table)
            for keys in _keys(text, language):
                start = 0
                while start < len(keys):
                    for size in range(min(longest, len(keys) - start), 0, -1):
                        english = table.get(keys[start : start + size])
                        if english is not None:
                            found.setdefault(english)
                            start += size
                            break
                    else:
                        start += 1
        return list(found)


def plain_english(glossary: Glossary | None, text: str) -> str:
    """The help centre's words for the everyday words of an English text, on one line ("" when
    it has none): "could I swap it for the black one?" also reads as an exchange."""
    if glossary is None:
        return ""
    return " ".join(glossary.english_words(text, ["en"]))


@cache
def bundled_glossary() -> Glossary:
    """The glossary shipped with drafter."""
    return Glossary.load([BUNDLED_GLOSSARY])
