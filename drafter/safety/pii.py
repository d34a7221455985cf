"""Mask personal data with placeholders before text leaves; put the real values back locally."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CARD = re.compile(r"\b(?:\d[ -]?){13,19}\b")
_PHONE = re.compile(
    r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}(?![\w/])"
)
_STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Square|Sq|"
    r"Terrace|Close|Crescent|Parkway|Pkwy|Highway|Hwy"
)
_ADDRESS = re.compile(
    # English order: number, name, street type ("221B Baker Street, Apt 4", "1600 Pennsylvania Ave NW").
    rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][a-z]+\s){{1,3}}(?:{_STREET_TYPES})\b\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    r"(?:,?\s*(?:Apt|Unit|Flat|Suite)\.?\s*\w+)?"
    # Typed in lower case ("6821 1st ave"), only with street types that are not everyday words.
    r"|\b\d{1,5}[a-z]?\s+(?:[a-z0-9]+\s){1,2}(?i:street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd|pkwy|hwy)\b\.?"
    # French and Italian order: number, street word, name ("12 rue de la Paix", "5 via Roma").
    r"|\b\d{1,5}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|impasse|all[ée]e|quai|via|viale|"
    r"piazza|corso)\s+(?:(?:de|du|des|la|le|l'|d'|del|della|di)\s*)*[A-ZÀ-Ý][\w'-]+(?:\s[A-ZÀ-Ý][\w'-]+)*"
    # Spanish and Portuguese order: street word, name, number ("Calle Mayor 5", "Rua Augusta, 120").
    r"|\b(?:Calle|C/|Avenida|Avda\.?|Av\.|Paseo|Plaza|Rua|Travessa|Carrer)\s+(?:(?:de|del|la|das|dos|da|do)\s+)*"
    r"[A-ZÀ-Ý][\w'-]+(?:\s[A-ZÀ-Ý][\w'-]+)*,?\s+\d{1,5}[A-Za-z]?\b"
    # German and Dutch: one word ending in the street type, then the number ("Hauptstraße 12").
    r"|\b[A-ZÄÖÜ][\wäöüß-]*(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|straat|laan|gracht|plein)"
    r"\s+\d{1,5}[a-z]?\b"
)


def _luhn(number: str) -> bool:
    digits = [int(d) for d in number if d.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")


def _phone_like(value: str) -> bool:
    """Seven digits or more, and not a date."""
    return sum(c.isdigit() for c in value) >= 7 and not _DATE.fullmatch(value.strip())


@dataclass
class PiiMasker:
    """Replaces emails, payment cards, phone numbers, street addresses and custom patterns.

    One masker per draft: the same value gets the same placeholder everywhere it appears, so the
    model can refer to it, and `unmask` restores it in the reply.
    """

    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    _values: dict[str, str] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def with_patterns(cls, extra: dict[str, str]) -> PiiMasker:
        """A masker with extra named patterns (e.g. {"ORDER": r"BW-\\d{6}"})."""
        return cls(patterns={name.upper(): re.compile(p) for name, p in extra.items()})

    def _placeholder(self, kind: str, value: str) -> str:
        for placeholder, known in self._values.items():
            if known == value:
                return placeholder
        self._counts[kind] = self._counts.get(kind, 0) + 1
        placeholder = f"[{kind}_{self._counts[kind]}]"
        self._values[placeholder] = value
        return placeholder

    def mask(self, text: str) -> str:
        """The text with personal data replaced by placeholders."""
        text = _EMAIL.sub(lambda m: self._placeholder("EMAIL", m.group(0)), text)
        for kind, pattern in self.patterns.items():
            text = pattern.sub(lambda m, k=kind: self._placeholder(k, m.group(0)), text)  # type: ignore[misc]
        text = _CARD.sub(
            lambda m: self._placeholder("CARD", m.group(0)) if _luhn(m.group(0)) else m.group(0), text
        )
        text = _ADDRESS.sub(lambda m: self._placeholder("ADDRESS", m.group(0)), text)
        text = _PHONE.sub(
            lambda m: self._placeholder("PHONE", m.group(0)) if _phone_like(m.group(0)) else m.group(0), text
        )
        return text

    def unmask(self, text: str) -> str:
        """Real values back in place of the placeholders."""
        for placeholder, value in self._values.items():
            text = text.replace(placeholder, value)
        return text

    @property
    def values(self) -> list[str]:
        """Every value masked so far."""
        return list(self._values.values())
