"""Sentence-level evidence: split passages into answer units and score them against a question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from drafter.domain import OPINION_DOC_TYPES, Passage
from drafter.embeddings import Embedder
from drafter.retrieval.adapter import QueryAdapter
from drafter.text.sentences import clauses, sentences
from drafter.text.words import content_stems, content_words, stem

UnitKind = Literal["answer", "opinion", "fact"]

_FAQ = re.compile(r"^\s*Q:\s*(?P<q>.+?)\s*\n\s*A:\s*(?P<a>.+?)\s*$", re.DOTALL)
# The metadata field naming the product a document is about.
PRODUCT_KEY = "product"
# A name as titles write it: capitalised words in a row ("Brightwave Plug Mini", "Thermostat T2").
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)*")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
_BULLET = re.compile(r"^\s*[-*\u2022]\s+")
_BOLD_QUESTION = re.compile(r"^\*\*(?P<q>[^*]{3,200}\?)\*\*\s*")
# The yes or no opening an answer belongs to the question it answered.
_LEADING_VERDICT = re.compile(r"^\s*(?:yes|no)\b[\s,.!;:-]*", re.IGNORECASE)
_INTERNAL_MARKUP = re.compile(r"\[[^\]]{1,60}\]\s*")
_MIN_CHARS = 12
# A topic word found in more than this share of the candidate passages names the kind of thing
# asked about ("room", "food"), not the question; it is left out of the scoring.
BACKGROUND_SHARE = 0.5
# Below this many passages a shared word is as likely the answer's subject as the background.
BACKGROUND_MIN_PASSAGES = 8
_CODE = re.compile(r"\b[A-Za-z0-9][A-Za-z0-9-]{1,9}\b")
# An entry labelled with a code: "**E4**: the heating system did not respond."
_CODE_LABEL = re.compile(r"^\W*([A-Za-z]*\d[A-Za-z0-9-]*)\W*:")
# A sentence that points back at a procedure ("If it still does not heat after these steps, ...").
_BACK_TO_STEPS = re.compile(
    r"\b(?:these|those|the above|the previous) steps\b|\bsteps above\b", re.IGNORECASE
)
# A code the question names that at most this many units carry picks them out, by this much.
CODE_CARRIERS = 2
CODE_WEIGHT = 0.15
# A list item with none of these is a label or a fragment ("Defective devices, within 30 days of
# delivery."), readable only under its list's heading: verbs, auxiliaries and a subject pronoun.
_VERB_LIKE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|can|cannot|can't|could|will|won't|would|shall|should|may|might|"
    r"must|do|does|don't|doesn't|did|didn't|has|have|had|need|needs|get|gets|go|goes|come|comes|take|takes|"
    r"make|makes|keep|keeps|work|works|extend|extends|include|includes|cover|covers|cost|costs|mean|means|"
    r"ship|ships|show|shows|let|lets|allow|allows|give|gives|send|sends|stay|stays|lasts?|apply|applies|"
    r"we|you|they|it|i)\b",
    re.IGNORECASE,
)
# A list entry that opens with a verb and its object ("Pick a status", "Check that ...").
_IMPERATIVE = re.compile(
    r"^[A-Za-z]+ (?:the|a|an|your|our|its|it|them|this|that|these|those|to|on|in|up|off|out|sure|back|with)\b"
)
LineForm = Literal["sentence", "step", "item"]
# A line of at most this many words, without a verb or final punctuation, is a title.
HEADING_WORDS = 6


@dataclass
class Unit:
    """A sentence (or FAQ answer) that can be quoted, with the passage it came from."""

    text: str
    passage: Passage
    kind: UnitKind
    match_text: str
    position: int
    score: float = 0.0
    is_step: bool = False
    """A numbered step of a procedure."""
    shares_words: bool = False
    """Whether the unit shares a content word with the question, beyond product names."""
    is_item: bool = False
    """An entry of a bulleted list: one of several things, not a step to follow."""
    fragment: bool = False
    """It opens without a verb ("Defective devices, within 30 days."): quoted under its heading."""
    nested: bool = False
    """An indented list entry: a detail of the entry above it."""
    faq_question: str = ""
    """For an FAQ answer, the question it answers: a customer asks in the question's terms."""
    question_score: float = 0.0
    """For an FAQ answer, its score by its question alone (see `select_evidence`)."""
    in_clear_section: bool = False
    """Its section, read whole, clearly answers the question: an FAQ answer there answers on the
    floor of a related one, a fact as if it shared the question's words."""

    @property
    def section(self) -> str | None:
        """The heading the unit sits under, when its document has one."""
        section = self.passage.metadata.get("section")
        return str(section) if section else None


def passage_kind(passage: Passage) -> UnitKind:
    """answer for an FAQ entry, opinion for a review-like document, fact otherwise."""
    doc_type = str(passage.metadata.get("doc_type", "")).lower()
    if doc_type in OPINION_DOC_TYPES:
        return "opinion"
    if doc_type == "faq" or _FAQ.match(passage.text):
        return "answer"
    return "fact"


def without_verdict(text: str) -> str:
    """The text without the "Yes," or "No," that opens it."""
    return _LEADING_VERDICT.sub("", text)


@dataclass(frozen=True)
class Line:
    """One quotable piece of a passage: a sentence, a numbered step or a bulleted item's sentence."""

    text: str
    form: LineForm
    question: str | None = None
    """The FAQ question in bold that this answer follows ("**Can I pay later?** Yes, ...")."""
    nested: bool = False
    """An indented entry: a detail of the line above it."""


# What opens the next part of a sequence ("Then add it again in the app.").
SEQUENCE_LEAD = r"then|after that|afterwards|once (?:done|that's done)"
# A sentence that only continues the one before it: the second half of a sequence or a condition,
# or what it brings about ("This way your new device ships right away" after an exchange's steps).
_GOES_ON = re.compile(
    rf"^(?:{SEQUENCE_LEAD}|otherwise|if not|if so|(?:in )?(?:this|that) way|(?:this|that) means|doing so)\b",
    re.IGNORECASE,
)


def lines_of(text: str) -> list[Line]:
    """The sentences of a passage; numbered steps and bulleted entries kept whole."""
    found: list[Line] = []
    for raw in text.splitlines():
        form: LineForm = "step" if _NUMBERED.match(raw) else "item" if _BULLET.match(raw) else "sentence"
        line = _INTERNAL_MARKUP.sub("", _BULLET.sub("", _NUMBERED.sub("", raw))).strip().lstrip("#").strip()
        if not line:
            continue
        # A question in bold leading its answer ("**Can I pay later?** Yes, ...") is the answer's
        # own question: it is matched with it, and its yes or no answers only that question.
        question = _BOLD_QUESTION.match(line)
        if question:
            answer = line[question.end():].strip()
            if answer:
                found.append(Line(answer, "sentence", question=question.group("q")))
            continue
        if form == "sentence":
            found.extend(Line(s, form) for s in sentences(line))
        else:  # a step or a list entry is one thing to say, whatever its sentences
            found.append(Line(line, form, nested=raw[:1].isspace()))
    return found


def _is_heading(line: Line) -> bool:
    """A title line ("Refund status"): short, unpunctuated, no verb. It names a section; it says nothing."""
    text = line.text
    return (
        line.form == "sentence" and not text.endswith((".", "!", "?")) and len(text.split()) <= HEADING_WORDS
        and not _VERB_LIKE.search(text)
    )


def _is_fragment(text: str) -> bool:
    """Without a verb, unless it opens with one ("Pick a status", "Restart your router")."""
    rest = text.split(":", 1)[-1]
    return not _VERB_LIKE.search(rest) and not _IMPERATIVE.match(rest.strip())


def units_of(passage: Passage) -> list[Unit]:
    """The quotable units of one passage."""
    kind = passage_kind(passage)
    faq = _FAQ.match(passage.text)
    if faq:
        answer = " ".join(faq.group("a").split())
        return [Unit(answer, passage, "answer", f"{faq.group('q')} {answer}", 0, faq_question=faq.group("q"))]
    # A step such as "Open your order." only says what it is for through its section heading;
    # an FAQ section headed by its question is matched with that question.
    section = passage.metadata.get("section")
    if kind == "answer" and not str(section or "").rstrip().endswith("?"):
        kind = "fact"  # an FAQ page's prose outside its questions states facts, it answers none
    heading = ""
    if section and (kind == "fact" or str(section).rstrip().endswith("?")):
        heading = f"{passage.title} - {section}" if kind == "fact" else str(section)
    units = []
    for position, line in enumerate(lines_of(passage.text)):
        if len(line.text) < _MIN_CHARS or line.text.endswith(":") or _is_heading(line):
            continue
        if line.question:
            text = line.text[:1].upper() + line.text[1:]
            units.append(Unit(text, passage, "answer", f"{line.question} {text}", position,
                              faq_question=line.question))
            continue
        # A numbered step is part of a procedure whatever the document: an FAQ's steps are followed.
        own_kind: UnitKind = "fact" if line.form == "step" and kind == "answer" else kind
        step_heading = f"{passage.title} - {section}" if section and own_kind != kind else heading
        match_text = f"{step_heading}: {line.text}" if step_heading else line.text
        item = line.form == "item"
        units.append(
            Unit(line.text, passage, own_kind, match_text, position, is_step=line.form == "step",
                 is_item=item, fragment=item and _is_fragment(sentences(line.text)[0]), nested=line.nested)
        )
    return units


def lexical_overlap(topic: str, text: str, *, ignore: frozenset[str] = frozenset()) -> float:
    """Share of the topic's content words (by stem) that the text contains."""
    wanted = content_stems(topic) - ignore
    if not wanted:
        return 0.0
    return len(wanted & content_stems(text)) / len(wanted)


def strip_names(text: str, names: list[str]) -> str:
    """The text with the subject names removed, so they do not decide similarity."""
    for name in names:
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def salient_topic(topic: str, units: list[Unit], *, max_share: float | None = None) -> str:
    """The topic without words most of the passages share (the kind of thing, not the question)."""
    words = content_words(topic)
    passages: dict[str, set[str]] = {}
    for unit in units:
        passages.setdefault(unit.passage.chunk_id, set()).update(stem(w) for w in content_words(unit.text))
    if len(passages) < BACKGROUND_MIN_PASSAGES:
        return topic
    share = {w: sum(stem(w) in seen for seen in passages.values()) / len(passages) for w in words}
    limit = BACKGROUND_SHARE if max_share is None else max_share
    kept = [w for w in words if share[w] <= limit]
    return " ".join(kept) if kept else topic


def refers_to_steps(text: str) -> bool:
    """The sentence only makes sense after the procedure it points back at."""
    return bool(_BACK_TO_STEPS.search(text))


def model_codes(passages: list[Passage]) -> set[str]:
    """Model numbers the passages' titles carry ("T2" of "Thermostat T2 troubleshooting")."""
    return set().union(*(_codes(p.title) for p in passages))


def product_words(passages: list[Passage]) -> set[str]:
    """The content words of the products the passages are about (their `product` metadata), with
    the words that follow the product's word in its name where a title spells it out: "Brightwave
    Plug Mini does not connect" names the Plug Mini, and "mini" says which thing as much as "plug"
    (the brand before it is every product's)."""
    found: set[str] = set()
    for passage in {p.doc_id: p for p in passages}.values():
        own = content_words(str(passage.metadata.get(PRODUCT_KEY, "")))
        found.update(own)
        for name in _CAPITALISED_RUN.findall(passage.title or ""):
            named = content_words(name)
            at = next((i for i, word in enumerate(named) if word in own), None)
            if at is not None:
                found.update(named[at + 1:])
    return found


def product_patterns(passages: list[Passage]) -> list[re.Pattern[str]]:
    """The passages' product words and model numbers, as whole words: they say which thing, not
    what about it, and every article about the thing shares them."""
    return [re.compile(rf"\b{re.escape(w)}s?\b", re.IGNORECASE)
            for w in sorted(product_words(passages) | model_codes(passages))]


def without_products(text: str, patterns: list[re.Pattern[str]]) -> str:
    """The text without the product words (`product_patterns`)."""
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def _codes(text: str) -> set[str]:
    """Codes and model numbers in a text ("E4", "5GHz"): letters and digits in one short token."""
    tokens = _CODE.findall(text)
    return {t.lower() for t in tokens if any(c.isdigit() for c in t) and any(c.isalpha() for c in t)}


def _code_bonus(unit: Unit, rare: set[str], asked: set[str]) -> float:
    """The line of the code asked about gains; an entry labelled with another code ("E4: ..." when
    the customer has E1, or any code when they name none) loses: it is about that code alone."""
    if rare & _codes(unit.text):
        return CODE_WEIGHT
    label = _CODE_LABEL.match(unit.text)
    return -CODE_WEIGHT if label and label.group(1).lower() not in asked else 0.0


def score_units(
    units: list[Unit],
    topic: str,
    *,
    embedder: Embedder,
    names: list[str],
    lexical_weight: float,
    adapter: QueryAdapter | None = None,
    context: str = "",
    by_clause: bool = False,
    gloss: str | None = None,
    plain: str = "",
) -> None:
    """Set each unit's score: cosine similarity to the topic plus a lexical-overlap bonus, and a
    bonus for a code the question names that few units share ("E4" picks its own line).

    `gloss`: None for a question in English; for one in another language, the English words of its
    support terms (from the glossary; maybe none). English knowledge shares no word with
    "garantie", so every sentence would have to clear the floor of a sentence sharing none: the
    question is also read with these words beside it, and only they count as words shared. Its
    own words are not counted: they are told from grammar by English stop words, so Spanish "de",
    "la" and "mi" were shared with every Spanish sentence, and the one Spanish article answered
    any Spanish question.

    `plain`: for a question in English, the help centre's words for its everyday ones ("swap" ->
    exchange): read beside the widest reading, and counted as words shared.

    A `context` (what surrounds a question with few words of its own) is read with the question: a
    unit scores the better of its match to the question alone and to the question in context.
    `by_clause`: a long question is also read clause by clause (see `long_clauses`).
    """
    if not units:
        return
    clean_topic = salient_topic(strip_names(topic, names), units)
    readings = [clean_topic, strip_names(f"{context} {topic}", names)] if context else [clean_topic]
    if by_clause:
        # A long, chatty question that nothing answers as a whole may bury its point in one
        # clause ("..., but if i buy now and you drop the price next week ..."): read each too.
        readings += [strip_names(c, names) for c in long_clauses(topic)]
    worded = list(readings) if gloss is None else [gloss] if gloss else []
    if plain and gloss is None:
        worded.append(plain)
        readings[1 if context else 0] += f"\n{plain}"
    if gloss:
        # On the widest reading (with its context when it has one): one more text to embed
        # would cost a draft several milliseconds of the multilingual model.
        readings[1 if context else 0] += f"\n{gloss}"
    _score(
        units, readings, embedder=embedder, names=names, lexical_weight=lexical_weight, adapter=adapter,
        worded=worded,
    )


def long_clauses(topic: str) -> list[str]:
    """The clauses a long question is also read by; none for a short one."""
    return clauses(topic, min_words=CLAUSE_WORDS) if len(topic.split()) >= LONG_TOPIC_WORDS else []


def _score(
    units: list[Unit], readings: list[str], *, embedder: Embedder, names: list[str], lexical_weight: float,
    adapter: QueryAdapter | None, worded: list[str] | None = None,
) -> None:
    """Each unit's score against the best of the readings (and of the `worded` ones, by default
    the readings, for the words it shares)."""
    worded = readings if worded is None else worded
    asked = [u for u in units if u.faq_question]
    vectors = embedder.embed([
        *readings, *(strip_names(u.match_text, names) for u in units),
        *(strip_names(u.faq_question, names) for u in asked),
    ])
    queries = [adapter.apply(q) if adapter is not None else q for q in vectors[: len(readings)]]
    texts = vectors[len(readings): len(readings) + len(units)]
    cosines = np.max([texts @ q for q in queries], axis=0)
    by_question = (
        np.max([vectors[len(readings) + len(units):] @ q for q in queries], axis=0) if asked else []
    )
    question_cosines = {id(unit): float(c) for unit, c in zip(asked, by_question, strict=True)}
    # A product's name says which thing, not what about it: "return the lamp" shares "lamp" with
    # every lamp sentence, and only "return" with the answer.
    product_stems = frozenset(stem(w) for w in product_words([u.passage for u in units]))
    # A code in a title names the product ("Thermostat T2"), like the product's name: only a code
    # the titles do not carry ("E4") picks out the lines about it.
    model_names = model_codes([u.passage for u in units])
    asked_codes = _codes(" ".join(readings)) - model_names
    carriers = {code: sum(code in _codes(u.text) for u in units) for code in asked_codes}
    rare = {code for code, count in carriers.items() if 0 < count <= CODE_CARRIERS}
    for unit, cosine in zip(units, np.asarray(cosines, dtype=float), strict=True):
        overlap = max(
            (lexical_overlap(reading, unit.match_text, ignore=product_stems) for reading in worded),
            default=0.0,
        )
        bonus = lexical_weight * overlap + _code_bonus(unit, rare, asked_codes)
        unit.score = float(cosine) + bonus
        unit.question_score = question_cosines.get(id(unit), float(cosine)) + bonus
        unit.shares_words = overlap > 0


@dataclass(frozen=True)
class Thresholds:
    """Minimum scores for a unit to count as answering the question, by kind."""

    answer: float = 0.60
    opinion: float = 0.25
    opinion_margin: float = 0.30
    """Opinions must also score within this margin of the best one."""
    fact: float = 0.45
    fact_secondary: float = 0.45
    """A fact answering a later question of several must score this much: a weak match to "I need to
    turn off the heating from work!" after the main question adds a stray line, not an answer."""
    fact_unworded: float = 0.60
    """A fact sharing no word with the question beyond the product's name must score this much:
    "switch the lamp off and on" is close to "return the lamp" only through the lamp."""
    supporting_opinion: float = 0.40
    """With a direct answer found, opinions must reach this score to be added."""
    max_opinions: int = 6
    max_facts: int = 3
    related_answer: float = 0.40
    """An FAQ answer below `answer` but this close, from a passage the retriever ranked near its
    best, is quoted as related information (without its yes or no, which answered another question)."""
    passage_margin: float = 0.10
    """Passages the retriever scored this far below its best are not read at all: its ranking,
    tuned per tenant, knows better than one sentence's wording which sources answer."""


# A question this long is read clause by clause when nothing answers it whole, each clause of at
# least this many words.
LONG_TOPIC_WORDS = 18
CLAUSE_WORDS = 4
# A second FAQ answer is quoted when it scores this close to the best one.
ANSWER_WINDOW = 0.03
# Another fact of the best fact's document is quoted when it scores this close to it.
FACT_MARGIN = 0.15
# A sentence that stands alone opens the answer over a list fragment scoring up to this much more.
FRAGMENT_PENALTY = 0.05
# A "how" question's answer brings its document's procedure when a step scores this close to it;
# for another question a step must score this much to bring its procedure.
PROCEDURE_MARGIN = 0.2
PROCEDURE_FLOOR = 0.6
# A procedure of at most this many steps is quoted whole when one of its steps answers, said in
# sentences when another procedure holds the reply's numbered list.
SHORT_PROCEDURE = 3
# With a single question, a sentence loses this much of its passage's distance below the
# retriever's best passage: the ranking of the whole ticket breaks near ties between sentences.
RANK_WEIGHT = 0.5
ANSWER_WINDOW_RANKED = 0.10


@dataclass
class Evidence:
    """The units chosen to answer one question."""

    answers: list[Unit]
    opinions: list[Unit]
    facts: list[Unit]
    related: list[Unit] = field(default_factory=list)
    """FAQ answers to a neighbouring question, worth quoting without their yes or no."""

    @property
    def empty(self) -> bool:
        """Nothing answers the question."""
        return not (self.answers or self.opinions or self.facts or self.related)

    def passages(self) -> list[Passage]:
        """The passages whose sentences are used, in order of use, without repeats."""
        seen: dict[str, Passage] = {}
        for unit in [*self.answers, *self.facts, *self.opinions, *self.related]:
            seen.setdefault(unit.passage.chunk_id, unit.passage)
        return list(seen.values())


def _best_per_passage(units: list[Unit]) -> list[Unit]:
    best: dict[str, Unit] = {}
    for unit in units:
        kept = best.get(unit.passage.chunk_id)
        if kept is None or unit.score > kept.score:
            best[unit.passage.chunk_id] = unit
    return sorted(best.values(), key=lambda u: (-u.score, u.passage.chunk_id))


def _fact_answers(unit: Unit, thresholds: Thresholds, *, secondary: bool = False) -> bool:
    floor = thresholds.fact_secondary if secondary else thresholds.fact
    floor = floor if unit.shares_words else max(floor, thresholds.fact_unworded)
    return unit.kind == "fact" and unit.score >= floor


def _document_order(unit: Unit) -> tuple[int, int]:
    index = unit.passage.metadata.get("chunk_index")
    return (int(index) if isinstance(index, int) else 0, unit.position)


def select_facts(
    answering: list[Unit], units: list[Unit], thresholds: Thresholds, *, procedural: bool, how: bool = False,
    ranked: bool = False, told: frozenset[str] = frozenset(),
) -> list[Unit]:
    """The facts that answer: the best one first, then what its own document says as well, in the
    document's order; a matching step brings its whole procedure when the question asks what to do.
    Sentences of other documents are left out: a neighbouring article rarely applies as a whole."""
    if not answering:
        return []
    top = max(u.passage.score for u in answering)

    def weight(unit: Unit) -> float:
        # With one question the retriever's ranking (of the whole ticket) breaks near ties; with
        # several it ranked for all of them, so it says little about this one.
        return unit.score - (RANK_WEIGHT * (top - unit.passage.score) if ranked else 0.0)

    best = max(answering, key=weight)
    whole = [u for u in answering if not u.fragment and weight(u) >= weight(best) - FRAGMENT_PENALTY]
    if best.fragment and whole:
        best = max(whole, key=weight)  # a sentence that stands alone reads better first
    procedure = [u for u in units if u.passage.chunk_id == best.passage.chunk_id and u.is_step]
    answering_steps = sum(u in answering for u in procedure)
    if best.is_step and procedural and (how or best.score >= PROCEDURE_FLOOR or answering_steps > 1):
        # A whole procedure for a question that asks how, a step that clearly answers, or several
        # of its steps that do ("My thermostat doesn't heat").
        return procedure
    if best.is_step and len(procedure) <= SHORT_PROCEDURE and content_stems(best.passage.title) & told:
        # "Can I swap it for the black one?" / "Start a return ... and choose the reason Exchange.":
        # the first step alone stops half way; a short procedure is the answer whole, when the
        # customer speaks of what its article is about (an exchange, not an address to correct).
        return procedure
    same = [
        u for u in answering
        if u is not best and not u.is_step and u.passage.doc_id == best.passage.doc_id
        and u.score >= best.score - FACT_MARGIN
    ]
    rest = sorted(same, key=lambda u: -u.score)[: thresholds.max_facts - 1]
    if how:
        # "How does an exchange work?": the answer's own document's procedure comes with it, and
        # what else it says as closely ("We keep invoices for 7 years" beside deleting an account).
        steps = [u for u in answering if u.is_step and u.passage.doc_id == best.passage.doc_id
                 and u.score >= best.score - PROCEDURE_MARGIN]
        if steps:
            source = max(steps, key=lambda u: u.score).passage.chunk_id
            said = sorted([best, *rest], key=_document_order)
            return [*said, *(u for u in units if u.passage.chunk_id == source and u.is_step)]
    # In the document's own order, the best one's passage first: "Your bank then needs 5-7 days"
    # reads after "We issue the refund within 2 days", whichever matched the question better.
    chosen = _with_their_leads([best, *rest], told)
    if not chosen:
        return []
    best = chosen[0]
    return sorted(chosen, key=lambda u: (u.passage.chunk_id != best.passage.chunk_id, _document_order(u)))


def _with_their_leads(chosen: list[Unit], told: frozenset[str] = frozenset()) -> list[Unit]:
    """Without the sentences that only go on from one left out: "Then add it again in the app."
    quoted without the reset it follows reads as a garbled fragment; so does "It blinks blue three
    times when the reset worked." when neither the customer (`told`) nor another quoted sentence
    speaks of a reset."""
    kept = {(u.passage.chunk_id, u.position) for u in chosen}

    def stands(u: Unit) -> bool:
        if u.is_step or (u.passage.chunk_id, u.position - 1) in kept:
            return True
        if _GOES_ON.match(u.text):
            return False
        action = _THE_ACTION.search(u.text)
        if action is None:
            return True
        said = told.union(*(content_stems(o.text) for o in chosen if o is not u))
        return stem(action.group(1).lower()) in said

    return [u for u in chosen if stands(u)]


# "the reset", "the claim": an action the sentence takes as already told.
_THE_ACTION = re.compile(
    r"\bthe (reset|update|claim|return|exchange|repair|replacement|investigation|transfer|installation)\b",
    re.IGNORECASE,
)


def select_evidence(
    units: list[Unit], thresholds: Thresholds, *, ranked: bool = False, procedural: bool = True,
    how: bool = False, secondary: bool = False, told: frozenset[str] = frozenset(),
) -> Evidence:
    """The units that answer the question: the best FAQ answer, agreeing opinions, top facts.

    `ranked`: the units come only from passages the retriever ranked near its best, so its
    judgement stands in for the relative floors a sentence's own wording would need.
    `procedural`: the question asks what to do, so a matching step brings its procedure.
    `how`: the question asks how something is done, so its document's procedure comes along.
    `secondary`: a later question of several, whose facts must match more closely.
    `told`: stems of what the customer wrote (and its help-centre words): a short procedure whose
    article's title they name is quoted whole when one of its steps answers.
    """
    faq_answers = [u for u in units if u.kind == "answer"]
    if not any(u.score >= thresholds.answer for u in faq_answers):
        # No FAQ answer matches with its answer's own words: one whose question alone matches is
        # the answer to a question asked in other words ("can i pay half with my visa and half on
        # her mastercard?" / "Can I split a payment between two cards?"). Only then: otherwise
        # near-duplicate FAQ questions would all be quoted.
        for unit in faq_answers:
            unit.score = max(unit.score, unit.question_score)
    candidates = _best_per_passage(faq_answers)
    answers = [
        u for u in candidates
        if u.score >= thresholds.answer or (u.in_clear_section and u.score >= thresholds.related_answer)
    ]
    window = ANSWER_WINDOW_RANKED if ranked else ANSWER_WINDOW
    answers = [u for u in answers if u.score >= answers[0].score - window][:2] if answers else []
    opinions = _best_per_passage([u for u in units if u.kind == "opinion"])
    floor = max(thresholds.opinion, opinions[0].score - thresholds.opinion_margin) if opinions else 0.0
    if ranked:
        floor = thresholds.opinion
    elif answers:
        floor = max(floor, thresholds.supporting_opinion)
    opinions = [u for u in opinions if u.score >= floor][: thresholds.max_opinions]
    # A neighbouring FAQ answer stands in only when nobody speaks to the question: with opinions
    # that do, it answers another question ("Is room service provided?" beside "are the rooms big?").
    near_misses = [u for u in candidates if thresholds.related_answer <= u.score < thresholds.answer]
    related = near_misses[:1] if ranked and not opinions else []
    answering = [u for u in units if _fact_answers(u, thresholds, secondary=secondary)]
    if not answers and not opinions and answering:
        # A fact would be quoted, and an FAQ answer matches the question better than any fact does:
        # it is the answer ("I only see a week of data?" / "Without a subscription the app keeps 7
        # days of history." over a line on downloading one's personal data).
        best_fact = max(u.score for u in answering)
        answers = [
            u for u in candidates if u.shares_words and u.score >= thresholds.fact and u.score > best_fact
        ][:1]
    facts = select_facts(
        answering, units, thresholds, procedural=procedural, how=how, ranked=ranked, told=told
    )
    return Evidence(answers=answers, opinions=opinions, facts=facts, related=related)
