"""Wrong replies made from right ones, for discrimination sets: the answer reversed, a figure changed.

Each mutation changes one thing and keeps the rest of the reply word for word, so a grader that
scores the two alike has missed exactly that change. A mutation returns None when the text offers
nothing it can change; the set then leaves that reply out rather than pairing it with itself.

These rules are grammar, not a grader: they negate an auxiliary or a modal, undo a negation, or put
another value on a figure. They share no word list with the contradiction check they are used to
measure.
"""

from __future__ import annotations

import re

# Auxiliaries and modals, negated by a following "not" ("is" -> "is not").
_AUXILIARIES = ("is", "are", "was", "were", "can", "could", "will", "would", "should", "may", "might",
                "must", "does", "do", "did")  # fmt: skip
# Negated forms and what undoing the negation leaves.
_UNDO = {
    "isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "can't": "can", "cannot": "can",
    "couldn't": "could", "won't": "will", "wouldn't": "would", "shouldn't": "should", "doesn't": "does",
    "don't": "do", "didn't": "did", "hasn't": "has", "haven't": "have", "mustn't": "must",
    "lack": "have", "lacks": "has", "lacked": "had",
}  # fmt: skip
_HAVE = {"has": "does not have", "have": "do not have", "had": "did not have"}
# "has been", "have told": an auxiliary "have", negated in place.
_PARTICIPLE = re.compile(
    r"^(been|\w+ed|said|told|seen|given|made|taken|done|gone|had|got|gotten|heard|found|known|left|kept|"
    r"become|come|shown|chosen|held|brought|bought|thought|felt|written|run|met|paid)$",
    re.I,
)
# The writer's own state of knowledge: "I'm not sure", "I don't see", "I can't say".
_WRITER = frozenset(["i", "i'm", "i've", "i'd", "i'll"])
_WRITER_VERBS = frozenset(["i'm", "i've"])
# "There are no charges" -> "There are charges": a "no" after these is dropped.
_AFFIRMED = frozenset([*_AUXILIARIES, "has", "have", "had", "there"])
# Words after a verb that tell what it is about.
_WINDOW = 6
_SUBJECT = re.compile(r"^(it|he|she|this|that|which|who|everyone|everybody|nobody|someone)$", re.I)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019]*|[^A-Za-z\s]+|\s+")
_YES_NO = re.compile(r"^(\W*)(yes|yeah|yep|sure|absolutely|no|nope)\b(,?)", re.I)
_UNFORTUNATELY = re.compile(r"^(\W*)unfortunately,?\s*", re.I)


def _cap(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _third_person(word: str) -> str | None:
    """The base form of a third-person verb ('offers' -> 'offer', 'serves' -> 'serve'), else None."""
    lower = word.lower()
    if not lower.isalpha() or len(lower) < 4 or lower.endswith(("ss", "us", "is", "ous")):
        return None
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return lower[:-2]
    return lower[:-1] if lower.endswith("s") else None


def _edit(tokens: list[str], i: int, replacement: str | None) -> list[str]:
    """A copy of the tokens with token i replaced (or, for None, dropped with the space before it)."""
    edited = list(tokens)
    if replacement is None:
        del edited[i - 1 : i + 1]
    else:
        edited[i] = replacement
    return edited


def _candidates(tokens: list[str], words_at: list[int]) -> list[tuple[int, list[str]]]:
    """Every single negation or un-negation the rules know, as (word position, edited tokens):
    auxiliaries and modals negated, negations undone, third-person verbs after a name or pronoun
    negated. Clauses about the writer ("I'm not sure", "I don't see") are hedges, not the answer."""
    found: list[tuple[int, list[str]]] = []
    for n, i in enumerate(words_at):
        token = tokens[i]
        lower = token.lower().replace("\u2019", "'")
        following = [tokens[j].lower() for j in words_at[n + 1 : n + 3]]
        nxt = following[0] if following else ""
        before = [tokens[j].lower().replace("\u2019", "'") for j in words_at[max(0, n - 2) : n]]
        previous = before[-1] if before else ""
        if _WRITER & set(before) or lower in _WRITER_VERBS:
            continue
        if lower in _UNDO:
            found.append((n, _edit(tokens, i, _cap(_UNDO[lower], token))))
        elif (lower == "not" or (lower == "no" and previous in _AFFIRMED)) and n > 0:
            found.append((n, _edit(tokens, i, None)))
        elif lower == "never":
            found.append((n, _edit(tokens, i, _cap("always", token))))
        elif lower == "can" and nxt != "not":
            found.append((n, _edit(tokens, i, _cap("cannot", token))))
        elif lower in _AUXILIARIES and nxt not in ("not", "no", "never"):
            found.append((n, _edit(tokens, i, f"{token} not")))
        elif lower in _HAVE and nxt != "not":
            # "have found", "have previously dined": an auxiliary, negated in place.
            participle = any(_PARTICIPLE.match(w) for w in following if not w.endswith("ly")) and (
                _PARTICIPLE.match(nxt) or nxt.endswith("ly")
            )
            found.append((n, _edit(tokens, i, f"{token} not" if participle else _cap(_HAVE[lower], token))))
        elif n > 0 and token.islower() and nxt != "not":
            base = _third_person(token)
            name = tokens[words_at[n - 1]]
            after_name = name[:1].isupper() and n > 1 and not name.lower().endswith(("'s", "\u2019s"))
            if base and (after_name or _SUBJECT.match(previous)):
                found.append((n, _edit(tokens, i, f"does not {base}")))
    return found


def negate_verb(sentence: str, topic: frozenset[str] = frozenset()) -> str | None:
    """The sentence with one verb negated or one negation undone ("is" -> "is not", "doesn't" ->
    "does", "lacks" -> "has", "offers" -> "does not offer"): the one nearest the words of `topic`
    (lower-cased words of the question it answers), the first of equals. None when no rule applies,
    or when a topic is given and no verb is near its words."""
    tokens = _TOKEN.findall(sentence)
    words_at = [i for i, t in enumerate(tokens) if t[:1].isalpha()]
    options = _candidates(tokens, words_at)
    if not options:
        return None

    def nearness(option: tuple[int, list[str]]) -> int:
        n = option[0]
        window = [tokens[i].lower() for i in words_at[max(0, n - 2) : n + _WINDOW]]
        return sum(any(w.startswith(t) or t.startswith(w) for t in topic) for w in window if len(w) > 3)

    best = max(options, key=lambda o: (nearness(o), -o[0]))
    if topic and not nearness(best):
        return None  # no verb speaks of what was asked: reversing another would not reverse the answer
    return "".join(best[1])


def reverse_answer(sentence: str, topic: frozenset[str] = frozenset()) -> str | None:
    """The sentence saying the opposite: a leading yes or no swapped, and its verb nearest `topic`
    negated or its negation undone ("Yes, they have a terrace" -> "No, they do not have a
    terrace")."""
    lead = ""
    rest = sentence
    answer = _YES_NO.match(sentence)
    if answer:
        said_yes = answer.group(2).lower() not in ("no", "nope")
        lead = answer.group(1) + _cap("no" if said_yes else "yes", answer.group(2)) + answer.group(3)
        rest = sentence[answer.end() :]
    sorry = _UNFORTUNATELY.match(rest)
    if sorry:
        # "Unfortunately, they do not" reversed is good news: the regret goes with the negation.
        rest = rest[sorry.end() :]
        rest = rest[:1].upper() + rest[1:] if not lead else rest
    flipped = negate_verb(rest, topic)
    if flipped is None:
        return None
    return lead + (flipped if not lead or flipped.startswith(" ") else " " + flipped.lstrip())


# A figure: an amount or a count with a unit. Digits glued to letters name something ("BW-4821",
# "room 12B") and are left alone.
_FIGURE = re.compile(r"(?<![\w.-])([$€£]\s?)?(\d+(?:[.,]\d+)?)(?![\w-]*[A-Za-z]\d)(?=\s?(?:%|[A-Za-z]|$))")
# "One" is left out: "a new one", "one of our agents" count nothing.
_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve"]  # fmt: skip
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS[2:]) + r")\b(?=\s+[a-z])", re.I)


def _other_value(value: str, taken: set[str]) -> str:
    """Another plausible value for a figure, not one the knowledge states anywhere."""
    number = float(value.replace(",", "."))
    decimals = len(value.split(".")[1]) if "." in value else 0
    for candidate in (number + 2, number * 2, number + 5, number * 3 + 1, number + 11):
        text = f"{candidate:.{decimals}f}"
        if text not in taken and candidate != number:
            return text
    return f"{number + 17:.{decimals}f}"


_RANGE = re.compile(r"(?<![\w.-])(\d+)(\s?[-\u2013]\s?|\s+to\s+)(\d+)(?=\s?(?:%|[A-Za-z]))")
_TIME = re.compile(r"(?<![\w.:-])(\d{1,2})(?=(?::\d{2})?\s?(?:[ap]\.?m\b|[ap]\.m\.)|:\d{2}\b)", re.I)


def change_figure(sentence: str, taken: set[str]) -> str | None:
    """The sentence with its first figure ('30 days', '6.95 USD', '5-7 business days', '9 am', 'two
    years') given another value that `taken` (the figures the knowledge states) does not hold; None
    without a figure."""
    time = _TIME.search(sentence)
    if time:
        hour = int(time.group(1))
        day = 24 if hour > 12 or time.group(0).startswith("0") else 12
        hours = [(hour + k - 1) % day + 1 for k in (2, 3, 4, 5)]
        later = next((h for h in hours if str(h) not in taken), hours[0])
        return sentence[: time.start(1)] + str(later) + sentence[time.end(1) :]
    span = _RANGE.search(sentence)
    if span:
        low, high = int(span.group(1)), int(span.group(3))
        shift = next((k for k in (2, 3, 5, 10) if {str(low + k), str(high + k)}.isdisjoint(taken)), 10)
        return (
            sentence[: span.start(1)]
            + f"{low + shift}{span.group(2)}{high + shift}"
            + sentence[span.end(3) :]
        )
    match = _FIGURE.search(sentence)
    if match:
        value = _other_value(match.group(2), taken)
        return sentence[: match.start(2)] + value + sentence[match.end(2) :]
    word = _NUMBER_WORD.search(sentence)
    if word:
        number = _NUMBER_WORDS.index(word.group(1).lower())
        value = _other_value(str(number), taken | {str(n) for n in range(number + 1)})
        spelled = _NUMBER_WORDS[int(value)] if int(value) < len(_NUMBER_WORDS) else value
        return sentence[: word.start()] + _cap(spelled, word.group(1)) + sentence[word.end() :]
    return None


def figures_of(text: str) -> set[str]:
    """The values of every figure in a text, as `change_figure` writes them."""
    found = {m.group(2) for m in _FIGURE.finditer(text)} | {m.group(1) for m in _TIME.finditer(text)}
    found |= {v for m in _RANGE.finditer(text) for v in (m.group(1), m.group(3))}
    found |= {str(_NUMBER_WORDS.index(m.group(1).lower())) for m in _NUMBER_WORD.finditer(text)}
    return found
