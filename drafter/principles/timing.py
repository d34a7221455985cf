"""Time limits the knowledge states ("within 14 days of delivery") and how long ago the customer's
order, or what they describe ("I ordered yesterday"), happened: read once, for every later step."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Basis = Literal["delivery", "order"]

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "thirty": 30,
}
_NUMBER = r"\d{1,3}|" + "|".join(_NUMBERS)
_DAYS_PER = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
# "within 14 days of delivery", "within 1 hour of placing it", "within 14 days after you bought it".
_UNIT = r"(?P<unit>hour|day|week|month|year)s?"
_WINDOW = re.compile(
    rf"\bwithin (?P<n>{_NUMBER}) {_UNIT}(?: (?:of|after|from) (?P<basis>[^.,;:]{{3,40}}))?", re.IGNORECASE
)
_DELIVERY = re.compile(r"\b(deliver\w*|arriv\w*|receiv\w*)\b", re.IGNORECASE)
_ORDERING = re.compile(r"\b(order\w*|plac\w*|bought|buy\w*|purchas\w*)\b", re.IGNORECASE)
# How long ago, as the customer says it.
_ABOUT = r"(?:(?:over|about|almost|nearly|more than) )?"
_AGO = re.compile(rf"\b{_ABOUT}(?P<n>{_NUMBER}) {_UNIT} ago\b", re.IGNORECASE)
_BEEN = re.compile(rf"\b(?:it'?s|it has) been {_ABOUT}(?P<n>{_NUMBER}) {_UNIT}\b", re.IGNORECASE)
_LAST = re.compile(r"\blast (?P<unit>week|month|year)\b", re.IGNORECASE)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)


@dataclass(frozen=True)
class Window:
    """A time limit the knowledge states, counted from delivery or from the order."""

    days: float
    basis: Basis
    text: str
    """As the knowledge words it ("14 days", "1 hour")."""


def _count(value: str) -> int:
    return int(value) if value.isdigit() else _NUMBERS[value.lower()]


def window_in(sentence: str, *, unsaid: Basis | None = None) -> Window | None:
    """The time limit a sentence states, when it counts from delivery or from the order; `unsaid`
    is what a limit counts from when the sentence does not say ("sent back within 30 days")."""
    match = _WINDOW.search(sentence)
    if match is None:
        return None
    basis_text = match.group("basis") or ""
    basis: Basis | None = "delivery" if _DELIVERY.search(basis_text) else (
        "order" if _ORDERING.search(basis_text) else None
    )
    basis = basis or (unsaid if not basis_text else None)
    if basis is None:
        return None
    n, unit = _count(match.group("n")), match.group("unit").lower()
    return Window(days=n * _DAYS_PER[unit], basis=basis, text=f"{n} {unit}{'s' if n != 1 else ''}")


def days_ago(text: str) -> float | None:
    """How long ago the customer says something happened ("yesterday", "two weeks ago"), in days."""
    for pattern in (_AGO, _BEEN):
        match = pattern.search(text)
        if match:
            return _count(match.group("n")) * _DAYS_PER[match.group("unit").lower()]
    last = _LAST.search(text)
    if last:
        return float(_DAYS_PER[last.group("unit").lower()])
    return 1.0 if _YESTERDAY.search(text) else None
