"""Mask personal data with placeholders before text leaves; put back locally only what may go back.

Each masked value remembers where it came from. A value the customer wrote in this ticket (or
its conversation), the customer's own name and email from their profile, and text from the help
centre may be put back into the reply. A value that came only from internal notes, history or
orders is never put back silently: the reply gets a "[... withheld]" marker in its place and the
draft a `pii_withheld` warning, so an agent decides whether it belongs in a reply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from drafter.domain import DraftWarning
from drafter.safety.pii_addresses import find_addresses
from drafter.safety.pii_detectors import (
    CARD,
    CARD_END,
    CARD_STARRED,
    CITY_ZIP,
    CVV,
    DOB,
    EMAIL,
    EXPIRY,
    IBAN,
    KINDS,
    LABELLED_POSTCODE,
    NATIONAL_ID,
    NINO,
    PASSPORT,
    PHONE,
    PO_BOX,
    POSTCODE,
    SSN,
    STATE_ZIP,
    Detector,
    Found,
)

Source = Literal["ticket", "customer", "knowledge", "draft", "record"]
"""Where masked text came from: the customer's words in this ticket, the customer's own profile
identity (name, email, phone), the help centre, a draft the agent already has, or the record
(internal notes, history, orders), whose values are never put back silently."""
RESTORABLE: frozenset[Source] = frozenset({"ticket", "customer", "knowledge", "draft"})

# Label-bound and checksummed kinds first: they are the surest, and claim their characters.
_LABELLED: tuple[Detector, ...] = (
    EMAIL,
    IBAN,
    CARD,
    CARD_END,
    CARD_STARRED,
    CVV,
    EXPIRY,
    DOB,
    PASSPORT,
    NATIONAL_ID,
    SSN,
    NINO,
    PO_BOX,
)
# Addresses come between: a postcode inside an address belongs to the address.
_POSTCODES: tuple[Detector, ...] = (POSTCODE, LABELLED_POSTCODE, STATE_ZIP, CITY_ZIP)
_WITHHELD = {
    "EMAIL": "email address",
    "IBAN": "bank account",
    "CARD": "card number",
    "CARD_END": "card reference",
    "CVV": "security code",
    "EXPIRY": "card expiry date",
    "DOB": "date of birth",
    "PASSPORT": "passport number",
    "NATIONAL_ID": "id number",
    "PO_BOX": "PO box",
    "ADDRESS": "address",
    "POSTCODE": "postcode",
    "PHONE": "phone number",
    "NAME": "name",
}
_PLACEHOLDER = re.compile(r"\[([A-Z][A-Z0-9_]*?)_(\d+)\]")


def find_personal_data(text: str, extra: Iterable[Detector] = ()) -> list[Found]:
    """Non-overlapping spans of personal data, surest kinds first, in text order."""
    claimed: list[Found] = []

    def free(span: Found) -> bool:
        return all(span.end <= c.start or span.start >= c.end for c in claimed)

    for detector in (*extra, *_LABELLED):
        claimed.extend(span for span in detector.find(text) if free(span))
    for span in find_addresses(text):
        # An address runs up to whatever was claimed inside it ("..., sydney, PO Box 1234").
        inside = [c.start for c in claimed if span.start < c.start < span.end]
        end = min(inside, default=span.end)
        end = span.start + len(text[span.start : end].rstrip(" ,;\n"))
        trimmed = Found(span.start, end, span.kind)
        if end > span.start and free(trimmed):
            claimed.append(trimmed)
    for detector in (*_POSTCODES, PHONE):
        claimed.extend(span for span in detector.find(text) if free(span))
    return sorted(claimed, key=lambda s: s.start)


@dataclass
class PiiMasker:
    """Replaces personal data with placeholders such as `[EMAIL_1]`, remembering where each value
    came from.

    One masker per draft: the same value gets the same placeholder everywhere it appears, so the
    model can refer to it, and `unmask` restores the values that may go back into a reply.
    """

    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    _values: dict[str, str] = field(default_factory=dict)
    _sources: dict[str, set[Source]] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)
    _known: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)

    @classmethod
    def with_patterns(cls, extra: dict[str, str]) -> PiiMasker:
        """A masker with extra named patterns (e.g. {"ORDER": r"BW-\\d{6}"})."""
        return cls(patterns={name.upper(): re.compile(p) for name, p in extra.items()})

    def know_customer(self, *, name: str | None, email: str | None = None, phone: str | None = None) -> None:
        """Mask the customer's own name (whole, and each part of it), email and phone wherever they appear."""
        if email:
            self._known.append(("EMAIL", re.compile(re.escape(email), re.IGNORECASE)))
        if phone and len(re.sub(r"\D", "", phone)) >= 6:
            self._known.append(("PHONE", re.compile(re.escape(phone))))
        if name and name.strip():
            parts = [p for p in re.split(r"[\s,]+", name.strip()) if len(p) >= 2]
            options = sorted({name.strip(), *parts}, key=len, reverse=True)
            alternatives = "|".join(re.escape(o) for o in options)
            self._known.append(
                ("NAME", re.compile(rf"(?<![\w@.])(?:{alternatives})(?![\w@])", re.IGNORECASE))
            )

    def _placeholder(self, kind: str, value: str, source: Source) -> str:
        for placeholder, known in self._values.items():
            if known == value or (kind == "NAME" and known.lower() == value.lower()):
                self._sources[placeholder].add(source)
                return placeholder
        self._counts[kind] = self._counts.get(kind, 0) + 1
        placeholder = f"[{kind}_{self._counts[kind]}]"
        self._values[placeholder] = value
        self._sources[placeholder] = {source}
        return placeholder

    def _extra(self) -> list[Detector]:
        custom = [Detector(kind, pattern) for kind, pattern in self.patterns.items()]
        return [*(Detector(kind, pattern) for kind, pattern in self._known), *custom]

    def mask(self, text: str, *, source: Source = "record") -> str:
        """The text with personal data replaced by placeholders.

        Args:
            text: what is about to leave.
            source: where it came from; decides whether its values may be put back (`RESTORABLE`).
        """
        # Known values (the customer's name) and custom patterns run first: they are ours to name.
        spans = find_personal_data(text, self._extra())
        out, last = [], 0
        for span in spans:
            out.append(text[last : span.start])
            out.append(self._placeholder(span.kind, text[span.start : span.end], source))
            last = span.end
        out.append(text[last:])
        return "".join(out)

    def unmask(self, text: str) -> str:
        """Real values back in place of the placeholders that may go back; the rest withheld."""

        def put_back(match: re.Match[str]) -> str:
            placeholder = match.group(0)
            if placeholder not in self._values:
                return placeholder
            if self._sources[placeholder] & RESTORABLE:
                return self._values[placeholder]
            return f"[{_WITHHELD.get(match.group(1), 'personal data')} withheld]"

        return _PLACEHOLDER.sub(put_back, text)

    def withheld(self, text: str) -> list[str]:
        """Placeholders in a reply whose values came only from notes, history or orders."""
        found = dict.fromkeys(m.group(0) for m in _PLACEHOLDER.finditer(text))
        return [p for p in found if p in self._values and not self._sources[p] & RESTORABLE]

    def withheld_warnings(self, text: str) -> list[DraftWarning]:
        """A warning for each value the reply named that was left out (see `withheld`)."""
        warnings = []
        for placeholder in self.withheld(text):
            kind = _PLACEHOLDER.fullmatch(placeholder).group(1)  # type: ignore[union-attr]
            what = _WITHHELD.get(kind, "personal data")
            warnings.append(
                DraftWarning(
                    code="pii_withheld",
                    message=f"the reply named a {what} from the customer's notes or history; it was left "
                    f"out ('[{what} withheld]'): add it yourself only if it belongs in this reply",
                )
            )
        return warnings

    @property
    def values(self) -> list[str]:
        """Every value masked so far."""
        return list(self._values.values())


__all__ = ["KINDS", "RESTORABLE", "PiiMasker", "Source", "find_personal_data"]
