"""Street addresses, and the rest of the postal address around them (flat, city, state, postcode,
country) up to where the sentence goes on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.safety.pii_detectors import Found
from drafter.text.words import FUNCTION_WORDS

_STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Square|Sq|"
    r"Terrace|Tce|Close|Crescent|Cres|Parkway|Pkwy|Highway|Hwy|Row|Grove|Gardens|Mews|Walk|Hill|Circle|Cir|"
    r"Trail|Trl|Alley|Path|Park"
)
# Street types that are not everyday words, safe to recognise when typed in lower case.
_LOWER_TYPES = (
    r"street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd|pkwy|hwy|drive|dr|terrace|crescent|court|ct"
)
_STREET = re.compile(
    # English order: number, name, street type ("221B Baker Street", "1600 Pennsylvania Ave NW").
    rf"\b\d{{1,5}}[A-Za-z]?(?:[-/]\d{{1,4}})?,?\s+(?:[A-Z][a-z']+\s){{1,3}}(?:{_STREET_TYPES})\b\.?"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    # Typed in lower case ("6821 1st ave"); "way" only when a place follows ("42 wallaby way, sydney").
    rf"|\b\d{{1,5}}[a-z]?\s+(?:[a-z0-9']+\s){{1,2}}(?:{_LOWER_TYPES})\b\.?"
    rf"|\b\d{{1,5}}[a-z]?\s+(?:[a-z']+\s){{1,2}}(?i:{_STREET_TYPES})(?=,\s*[a-z])"
    # Flat first ("Flat 3, 12 High Street" is found from the number).
    # French and Italian order: number, street word, name ("12 rue de la Paix", "5 via Roma").
    r"|\b\d{1,5}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|impasse|all[ée]e|quai|via|"
    r"viale|"
    r"piazza|corso|cours)\s+(?:(?:de|du|des|la|le|l'|d'|del|della|di|"
    r"dei)\s*)*[A-ZÀ-Ýa-zà-ÿ][\w'-]+(?:\s[A-ZÀ-Ý][\w'-]+)*"
    # Spanish and Portuguese order: street word, name, number ("Calle Mayor 5", "Rua Augusta, 120").
    r"|\b(?:Calle|C/|Avenida|Avda\.?|Av\.|Paseo|Plaza|Rua|Travessa|Carrer|Via|Viale|Piazza)\s+"
    r"(?:(?:de|del|la|das|dos|da|"
    r"do)\s+)*[A-ZÀ-Ý][\w'-]+(?:\s[A-ZÀ-Ý][\w'-]+)*,?\s+(?:n[º°o]\.?\s*)?\d{1,5}[A-Za-z]?\b"
    # German and Dutch: one word ending in the street type, then the number ("Hauptstraße 12").
    r"|\b[A-ZÄÖÜ][\wäöüß-]*(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|straat|laan|gracht|plein|"
    r"kade|dijk)"
    r"\s+\d{1,5}[a-z]?\b"
)
_UNIT = re.compile(
    r"\s*,?\s*(?:apt|apartment|unit|flat|suite|ste|floor|fl|#|piso|étage|etage|wohnung|"
    r"bus)\.?\s*#?\s*[\w-]{1,6}\b",
    re.IGNORECASE,
)
# What may follow a street within the same address: words of a place name, a state, a postcode.
_PART = re.compile(
    r"(?:[A-ZÀ-Ý][\w'.-]*|[A-Z]{2,3}|\d[A-Z]{2}\b|\d[A-Z]\d\b|\d{4,5}(?:-\d{3,4})?|"
    r"[A-Z]\d[A-Z0-9]?\s?\d[A-Z]{2}|"
    r"[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{2}-\d{3}|\d{4}\s?[A-Z]{2}|[a-zà-ÿ][\w'-]*)"
)
# Words that end an address: the sentence goes on ("42 Wallaby Way, Sydney and I ...").
_STOP_WORDS = FUNCTION_WORDS | {"please", "thanks", "thank", "because", "when", "since", "then", "y", "und"}
_MAX_PARTS = 4
_MAX_WORDS_PER_PART = 3


_SEPARATOR = re.compile(r",[ \t]*|[ \t]*\n[ \t]*|[ \t]+")
_GAP = re.compile(r"[ \t]+")


def _part(text: str, start: int, *, after_comma: bool) -> int:
    """The end of one place part (up to three words) at `start`, or `start` when there is none."""
    end, words, pos = start, 0, start
    while words < _MAX_WORDS_PER_PART:
        token = _PART.match(text, pos)
        if token is None or token.group(0).lower().strip(".") in _STOP_WORDS:
            break
        # Lower-case words are a place only right after a comma ("42 wallaby way, sydney").
        if token.group(0)[:1].islower() and not after_comma:
            break
        end, words = token.end(), words + 1
        gap = _GAP.match(text, end)
        if gap is None:
            break
        pos = gap.end()
    # ... and only when the place ends the clause.
    clause_ends = text[end : end + 1] in ("", ",", "\n", ".", ";", "!", "?")
    if words and text[start:end][:1].islower() and not clause_ends:
        return start
    return end


def _extend(text: str, end: int) -> int:
    """The end of the address that starts with a street ending at `end`."""
    unit = _UNIT.match(text, end)
    if unit:
        end = unit.end()
    for _ in range(_MAX_PARTS):
        separator = _SEPARATOR.match(text, end)
        if separator is None:
            break
        after_comma = "," in separator.group(0) or "\n" in separator.group(0)
        new_end = _part(text, separator.end(), after_comma=after_comma)
        if new_end == separator.end():
            break
        end = new_end
    return end


def find_addresses(text: str) -> Iterator[Found]:
    """Street addresses with the rest of their postal address."""
    last = -1
    for match in _STREET.finditer(text):
        if match.start() < last:
            continue
        end = _extend(text, match.end())
        last = end
        yield Found(match.start(), end, "ADDRESS")
