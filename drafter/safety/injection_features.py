"""What the learned injection check reads in a sentence, besides its embedding.

An injection is a sentence that gives the *reader* orders: addressed to an assistant, a model or
"you", in the imperative, about how to answer (instructions, rules, prompt, reply, reveal), or
stating an outcome (a refund, a free night, compensation) as an unconditional rule for everyone.
Ordinary support text shares the words but not the shape: a customer asks for *their* refund,
often as a question; a help article gives steps about a product; a review reports what happened.
These cues are counted on stems (drafter.text.words), so "refunds", "refunded" and "refunding"
count alike, and the embedding's similarity to each kind's exemplars is added, so the model can
lean on meaning where the words are new. One cue looks around the sentence: the share of the
text's other sentences that are orders too. Guidelines written for agents are orders from top to
bottom; an injection is an order planted in a review, a ticket or a note that gives none.
"""

from __future__ import annotations

import itertools
import re

import numpy as np

from drafter.text.words import stem, words

FEATURES_VERSION = 2
KINDS = ("override", "role", "authority", "policy", "output", "extract")
"""The kinds of injection, as the exemplars file heads them."""


def _stems(*vocabulary: str) -> frozenset[str]:
    return frozenset(stem(w) for w in vocabulary)


# Who the sentence addresses: a machine, or its makers and masters.
_MACHINE = _stems(
    "ai",
    "assistant",
    "bot",
    "chatbot",
    "model",
    "llm",
    "gpt",
    "drafter",
    "generator",
    "copilot",
    "algorithm",
    "automated",
    "autoresponder",
)
_AUTHORITY = _stems(
    "admin",
    "administrator",
    "management",
    "developer",
    "developers",
    "operator",
    "operators",
    "supervisor",
    "headquarters",
    "director",
    "ceo",
    "board",
    "official",
    "authorised",
    "authorized",
    "authorise",
    "authorize",
    "instructed",
    "directive",
    "override",
    "mandate",
    "compliance",
    "permission",
    "clearance",
    "cleared",
    "engineering",
    "legal",
)
# How to answer rather than what about: the words of a prompt, not of a product.
_META = _stems(
    "prompt",
    "instruction",
    "instructions",
    "rules",
    "guideline",
    "guidelines",
    "guidance",
    "directive",
    "directions",
    "reply",
    "respond",
    "response",
    "answer",
    "output",
    "reveal",
    "configuration",
    "programming",
    "context",
    "persona",
    "mode",
    "filter",
    "filters",
    "restrictions",
    "constraints",
    "script",
    "system",
    "message",
    "verbatim",
    "role",
    "obey",
)
_OVERRIDE = _stems(
    "ignore",
    "disregard",
    "forget",
    "override",
    "bypass",
    "discard",
    "skip",
    "disobey",
    "supersede",
    "void",
    "cancelled",
    "canceled",
    "obsolete",
    "outdated",
    "unlearn",
    "erase",
    "abandon",
    "lifted",
    "suspended",
    "overlook",
    "instead",
    "anymore",
    "longer",
    "now",
)
# Outcomes an attacker wants promised.
_OUTCOME = _stems(
    "refund",
    "free",
    "compensation",
    "voucher",
    "credit",
    "waive",
    "waived",
    "approved",
    "approve",
    "entitled",
    "owed",
    "guarantee",
    "complimentary",
    "reimburse",
    "reimbursed",
    "reimbursement",
    "discount",
    "payout",
    "grant",
    "eligible",
    "comp",
    "money",
    "upgrade",
    "lifetime",
)
_EVERYONE = _stems(
    "every",
    "all",
    "any",
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "whoever",
    "each",
    "always",
    "never",
    "automatically",
    "whatever",
    "regardless",
    "unconditionally",
)
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "you're", "you've", "you'll", "u"})
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "i'm", "i've", "i'd", "we're"})
_CONDITION = frozenset({"if", "when", "unless", "within", "before", "after", "once", "provided"})
# Verbs a sentence starts with when it orders its reader about.
_IMPERATIVE = _stems(
    "ignore",
    "disregard",
    "forget",
    "override",
    "bypass",
    "skip",
    "drop",
    "discard",
    "stop",
    "do",
    "don't",
    "never",
    "always",
    "act",
    "behave",
    "pretend",
    "imagine",
    "assume",
    "become",
    "play",
    "roleplay",
    "respond",
    "reply",
    "answer",
    "write",
    "say",
    "tell",
    "inform",
    "confirm",
    "promise",
    "assure",
    "guarantee",
    "grant",
    "approve",
    "waive",
    "refund",
    "offer",
    "give",
    "send",
    "include",
    "add",
    "insert",
    "put",
    "begin",
    "start",
    "end",
    "close",
    "output",
    "print",
    "reveal",
    "show",
    "list",
    "repeat",
    "share",
    "dump",
    "paste",
    "spell",
    "summarise",
    "summarize",
    "switch",
    "enter",
    "enable",
    "treat",
    "consider",
    "make",
    "ensure",
    "be",
    "let",
    "mention",
    "state",
    "format",
    "quote",
    "copy",
    "obey",
    "follow",
    "comply",
    "accept",
    "admit",
)
_SOFTENERS = frozenset({"please", "kindly", "now", "just", "hey", "so", "and", "then", "also", "ok"})
_READER = _stems("reader", "readers", "reading", "reads")
# An outcome that hangs on a password rather than a reason: "guests mentioning the word X".
_TRIGGER = _stems(
    "mention", "mentioning", "quote", "quoting", "cite", "code", "codeword", "keyword", "phrase"
)
# The text pointing at itself ("this review", "this note"): an order planted in a text names its carrier.
_CARRIER = _stems(
    "review",
    "note",
    "message",
    "comment",
    "page",
    "post",
    "letter",
    "complaint",
    "line",
    "notice",
    "memo",
    "ticket",
    "text",
    "paragraph",
)
# Someone's personal data, and someone other than the writer it may belong to.
_PERSONAL = _stems(
    "address",
    "phone",
    "email",
    "card",
    "password",
    "birth",
    "passport",
    "contact",
    "personal",
    "record",
    "records",
    "notes",
    "history",
    "name",
    "names",
    "database",
    "details",
    "information",
)
_OTHERS = frozenset(
    {
        "other",
        "others",
        "another",
        "previous",
        "neighbour",
        "neighbor",
        "everyone",
        "whoever",
        "someone",
        "somebody",
        "guests",
        "customers",
        "people",
        "sister",
        "brother",
        "husband",
        "wife",
        "ex",
        "colleague",
        "person",
        "who",
        "whose",
        "their",
    }
)
# An outcome told as already decided ("approved", "signed off") or as large and unbounded.
_GRANTED = _stems(
    "approved",
    "granted",
    "accepted",
    "cleared",
    "awarded",
    "authorised",
    "authorized",
    "upheld",
    "signed",
    "arranged",
    "agreed",
    "decided",
    "waived",
    "guaranteed",
    "entitled",
    "owed",
    "eligible",
)
_MAGNITUDE = frozenset(
    {
        "full",
        "fully",
        "entire",
        "entirely",
        "whole",
        "lifetime",
        "forever",
        "double",
        "twice",
        "unlimited",
        "everything",
        "questions",
        "exception",
        "conditions",
        "whatever",
        "regardless",
    }
)
_AMOUNT = re.compile(r"[$€£]\s?\d|\d\s?(?:dollars|euros|pounds|percent|%)")

NAMES = (
    "machine",
    "authority",
    "meta",
    "override",
    "outcome",
    "everyone",
    "second_person",
    "first_person",
    "condition",
    "question",
    "imperative",
    "reader",
    "colon_header",
    "you_and_machine_or_meta",
    "imperative_and_meta",
    "imperative_and_outcome",
    "outcome_for_everyone",
    "outcome_stated_unconditionally",
    "override_and_meta",
    "trigger",
    "names_its_carrier",
    "personal_data",
    "personal_data_of_others",
    "granted",
    "magnitude",
    "amount",
    "outcome_granted",
    "outcome_with_trigger",
    "outcome_and_magnitude",
    "imperative_share_around",
    "nearest_injection",
    "nearest_ordinary",
    *(f"kind_{kind}" for kind in KINDS),
)
"""The hand-made features, in the order `cues` returns them; the embedding follows them."""


def _count(stems: list[str], vocabulary: frozenset[str]) -> float:
    return float(sum(s in vocabulary for s in stems))


def starts_imperative(tokens: list[str]) -> bool:
    """The first word after softeners ("please", "hey bot,") is an order verb."""
    for token in tokens[:4]:
        if token in _SOFTENERS or stem(token) in _MACHINE:
            continue
        return stem(token) in _IMPERATIVE
    return False


def cues(sentence: str) -> list[float]:
    """The word-level cues of one normalised sentence (see `drafter.safety.normalize.skeleton`)."""
    tokens = words(sentence)
    stems = [stem(t) for t in tokens]
    machine = _count(stems, _MACHINE)
    meta = _count(stems, _META)
    override = _count(stems, _OVERRIDE)
    outcome = _count(stems, _OUTCOME)
    everyone = _count(stems, _EVERYONE)
    second = float(sum(t in _SECOND_PERSON for t in tokens))
    first = float(sum(t in _FIRST_PERSON for t in tokens))
    condition = float(sum(t in _CONDITION for t in tokens))
    question = float(sentence.rstrip().endswith("?"))
    imperative = float(starts_imperative(tokens))
    head = sentence.split(":", 1)[0]
    colon_header = float(":" in sentence and len(words(head)) <= 5)
    return [
        machine,
        _count(stems, _AUTHORITY),
        meta,
        override,
        outcome,
        everyone,
        second,
        first,
        condition,
        question,
        imperative,
        _count(stems, _READER),
        colon_header,
        float(second > 0 and (machine + meta) > 0),
        imperative * float(meta > 0),
        imperative * float(outcome > 0),
        float(outcome > 0 and everyone > 0),
        float(outcome > 0 and condition == 0 and question == 0 and first == 0),
        float(override > 0 and meta > 0),
        *_grant_and_data_cues(sentence, tokens, stems, outcome=outcome),
    ]


def _grant_and_data_cues(
    sentence: str, tokens: list[str], stems: list[str], *, outcome: float
) -> list[float]:
    """Cues of an outcome stated as a fact or hung on a password, and of someone else's data."""
    trigger = _count(stems, _TRIGGER)
    carrier = float(any(a == "this" and stem(b) in _CARRIER for a, b in itertools.pairwise(tokens)))
    personal = _count(stems, _PERSONAL)
    others = float(sum(t in _OTHERS for t in tokens))
    granted = _count(stems, _GRANTED)
    magnitude = float(sum(t in _MAGNITUDE for t in tokens))
    amount = float(bool(_AMOUNT.search(sentence)))
    has_outcome = float(outcome > 0)
    return [
        trigger,
        carrier,
        personal,
        float(personal > 0 and others > 0),
        granted,
        magnitude,
        amount,
        has_outcome * float(granted > 0),
        has_outcome * float(trigger > 0),
        has_outcome * float(magnitude > 0 or amount > 0),
    ]


def imperative_share(parts: list[str]) -> list[float]:
    """For each sentence, the share of the other sentences of its text that start with an order."""
    orders = [starts_imperative(words(p)) for p in parts]
    total = sum(orders)
    return [(total - own) / (len(parts) - 1) if len(parts) > 1 else 0.0 for own in orders]


def feature_rows(
    sentences: list[str],
    around: list[float],
    vectors: np.ndarray,
    exemplars: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    """One row per sentence: cues, the share of orders around it, cosine to the nearest injection
    and ordinary exemplar and to each kind's centroid, then the embedding itself."""
    injected, ordinary, kind_centroids = exemplars
    if not sentences:
        return np.zeros((0, len(NAMES) + injected.shape[1]))
    hand = np.array([cues(s) for s in sentences], dtype=np.float64)
    similarity = np.column_stack(
        [
            np.asarray(around, dtype=np.float64),
            (vectors @ injected.T).max(axis=1),
            (vectors @ ordinary.T).max(axis=1),
            vectors @ kind_centroids.T,
        ]
    )
    return np.hstack([hand, similarity, vectors.astype(np.float64)])


MULTILINGUAL_FEATURES_VERSION = 1
MULTILINGUAL_NAMES = ("nearest_injection", "nearest_ordinary", *(f"centroid_{kind}" for kind in KINDS))
"""What the multilingual check reads besides the embedding: the word cues above are English, so it
reads meaning alone."""


def multilingual_rows(
    vectors: np.ndarray, exemplars: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> np.ndarray:
    """One row per sentence of any language: cosine to the nearest injection and ordinary exemplar
    and to each kind's centroid (exemplars in seven languages, multilingual vectors), then the
    embedding itself."""
    injected, ordinary, kind_centroids = exemplars
    if len(vectors) == 0:
        return np.zeros((0, len(MULTILINGUAL_NAMES) + injected.shape[1]))
    similarity = np.column_stack(
        [(vectors @ injected.T).max(axis=1), (vectors @ ordinary.T).max(axis=1), vectors @ kind_centroids.T]
    )
    return np.hstack([similarity, vectors.astype(np.float64)])
