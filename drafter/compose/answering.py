"""Answer one question from the knowledge: the unit that answers it best, what the same document
adds, a procedure's steps, a list under its heading, and a plain yes or no when the knowledge gives one."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from drafter.compose.addressing import as_reply
from drafter.compose.applicability import already_done, applies_to, said_before
from drafter.compose.conditions import already_met, lacking_told
from drafter.compose.coverage import uncovered_words
from drafter.compose.exclusions import excluded_case, refused_case
from drafter.compose.focus import Focus
from drafter.compose.guidance import details_to_ask, mostly_agent_facing, unit_for_agents
from drafter.compose.hazards import is_safety_instruction, operates_device
from drafter.compose.negatives import best_alternative, listed_alternatives, refuses, says_no
from drafter.compose.next_steps import with_what_follows
from drafter.compose.phrases import Voice
from drafter.compose.references import Resolution, subject_of
from drafter.compose.scopes import with_scopes
from drafter.compose.sentences import (
    SEQUENCE_LEAD,
    Evidence,
    Thresholds,
    Unit,
    long_clauses,
    product_patterns,
    product_words,
    refers_to_steps,
    score_units,
    select_evidence,
    strip_names,
    units_of,
    without_products,
    without_verdict,
)
from drafter.compose.summaries import summarise_opinions, supporting_opinion
from drafter.compose.unmentioned import names_in, unknown_names
from drafter.compose.verdicts import states_predicate, verdict
from drafter.compose.windows import OpenWindow, PassedWindow, offered_within, open_window, passed_window
from drafter.domain import CustomerProfile, Passage, Ticket
from drafter.embeddings import Embedder
from drafter.principles import Signals
from drafter.retrieval.adapter import QueryAdapter
from drafter.text.asks import Ask, reports_problem
from drafter.text.chunking import embedding_text
from drafter.text.dates import spoken_date
from drafter.text.glossary import Glossary
from drafter.text.sentences import sentences
from drafter.text.words import content_stems, stem, words

# Sentence-scoring weight of shared words on top of embedding similarity (tuned on dev data).
LEXICAL_WEIGHT = 0.2
# A fact comes only from a document with a section that fits the question this close to the best.
SECTION_MARGIN = 0.10
# ... or, for the document the retriever ranked first for the whole ticket, this close.
LEADING_MARGIN = 0.20
# What a sentence written for a case of something lacking gains when the customer says they lack it.
LACKING_TOLD_BONUS = 0.1
# The document the retriever ranked first, this far ahead of every other or with its sections in
# every one of the first places, is what a ticket of one question is about.
RETRIEVAL_LEAD = 0.10
LEADING_RUN = 3
# A section clearly answers when it fits at least this well, this far ahead of any other document's;
# the same document's sections this close to it answer too.
CLEAR_SECTION = 0.45
CLEAR_LEAD = 0.15
CLEAR_WINDOW = 0.05
# At most this many details are asked for at once.
MAX_DETAILS = 4
# A sentence of the answering document speaks to one thing the customer told when this close to it
# (and sharing a word with it).
TOLD_FACT = 0.30
# A fact scoring this well answers a yes-or-no question even when the question also names something
# the knowledge never mentions (a brand of router beside "does it work on 5 GHz?").
UNMENTIONED_FACT = 0.70
# "where do I find ...?" asks for the way there, whatever the sentence's form ("Two things: where ...?").
_OPEN_WORD = re.compile(r"\b(?:how|where|what|which|when|why)\b", re.IGNORECASE)
_HOW = re.compile(
    # "what now?", "what do I do?", "what should we do next?" ask for the way forward as "how" does.
    r"\b(?:how|where)\b|\bwhat (?:now|next|(?:do|should|can|must) (?:i|we) do)\b", re.IGNORECASE
)
_ONLY_FOR = re.compile(r"^\s*only\b", re.IGNORECASE)
# "can I download the invoice?" asks for the way to do it as much as "how do I ...?".
_ABLE = re.compile(r"^\W*(?:can|could) (?:i|we)\b", re.IGNORECASE)
_RETURN_UNDER_WAY = re.compile(
    r"\b(?:a|the|your) returned (?:item|device|order|parcel)|\b(?:when|once) (?:your|the) return\b",
    re.IGNORECASE,
)
_AFTER_THE_STEPS = re.compile(r"\bafter (?:these|those|the above|the previous) steps\b", re.IGNORECASE)
# A sentence telling the customer to do something: "Check the adapter.", "E1: ... Check the adapter."
_TELLS_TO = re.compile(
    r"^(?:\W*[\w-]+\W*: [^.]*\.\s*)?(?:please\s+)?(?:check|restart|reset|install|update|unplug|plug|"
    r"switch|turn|hold|press|open|tap|try|make sure|wait|remove|reconnect|connect|move|replace|charge)\b",
    re.IGNORECASE,
)
@dataclass
class Answer:
    """What the knowledge says about one question."""

    sentences: list[str] = field(default_factory=list)
    """Sentences in reading order; a part holding line breaks is a list, shown as its own block."""
    steps: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    to_ask: list[str] | None = None
    """Details an agent-facing guideline says to collect, when that is the best match."""
    after_steps: list[str] = field(default_factory=list)
    """Sentences that point back at the steps ("after these steps"), said after them."""
    key_step: str | None = None
    """The step that best answers, said as a sentence when another question has the numbered steps."""
    settled: bool = False
    """The question is answered by a limit that has passed (or a late order's line), even when
    nothing else applies."""
    uncovered: list[str] = field(default_factory=list)
    """Words of the question the retrieved knowledge never uses, which kept a neighbouring
    article's sentences from standing in for an answer."""
    denied: frozenset[str] = frozenset()
    """Stems of what a "No," answer refuses ("Is this covered under warranty?"): another
    question's procedure that leads there ("... make a warranty claim") would contradict it."""

    @property
    def found(self) -> bool:
        """Something answers the question."""
        return bool(self.sentences or self.steps or self.to_ask is not None or self.settled)


@dataclass(frozen=True)
class SectionFit:
    """How the retrieved sections fit one question, each read whole."""

    documents: set[str]
    """Documents with a section that fits nearly as well as the best: facts come only from these."""
    clear: frozenset[str]
    """Chunks of the one document that clearly answers, whose facts count as on topic."""


@dataclass(frozen=True)
class Question:
    """One question of the ticket and everything its answer depends on."""

    ask: Ask
    focus: Focus
    """What the answer is looked for with (the question, and what it leaves unsaid)."""
    ticket: Ticket
    profile: CustomerProfile | None
    signals: Signals
    margin: float | None
    """With a margin, FAQ answers and opinions come only from passages ranked this close to the best."""
    window_said: bool = False
    """The reply already says the order is past its return window."""
    secondary: bool = False
    """A later question of several in the ticket."""
    gloss: str | None = None
    """For a ticket in another language, the English words of the question's support terms (maybe
    none); None for one in English."""
    plain: str = ""
    """For a ticket in English, the help centre's words for the question's everyday ones ("swap"
    -> exchange; maybe none)."""
    done: frozenset[str] = frozenset()
    """Stems of what the customer says they already did (`told_done`), read once per ticket."""
    neighbours: tuple[Passage, ...] = ()
    """The best passage's document's other chunks: what follows a promise quoted from it."""

    @property
    def hazard(self) -> bool:
        """The ticket reports a danger."""
        return self.signals.hazard is not None


def sentence(text: str) -> str:
    """One quotable sentence, as a reply says it: single-spaced, capitalised, ending in punctuation."""
    text = as_reply(" ".join(text.split()))
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _leads_clearly(sections: list[Passage], leading: str) -> bool:
    """The retriever scored the leading document far above every other one, or ranked only its
    sections first."""
    ranked = sorted(sections, key=lambda p: -p.score)
    if all(p.doc_id == leading for p in ranked[:LEADING_RUN]):
        return True
    others = [p.score for p in sections if p.doc_id != leading]
    return not others or ranked[0].score - max(others) >= RETRIEVAL_LEAD


def _near_the_best(knowledge: list[Passage], margin: float) -> list[Passage]:
    """The passages the retriever scored within `margin` of its best one."""
    if not knowledge:
        return knowledge
    best = max(p.score for p in knowledge)
    return [p for p in knowledge if p.score >= best - margin]


# What customers say rests on at least this many opinions, taken from the retriever's first few
# passages when the ones near its best hold fewer: one review is an anecdote, not what customers say.
MIN_OPINIONS = 2
OPINION_RANKS = 3


def _enough_opinions(
    evidence: Evidence, units: list[Unit], pool: list[Passage], thresholds: Thresholds
) -> Evidence:
    """With a single opinion from the passages near the best, the next one the retriever ranked
    among its first few passages, on the opinion floor; with a direct FAQ answer and no opinion,
    what customers there say about it, on the floor of a supporting opinion."""
    if evidence.opinions:
        floor = thresholds.opinion
    elif evidence.answers:
        floor = thresholds.supporting_opinion
    else:
        return evidence
    heard = {u.passage.chunk_id for u in evidence.opinions}
    added = list(evidence.opinions)
    for passage in sorted(pool, key=lambda p: -p.score)[:OPINION_RANKS]:
        if len(added) >= MIN_OPINIONS:
            break
        fitting = [
            u for u in units
            if u.passage.chunk_id == passage.chunk_id and u.kind == "opinion" and u.score >= floor
        ]
        if passage.chunk_id not in heard and fitting:
            added.append(max(fitting, key=lambda u: u.score))
    return replace(evidence, opinions=added) if len(added) > len(evidence.opinions) else evidence


ClauseScorer = Callable[[list[str], str], list[float]]


class Answerer:
    """Finds and writes the answer to one question."""

    def __init__(self, embedder: Embedder, thresholds: Thresholds, glossary: Glossary | None = None) -> None:
        self._embedder = embedder
        self._thresholds = thresholds
        self._glossary = glossary

    def answer(
        self,
        question: Question,
        knowledge: list[Passage],
        resolution: Resolution,
        voice: Voice,
        adapter: QueryAdapter | None = None,
    ) -> Answer:
        """Answer one question from the passages about its subject(s)."""
        answer = Answer()
        subjects: list[str | None] = list(resolution.subjects) or [None]
        names = [*resolution.subjects, *resolution.display.values()]
        named = frozenset(stem(w) for n in names for w in words(n))
        topic = question.ask.topic
        asks_how = bool(_OPEN_WORD.search(topic) or _ABLE.match(topic))
        procedural = question.ask.kind != "yes_no" or asks_how
        how = question.ask.kind == "request" or bool(_HOW.search(topic) or _ABLE.match(topic))

        told = content_stems(" ".join([question.ticket.text, question.plain, question.gloss or ""]))

        def chosen(candidates: list[Unit], *, ranked: bool) -> Evidence:
            return select_evidence([u for u in candidates if not unit_for_agents(u)], self._thresholds,
                                   ranked=ranked, procedural=procedural, how=how,
                                   secondary=question.secondary, told=told)

        for subject in subjects[:3]:
            pool = [p for p in knowledge if subject_of(p) in (subject, None)]
            every = [u for p in pool for u in units_of(p)]
            units = _after_what_was_done(
                [u for u in every if self._applies(u, question, named)], every, question, named
            )
            units = _past_a_met_condition(units, question)
            fit = self._sections(question, pool, names)
            self._score(units, question, pool, names, adapter, clear=fit.clear)
            # FAQ answers and opinions come from the passages ranked near the best (per subject,
            # since several compared things each have their own best); facts from any section of a
            # document that fits the question: an article's next section often holds the way forward.
            margin = question.margin
            near = {p.chunk_id for p in (_near_the_best(pool, margin) if margin is not None else pool)}
            fitting = fit.documents
            answering = [
                u for u in units
                if (u.passage.doc_id in fitting if u.kind == "fact" else u.passage.chunk_id in near)
            ]
            if self._guided(answer, answering):
                return answer
            evidence = chosen(answering, ranked=margin is not None)
            quoted_steps = [u for u in evidence.facts if u.is_step]
            tried = _tried_procedures(every, question, named) if quoted_steps else set()
            if any(u.passage.chunk_id in tried for u in quoted_steps):
                # The customer followed these steps and it failed ("clicked forgot password, no email
                # at all"): what the article says for when it fails answers, not the rest of the steps.
                beyond = chosen(_after_the_procedures(answering, tried, pool), ranked=margin is not None)
                if beyond.facts or beyond.answers:
                    evidence = beyond
                elif (fallback := _when_most_steps_failed(every, quoted_steps, tried, question, named)):
                    # Nothing beyond the steps answers but the article's own "if it still does not
                    # work after these steps": said to one who has taken most of them, it is the answer.
                    evidence = Evidence(answers=[], opinions=[], facts=[fallback])
            if margin is not None:
                evidence = _enough_opinions(evidence, units, pool, self._thresholds)
            if evidence.empty and margin is not None:
                # Nothing near the best answers: before giving up, hear every retrieved passage
                # on the floors a sentence's own wording must reach.
                evidence = chosen([u for u in units if u.kind != "fact" or u.passage.doc_id in fitting],
                                  ranked=False)
            if evidence.empty and long_clauses(question.focus.topic):
                # Rescored in place: `answering` holds the same units.
                self._score(units, question, pool, names, adapter, by_clause=True, clear=fit.clear)
                evidence = chosen(answering, ranked=margin is not None)
            if evidence.empty and question.ask.kind == "yes_no":
                near_units = [u for u in answering if u.passage.chunk_id in near]
                evidence = _refusal_naming(question.ask.topic, near_units) or evidence
            evidence = with_scopes(_with_the_steps_it_points_to(evidence, units), units, question.ticket)
            evidence = with_what_follows(evidence, units, question.neighbours)
            if question.ask.kind == "yes_no":
                evidence = excluded_case(evidence, units, question.ticket, named)
                asked = f"{question.focus.context} {question.focus.topic}"
                evidence = refused_case(evidence, units, asked, named)
            if evidence.facts and not content_stems(question.ask.topic) - named:
                evidence = self._each_thing_told(evidence, units, question, named)
            if evidence.empty:
                continue
            # A product the knowledge names elsewhere ("a thermostat shipped to my PO box") is not
            # the unknown thing the question hangs on.
            if unasked := _about_the_unmentioned(question, evidence, pool, [*names, *resolution.linked]):
                answer.uncovered.extend(w for w in unasked if w not in answer.uncovered)
                continue
            display = resolution.display.get(subject, subject) if subject else "it"
            before = len(answer.sentences)
            evidence = _own_document_after_an_answer(evidence)
            documents = {p.doc_id for p in evidence.passages()}
            procedures = frozenset(u.passage.chunk_id for u in evidence.facts if u.is_step)
            passed = passed_window(
                [u for u in units if u.passage.doc_id in documents], question.signals, procedures
            )
            if passed is not None:
                # The way forward may be in a part of the rule's article the retriever did not
                # return ("What you can do instead"): its other chunks are read for it.
                beside = self._neighbour_units(question, passed.unit.passage.doc_id, pool, names, adapter)
                evidence = self._past_the_limit(answer, question, evidence, passed, voice, [*units, *beside])
            self._write(answer, question, evidence, display, voice, units)
            if passed is None:
                quoted = [*evidence.answers, *evidence.facts]
                around = [u for u in units if u.passage.doc_id in documents]
                opened = open_window(quoted, around, question.signals)
                if opened is not None:
                    answer.sentences.append(_limit_open(opened, voice))
            first = answer.sentences[before] if len(answer.sentences) > before else ""
            if len(subjects) > 1 and first and display.lower() not in first.lower():
                # Comparing several: say which one each answer is about, unless it already says.
                answer.sentences[before] = f"{display}: {first}"
        return answer

    def _each_thing_told(
        self, evidence: Evidence, units: list[Unit], question: Question, named: frozenset[str]
    ) -> Evidence:
        """A question with no words of its own ("What can you do?") after several things told: each
        thing told also gets the sentence of the answering document that speaks to it, when they
        share a word ("I forgot to use my code" / "Discount codes cannot be added to an order after
        it has been placed."), not only the one sentence that best fits all of them at once."""
        if question.focus.topic == question.ask.topic or question.focus.context:
            return evidence  # nothing told around the question, or read beside it, not as it
        told = [s for s in sentences(question.focus.topic) if s.strip(" ?!.") not in question.ask.text]
        documents = {u.passage.doc_id for u in evidence.facts}
        chosen = {id(u) for u in evidence.facts}
        pool = [
            u for u in units
            if u.passage.doc_id in documents and id(u) not in chosen and u.kind == "fact"
            and not u.is_step and not u.is_item
        ]
        if len(told) < 2 or not pool:
            return evidence
        vectors = self._embedder.embed([*told, *(u.text for u in pool)])
        parts, texts = vectors[: len(told)], vectors[len(told):]
        # The product's name says which thing, not what about it: "my lamp has been blinking" and
        # "Most lamp problems are fixed by a reset" share only the lamp.
        ignored = named | {stem(w) for w in product_words([u.passage for u in units])}
        added: list[Unit] = []
        for part, reading in zip(told, parts, strict=True):
            cosines = texts @ reading
            fitting = [
                (float(c), u) for c, u in zip(cosines, pool, strict=True)
                if c >= TOLD_FACT and (content_stems(part) - ignored) & (content_stems(u.text) - ignored)
            ]
            if fitting:
                best = max(fitting, key=lambda pair: pair[0])[1]
                if best not in added:
                    added.append(best)
        return replace(evidence, facts=[*evidence.facts, *added]) if added else evidence

    def _sections(self, question: Question, pool: list[Passage], names: list[str]) -> SectionFit:
        """Which documents fit this question, read section by section, and which sections clearly
        answer it. A sentence of another article may share the question's words ("the thermostat")
        while its section is about something else (wiring, not sending it back); and a section
        headed "Duties and taxes" answers "do I pay customs?" though no sentence says "customs"."""
        sections = [p for p in pool if p.source == "knowledge"]
        if len({p.doc_id for p in sections}) < 2:
            return SectionFit(documents={p.doc_id for p in pool}, clear=frozenset())
        fits = self.section_fits(question, sections, names)
        best = float(fits.max())
        documents = {p.doc_id for p, f in zip(sections, fits, strict=True) if f >= best - SECTION_MARGIN}
        top = sections[int(fits.argmax())].doc_id
        others = [float(f) for p, f in zip(sections, fits, strict=True) if p.doc_id != top]
        clear: frozenset[str] = frozenset()
        if best >= CLEAR_SECTION and best - max(others, default=0.0) >= CLEAR_LEAD:
            clear = frozenset(
                p.chunk_id for p, f in zip(sections, fits, strict=True)
                if p.doc_id == top and f >= best - CLEAR_WINDOW
            )
        # The retriever read the whole ticket: its best document is what the ticket is about, and
        # a question that leaves that unsaid ("I want my money back") may still be answered there,
        # unless the question is plainly about something else.
        leading = max(sections, key=lambda p: p.score).doc_id
        if any(p.doc_id == leading and f >= best - LEADING_MARGIN
               for p, f in zip(sections, fits, strict=True)):
            documents.add(leading)
            if question.margin is not None and _leads_clearly(sections, leading):
                # A ticket of one question plainly about one article ("two charges of $59 for one
                # order"): a request put in few words ("please refund the extra one") is answered from it, not
                # from an article that shares its words ("We refund the full price of the item").
                documents = {leading}
        documents |= {p.doc_id for p in pool if p.source != "knowledge"}
        return SectionFit(documents=documents, clear=clear)

    def section_fits(self, question: Question, sections: list[Passage], names: list[str]) -> np.ndarray:
        """How well each section, read whole, fits the question (cosine, best reading)."""
        readings = [question.focus.topic]
        if question.focus.context:
            readings.append(f"{question.focus.context} {question.focus.topic}")
        if question.gloss or question.plain:
            readings = [f"{r}\n{question.gloss or question.plain}" for r in readings]
        # Without the products' names: "return a thermostat" is not thermostat troubleshooting.
        products = product_patterns(sections)
        readings = [without_products(strip_names(r, names), products) for r in readings]
        # Each section as the store embedded it, its document's title and heading giving its subject.
        texts = [embedding_text(p.title, p.metadata.get("section"), p.text) for p in sections]
        vectors = self._embedder.embed(
            [*readings, *(without_products(strip_names(t, names), products) for t in texts)]
        )
        return np.asarray(np.max(vectors[len(readings):] @ vectors[: len(readings)].T, axis=1), dtype=float)

    def _score(
        self,
        units: list[Unit],
        question: Question,
        pool: list[Passage],
        names: list[str],
        adapter: QueryAdapter | None,
        *,
        by_clause: bool = False,
        clear: frozenset[str] = frozenset(),
    ) -> None:
        """Score the units against the question's focus, in place, with the yes-or-no rule below
        applied on every scoring (a clause-by-clause rescoring sets `shares_words` afresh). A fact
        in a section that clearly answers is on topic whatever its words."""
        focus = question.focus
        score_units(units, focus.topic, embedder=self._embedder, names=names,
                    lexical_weight=LEXICAL_WEIGHT, adapter=adapter, context=focus.context,
                    by_clause=by_clause, gloss=question.gloss, plain=question.plain)
        if question.gloss:
            self._share_in_own_language(units, question.gloss)
        if question.ask.kind == "yes_no" and unknown_names(question.ask.topic, pool):
            # A yes-or-no question about something the knowledge never names ("does the lamp
            # work with a Hue bridge?") shares words with a sentence only when the sentence says
            # yes or no to it; otherwise the sentence must be close in meaning on its own.
            for unit in units:
                unit.shares_words = unit.shares_words and states_predicate(question.ask, unit)
        told = question.ticket.text
        for unit in units:
            unit.in_clear_section = unit.passage.chunk_id in clear
            if unit.kind == "fact" and unit.in_clear_section:
                unit.shares_words = True
            if lacking_told(unit.text, told):
                # "If your system has no C-wire, install the Power Adapter ..." to one who says
                # "there's no C wire": the line written for their case.
                unit.score += LACKING_TOLD_BONUS
                unit.shares_words = True

    def _share_in_own_language(self, units: list[Unit], gloss: str) -> None:
        """A sentence of an article in another language than English shares words with a question in
        a language not English when their support terms are the same ("devolver" in both reads as
        return): their own words are not compared, having no stop words to tell grammar by."""
        if self._glossary is None:
            return
        products = frozenset(stem(w) for w in product_words([u.passage for u in units]))
        wanted = content_stems(gloss) - products
        for unit in units:
            language = unit.passage.metadata.get("language")
            if unit.shares_words or not isinstance(language, str) or language == "en":
                continue
            theirs = content_stems(" ".join(self._glossary.english_words(unit.match_text, [language])))
            unit.shares_words = bool(wanted & theirs)

    @staticmethod
    def _applies(unit: Unit, question: Question, named: frozenset[str]) -> bool:
        """A unit this customer should hear: a safety instruction only with a reported hazard, and
        then no instruction to use the device; a member benefit only for members; nothing the agent
        already said in this conversation."""
        if not question.hazard and is_safety_instruction(unit.text):
            return False
        if question.hazard and (unit.is_step or _TELLS_TO.match(unit.text)) and operates_device(unit.text):
            return False  # the device stays off until someone has checked it
        told = question.ticket.text
        if not applies_to(unit.text, profile=question.profile, asked=question.ask.text, told=told):
            return False
        if said_before(unit.text, question.ticket, names=named):
            return False
        # Only the steps: "I already put in the adapter" does not take back what an error code means.
        return not (unit.is_step or _TELLS_TO.match(unit.text)) or not already_done(
            unit.text, question.done, names=named
        )

    def _guided(self, answer: Answer, units: list[Unit]) -> bool:
        """When the best match is a guideline for agents, note what it says to ask the customer."""
        facts = [u for u in units if u.kind == "fact" and u.score >= self._thresholds.fact]
        if not facts:
            return False
        best = max(facts, key=lambda u: u.score)
        own = [u for u in units if u.passage.chunk_id == best.passage.chunk_id]
        if not mostly_agent_facing(own):
            return False
        # The guideline's other retrieved parts hold the rest of what to collect, in its own order.
        own_parts = {u.passage.chunk_id: u.passage for u in units if u.passage.doc_id == best.passage.doc_id}
        parts = sorted(own_parts.values(), key=_place)
        details = [d for p in parts for d in details_to_ask(p)]
        answer.to_ask = list(dict.fromkeys(details))[:MAX_DETAILS]
        answer.passages.append(best.passage)
        return True

    def _write(
        self, answer: Answer, question: Question, evidence: Evidence, subject: str, voice: Voice,
        units: list[Unit],
    ) -> None:
        """Turn the evidence for one question and subject into sentences, steps and citations."""
        ask = question.ask
        used = evidence.passages()
        start = len(answer.sentences)
        for unit in evidence.answers:
            answer.sentences.append(sentence(unit.text))
        if evidence.answers and says_no(evidence.answers[0].text):
            said = {u.text for u in [*evidence.answers, *evidence.facts, *evidence.related]}
            alternative = best_alternative(units, exclude=said, near={p.doc_id for p in used})
            if alternative is not None:
                # Its own "Yes," answered another question.
                answer.sentences.append(
                    voice.pick("negative_alternative", answer=sentence(without_verdict(alternative.text)))
                )
                used.append(alternative.passage)
        # The business's own word before what reviewers say.
        answer.sentences.extend(sentence(without_verdict(u.text)) for u in evidence.related)
        if evidence.opinions and evidence.answers:
            answer.sentences.append(
                supporting_opinion(
                    evidence.opinions, question=ask.topic, voice=voice, scorer=self._clause_scores
                )
            )
        elif evidence.opinions:
            answer.sentences.append(
                summarise_opinions(
                    evidence.opinions,
                    question=ask.topic,
                    subject=subject,
                    # After the business's own answer, a "Yes" in mid-reply answers nothing.
                    yes_no=ask.kind == "yes_no" and len(answer.sentences) == start,
                    voice=voice,
                    scorer=self._clause_scores,
                )
            )
        if question.window_said:
            # No step of a procedure after saying the return cannot happen, nor how a returned item
            # is handled ("If a returned item is missing accessories, ... We always email you the
            # reason."): the passage saying so speaks of a return that will not be.
            under_way = {u.passage.chunk_id for u in evidence.facts if _RETURN_UNDER_WAY.search(u.text)}
            evidence = replace(evidence, facts=[
                u for u in evidence.facts if not u.is_step and u.passage.chunk_id not in under_way
            ])
        steps = [u for u in evidence.facts if u.is_step]
        if len(steps) > 1:  # one step is said as a sentence: a list of one is no procedure
            answer.steps.extend(sentence(u.text) for u in steps)
            if answer.key_step is None:
                answer.key_step = sentence(max(steps, key=lambda u: u.score).text)
        # "If it still does not heat after these steps, ..." follows its steps.
        if len(steps) > 1:
            answer.after_steps.extend(sentence(u.text) for u in evidence.facts if refers_to_steps(u.text))
            said = {u.text for u in evidence.facts}
            answer.after_steps.extend(
                sentence(u.text) for u in closing_lines(steps, units) if u.text not in said
            )
        answer.sentences.extend(fact_parts([
            u for u in evidence.facts if (not u.is_step or len(steps) == 1) and not refers_to_steps(u.text)
        ]))
        fixes = steps if len(steps) > 1 else [u for u in evidence.facts if _TELLS_TO.match(u.text)]
        if fixes and not question.window_said and not any(map(refers_to_steps, answer.after_steps)):
            fallback = when_the_fix_fails(fixes, units)
            if fallback is not None:
                if len(steps) > 1:
                    answer.after_steps.append(sentence(fallback.text))
                else:  # one instruction is no list of steps
                    answer.sentences.append(sentence(_AFTER_THE_STEPS.sub("after that", fallback.text)))
                used.append(fallback.passage)
        self._say_verdict(answer, start, question, evidence, voice)
        answer.passages.extend(p for p in used if p not in answer.passages)

    def _neighbour_units(
        self, question: Question, doc_id: str, pool: list[Passage], names: list[str],
        adapter: QueryAdapter | None,
    ) -> list[Unit]:
        """The scored sentences of the document's chunks handed over beside the retrieved ones."""
        known = {p.chunk_id for p in pool}
        chunks = [p for p in question.neighbours if p.doc_id == doc_id and p.chunk_id not in known]
        units = [u for p in chunks for u in units_of(p)]
        if units:
            self._score(units, question, [*pool, *chunks], names, adapter)
        return units

    @staticmethod
    def _past_the_limit(
        answer: Answer, question: Question, evidence: Evidence, passed: PassedWindow, voice: Voice,
        units: list[Unit],
    ) -> Evidence:
        """Say plainly that the limit has passed, and keep only what still applies: the document's
        refusals and what it offers after the limit, else the best alternative elsewhere."""
        source = passed.unit.passage.doc_id
        answer.settled = True
        if passed.unit.passage not in answer.passages:
            answer.passages.append(passed.unit.passage)

        asked = content_stems(question.ask.topic) - _FRAME_OF_ASKING

        def still(unit: Unit) -> bool:
            # The rule itself explains the no; what it would have offered is left out, and so is
            # another article's offer of the same thing ("You can start a return yourself ...").
            if unit.passage.doc_id != source:
                return not (_YOU_CAN.search(unit.text) and asked & content_stems(unit.text))
            return not offered_within(unit) or unit is passed.unit

        kept = Evidence(
            answers=[u for u in evidence.answers if still(u)],
            opinions=evidence.opinions,
            facts=[u for u in evidence.facts if still(u) and not u.is_step],
            related=[u for u in evidence.related if still(u)],
        )
        if question.window_said:
            return kept  # the reply already says no to the return; the rule explains why
        refusal = next((u for u in kept.facts if u.passage.doc_id == source and refuses(u.text)), None)
        if question.secondary and refusal is not None:
            # After another question's answer, "That is only possible within 30 days ..." would
            # take back that answer: the refusal says first what is no longer possible.
            answer.sentences.append(sentence(refusal.text))
            kept = replace(kept, facts=[u for u in kept.facts if u is not refusal])
        answer.sentences.append(_limit_passed(passed, voice))
        kept = replace(kept, facts=[u for u in kept.facts if u is not passed.unit])  # the line says it
        if all(refuses(u.text) for u in [*kept.answers, *kept.facts]):
            # Only refusals left: add the way forward the policy leaves open.
            said = {u.text for u in [*kept.answers, *kept.facts]} | {passed.unit.text}
            alternative = best_alternative([u for u in units if still(u)], exclude=said, near={source})
            if alternative is not None:
                kept.facts.append(alternative)
            else:
                kept.facts.extend(listed_alternatives(units, source, exclude=said))
        return kept

    @staticmethod
    def _say_verdict(
        answer: Answer, start: int, question: Question, evidence: Evidence, voice: Voice
    ) -> None:
        """Open a yes-or-no question's answer with "Yes," or "No," when its first sentence settles it."""
        if question.ask.kind != "yes_no" or len(answer.sentences) <= start or answer.settled:
            return  # after "that is no longer possible here", a second "No," reads as a stutter
        opening = answer.sentences[start]
        # A fact's yes or no is inferred; an FAQ answer says its own, except whom it is only for.
        first = next((u for u in evidence.facts if sentence(u.text) == opening), None)
        if first is None:
            # A list entry said with its heading ("The warranty policy does not cover water damage,
            # drops, cracks ..."): the statement it makes is what settles the question.
            first = next(
                (replace(u, text=opening, fragment=False) for u in evidence.facts
                 if u.fragment and sentence(u.text)[1:].lower() in opening.lower()), None
            )
        first = first or next(
            (u for u in evidence.answers if sentence(u.text) == opening and _ONLY_FOR.match(u.text)), None
        )
        if first is None or opening.lower().startswith(("yes", "no")):
            return
        said = verdict(question.ask, first, profile=question.profile)
        if said is not None:
            answer.sentences[start] = voice.pick(f"answer_{said}") + lowered(opening, first)
        if said == "no":
            answer.denied = content_stems(question.ask.topic) & content_stems(opening)

    def _clause_scores(self, clauses: list[str], topic: str) -> list[float]:
        """Cosine of each clause to the question, for quoting the part of a review that answers."""
        vectors = self._embedder.embed([topic, *clauses])
        return [float(v) for v in vectors[1:] @ vectors[0]]


def _about_the_unmentioned(
    question: Question, evidence: Evidence, pool: list[Passage], names: list[str]
) -> list[str]:
    """The words a yes-or-no question asks about that no retrieved passage mentions, when only
    another article's facts, none clearly on topic, would answer it: "Does the plug work with
    HomeKit?" is not answered by "The Plug Mini works only with 2.4 GHz Wi-Fi networks."; an empty
    list otherwise. An FAQ answer or a review answers in its own words, and a question in another
    language is read through the glossary, so only English questions of facts are read this way."""
    if question.ask.kind != "yes_no" or question.gloss is not None or question.signals.language != "en":
        return []
    if evidence.answers or evidence.opinions or evidence.related or not evidence.facts:
        return []
    if any(u.in_clear_section or u.score >= UNMENTIONED_FACT for u in evidence.facts):
        return []
    return uncovered_words(question.ask.topic, pool, names)


# "Then contact us and we will open a carrier investigation." after a check the customer made: the
# customer is contacting us now, so what is left is what we do.
_THEN = re.compile(rf"^(?:{SEQUENCE_LEAD})\W*\s*", re.IGNORECASE)
_CONTACT_US_AND = re.compile(
    r"^(?:contact|email|message|call|tell) us(?: again)?(?:,| and)\s+", re.IGNORECASE
)


def _after_what_was_done(
    units: list[Unit], every: list[Unit], question: Question, named: frozenset[str]
) -> list[Unit]:
    """A sentence going on from one the customer already did (or we already told them) stands on
    its own: without its "Then", and without asking them to contact us, which they are doing."""
    by_place = {(u.passage.chunk_id, u.position): u for u in every}
    out = []
    for unit in units:
        lead = by_place.get((unit.passage.chunk_id, unit.position - 1))
        if (
            lead is not None and not unit.is_step and _THEN.match(unit.text)
            and (already_done(lead.text, question.done, names=named)
                 or said_before(lead.text, question.ticket, names=named))
        ):
            rest = _CONTACT_US_AND.sub("", _THEN.sub("", unit.text))
            # It answers what the step it goes on from answered: the customer describes that step.
            unit = replace(unit, text=rest[:1].upper() + rest[1:], match_text=lead.match_text)
        out.append(unit)
    return out


def _past_a_met_condition(units: list[Unit], question: Question) -> list[Unit]:
    """A condition the customer says they meet said as met (what we do then), and what its article
    says before it left out: the customer is past it (how to find the tracking page, for one whose
    tracking has not moved for days)."""
    out: list[Unit] = []
    met_at: dict[str, tuple[int, int]] = {}
    for unit in units:
        met = already_met(unit.text, question.ticket.text)
        if met is not None:
            unit = replace(unit, text=met)
            met_at.setdefault(unit.passage.doc_id, (_place(unit.passage), unit.position))
        out.append(unit)
    return [u for u in out if (_place(u.passage), u.position) >= met_at.get(u.passage.doc_id, (-1, -1))]


def _own_document_after_an_answer(evidence: Evidence) -> Evidence:
    """An FAQ answer answers: facts are only its own document's, not a neighbouring article's (whose
    time limit would then be applied to the customer's order too); after a no, another article may
    hold what the customer can do instead."""
    if not evidence.answers or says_no(evidence.answers[0].text):
        return evidence
    own = {u.passage.doc_id for u in evidence.answers}
    return replace(evidence, facts=[u for u in evidence.facts if u.passage.doc_id in own])


def _tried_procedures(every: list[Unit], question: Question, named: frozenset[str]) -> set[str]:
    """The procedures (chunk ids) a customer reporting a problem says they already followed part of."""
    if not reports_problem(question.ask.text) and not reports_problem(question.focus.topic):
        return set()
    return {
        u.passage.chunk_id for u in every
        if u.is_step and (already_done(u.text, question.done, names=named)
                          or said_before(u.text, question.ticket, names=named))
    }


def _when_most_steps_failed(
    every: list[Unit], quoted: list[Unit], tried: set[str], question: Question, named: frozenset[str]
) -> Unit | None:
    """What the article says for when its steps fail, said to a customer who took at least half of
    the steps of the procedure quoted (each one they did, or one the agent already gave them)."""
    steps = [u for u in every if u.is_step and u.passage.chunk_id in tried]
    done = [
        u for u in steps
        if already_done(u.text, question.done, names=named)
        or said_before(u.text, question.ticket, names=named)
    ]
    if not steps or len(done) * 2 < len(steps):
        return None
    fallback = when_the_fix_fails(quoted, every)
    if fallback is None:
        return None
    return replace(fallback, text=_AFTER_THE_STEPS.sub("after everything you have tried", fallback.text))


def _after_the_procedures(units: list[Unit], procedures: set[str], pool: list[Passage]) -> list[Unit]:
    """The units past the procedures followed: what an article says for when its steps fail follows
    them ("No email arrived" after "Steps"); its steps and its introduction ("you can set a new one
    in a minute") do not help. Units of other articles stay."""
    ends: dict[str, int] = {}
    for passage in pool:
        if passage.chunk_id in procedures:
            ends[passage.doc_id] = max(ends.get(passage.doc_id, 0), _place(passage))
    return [u for u in units if u.passage.doc_id not in ends or _place(u.passage) > ends[u.passage.doc_id]]


def _place(passage: Passage) -> int:
    """Where the chunk stands in its document."""
    return int(passage.metadata.get("chunk_index") or 0)


def _limit_open(opened: OpenWindow, voice: Voice) -> str:
    """The day the limit ends for this order, from the day it was delivered or placed."""
    key = "window_open_delivery" if opened.delivered else "window_open_order"
    language = voice.bank.language
    return voice.pick(key, order=opened.order_id, on=spoken_date(opened.since, language),
                      until=spoken_date(opened.until.isoformat(), language))


def _limit_passed(passed: PassedWindow, voice: Voice) -> str:
    """The plain no: the limit, and the day the order was placed or delivered."""
    window = passed.window
    if passed.order_id is not None and passed.since is not None and window.days >= 1:
        key = "window_passed_delivery" if passed.delivered else "window_passed_order"
        on = spoken_date(passed.since, voice.bank.language)
        return voice.pick(key, days=str(round(window.days)), order=passed.order_id, on=on)
    if voice.has("window_passed_said") and voice.bank.language == "en":
        since = "delivery" if window.basis == "delivery" else "placing the order"
        return voice.pick("window_passed_said", window=window.text, since=since)
    return sentence(passed.unit.text)


def lowered(text: str, unit: Unit | None) -> str:
    """The sentence continuing after "Yes, ": its first word in lower case unless it is a name."""
    word = text.split(" ", 1)[0]
    source = " ".join(unit.passage.text.split()) if unit is not None else ""
    if re.search(rf"[a-z,] {re.escape(word)}\b", source):
        return text  # a name, capitalised in mid-sentence too
    return text[:1].lower() + text[1:]


def _refusal_naming(topic: str, units: list[Unit]) -> Evidence | None:
    """For a yes-or-no question nothing answered, a sentence near the best that says no about
    something the question names beside its document's own subject: "can I put it toward Plus?"
    answered by "Gift cards cannot ... be used to pay for Brightwave Plus." Embeddings score such a
    limit low against a chatty question; that it names the other thing and says no is what counts."""
    asked = {n for n in names_in(topic) if not any(c.isdigit() for c in n)}
    if not asked:
        return None
    refusals = [
        u for u in units
        if u.kind == "fact" and not u.is_step and says_no(u.text)
        and any(re.search(rf"\b{re.escape(n)}\b", u.text) and n.lower() not in u.passage.title.lower()
                for n in asked)
    ]
    if not refusals:
        return None
    # The retriever ranked the whole ticket: its best passage says what the question's "it" is.
    best = max(refusals, key=lambda u: (u.passage.score, u.score))
    return Evidence(answers=[], opinions=[], facts=[best])


def _with_the_steps_it_points_to(evidence: Evidence, units: list[Unit]) -> Evidence:
    """A sentence that points back at steps ("if it still does not heat after these steps, make a
    warranty claim") comes with its document's procedure, or is left out when there is none."""
    facts = list(evidence.facts)
    for unit in evidence.facts:
        if not refers_to_steps(unit.text):
            continue
        doc = unit.passage.doc_id
        if sum(u.is_step and u.passage.doc_id == doc for u in facts) > 1:
            continue
        chunks = sorted({u.passage.chunk_id for u in units if u.is_step and u.passage.doc_id == doc})
        procedure = [u for u in units if u.is_step and chunks and u.passage.chunk_id == chunks[0]]
        if len(procedure) > 1 and not any(u.is_step for u in facts):
            facts.extend(u for u in procedure if u not in facts)
        else:
            facts.remove(unit)
    return replace(evidence, facts=facts) if facts != evidence.facts else evidence


# At most this many sentences of what a section says after its procedure are said after the steps.
MAX_CLOSING = 3


def closing_lines(steps: list[Unit], units: list[Unit]) -> list[Unit]:
    """What the procedure's own section says right after its steps ("You do not need to wait for
    the damaged device to reach us before the replacement ships."): it completes the procedure, and
    a reply that gives the steps without it leaves the customer asking."""
    last = max(steps, key=lambda u: u.position)
    after = sorted(
        (u for u in units
         if u.passage.chunk_id == last.passage.chunk_id and u.position > last.position and u.kind == "fact"),
        key=lambda u: u.position,
    )
    closing = []
    for unit in after:
        if unit.is_step or unit.is_item:
            break  # another procedure or list: not this one's ending
        closing.append(unit)
    return [u for u in closing if not refers_to_steps(u.text)][:MAX_CLOSING]


def when_the_fix_fails(fixes: list[Unit], units: list[Unit]) -> Unit | None:
    """What the fix's own article says for when it does not work ("If the thermostat still does
    not heat after these steps, make a warranty claim"), from a later part of it: a customer told
    to check something should also hear what comes next if that fails."""
    source = fixes[-1]
    later = sorted(
        (u for u in units
         if u.passage.doc_id == source.passage.doc_id and u.kind == "fact" and refers_to_steps(u.text)
         and (_place(u.passage), u.position) > (_place(source.passage), source.position)),
        key=lambda u: (_place(u.passage), u.position),
    )
    return later[0] if later else None


# "You can start a return yourself": an offer, which after a passed limit contradicts the no.
_YOU_CAN = re.compile(r"\byou can\b(?! no longer)", re.IGNORECASE)
# Words a question is asked with whatever it asks ("can I still return it?"): not its action.
_FRAME_OF_ASKING = frozenset(content_stems("still possible maybe ever already want need would like"))
# A heading that asks what its list answers, with a pronoun for its subject: "What it does not
# cover", "What we need". Its entry completes it as a statement: "It does not cover water damage, ...".
_WHAT_HEADING = re.compile(
    r"^what (it|we|you|they) ((?:does|do|will|can|cannot|can't|doesn't|don't|won't)(?: not)? \w+|\w+s)$",
    re.IGNORECASE,
)


def _heading_said(heading: str, entry: str, title: str) -> str | None:
    """A "What it does not cover" heading and its entry as one statement, "it" named by the document's
    title ("The warranty policy does not cover ..."); None for another heading."""
    asked = _WHAT_HEADING.match(heading.strip().rstrip(":"))
    if asked is None:
        return None
    subject = asked.group(1)
    if subject.lower() == "it" and title:
        subject = f"the {title.lower()}"
    return f"{subject[:1].upper()}{subject[1:]} {asked.group(2)} {entry[:1].lower()}{entry[1:]}"


def fact_parts(facts: list[Unit]) -> list[str]:
    """Facts as reply parts: sentences as they are, entries of one list gathered under its heading
    ("What you can do instead:" then one line per entry), an entry that cannot stand alone too."""
    parts: list[str] = []
    done: set[int] = set()
    for i, unit in enumerate(facts):
        if i in done:
            continue
        source = unit.passage.chunk_id
        group = [j for j, other in enumerate(facts) if other.is_item and other.passage.chunk_id == source]
        if not unit.is_item or (not unit.fragment and len(group) < 2):
            parts.append(sentence(unit.text))
            continue
        done.update(group)
        lead = unit.section or unit.passage.title
        entries = sorted((facts[j] for j in group), key=lambda u: u.position)
        if len(entries) == 1:
            text = sentence(unit.text)
            labelled = ":" in sentences(text)[0]  # "Express: 1-2 business days" names itself
            said = _heading_said(lead, text, unit.passage.title)
            parts.append(text if labelled else said or f"{lead}: {text[:1].lower()}{text[1:]}")
        else:
            parts.append(f"{lead}:\n" + "\n".join(f"- {sentence(u.text)}" for u in entries))
    return _refusal_before_the_ways_around(parts)


# A list of other ways ("What you can do instead:", "Alternatives:") answers a no.
_WAYS_AROUND = re.compile(r"^[^\n]*\b(?:instead|alternatives?|other options?)\b[^\n]*:\n", re.IGNORECASE)


def _refusal_before_the_ways_around(parts: list[str]) -> list[str]:
    """The no before the list of what to do instead: "What you can do instead: ..." then "we cannot
    cancel it anymore" read backwards."""
    ways = next((i for i, part in enumerate(parts) if _WAYS_AROUND.match(part)), None)
    if ways is None:
        return parts
    refusals = [part for part in parts[ways + 1:] if "\n" not in part and refuses(part)]
    if not refusals:
        return parts
    rest = [part for part in parts if part not in refusals]
    return [*rest[:ways], *refusals, *rest[ways:]]
