"""Dates as a reply says them: "2 October 2026" reads better than 2026-10-02 and, unlike "47 days
ago", stays true whenever the reply is read."""

from __future__ import annotations

from datetime import date

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
}
_PATTERNS = {
    "en": "{day} {month} {year}",
    "es": "{day} de {month} de {year}",
    "fr": "{day} {month} {year}",
    "de": "{day}. {month} {year}",
    "it": "{day} {month} {year}",
    "pt": "{day} de {month} de {year}",
}
# Italian and Portuguese say the first of a month as an ordinal ("1º ottobre", "1º de outubro").
_FIRST = {"it": "1º", "pt": "1º"}


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
    said = _FIRST.get(language, "1") if day.day == 1 else str(day.day)
    return _PATTERNS[language].format(day=said, month=month, year=day.year)
