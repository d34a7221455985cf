"""Time limits the knowledge states ("within 14 days of delivery") and how long ago the customer's
order, or what they describe ("I ordered yesterday"), happened: read once, for every later step."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from drafter.text.sentences import sentences

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
# "an order from early October", "my lamp from Dec 2024", "I bought it in September".
_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_MONTH = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_PART = r"early|mid|late|the (?:start|beginning|middle|end) of"
_IN_MONTH = re.compile(
    rf"\b(?P<prep>from|since|in|back in|during)\s+(?:(?P<part>{_PART})[\s-]+)?"
    rf"(?P<month>{_MONTH})\b\.?(?:,?\s+(?P<year>20\d\d))?",
    re.IGNORECASE,
)
# "in" a month says when only beside something that happened; "from" and "since" always do.
_HAPPENED = re.compile(
    r"\b(?:bought|ordered|purchased|got|received|arrived|delivered|paid|placed|came)\b", re.IGNORECASE
)
_AHEAD = re.compile(r"\b(?:will|going to|planning|plan to|next)\b", re.IGNORECASE)
# The latest day a part of a month can mean: a limit is only called passed when it surely is.
_PART_LAST_DAY = {"early": 10, "the start of": 10, "the beginning of": 10, "mid": 20, "the middle of": 20}


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


def days_ago(text: str, today: date | None = None) -> float | None:
    """How long ago the customer says something happened ("yesterday", "two weeks ago", "an order
    from early October" when `today` is given), in days; for a month, counted from its latest day
    the words allow."""
    for pattern in (_AGO, _BEEN):
        match = pattern.search(text)
        if match:
            return _count(match.group("n")) * _DAYS_PER[match.group("unit").lower()]
    last = _LAST.search(text)
    if last:
        return float(_DAYS_PER[last.group("unit").lower()])
    if _YESTERDAY.search(text):
        return 1.0
    return _since_month(text, today) if today is not None else None


def _since_month(text: str, today: date) -> float | None:
    """Days since the month the customer says something happened in, when the sentence says it
    happened (not what they plan) and the month is a name, not the verb "may" or "march"."""
    for sentence in sentences(text):
        if _AHEAD.search(sentence):
            continue
        for match in _IN_MONTH.finditer(sentence):
            month_word = match.group("month")
            if month_word.lower() in ("may", "march", "mar") and not month_word[0].isupper():
                continue
            if match.group("prep").lower() not in ("from", "since") and not _HAPPENED.search(sentence):
                continue
            month = _MONTH_NAMES[month_word.lower()]
            year = int(match.group("year")) if match.group("year") else (
                today.year if month <= today.month else today.year - 1
            )
            last_day = calendar.monthrange(year, month)[1]
            latest = date(year, month, _PART_LAST_DAY.get((match.group("part") or "").lower(), last_day))
            if latest <= today:
                return float((today - latest).days)
    return None
