"""Dates as a reply says them: "2 October 2026" reads better than 2026-10-02 and, unlike "47 days
ago", stays true whenever the reply is read."""

from __future__ import annotations

from datetime import date

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}
_PATTERNS = {
    "en": "{day} {month} {year}",
    "es": "{day} de {month} de {year}",
    "fr": "{day} {month} {year}",
    "de": "{day}. {month} {year}",
}


def spoken_date(iso: str, language: str = "en") -> str:
    """An ISO date in words for the reply's language; ISO itself for a language without month names here
    or a value that is not a date."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    months = _MONTHS.get(language)
    if months is None:
        return day.isoformat()
    month = months.split()[day.month - 1]
    return _PATTERNS[language].format(day=day.day, month=month, year=day.year)
