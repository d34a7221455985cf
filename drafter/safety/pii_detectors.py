"""Where personal data sits in a text: one detector per kind, each a pattern and, where the value
carries one, a check (Luhn for cards, ISO 7064 for IBANs) so ordinary numbers are left alone.

Values that only a label tells apart from ordinary numbers (a passport number, a date of birth, a
CVV, a national id) are found by their labels, in English, Spanish, French, German, Italian,
Dutch and Portuguese; the label stays in the text and only the value is masked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stdnum import iban, luhn

# Kinds, in the order their detectors win when two claim the same characters.
KINDS = (
    "EMAIL",
    "IBAN",
    "CARD",
    "CARD_END",
    "CVV",
    "EXPIRY",
    "DOB",
    "PASSPORT",
    "NATIONAL_ID",
    "PO_BOX",
    "ADDRESS",
    "POSTCODE",
    "PHONE",
)

_SEP = r"(?!\w)\s*(?:(?:is|was|are|:|=|-|–|#|nº|n°|no\.?|number|num\.?|nr\.?)\s*){0,3}"
_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
    r"sep(?:t(?:ember)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
    r"januar|februar|m[äa]rz|juni|juli|oktober|dezember|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er|º)?\.?\s+(?:of\s+|de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)


@dataclass(frozen=True)
class Found:
    """A span of personal data: where it is and what kind."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Detector:
    """One kind of personal data: a pattern, the group holding the value, and an optional check."""

    kind: str
    pattern: re.Pattern[str]
    group: int | str = 0
    check: Callable[[str], bool] | None = None

    def find(self, text: str) -> Iterator[Found]:
        """Every span of this kind in the text."""
        for match in self.pattern.finditer(text):
            value = match.group(self.group)
            if value and (self.check is None or self.check(value)):
                yield Found(match.start(self.group), match.end(self.group), self.kind)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _is_card(value: str) -> bool:
    digits = _digits(value)
    return 13 <= len(digits) <= 19 and luhn.is_valid(digits)


def _is_iban(value: str) -> bool:
    # The ISO 7064 check and the country's IBAN length; national check digits inside the account
    # number vary by bank and are not needed to know that this is an IBAN.
    return iban.is_valid(re.sub(r"[\s-]", "", value).upper(), check_country=False)


_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")


def _is_phone(value: str) -> bool:
    """Seven digits or more, and not a date."""
    return len(_digits(value)) >= 7 and not _DATE_ONLY.fullmatch(value.strip())


def _has_digits(count: int) -> Callable[[str], bool]:
    return lambda value: len(_digits(value)) >= count


_I = re.IGNORECASE

EMAIL = Detector("EMAIL", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"))


class IbanDetector(Detector):
    """IBANs, compact or in groups of four, that pass the ISO 7064 check; a group of words read
    after one ("... 19 and") is dropped until the check passes."""

    def find(self, text: str) -> Iterator[Found]:
        """Every valid IBAN in the text."""
        pos = 0
        while (match := self.pattern.search(text, pos)) is not None:
            value, pos = match.group(0), match.start() + 1
            while len(re.sub(r"[\s-]", "", value)) >= 15:
                if _is_iban(value):
                    yield Found(match.start(), match.start() + len(value), self.kind)
                    pos = match.start() + len(value)
                    break
                value = re.sub(r"[\s-]*[A-Z0-9]{1,4}$", "", value, flags=re.IGNORECASE)


IBAN = IbanDetector("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{1,4}){3,8}\b(?!@)", re.IGNORECASE))
CARD = Detector("CARD", re.compile(r"\b(?:\d[ -]?){12,18}\d\b"), check=_is_card)
CARD_END = Detector(
    "CARD_END",
    re.compile(
        # "card ending 4444", "Visa ending in 4444", "last four digits 4444", "**** 4444".
        r"(?:(?:card|visa|master\s?card|amex|american express|discover|debit|credit|tarjeta|carte|karte)"
        r"\b[^.\n\d]{0,40}?\b(?:ending|ends|finishing|terminada|termin[ée]e|endet)(?:\s+(?:in|with|on|en|"
        r"par|mit))?"
        r"|last\s+(?:4|four)(?:\s+digits)?(?:\s+(?:are|is|of|on))?(?:\s+(?:the|my)\s+card)?)"
        r"\s*[:#-]?\s*(?P<value>\d{4})\b"
        r"|(?P<starred>(?:[*xX•·]{4}[\s-]?){1,3}\d{4})\b",
        _I,
    ),
    group="value",
)
CARD_STARRED = Detector("CARD_END", CARD_END.pattern, group="starred")
CVV = Detector(
    "CVV",
    re.compile(
        r"\b(?:cvv2?|cvc2?|cid|csc|security\s+code|card\s+verification\s+(?:code|value|number)|"
        r"c[oó]digo\s+de\s+seguridad|cryptogramme|pr[üu]fnummer)" + _SEP + r"(?P<value>\d{3,4})\b",
        _I,
    ),
    group="value",
)
EXPIRY = Detector(
    "EXPIRY",
    re.compile(
        r"\b(?:exp(?:iry|ires|iration|ira)?|valid\s+(?:thru|through|until)|good\s+thru|vence|caducidad|"
        r"g[üu]ltig\s+bis|ablauf(?:datum)?|date\s+d'expiration|scadenza)(?:\s+date)?\.?"
        r"\s*(?:is|on|:|=|-)?\s*(?P<value>(?:0?[1-9]|1[0-2])\s?[/.-]\s?(?:20)?\d{2})\b",
        _I,
    ),
    group="value",
)
DOB = Detector(
    "DOB",
    re.compile(
        r"\b(?:date\s+of\s+birth|d\.?o\.?b\.?|birth\s?date|birthday|born(?:\s+on)?|"
        r"fecha\s+de\s+nacimiento|date\s+de\s+naissance|n[ée]e?\s+le|geburtsdatum|geboren(?:\s+am)?|"
        r"data\s+di\s+nascita|geboortedatum|data\s+de\s+nascimento)" + _SEP + rf"(?P<value>{_DATE})",
        _I,
    ),
    group="value",
)
PASSPORT = Detector(
    "PASSPORT",
    re.compile(
        r"\b(?:passport|pasaporte|passeport|reisepass|passaporto|paspoort|passaporte)"
        + _SEP
        + r"(?P<value>[A-Z0-9]{1,3}[ -]?\d[A-Z0-9]{4,8})\b",
        _I,
    ),
    group="value",
    check=_has_digits(5),
)
NATIONAL_ID = Detector(
    "NATIONAL_ID",
    re.compile(
        r"\b(?:ssn|social\s+security(?:\s+(?:number|no\.?))?|national\s+insurance(?:\s+(?:number|no\.?))?|"
        r"ni\s+number|nino|national\s+id(?:entity)?(?:\s+card)?|(?:id|identity)\s+card|id\s+number|"
        r"dni|nie|nif|bsn|burgerservicenummer|codice\s+fiscale|personalausweis(?:nummer)?|steuer-?id|"
        r"tax\s+(?:id|number)|sin|personnummer|pesel|cpf|carte\s+d'identit[ée]|"
        r"num[ée]ro\s+de\s+s[ée]curit[ée]\s+sociale)"
        + _SEP
        + r"(?P<value>[A-Z0-9](?:[A-Z0-9]|[ .-](?=[A-Z0-9])){4,19})",
        _I,
    ),
    group="value",
    check=_has_digits(4),
)
SSN = Detector("NATIONAL_ID", re.compile(r"\b\d{3}-\d{2}-\d{4}\b"))
NINO = Detector(
    "NATIONAL_ID", re.compile(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
)
PO_BOX = Detector(
    "PO_BOX",
    re.compile(
        r"\b(?:p\.?\s?o\.?\s?box|post\s+office\s+box|postfach|apartado(?:\s+de\s+correos)?|"
        r"bo[iî]te\s+postale|b\.?p\.?|casella\s+postale|postbus)\s*#?\s*\d{1,7}\b",
        _I,
    ),
)
_PHONE = re.compile(
    r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}(?![\w/])"
)
PHONE = Detector("PHONE", _PHONE, check=_is_phone)

# Postcodes whose shape alone is telling enough.
POSTCODE = Detector(
    "POSTCODE",
    re.compile(
        # US ZIP+4; UK; Canada; Ireland's Eircode.
        r"\b\d{5}-\d{4}\b"
        r"|\b(?:[A-PR-UWYZ](?:\d[\dA-HJKPSTUW]?|[A-HK-Y]\d[\dABEHMNPRVWXY]?)\s?\d[ABD-HJLNP-UW-Z]{2})\b"
        r"|\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b"
        r"|\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[AC-FHKNPRTV-Y0-9]{4}\b(?=\s|$|[,.])",
    ),
    check=_has_digits(1),
)
_STATES = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|"
    r"NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|NSW|VIC|QLD|WA|SA|TAS|ACT|NT|"
    r"ON|QC|BC|AB|MB|SK|NS|NB|NL|PE"
)
# Postcodes that look like any number: only with a label, a state, or a city after them.
LABELLED_POSTCODE = Detector(
    "POSTCODE",
    re.compile(
        r"\b(?:post\s?code|postal\s+code|zip(?:\s?code)?|plz|code\s+postal|c[oó]digo\s+postal|cap|postcode)"
        + _SEP
        + r"(?P<value>[A-Z0-9]{2,5}(?:[ -][A-Z0-9]{2,4})?)\b"
        rf"|\b(?-i:{_STATES})\.?,?\s+(?P<state_zip>\d{{4,5}}(?:-\d{{4}})?)\b"
        # "10115 Berlin", "75001 Paris", "1012 AB Amsterdam", "00-950 Warszawa", where a line, a comma
        # or "to/in/at" puts it: "order 12345 Thanks" is no postcode.
        r"|(?:^|(?<=[,\n])|(?<=\bto\s)|(?<=\bin\s)|(?<=\bat\s))\s*"
        r"(?P<city_zip>\b(?:\d{5}|(?!19|20)\d{4}|\d{2}-\d{3}|\d{4}-\d{3}|\d{3}\s\d{2}|(?-i:\d{4}\s?[A-Z]{2}))"
        r"(?=\s+(?-i:[A-ZÀ-Ý][a-zà-ÿ]{2,})))",
        _I,
    ),
    group="value",
    check=_has_digits(2),
)
STATE_ZIP = Detector("POSTCODE", LABELLED_POSTCODE.pattern, group="state_zip")
CITY_ZIP = Detector("POSTCODE", LABELLED_POSTCODE.pattern, group="city_zip")
