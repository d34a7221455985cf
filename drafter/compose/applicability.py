"""Trim the knowledge to what applies to this customer: a benefit for members of a plan the customer
does not have, how card payments show on a statement for a customer who pays by invoice, a line
the agent already said in this conversation, or a step the customer says they already took, is left
out."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from drafter.domain import CustomerProfile, Ticket
from drafter.text.sentences import statements
from drafter.text.words import FUNCTION_WORDS, content_stems

# "Brightwave Plus members get ...", "Gold customers ...", "With Brightwave Plus, ...".
_MEMBERS = re.compile(
    r"\b(?P<who>[A-Z][\w+-]*(?: [A-Z][\w+-]*){0,2}) (?:members?|subscribers?|customers?|accounts?)\b"
)
_WITH = re.compile(r"^(?:with|for) (?P<who>[A-Z][\w+-]*(?: [A-Z][\w+-]*){0,2}),")
# A line whose own words (beyond names) an agent turn holds this share of has been said already.
SAID_OVERLAP = 0.8
# How a customer pays, as a record's note says it ("pays by invoice") or the customer tells it ("I
# paid with my Visa"), and the words that presume each way of paying.
_PAYS_BY = re.compile(r"\bpays? (?:by|with|via|through) ([\w -]{3,30})", re.IGNORECASE)
_PAID_WITH = re.compile(
    r"\b(?:i|we) (?:paid|pay|was charged|were charged) (?:by|with|via|through|using|on) ([\w -]{3,30})",
    re.IGNORECASE,
)
_METHODS = {
    "invoice": re.compile(r"\b(invoice|bank transfer|wire transfer)\b", re.IGNORECASE),
    "card": re.compile(
        r"\b(card|visa|mastercard|amex|pre-?authori[sz]ation|pending (?:authori[sz]ation|hold)|places a hold|"
        r"statement)\b",
        re.IGNORECASE,
    ),
    "paypal": re.compile(r"\bpaypal\b", re.IGNORECASE),
}


def _membership(text: str) -> set[str]:
    """The plan or tier a sentence is limited to, as stems ("brightwav", "plus"), if it names one."""
    match = _MEMBERS.search(text) or _WITH.match(text)
    if not match:
        return set()
    return {w for w in content_stems(match.group("who")) if w not in FUNCTION_WORDS}


def _holds(profile: CustomerProfile) -> set[str]:
    """Stems of what the customer's record says they have: plan, tier, company, notes."""
    extra = profile.model_extra or {}
    fields = [profile.plan or "", profile.tier or "", *profile.notes, *(str(v) for v in extra.values())]
    return set(content_stems(" ".join(fields)))


def _method(words: str) -> str | None:
    return next((method for method, cue in _METHODS.items() if cue.search(words)), None)


@lru_cache(maxsize=256)
def _told_method(told: str) -> str | None:
    """How the customer says they paid, in a statement: "can I pay by invoice?" says nothing of it."""
    for said in statements(told):
        match = _PAID_WITH.search(said)
        if match and (method := _method(match.group(1))):
            return method
    return None


def _pays_by(profile: CustomerProfile | None, told: str) -> str | None:
    """How the customer pays: as they tell it, else as the record says ("pays by invoice")."""
    if told and (method := _told_method(told)):
        return method
    for note in [*profile.notes, profile.plan or ""] if profile is not None else []:
        match = _PAYS_BY.search(note)
        if match:
            return _method(match.group(1))
    return None


# What a customer says they do not have: "no idea where the backup codes are", "I lost my receipt",
# "my authenticator app is gone".
_LACKS = re.compile(
    r"\b(?:(?:i|we) (?:don't|do not|no longer) have|(?:i|we)(?:'ve| have)? lost|(?:can't|cannot|couldn't) "
    r"find|no idea where)\s+(?:(?:my|the|our|any|all|those|these)\s+)?(?P<what>\w+(?:[ -]\w+)?)|"
    r"\b(?:my|the|our)\s+(?P<gone>\w+(?:[ -]\w+)?)\s+(?:is|are|got)\s+(?:gone|missing|lost)\b",
    re.IGNORECASE,
)
# A sentence for those who lack it: "If you have no backup codes, ...", "Without a receipt, ...".
_FOR_THE_LACKING = re.compile(
    r"\b(?:if you (?:have no|don't have|do not have|no longer have|lost|can't find|cannot find)|without)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _lacking(told: str) -> tuple[frozenset[str], ...]:
    """The things (as stems) the customer says, in a statement, they do not have."""
    found = []
    for said in statements(told):
        for match in _LACKS.finditer(said):
            stems = content_stems(match.group("what") or match.group("gone")) - FUNCTION_WORDS
            if stems:
                found.append(frozenset(stems))
    return tuple(found)


# A requirement presumes nothing: "Only business accounts can pay by bank transfer" tells one who has
# no account yet what they would need.
_REQUIREMENT = re.compile(r"^\W*(?:yes,\s*)?only\b", re.IGNORECASE)


def _presumes_what_they_lack(text: str, told: str) -> bool:
    """The sentence has them use what they say they do not have ("Sign in with one of your backup
    codes." to "no idea where the backup codes are"), rather than saying what to do without it."""
    lacking = _lacking(told)
    if not lacking or _FOR_THE_LACKING.search(text) or _REQUIREMENT.match(text):
        return False
    own = content_stems(text)
    return any(thing <= own for thing in lacking)


def applies_to(text: str, *, profile: CustomerProfile | None, asked: str, told: str = "") -> bool:
    """The sentence applies to this customer: it names no plan or tier the customer lacks (unless
    the question asks about it), has them use nothing they say they do not have, and presumes no
    way of paying other than the customer's own, as the record says it or the customer tells it
    (`told`: what the customer wrote)."""
    limited = _membership(text)
    if profile is not None and limited and not limited & (_holds(profile) | content_stems(asked)):
        return False
    if told and _presumes_what_they_lack(text, told):
        return False
    method = _pays_by(profile, told)
    presumed = {m for m, cue in _METHODS.items() if cue.search(text)}
    return method is None or not presumed or method in presumed


def said_before(text: str, ticket: Ticket, *, names: frozenset[str] = frozenset()) -> bool:
    """An agent's turn in this conversation already says it: its words, beyond the names of what
    it is about ("Nandos City Centre serves alcohol" is not said by "Nandos City Centre serves
    Portuguese food"), are in that turn."""
    own = content_stems(text) - names
    if not own:
        return False
    for m in ticket.conversation:
        if m.role == "agent" and len(own & content_stems(m.text)) / len(own) >= SAID_OVERLAP:
            return True
    return False


# A customer's sentence telling what they already did: "I already restarted it", "went through the
# wiring help and put in the adapter", "tried resetting twice", "did both".
_DONE = re.compile(
    r"\b(?:already|tried|"
    r"i(?:'ve|\u2019ve|ve| have)? (?:done|checked|restarted|reset|followed|installed|updated)|"
    r"done (?:the|that|it|both|all|everything)|"
    r"went through|put in|did (?:both|all|that|everything|this)|i (?:did|checked|restarted|reset|followed|"
    r"installed|updated|replaced|unplugged|changed)|(?:still|again) (?:\w+ ){0,3}(?:after|even after)|"
    # A past tense only an account of what was done uses: "clicked forgot password like 3 times".
    r"clicked|tapped|pressed|rebooted|reinstalled|power[- ]cycled|installed|restarted)\b",
    re.IGNORECASE,
)
_AS_YOU_SAID = re.compile(
    r"\b(?:(?:did|done|tried|followed) (?:exactly |just )?what you (?:said|told me|asked|suggested)|"
    r"(?:like|as) you (?:said|told me|asked|suggested))\b",
    re.IGNORECASE,
)
_DID_THAT = re.compile(r"\b(?:did|done|tried) (?:both|all|that|those|everything|this|it)\b", re.IGNORECASE)
# The same account in the languages the phrase bank writes: "already" and "tried" words ("ya no", "no
# longer", is not one), and "did all that".
_DONE_ELSEWHERE = re.compile(
    r"\b(?:d[ée]j[àa]|j'ai essay[ée]|ya(?! no\b)|prob[ée]|he probado|intent[ée]|schon|bereits|"
    r"versucht|gi[àa]|ho provato|j[áa]|tentei|experimentei|al geprobeerd|geprobeerd)\b",
    re.IGNORECASE,
)
_DID_THAT_ELSEWHERE = re.compile(
    r"\b(?:j'ai (?:tout )?fait (?:[çc]a|tout|les deux)|hice (?:eso|todo|las dos cosas|ambas)|"
    r"(?:habe|hab) (?:ich )?(?:das|alles|beides) (?:schon |bereits )?(?:gemacht|getan|versucht)|"
    r"ho fatto (?:tutto|entrambe|questo)|fiz (?:isso|tudo|as duas coisas))",
    re.IGNORECASE,
)
# A step whose own words (beyond names) the customer's account of what they did holds this share of.
DONE_OVERLAP = 0.5
DONE_MIN_WORDS = 2


def told_done(ticket: Ticket, gloss: Callable[[str], str] | None = None) -> frozenset[str]:
    """Stems of what the customer says they already did, over the whole conversation: "I already
    restarted it", "J'ai déjà redémarré le hub", "did both" (what the agent's last turn asked for).
    `gloss` gives the English words of a sentence in another language, so an English step can be
    matched with what a French or German customer says they did."""
    done: set[str] = set()
    agent_said: set[str] = set()
    agent_ever: set[str] = set()
    for role, turn in [*((m.role, m.text) for m in ticket.conversation), ("customer", ticket.text)]:
        if role == "agent":
            agent_said = set(content_stems(turn))
            agent_ever |= agent_said
            continue
        if _AS_YOU_SAID.search(turn):
            # "I did exactly what you said": everything the agent told them in this conversation.
            done |= agent_ever
        # "How do I reset it?" asks; only a statement tells what was done.
        for told in statements(turn):
            cues = (_DONE, _DONE_ELSEWHERE, _DID_THAT_ELSEWHERE)
            if not any(cue.search(told) for cue in cues):
                continue
            done |= set(content_stems(told))
            if gloss is not None:
                done |= set(content_stems(gloss(told)))
            if _DID_THAT.search(told) or _DID_THAT_ELSEWHERE.search(told):
                done |= agent_said
    return frozenset(done)


# The condition a step opens with ("If it flickers only when dimmed below 10%, ...") and the
# details after a colon ("...: Devices > Lamp > Firmware") say when and where, not what to do.
_CONDITION = re.compile(r"^\W*(?:if|when|once|after|before|while)\b[^,]*,\s*", re.IGNORECASE)


def _instruction(text: str) -> str:
    """What a step tells the customer to do, without its condition and its details."""
    return _CONDITION.sub("", text).split(":")[0]


def already_done(text: str, done: frozenset[str], *, names: frozenset[str] = frozenset()) -> bool:
    """The customer says they already did what the sentence tells them to do (`done`: `told_done`),
    read whole or by its instruction alone: "I already updated the firmware and turned on smooth
    dimming" did "If it flickers only when dimmed below 10%, turn on Smooth dimming in the lamp
    settings."."""
    for told in dict.fromkeys((text, _instruction(text))):
        own = content_stems(told) - names
        if len(own) < DONE_MIN_WORDS:
            continue
        shared = own & done
        if len(shared) >= DONE_MIN_WORDS and len(shared) / len(own) >= DONE_OVERLAP:
            return True
    return False
