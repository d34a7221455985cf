"""Read what is asked: split a ticket into its questions and requests, and name their topics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from drafter.text.sentences import sentences

AskKind = Literal["yes_no", "open", "request"]

# Words a customer opens a question with that change nothing about it ("or do you ...", "oh and ...").
_LEAD = r"(?:(?:and|so|also|but|ok(?:ay)?|great|well|then|or|oh|plus|otherwise|either)\W+)*"
_YES_NO_START = re.compile(
    r"^" + _LEAD
    + r"(is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|may|might|am)\b",
    re.IGNORECASE,
)
# A question put without its question mark ("also do u take venmo"): the verb, then who or what it
# asks about; "can't log in since Monday" and "have been locked out" state, they do not ask.
_PLAIN_QUESTION = re.compile(
    r"^" + _LEAD
    + r"(?:is|are|do|does|did|can|could|will|would|should|has|have)\s+"
    r"(?:u|you|ya|i|we|they|it|this|that|these|those|there|the|my|your|our|a|an|any)\b",
    re.IGNORECASE,
)
# Where a second question starts inside one sentence: a comma or "and" before a question word.
_NEXT_QUESTION = re.compile(
    r"(?:,\s*(?:and\s+)?(?:also\s+)?|\s+and\s+(?:also\s+)?)"
    r"(?=(?:what|how|when|where|which|who|why|is|are|do|does|did|can|could|will|would|should|has|have)\s)",
    re.IGNORECASE,
)
# The same in a run-on sentence without a question mark ("..., how long does it take to get here
# and am i going to pay duties, and also can it go to my PO box"): only a question word, or a verb
# asking about someone or something, starts a question there ("and did not work" does not).
_NEXT_PLAIN_QUESTION = re.compile(
    r"(?:,\s*(?:and\s+)?(?:also\s+)?|\s+and\s+(?:also\s+)?)(?=(?:what|how|when|where|which|why)\s|"
    r"(?:is|are|do|does|can|could|will|would|should|am)\s+(?:i|you|we|it|they|there|this|that)\b)",
    re.IGNORECASE,
)
_MIN_QUESTION_WORDS = 3
_OPEN_START = re.compile(
    r"^" + _LEAD + r"(what|how|when|where|which|who|whom|why)\b",
    re.IGNORECASE,
)
_REQUEST_START = re.compile(
    r"^(?:hi\W+|hello\W+)?(?:(?:honestly|frankly|really|tbh|so|ok|okay|look|at this point)\W+)?"
    r"(?:(?:and\W+)?(?:also\W+)?)?"
    r"(?:please|(?:i|we)(?:'ll| will)? (?:just |really |only |also )?(?:need|want)|"
    r"(?:i|we)'d (?:just |really )?like|(?:i|we) would like|help me|"
    r"i'm looking for|i am looking for)\b",
    re.IGNORECASE,
)
# A deadline told, not a request: "I need it before my vacation.", "We need them by Friday." (what
# is needed is what the message asks for elsewhere; the signals read the date as urgency).
_DEADLINE_ONLY = re.compile(
    r"^(?:(?:but|and|so|also)\W+)?(?:i|we) (?:really |urgently |absolutely )?need "
    r"(?:it|them|this|that|one|"
    r"the (?:new |replacement )?(?:one|replacement|device|order|parcel|package|item))"
    r"(?: back)? (?:before|by|for|until|in time for|ahead of)\b[^?]*$",
    re.IGNORECASE,
)
# A reported problem asks for a fix without saying so: "I can't sign in, my account is locked."
_PROBLEM = re.compile(
    r"\b(?:can't|cannot|can not|unable to|won't|doesn't work|does not work|isn't working|not working|"
    r"stopped \w+ing|has stopped|is (?:locked|broken|stuck|blank|offline)|broke|broken|keeps? \w+ing|"
    r"error|(?:never|hasn't|has not|didn't|did not|doesn't|does not) arriv(?:e|es|ed)|locked out|"
    r"(?:charged|billed|shows?|took|taken|paid) (?:\S+ ){0,3}twice|(?:goes|went|is) dead|"
    r"(?:doesn't|don't|do not|does not|didn't|did not) (?:match|load|open|connect|charge)|"
    r"(?:i|we)(?:'ve| have)? lost\b|\bno \w+ (?:came|arrived|showed up)|"
    r"(?:never|doesn't|does not|didn't|did not|hasn't|has not|still hasn't) (?:shows?|showed|shown|"
    r"turns?|turned|comes?|came|come) (?:up|through|in)\b|"
    r"(?:never|didn't|did not|haven't|have not) (?:got|get|gotten|receive|received)\b|"
    r"\bno (?:email|e-mail|code|link|sms|confirmation|notification)s?\b(?! address)|"
    r"(?:is|are|seems?|looks?) (?:(?:way|completely|totally|all) off|"
    r"(?:(?:way|completely|totally|all) )?(?:wrong|incorrect|inaccurate))\b(?! (?:and|or)\b)|"
    r"(?:isn't|is not|still not|not yet) (?:here|arrived|delivered)|(?:a \w+|days?|weeks?) late|"
    # "still E1, still no heat", "it does not heat": what the device should do, not done.
    r"still no \w+|(?:doesn't|does not|won't|will not|isn't|is not) (?:heat|heating|cool|cooling|turn on)|"
    # A device misbehaving, told in its own verb: "it flickers when dimmed", "the hub keeps dropping".
    r"(?:it|they|screen|display|light|lamp|plug|hub|device|thermostat|app)\s+(?:\w+ly\s+)?"
    r"(?:flicker|blink|beep|buzz|overheat|leak|crash|freez|disconnect|reboot|restart)\w*)\b",
    re.IGNORECASE,
)
# An order said as one ("Cancel everything.", "or otherwise change the address to ...", "Either send
# me one that works or give me my money back."): a sentence opening with a service verb.
_IMPERATIVE = re.compile(
    r"^" + _LEAD + r"(?:please\W+|just\W+|kindly\W+)*"
    r"(?:cancel|refund|send|resend|give|change|update|replace|fix|delete|remove|close|stop|unlock|"
    r"reset|put|ship|deliver|redirect|return|exchange|swap|credit|switch|transfer|move|issue|"
    r"confirm|explain|add|unsubscribe|reactivate|reopen|sort|pay)"
    # ... and then whom or what: "Return shipping was quick" opens with a noun, not an order.
    r"\s+(?:me|us|my|our|it|them|the|this|that|these|those|a|an|your|everything|all|whatever|"
    r"out|back|off)\b",
    re.IGNORECASE,
)
# A problem told as one that does not matter: "it turned up a bit late (no drama)".
_NO_BOTHER = re.compile(
    r"\b(?:no drama|no problem|no worries|no big deal|not a big deal|all good|no harm done)\b", re.IGNORECASE
)
_REQUEST = re.compile(
    r"\b(please|i need|i want|i'd like|i would like|help me|tell me|let me know|"
    r"can you|could you|would you|i'm looking for|i am looking for|how do i|how can i|"
    r"i'd rather|i would rather|i'd prefer|i would prefer)\b",
    re.IGNORECASE,
)
# Framing that carries no topic: "could you tell me if", "I was wondering whether" ...
_FRAMING = re.compile(
    r"^(?:(?:and|so|also|but|ok(?:ay)?|great|well|hi|hello|hey|thanks|thank you)\W+)*"
    r"(?:(?:can|could|would|will) you (?:please )?(?:tell|let) me (?:know )?"
    r"(?:if|whether|about|what|how)?\s*|"
    r"(?:can|could|would) you (?:please )?(?:confirm|check|find out|say) (?:if|whether|that)?\s*|"
    r"(?:i was|i'm|i am) (?:wondering|curious) (?:if|whether|about)?\s*|"
    r"(?:do you know|i'd like to know|i would like to know|i want to know) (?:if|whether)?\s*|"
    r"would you say (?:that )?(?:overall )?(?:that )?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Ask:
    """One question or request in the ticket."""

    text: str
    kind: AskKind
    topic: str


def topic_of(question: str) -> str:
    """The question without its framing ("could you tell me if ...") and end punctuation."""
    stripped = _FRAMING.sub("", question.strip()).strip(" ?.!")
    return stripped or question.strip(" ?.!")


def reports_problem(text: str) -> bool:
    """Some sentence of the text reports something not working ("my plug won't connect"), rather
    than asking how something is done ("how do I get my invoice?")."""
    return any(_PROBLEM.search(s) and not _NO_BOTHER.search(s) for s in sentences(text))


def classify(sentence: str) -> AskKind | None:
    """yes_no, open, request, or None for a statement that asks nothing."""
    body = _FRAMING.sub("", sentence.strip())
    if _DEADLINE_ONLY.match(sentence.strip()):
        return None
    if _REQUEST_START.match(sentence.strip()):
        return "request"
    if _OPEN_START.match(body):
        return "open"
    if _YES_NO_START.match(body) or sentence.rstrip().endswith("?"):
        return "yes_no"
    problem = _PROBLEM.search(sentence) and not _NO_BOTHER.search(sentence)
    if _IMPERATIVE.match(sentence.strip()) or _REQUEST.search(sentence) or problem:
        return "request"
    return None


def asks_a_question(ask: Ask) -> bool:
    """The ask is a question, with its question mark or put plainly without one."""
    text = ask.text.strip()
    return text.endswith("?") or bool(_PLAIN_QUESTION.match(_FRAMING.sub("", text)))


def _questions_in(sentence: str) -> list[str]:
    """A question sentence that asks several things ("do you ship to Canada, how long does it
    take, and can I pay by card?") as one question each; any other sentence whole."""
    if not sentence.rstrip().endswith("?"):
        return _run_on_questions(sentence)
    parts = [p.strip(" ,") for p in _NEXT_QUESTION.split(sentence) if p.strip(" ,")]
    if len(parts) < 2 or any(len(p.split()) < _MIN_QUESTION_WORDS for p in parts):
        return [sentence]
    # "I'm confused about the report, what does it mean?" is one question with its context.
    opening = _FRAMING.sub("", parts[0].split(":")[-1].strip())
    if not (_OPEN_START.match(opening) or _YES_NO_START.match(opening)):
        return [sentence]
    return [p if p.endswith("?") else f"{p}?" for p in parts]


def _run_on_questions(sentence: str) -> list[str]:
    """A sentence without a question mark that runs several questions together, one question each
    after whatever it opened with; any other sentence whole."""
    parts = [p.strip(" ,") for p in _NEXT_PLAIN_QUESTION.split(sentence) if p.strip(" ,")]
    if len(parts) < 2 or any(len(p.split()) < _MIN_QUESTION_WORDS for p in parts[1:]):
        return [sentence]
    if not classify(parts[0]):
        # What it opened with is the first question's context: "thinking of a gift, but if the
        # price drops i'd feel silly, do you refund anything then" asks about that price drop.
        parts = [f"{parts[0]}, {parts[1]}", *parts[2:]]
    if len(parts) == 1:
        return parts
    return [f"{p.rstrip('. ')}?" for p in parts]


def split_asks(text: str) -> list[Ask]:
    """The questions and requests of a ticket, in order; the whole text when nothing is marked.

    A customer who numbers their points ("two things. 1) ... 2) ...") wants each one handled: a
    numbered point that asks nothing in so many words ("2) Finance asked me to get the billing
    address on the invoice updated.") is a request of its own."""
    asks = []
    for part in numbered_points(text) or [text]:
        found = []
        for sentence in (q for s in sentences(part) for q in _questions_in(s)):
            kind = classify(sentence)
            if kind is not None:
                found.append(Ask(text=sentence, kind=kind, topic=topic_of(sentence)))
        point = " ".join(s for s in sentences(part) if not _SIGN_OFF.match(s))
        if not found and part is not text and len(point.split()) >= _MIN_POINT_WORDS:
            found.append(Ask(text=point, kind="request", topic=topic_of(point)))
        asks += found
    if not asks and text.strip():
        asks.append(Ask(text=text.strip(), kind="request", topic=topic_of(text)))
    return asks


# "1) ... 2) ...", "1. ... 2. ...": points numbered from one, in order, in running text or on lines.
_POINT_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)](?=\s)")
_MIN_POINT_WORDS = 5
# The message's closing after its last point: "Thanks, Henrik", "Best regards".
_SIGN_OFF = re.compile(
    r"^\W*(?:thanks|thank you|many thanks|cheers|regards|best|kind regards)\b", re.IGNORECASE
)


def numbered_points(text: str) -> list[str]:
    """The points of a message that numbers them 1, 2, ... (at least two), each without its
    number; what comes before the first point is read with it. None when it numbers nothing."""
    marks = [m for m in _POINT_NUMBER.finditer(text)]
    run: list[re.Match[str]] = []
    for mark in marks:
        if int(mark.group(1)) == len(run) + 1:
            run.append(mark)
    if len(run) < 2:
        return []
    ends = [m.start() for m in run[1:]] + [len(text)]
    points = [text[m.end():end].strip() for m, end in zip(run, ends, strict=True)]
    points[0] = f"{text[: run[0].start()].strip()} {points[0]}".strip()
    return [p for p in points if p]


def merge_brief(asks: list[Ask], *, max_words: int) -> list[Ask]:
    """A brief question with a remark around it asks one thing ("Is it quiet? I need rest")."""
    total = sum(len(a.text.split()) for a in asks)
    # "can i unplug it? also will it wipe my schedule" asks twice, the second without its mark.
    questions = [a for a in asks if a.text.rstrip().endswith("?") or a.kind != "request"]
    if len(asks) <= 1 or total > max_words or len(questions) > 1:
        return asks
    kind = next((a.kind for a in asks if a.kind != "request"), asks[0].kind)
    return [Ask(text=" ".join(a.text for a in asks), kind=kind, topic=" ".join(a.topic for a in asks))]


# Questions in a message this short are one question asked in pieces.
BRIEF_ASK_WORDS = 16


# A plea that names nothing ("fix it", "please help", "sort this out now", "what's going on?") asks
# for what the sentence before it tells: read alone, "fix it" matched "Most lamp problems are fixed
# by ..." in a ticket about a locked account.
_PLEA_WORDS = frozenset({
    "please", "pls", "plz", "just", "fix", "sort", "out", "help", "solve", "resolve", "handle", "do",
    "something", "it", "this", "that", "me", "now", "asap", "immediately", "today", "right", "away",
    # "what's going on?", "what is happening?" after the problem asks what the problem is.
    "what", "s", "is", "going", "on", "happening", "happened",
})


def _is_plea(ask: Ask) -> bool:
    said = [w.lower() for w in re.findall(r"[^\W\d_]+", ask.text)]
    return bool(said) and all(w in _PLEA_WORDS for w in said)


def asks_of(text: str) -> list[Ask]:
    """What a ticket asks, brief questions merged with the remark around them, and a plea that names
    nothing ("fix it") read with the ask before it."""
    asks: list[Ask] = []
    for ask in merge_brief(split_asks(text), max_words=BRIEF_ASK_WORDS):
        if asks and _is_plea(ask):
            before = asks[-1]
            asks[-1] = Ask(text=f"{before.text} {ask.text}", kind=before.kind, topic=before.topic)
        else:
            asks.append(ask)
    return asks
