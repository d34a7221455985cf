"""Text as a reader sees it: one form for look-alike letters, no invisible characters, one space.

Attackers reword around a pattern with characters a person does not notice: a Cyrillic "о" in
"ignоre", a zero-width space inside a word, two spaces or a line break inside a phrase, full-width
letters; or with forms a person reads through at once: words spelled letter by letter ("i g n o r e",
"I-G-N-O-R-E") and digits for letters ("1gn0r3 pr3v10us"). `skeleton` undoes all of these before
anything is matched (it is for matching only: nothing shown to anyone is rewritten); `is_blank`
tells text that only looks non-empty (NULs, zero-width characters) from text a person could answer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

from drafter.safety.lexicon import is_word, split_words

# Format (Cf: zero-width space and joiners, soft hyphen, bidi controls) and control (Cc)
# characters, except the whitespace controls that separate words.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs", "Cn"})
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_SPACES = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S+")

# A character that can stand for a letter: a letter or digit of any script, or a sign used for one.
_CHAR = r"(?:[^\W_]|[@$])"
# What may stand between two letters of a spelled-out word, or between two of its words.
_GAP = r"[\s.\-_*|/+~,;:·•'’]{1,4}"
# A run of single characters, each on its own between gaps: "i g n o r e  a l l", "I-G-N-O-R-E".
_SPELLED_RUN = re.compile(rf"(?<!{_CHAR}){_CHAR}(?!{_CHAR})(?:{_GAP}{_CHAR}(?!{_CHAR}))+")
_SPELLED_GAP = re.compile(_GAP)
_SPELLED_MIN = 4
"""Single characters in a row from which a run is read as spelled-out words (initials and "a b c"
lists are shorter or harmless either way)."""
_RUN_TO_SPLIT = 8
"""Letters from which a spelled-out word that is no known word is read as several written without
a break ("i g n o r e a l l" -> "ignoreall" -> "ignore all")."""
_MERGED_WORDS = 10
"""Letters a word on average from which a spelled-out run is read as words written without breaks
(English words average about five)."""
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_MEAN_SPLIT_WORD = 3
"""Letters a word at least, on average, for such a split to be believed (not "a b c d e f")."""
_SENTENCE_MARKS = frozenset(",;:.!?")
_JOINING_MARKS = frozenset("'’-")

# Digits and signs written for letters, read back only inside a word that also has letters.
_LEET = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_SIGN = re.compile(r"[134570@$]")
_LEET_TOKEN = re.compile(r"(?:[^\W_]|[@$])(?:[^\W_]|[@$'’])*")
_DIGIT_RUN = re.compile(r"\d{3}")
_KNOWN_LEET = 4
"""Letters from which a token kept as a name or an id is read back all the same when it spells a
known word ("d@7@" -> "data")."""
# Prices: "$500", "us$500", "500$".
_PRICE = re.compile(r"(?:us|au|ca|nz|hk|sg|a|c|r|s)?\$\d+|\d+\$")
# Quantities, times, ordinals and sizes: "10am", "4th", "50kg", "4k", "30min".
_QUANTITY = re.compile(
    r"\d+(?:st|nd|rd|th|am|pm|h|hr|hrs|min|mins|sec|secs|s|ms|m|mm|cm|km|kg|g|mg|lb|lbs|oz|ml|l|gb|mb|kb|"
    r"tb|k|x|p|d|w|v|hz|khz|mhz|ghz|mah|fps|px|in|ft|yr|yrs|mo|wk|wks|day|days|eur|usd|gbp|chf|aud|cad)"
)
# A model or part name, as written (before lower case): capitals then a number ("X100", "MP3",
# "RTX4070"), or a capitalised name then a number of two digits or more ("Win10", "iPhone15").
_MODEL_NAME = re.compile(r"[A-Z]{1,3}\d+|[^\W\d_]*[A-Z][^\W\d_]*\d{2,}")
# A chunk that is an address: an email, a link.
_ADDRESS = re.compile(r"@[\w-]+\.[^\W\d_]{2,}|://|^www\.", re.IGNORECASE)


def _invisible(char: str) -> bool:
    return char not in _WHITESPACE_CONTROLS and unicodedata.category(char) in _INVISIBLE_CATEGORIES


def strip_invisible(text: str) -> str:
    """The text without NULs, zero-width characters and other marks that print as nothing."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(c for c in text if not _invisible(c))


def readable(text: str) -> str:
    """The text in compatibility form (NFKC: full-width letters and stops, ligatures) without
    invisible characters: what a reader sees, still in its own case and letters."""
    if text.isascii() and text.isprintable():
        return text
    return strip_invisible(unicodedata.normalize("NFKC", text))


def is_blank(text: str) -> bool:
    """True when nothing a person could read is left once invisible characters and spaces go."""
    return not strip_invisible(text).strip()


@lru_cache(maxsize=4096)
def _latin_lookalike(char: str) -> str:
    """The ASCII letter or digit a character is drawn like ("о" Cyrillic -> "o"), or the character."""
    found = confusables.is_confusable(char, preferred_aliases=["latin", "common"], greedy=True)
    if not found:
        return char
    for homoglyph in found[0]["homoglyphs"]:
        candidate = str(homoglyph["c"])
        if len(candidate) == 1 and candidate.isascii() and candidate.isalnum():
            return candidate
    return char


def skeleton(text: str) -> str:
    """Lower-case text with compatibility forms folded (NFKC), look-alike letters read as the Latin
    ones they imitate, invisible characters removed and every run of spaces and line breaks one space.

    Only words that mix scripts are folded: a Russian or Greek word keeps its letters, so text in
    those languages is matched as written.
    """
    text = _joined_spelling(strip_invisible(unicodedata.normalize("NFKC", text)))
    if not text.isascii():
        text = _NON_SPACE.sub(lambda m: _fold_mixed_word(m.group(0)), text)
    if _LEET_SIGN.search(text):
        # Before lower case: capitals tell a model name ("MP3") from a word ("wip3").
        text = _NON_SPACE.sub(lambda m: _read_leet(m.group(0)), text)
    return _SPACES.sub(" ", text).strip().lower()


def _joined_spelling(text: str) -> str:
    """Words spelled letter by letter joined up: "i g n o r e  a l l" -> "ignore all",
    "I-G-N-O-R-E A-L-L" -> "IGNORE ALL". The gap used most inside the run separates letters; a wider
    or different one ("  ", " / ", a space between dashed letters) separates words."""
    if not _SPELLED_RUN.search(text):
        return text
    return _SPELLED_RUN.sub(_join_run, text)


def _join_run(match: re.Match[str]) -> str:
    run = match.group(0)
    chars = _SPELLED_GAP.split(run)
    gaps = _SPELLED_GAP.findall(run)
    letters = sum(c.isalpha() for c in chars)
    # Digits alone ("0 7 9 1 1", "1 2 3 4") are numbers read out, not a word.
    if len(chars) < _SPELLED_MIN or letters < 3 or 2 * letters < len(chars):
        return run
    inner = max(set(gaps), key=gaps.count)
    if _longest_streak(gaps, inner) < _SPELLED_MIN - 1:
        return run  # no word of four letters spelled with one gap: "a: 2 p.m."
    joined = [chars[0]]
    for gap, char in zip(gaps, chars[1:], strict=True):
        if gap != inner:
            joined.append(_word_break(gap, inner))
        joined.append(char)
    text = "".join(joined)
    found = _LETTER_RUN.findall(text)
    if sum(map(len, found)) < _MERGED_WORDS * len(found):
        return text  # its words are broken apart: a long one is one word, not several
    return _LETTER_RUN.sub(lambda m: _unbroken(m.group(0)), text)


def _unbroken(word: str) -> str:
    """A spelled-out word that no known word matches, read as the known words written without a
    break between them, when they spell it exactly ("IGNOREALLPREVIOUS" -> "IGNORE ALL PREVIOUS")."""
    if len(word) < _RUN_TO_SPLIT or is_word(word.lower()):
        return word
    pieces = split_words(word.lower())
    if pieces is None or len(pieces) < 2 or len(word) < _MEAN_SPLIT_WORD * len(pieces):
        return word
    found, at = [], 0
    for piece in pieces:
        found.append(word[at : at + len(piece)])
        at += len(piece)
    return " ".join(found)


def _word_break(gap: str, inner: str) -> str:
    """What a gap other than the one between letters stands for: an apostrophe or hyphen inside a
    word ("d-o-n'-t", "p.r.e-.p.a.i.d"), else a space after any stop or comma it holds."""
    rest = "".join(c for c in gap if c not in inner)
    if rest and set(rest) <= _JOINING_MARKS:
        return rest
    return "".join(c for c in rest if c in _SENTENCE_MARKS) + " "


def _longest_streak(gaps: list[str], gap: str) -> int:
    longest = streak = 0
    for found in gaps:
        streak = streak + 1 if found == gap else 0
        longest = max(longest, streak)
    return longest


def _read_leet(chunk: str) -> str:
    """A chunk (text between spaces) with digits and signs that stand for letters inside its words
    read as those letters ("1gn0r3" -> "ignore", "@ppr0v3d" -> "approved"). Numbers, prices,
    quantities ("10am", "4th"), model names ("X100", "E1", "4K") and addresses are left alone."""
    if chunk.isalpha() or _ADDRESS.search(chunk):
        return chunk
    return _LEET_TOKEN.sub(lambda m: _leet_word(m.group(0)), chunk)


def _leet_word(token: str) -> str:
    letters = sum(c.isalpha() for c in token)
    if letters == 0 or letters == len(token):
        return token
    if any(c.isdigit() and c not in "134570" for c in token):
        return token  # a 2, 6, 8 or 9 stands for no letter: a code or an id
    if any(s.fullmatch(token.lower()) for s in (_QUANTITY, _PRICE)):
        return token
    read = token.translate(_LEET)
    # One letter is a name like "e1", "4k" or "x100", unless signs stand on both sides of it ("4r3");
    # a number inside an id ("ab1034cd") or after a capitalised name ("Win10") is kept. Unless what
    # it reads as is a known word of four letters or more: "d@7@", "l3773r", "Forg37".
    enclosed = len(token) >= 3 and not token[0].isalpha() and not token[-1].isalpha()
    kept = (letters == 1 and not enclosed) or _DIGIT_RUN.search(token) or _MODEL_NAME.fullmatch(token)
    if kept and not (len(read) >= _KNOWN_LEET and is_word(read.lower())):
        return token
    return read


def _fold_mixed_word(word: str) -> str:
    if word.isascii():
        return word
    # Accented Latin letters count as Latin: "аñо" with a Cyrillic "а" and "о" is Spanish "año".
    latin = sum(c.isalpha() and (c.isascii() or unicodedata.name(c, "").startswith("LATIN")) for c in word)
    if latin == 0 and len(word) > 1:
        # A word wholly in another script is that language, unless every letter imitates Latin.
        folded = "".join(_latin_lookalike(c) for c in word)
        return folded if folded.isascii() else word
    return "".join(_latin_lookalike(c) if not c.isascii() else c for c in word)
