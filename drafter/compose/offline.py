"""The offline grounded composer: answers from retrieved sentences, no LLM needed."""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.compose.addressing import is_public, without_order_id, without_order_number
from drafter.compose.answering import Answer, Answerer, Question, sentence
from drafter.compose.applicability import told_done
from drafter.compose.base import ComposeContext, ComposedReply
from drafter.compose.examples import reuse_approved
from drafter.compose.focus import Focus, focus_of
from drafter.compose.guidance import given_in_conversation, known_detail
from drafter.compose.hazards import is_safety_instruction, safety_sources
from drafter.compose.languages import by_language, language_warnings, quotes_english
from drafter.compose.lateness import LateLines, about_the_wait, late_lines
from drafter.compose.negatives import window_evidence
from drafter.compose.phrases import PhraseBank, Voice, load_phrase_bank
from drafter.compose.plain import plain, renders_markdown
from drafter.compose.references import Resolution, first_name, resolve_subjects
from drafter.compose.sentences import SHORT_PROCEDURE, Thresholds, without_verdict
from drafter.compose.shaping import (
    STRONG_FEELING,
    ReplyPlan,
    acknowledgement,
    greeting,
    is_short_ask,
    mid_conversation,
    render,
)
from drafter.compose.unmentioned import unmentioned_things
from drafter.domain import DraftWarning, Order, Passage, PromptRef, Ticket
from drafter.embeddings import Embedder
from drafter.principles.cues import FRUSTRATION, NOT_WORKING, SARCASM, TROUBLE
from drafter.principles.orders import mentions_order
from drafter.principles.signals import PastWindow
from drafter.text.asks import Ask, asks_a_question, asks_of, classify, reports_problem, topic_of
from drafter.text.dates import spoken_date
from drafter.text.glossary import Glossary, plain_english
from drafter.text.language import likely_languages, writes_in_english
from drafter.text.sentences import sentences
from drafter.text.words import content_stems, content_words

# Sentence-scoring weight of shared words on top of embedding similarity (tuned on dev data).
LEXICAL_WEIGHT = 0.2
# The `doc_type` of articles whose steps fix something: "let me know if it works" follows them.
TROUBLESHOOTING = "troubleshooting"
# The least a fact must score to answer the message read whole when it asks a question nothing
# answered (a question's own floor is 0.45).
WHOLE_MESSAGE_FACT = 0.55


def _speaks_of(context: ComposeContext, order_id: str) -> bool:
    """The ticket speaks of an order (its id, a parcel, a purchase): not of a product's use, a
    refund of a subscription, or a question that only names the product."""
    return order_id.lower() in context.ticket.text.lower() or mentions_order(context.ticket)


def _single_subject(resolution: Resolution) -> str | None:
    """The one named thing the conversation is about, when there is exactly one."""
    if len(resolution.subjects) != 1:
        return None
    subject = resolution.subjects[0]
    return resolution.display.get(subject, subject)


class OfflineComposer:
    """Picks the knowledge sentences that answer each question and frames them with the principles."""

    name = "offline"

    def __init__(
        self,
        embedder: Embedder,
        *,
        phrases: PhraseBank | None = None,
        thresholds: Thresholds | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        self._embedder = embedder
        self._glossary = glossary
        """English words for support terms in other languages, read with a non-English question."""
        self._default_bank = phrases or load_phrase_bank()
        self._thresholds = thresholds or Thresholds()
        self._answerer = Answerer(embedder, self._thresholds, glossary)
        # The message read whole, when a question it asks was answered by nothing, is a loose
        # reading: what it finds must answer more closely than what a question's own words find ("My
        # mum takes over the flat with the hub in it. Can my Plus cover both homes?" is no question
        # about the Hub going offline, though the message shares "hub" and "home" with it).
        self._asked_message_answerer = Answerer(
            embedder, replace(self._thresholds, fact=max(self._thresholds.fact, WHOLE_MESSAGE_FACT)), glossary
        )

    def _gloss(self, ticket: Ticket, text: str) -> str | None:
        """The glossary's English words for the support terms of a question when the ticket is
        surely not in English (maybe none); None for a ticket in English, or with no glossary."""
        if self._glossary is None or writes_in_english(ticket):
            return None
        return " ".join(self._glossary.english_words(text, likely_languages(ticket.text)))

    def _plain(self, ticket: Ticket, text: str) -> str:
        """The help centre's words for the everyday words of a question in English ("" for a
        ticket in another language, which `_gloss` reads)."""
        return plain_english(self._glossary, text) if writes_in_english(ticket) else ""

    @property
    def phrases(self) -> PhraseBank:
        """The phrase bank in use."""
        return self._default_bank

    def compose(self, context: ComposeContext) -> ComposedReply:
        """Write the reply, its service phrases in the customer's language when the bank has it."""
        ticket = context.ticket
        voice = Voice(self._default_bank.in_language(context.signals.language), seed=ticket.text)
        asks = asks_of(ticket.text)
        resolution = resolve_subjects(ticket, context.knowledge, context.entities)
        order = context.signals.order
        # The retriever scored passages against the whole ticket: its ranking speaks for a
        # single question, not for each of several.
        margin = self._thresholds.passage_margin if len(asks) == 1 else None
        if margin is not None and context.query_adapter is not None:
            # An adapter that spreads scores wider (a lexical weight) keeps the margin's meaning.
            margin *= context.query_adapter.margin_scale
        hazard = context.signals.hazard is not None
        names = {w for n in [*resolution.subjects, *resolution.display.values()] for w in content_words(n)}
        # Knowledge in the customer's language answers first; English (or undeclared) knowledge
        # answers what it leaves open; a third language is never quoted.
        own, others = by_language(context.knowledge, context.signals.language)
        done = told_done(ticket, lambda text: self._gloss(ticket, text) or "")
        answers = []
        for index, ask in enumerate(asks):
            focus = focus_of(ask, ticket, asks, names=names, resolved=bool(resolution.subjects))
            question = Question(ask=ask, focus=focus, ticket=ticket,
                                profile=context.profile, signals=context.signals, margin=margin,
                                window_said=context.signals.past_window is not None, secondary=index > 0,
                                gloss=self._gloss(ticket, f"{focus.context} {focus.topic}"),
                                plain=self._plain(ticket, f"{focus.context} {focus.topic}"), done=done,
                                neighbours=tuple(context.neighbours))
            answer = self._answer(question, own, others, resolution, voice, context)
            if not answer.found and index == 0 and ticket.subject and not focus.context:
                # Its own words were mostly an address or a name ("Please change it to 88 Linden
                # Ave ..."): the subject line is the customer's headline of what the ask is about.
                headlined = replace(question, focus=replace(focus, context=ticket.subject))
                answer = self._answer(headlined, own, others, resolution, voice, context)
            answers.append(answer)
        answers = _without_what_was_refused(answers)
        beyond = " ".join(a.text for a in asks).split() != ticket.text.split()
        uncovered = any(a.uncovered for a in answers)
        if beyond and not uncovered and not any(a.sentences or a.steps for a in answers):
            # Nothing answered any question on its own ("did the driver just keep it??", "I want a
            # new one sent out") but a guideline's: the message as a whole, as the retriever read
            # it, says what is wrong ("tracking says delivered but there's nothing at my door").
            whole = Ask(text=ticket.text, kind="request", topic=topic_of(ticket.text))
            question = Question(ask=whole, focus=Focus(whole.topic), ticket=ticket, profile=context.profile,
                                signals=context.signals, margin=self._thresholds.passage_margin,
                                window_said=context.signals.past_window is not None,
                                gloss=self._gloss(ticket, whole.topic),
                                plain=self._plain(ticket, whole.topic), done=done)
            asked = any(a.text.rstrip().endswith("?") for a in asks)
            answer = self._answer(question, own, others, resolution, voice, context,
                                  answerer=self._asked_message_answerer if asked else None)
            if answer.found:
                asks, answers = [whole], [answer]
        reply = ComposedReply(text="", language=voice.bank.language)
        # The phrase bank is this composer's prompt file: every draft records which one wrote it.
        bank = voice.bank
        reply.prompts.append(PromptRef(name="phrases", version=bank.version, sha256=bank.sha256[:12]))
        name = first_name(context.profile)
        if name and context.profile and context.profile.name:
            reply.customer_facts.append(f"name: {context.profile.name}")
        if order is not None:
            reply.customer_facts.append(f"order: {order.order_id}")
        short = is_short_ask(ticket, len(asks))
        plan = ReplyPlan()
        mid = mid_conversation(ticket)
        if not mid or name:
            plan.greeting = greeting(name, voice)
        if hazard:
            # Before anything else, what keeps the customer safe; the knowledge's own instruction backs it.
            plan.safety = voice.pick("safety_first")
            reply.cited_chunk_ids.extend(p.chunk_id for p in safety_sources(context.knowledge))
        plan.acknowledgement = acknowledgement(context.signals, voice)
        if hazard and context.signals.frustration < STRONG_FEELING:
            plan.acknowledgement = None  # alarm, not annoyance: the safety line speaks to it
        earlier = context.signals.previous_contact
        if earlier is not None:
            plan.answers.append(voice.pick("history_reference", topic=earlier))
            reply.customer_facts.append(f"previous contact: {earlier}")
        past = context.signals.past_window
        public = is_public(ticket.channel)
        window_sources: list[str] = []
        late = LateLines()
        if context.signals.late is not None and past is None:
            late = late_lines(context.signals.late, [*context.knowledge, *context.neighbours], ticket, voice)
        if late.lines:
            # How late the order is, from the record, and what the policy does for a parcel that
            # late answer "where is it?": an article's tracking steps beside it would not.
            plan.answers.extend(late.lines)
            plan.acknowledgement = None  # the lateness line says sorry, and for what
            reply.cited_chunk_ids.extend(late.cited)
            answers = [
                Answer(settled=True) if about_the_wait(ask) or late.quoted_by(answer.passages) else answer
                for ask, answer in zip(asks, answers, strict=True)
            ]
        found = [a for a in answers if a.found]
        if past is not None:
            # Bad news first and plainly, with the best way forward the knowledge offers.
            window_sources = self._past_window(plan, context, past, voice)
        elif (order is not None and found and not late.lines and _speaks_of(context, order.order_id)
              and not public):
            # When abstaining, the clarifying question names it.
            plan.answers.append(voice.pick("order_reference", order=order.order_id))
        reuse = reuse_approved(context.examples, context.knowledge)
        if reuse is not None:
            plan.answers.extend(reuse.sentences)
            reply.cited_chunk_ids.extend(reuse.cited)
            reply.customer_facts.append(f"approved reply reused: {reuse.example_id}")
            found = []  # the approved answer replaces a freshly composed one
        gaps: list[str] = []
        # The window line answers a return that cannot happen: no clarifying question after it.
        if not found and reuse is None and past is None and not late.lines:
            self._abstain(plan, reply, context, resolution, voice, order_id=order.order_id if order else None)
            unmentioned = list(dict.fromkeys(w for a in answers for w in a.uncovered))
            if unmentioned:
                # Why a question that looked answerable was not: the agent knows what to look up.
                said = ", ".join(repr(w) for w in unmentioned[:5])
                reply.warnings.append(DraftWarning(
                    code="knowledge_gap", message=f"the knowledge never mentions {said}"
                ))
        elif reuse is None and found:
            # A question left unanswered beside answered ones: the agent should see which.
            for ask, answer in zip(asks, answers, strict=True):
                # "also do u take venmo" asks as plainly as with its question mark.
                if not answer.found and asks_a_question(ask):
                    message = f"no knowledge answered {ask.text[:200]!r}"
                    reply.warnings.append(DraftWarning(code="knowledge_gap", message=message))
                    things = (
                        unmentioned_things(ask.topic, context.knowledge, names)
                        if context.signals.language == "en" and voice.has("gap_partial") else None
                    )
                    if things is not None:
                        # Passed over in silence, the question reads as ignored; guessed, as a promise.
                        gaps.append(voice.pick("gap_partial", things=things))
        for answer in found:
            if answer.passages and all(p.chunk_id in reply.cited_chunk_ids for p in answer.passages):
                # The same question asked twice in other words is answered once; another question
                # answered from a passage already quoted (an FAQ's other entry) gets its own
                # sentence, but no second list or procedure from it.
                plan.answers.extend(
                    t for t in answer.sentences if "\n" not in t and not _already_said(t, plan.answers)
                )
                if answer.steps and not plan.steps and past is None:
                    # The first question took one sentence of the passage; this one asks what to do.
                    plan.steps, plan.steps_intro = answer.steps, voice.pick("steps_intro")
                    plan.after_steps = answer.after_steps
                continue
            # Two questions answered by the same sentence: it is said once.
            for part in answer.sentences:
                kept = _unsaid(part, plan.answers)
                if kept is not None:
                    plan.answers.append(kept)
            if answer.to_ask is not None:
                answered = bool(answer.sentences) or past is not None or any(
                    other.sentences for other in found if other is not answer
                )
                plan.answers.extend(
                    self._what_to_ask(answer.to_ask, context, order, voice, answered=answered)
                )
            # No return procedure for a return that cannot happen.
            if answer.steps and not plan.steps and past is None:
                plan.steps = answer.steps
                plan.steps_intro = voice.pick("steps_intro")
                plan.after_steps = answer.after_steps
            elif answer.key_step and answer.steps != plan.steps and answer.key_step not in plan.answers:
                # One numbered list per reply: this question's answer is said in sentences, a short
                # procedure whole ("Start a return ... choose Exchange." alone stops half way).
                short = len(answer.steps) <= SHORT_PROCEDURE and past is None
                plan.answers.append(" ".join(answer.steps) if short else answer.key_step)
            for passage in answer.passages:
                if passage.chunk_id not in reply.cited_chunk_ids:
                    reply.cited_chunk_ids.append(passage.chunk_id)
        reply.cited_chunk_ids.extend(c for c in window_sources if c not in reply.cited_chunk_ids)
        # What could not be answered is said after what could.
        (plan.after_steps if plan.steps else plan.answers).extend(gaps)
        if found or reuse is not None or late.lines:
            subject = _single_subject(resolution)
            plan.follow_up = self._follow_up(
                plan, voice, short=short, mid=mid, subject=subject, problem=_fixing(ticket.text, found)
            )
        if plan.greeting and not (short and mid):
            plan.sign_off = voice.pick("sign_off")
        # A sentence that is also one of the steps ("Unplug the lamp for 10 seconds.") is said once,
        # in the list where it has its place in the order.
        plan.answers = [t for t in plan.answers if "\n" in t or not _already_said(t, plan.steps)]
        if order is not None:
            # The reply names the order ("I've looked at your order BW-551900"): asking the customer
            # for its number again reads as if nobody had.
            plan.answers = [without_order_number(t) for t in plan.answers]
            plan.steps = [without_order_number(t) for t in plan.steps]
            if public:
                plan.answers = [without_order_id(t, order.order_id) for t in plan.answers]
        if plan.safety:
            # The safety line says it first; the knowledge's own instruction is its cited source.
            plan.answers = [t for t in plan.answers if not is_safety_instruction(t)]
        by_chunk = {p.chunk_id: p for p in context.knowledge}
        quoted = [by_chunk[c] for c in reply.cited_chunk_ids if c in by_chunk]
        covered = context.signals.language in self._default_bank.languages
        if covered and quotes_english(quoted, context.signals.language) and voice.has("knowledge_in_english"):
            # Said plainly, in the customer's language, before the English they are about to read.
            plan.answers.insert(0, voice.pick("knowledge_in_english"))
        text = render(plan)
        reply.text = text if renders_markdown(ticket.channel) else plain(text)
        reply.warnings += language_warnings(quoted, context.signals.language, covered=covered)
        reply.phrases = voice.picks
        return reply

    def _answer(
        self, question: Question, own: list[Passage], others: list[Passage], resolution: Resolution,
        voice: Voice, context: ComposeContext, *, answerer: Answerer | None = None,
    ) -> Answer:
        """The answer from knowledge in the customer's language, else from the rest."""
        answerer = answerer or self._answerer
        answer = answerer.answer(question, own, resolution, voice, context.query_adapter)
        if not answer.found:
            rest = answerer.answer(question, others, resolution, voice, context.query_adapter)
            rest.uncovered.extend(w for w in answer.uncovered if w not in rest.uncovered)
            answer = rest
        return answer

    def _past_window(
        self, plan: ReplyPlan, context: ComposeContext, past: PastWindow, voice: Voice
    ) -> list[str]:
        """Say the order is past the return window and offer the alternative; the chunks to cite."""
        key = "negative_window" if past.delivered else "negative_window_placed"
        on = spoken_date(past.since, voice.bank.language) if past.since else ""
        plan.answers.append(voice.pick(key, order=past.order_id, on=on, window=str(past.window_days)))
        ask = context.ticket.text
        found = window_evidence(
            context.knowledge, past, ask, embedder=self._embedder, lexical_weight=LEXICAL_WEIGHT
        )
        cited = [found.source.chunk_id] if found.source is not None else []
        alternative = found.alternative
        if alternative is not None:
            plan.answers.append(
                voice.pick("negative_alternative", answer=sentence(alternative.text))
            )
            cited.append(alternative.passage.chunk_id)
        return cited

    def _what_to_ask(
        self, items: list[str], context: ComposeContext, order: Order | None, voice: Voice, *, answered: bool
    ) -> list[str]:
        """Ask for the details the guideline needs, except those the record already has; nothing when
        the record has them all and the reply answers otherwise."""
        items = [item for item in items if not given_in_conversation(item, context.ticket)]
        known = [k for item in items if (k := known_detail(item, context.profile, order))]
        missing = [item for item in items if not known_detail(item, context.profile, order)]
        if answered and not missing and (known or context.profile is not None):
            # "I have everything I need ... and update you shortly" beside an answer (or a refusal)
            # promises a follow-up the answer has already made needless.
            return []
        lines = [voice.pick("guided_intro")]
        if known:
            lines.append(voice.pick("guided_known", known=_listing(known)))
        if missing:
            lines.append(voice.pick("guided_ask", items=_listing(missing)))
        elif known or context.profile is not None:
            # With the customer's record at hand, asking who they are again only delays them.
            lines.append(voice.pick("guided_nothing_needed"))
        else:
            lines.append(voice.pick("guided_ask", items="account details"))
        return lines

    def _follow_up(
        self, plan: ReplyPlan, voice: Voice, *, short: bool, mid: bool, subject: str | None, problem: bool
    ) -> str | None:
        if plan.steps and problem:
            return voice.pick("follow_up_steps")
        if plan.steps:
            # "Let me know if it works" fits a fix; after how to download an invoice or start a
            # return it reads as a template.
            return voice.pick("follow_up_open")
        if short and mid:
            # Mid-chat, a one-line offer to go on keeps the conversation moving without a
            # formal close; older phrase banks have no such line and stay silent.
            if subject and voice.has("follow_up_offer"):
                return voice.pick("follow_up_offer", subject=subject)
            if voice.has("follow_up_offer_generic"):
                return voice.pick("follow_up_offer_generic")
            return None
        return voice.pick("follow_up_short" if short else "follow_up_open")

    def _abstain(
        self,
        plan: ReplyPlan,
        reply: ComposedReply,
        context: ComposeContext,
        resolution: Resolution,
        voice: Voice,
        *,
        order_id: str | None,
    ) -> None:
        """Ask a clarifying question instead of guessing, and flag the gap for the agent."""
        ticket = context.ticket
        names = {w.lower() for n in [*resolution.subjects, *resolution.display.values()] for w in n.split()}
        words = [w for w in content_words(context.ticket.text) if w not in names]
        topic = " ".join(words[:5]) or "this"
        if context.signals.hazard is not None and order_id:
            plan.answers.append(voice.pick("safety_next_order", order=order_id))
        elif context.signals.hazard is not None:
            plan.answers.append(voice.pick("safety_next"))
        elif resolution.subjects and resolution.found_in != "retrieval":
            subject = resolution.display.get(resolution.subjects[0], resolution.subjects[0])
            plan.answers.append(voice.pick("clarify_with_subject", topic=topic, subject=subject))
        elif voice.has("noted_feedback") and _told_how_it_went(ticket):
            # "My lamp finally arrived, a week late. A bit disappointing.": heard, not questioned.
            plan.answers.append(voice.pick("noted_feedback"))
        elif voice.has("gap_specific") and _clear_question(context.ticket.text, names):
            # A clear question the knowledge does not answer: say so, rather than ask for more.
            plan.answers.append(voice.pick("gap_specific"))
        elif order_id:
            plan.answers.append(voice.pick("clarify_known_order", order=order_id))
        elif context.signals.previous_contact is not None:
            plan.answers.append(voice.pick("clarify_after_contact"))
        else:
            plan.answers.append(voice.pick("clarify_generic"))
        reply.warnings.append(
            DraftWarning(
                code="knowledge_gap",
                message=f"no knowledge answered the query {context.query[:200]!r}",
            )
        )


# A question with this many words of its own says clearly what it asks.
CLEAR_QUESTION_WORDS = 3


def _without_what_was_refused(answers: list[Answer]) -> list[Answer]:
    """The answers without a procedure leading to what another answer said no to: after "No, the
    warranty does not cover cracks", troubleshooting that ends in "make a warranty claim" tells
    the customer to ask for what they were just refused."""
    denied = frozenset().union(*(a.denied for a in answers))
    if not denied:
        return answers
    kept = []
    for answer in answers:
        if not answer.denied and any(denied & content_stems(s) for s in [*answer.steps, *answer.after_steps]):
            answer = replace(answer, steps=[], after_steps=[], key_step=None)
        kept.append(answer)
    return kept


def _told_how_it_went(ticket: Ticket) -> bool:
    """A new message that tells us how something went and how the customer feels about it ("a bit
    disappointing"), asks nothing and reports nothing still wrong: "I did that already and it
    still doesn't work" needs the next step, not thanks."""
    text = ticket.text
    felt = FRUSTRATION.search(text) or (SARCASM.search(text) and TROUBLE.search(text))
    asks = any(s.rstrip().endswith("?") or classify(s) in ("yes_no", "open") for s in sentences(text))
    return bool(felt) and not asks and not NOT_WORKING.search(text) and not ticket.conversation


def _clear_question(text: str, names: set[str]) -> bool:
    """The ticket asks a question in words of its own ("Does the lamp work with a Hue bridge?")."""
    return any(
        a.kind in ("yes_no", "open") and len([w for w in content_words(a.topic) if w not in names])
        >= CLEAR_QUESTION_WORDS
        for a in asks_of(text)
    )


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _already_said(text: str, said: list[str]) -> bool:
    """The sentence, without its yes or no, is already part of something said: "Yes, you can pay in
    instalments" after "Here is the closest alternative: you can pay in instalments"."""
    core = without_verdict(text).strip().rstrip(".").lower()
    return any(core in s.lower() for s in said) if core else text in said


def _unsaid(part: str, said: list[str]) -> str | None:
    """What of a part is still to be said: None when all of it was; a list ("What you can do
    instead:" and its items) keeps only the items not said yet."""
    if "\n" not in part:
        return None if _already_said(part, said) else part
    head, *items = part.split("\n")
    fresh = [item for item in items if not _already_said(item.lstrip("-*0123456789. "), said)]
    if not fresh:
        return None
    return "\n".join([head, *fresh]) if len(fresh) < len(items) else part


_WHAT_WOULD = re.compile(
    r"^\W*(?:(?:and|so|also|but)\W+)?(?:will|would|what happens|what if)\b.*\?\s*$",
    re.IGNORECASE | re.DOTALL,
)


def _fixing(text: str, answers: list[Answer]) -> bool:
    """The steps are a fix to try, not a process to follow: the ticket reports something wrong (not
    working, flickering, late, missing) or the steps come from a troubleshooting article."""
    # "Will my lamps stop working?" asks what would happen; it reports nothing wrong.
    told = " ".join(s for s in sentences(text) if not _WHAT_WOULD.match(s))
    if reports_problem(told) or NOT_WORKING.search(told) or TROUBLE.search(told):
        return True
    sources = [p for a in answers if a.steps for p in a.passages]
    return any(str(p.metadata.get("doc_type", "")).lower() == TROUBLESHOOTING for p in sources)
