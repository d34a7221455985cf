"""The offline grounded composer: answers from retrieved sentences, no LLM needed."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.compose.base import ComposeContext, ComposedReply
from drafter.compose.examples import reuse_approved
from drafter.compose.guidance import details_to_ask, known_detail, mostly_agent_facing, unit_for_agents
from drafter.compose.hazards import is_safety_instruction, safety_sources
from drafter.compose.negatives import best_alternative, says_no, window_evidence
from drafter.compose.phrases import PhraseBank, Voice, load_phrase_bank
from drafter.compose.references import (
    Resolution,
    first_name,
    resolve_subjects,
    subject_of,
)
from drafter.compose.sentences import (
    Evidence,
    Thresholds,
    Unit,
    score_units,
    select_evidence,
    units_of,
    without_verdict,
)
from drafter.compose.shaping import (
    STRONG_FEELING,
    ReplyPlan,
    acknowledgement,
    greeting,
    is_short_ask,
    mid_conversation,
    render,
)
from drafter.compose.summaries import summarise_opinions, supporting_opinion
from drafter.domain import DraftWarning, Order, Passage, PromptRef
from drafter.embeddings import Embedder
from drafter.principles.signals import PastWindow
from drafter.retrieval.adapter import QueryAdapter
from drafter.text.asks import Ask, asks_of
from drafter.text.words import content_words

# Sentence-scoring weight of shared words on top of embedding similarity (tuned on dev data).
LEXICAL_WEIGHT = 0.2


@dataclass
class Answer:
    """What the knowledge says about one question."""

    sentences: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    to_ask: list[str] | None = None
    """Details an agent-facing guideline says to collect, when that is the best match."""
    key_step: str | None = None
    """The step that best answers, said as a sentence when another question has the numbered steps."""


def _near_the_best(knowledge: list[Passage], margin: float) -> list[Passage]:
    """The passages the retriever scored within `margin` of its best one."""
    if not knowledge:
        return knowledge
    best = max(p.score for p in knowledge)
    return [p for p in knowledge if p.score >= best - margin]


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
    ) -> None:
        self._embedder = embedder
        self._default_bank = phrases or load_phrase_bank()
        self._thresholds = thresholds or Thresholds()

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
        adapter = context.query_adapter
        hazard = context.signals.hazard is not None
        answers = [
            self._answer(ask, context.knowledge, resolution, voice, margin, adapter, hazard=hazard)
            for ask in asks
        ]
        reply = ComposedReply(text="", language=context.signals.language)
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
        window_sources: list[str] = []
        found = [a for a in answers if a.sentences or a.steps or a.to_ask is not None]
        if past is not None:
            # Bad news first and plainly, with the best way forward the knowledge offers.
            window_sources = self._past_window(plan, context, past, voice)
        elif order is not None and found:  # when abstaining, the clarifying question names it
            plan.answers.append(voice.pick("order_reference", order=order.order_id))
        reuse = reuse_approved(context.examples, context.knowledge)
        if reuse is not None:
            plan.answers.extend(reuse.sentences)
            reply.cited_chunk_ids.extend(reuse.cited)
            reply.customer_facts.append(f"approved reply reused: {reuse.example_id}")
            found = []  # the approved answer replaces a freshly composed one
        if not found and reuse is None:
            self._abstain(plan, reply, context, resolution, voice, order_id=order.order_id if order else None)
        for answer in found:
            if answer.passages and all(p.chunk_id in reply.cited_chunk_ids for p in answer.passages):
                continue  # the same question asked twice in other words: answered once
            # Two questions answered by the same sentence: it is said once.
            plan.answers.extend(t for t in answer.sentences if t not in plan.answers)
            if answer.to_ask is not None:
                plan.answers.extend(self._what_to_ask(answer.to_ask, context, order, voice))
            # No return procedure for a return that cannot happen.
            if answer.steps and not plan.steps and past is None:
                plan.steps = answer.steps
                plan.steps_intro = voice.pick("steps_intro")
            elif answer.key_step and answer.steps != plan.steps and answer.key_step not in plan.answers:
                # One numbered list per reply: this question's answer is said in a sentence.
                plan.answers.append(answer.key_step)
            for passage in answer.passages:
                if passage.chunk_id not in reply.cited_chunk_ids:
                    reply.cited_chunk_ids.append(passage.chunk_id)
        reply.cited_chunk_ids.extend(c for c in window_sources if c not in reply.cited_chunk_ids)
        if found or reuse is not None:
            subject = _single_subject(resolution)
            plan.follow_up = self._follow_up(plan, voice, short=short, mid=mid, subject=subject)
        if plan.greeting and not (short and mid):
            plan.sign_off = voice.pick("sign_off")
        reply.text = render(plan)
        reply.phrases = voice.picks
        return reply

    def _past_window(
        self, plan: ReplyPlan, context: ComposeContext, past: PastWindow, voice: Voice
    ) -> list[str]:
        """Say the order is past the return window and offer the alternative; the chunks to cite."""
        plan.answers.append(
            voice.pick("negative_window",
                order=past.order_id,
                age=str(past.age_days),
                window=str(past.window_days),
            )
        )
        ask = context.ticket.text
        found = window_evidence(
            context.knowledge, past, ask, embedder=self._embedder, lexical_weight=LEXICAL_WEIGHT
        )
        cited = [found.source.chunk_id] if found.source is not None else []
        alternative = found.alternative
        if alternative is not None:
            plan.answers.append(
                voice.pick("negative_alternative", answer=_sentence(alternative.text))
            )
            cited.append(alternative.passage.chunk_id)
        return cited

    def _what_to_ask(
        self, items: list[str], context: ComposeContext, order: Order | None, voice: Voice
    ) -> list[str]:
        """Ask for the details the guideline needs, except those the record already has."""
        known = [k for item in items if (k := known_detail(item, context.profile, order))]
        missing = [item for item in items if not known_detail(item, context.profile, order)]
        lines = [voice.pick("guided_intro")]
        if known:
            lines.append(voice.pick("guided_known", known=_listing(known)))
        if missing:
            lines.append(voice.pick("guided_ask", items=_listing(missing)))
        elif known:
            lines.append(voice.pick("guided_nothing_needed"))
        else:
            lines.append(voice.pick("guided_ask", items="account details"))
        return lines

    def _follow_up(
        self, plan: ReplyPlan, voice: Voice, *, short: bool, mid: bool, subject: str | None
    ) -> str | None:
        if plan.steps:
            return voice.pick("follow_up_steps")
        if short and mid:
            # Mid-chat, a one-line offer to go on keeps the conversation moving without a
            # formal close; older phrase banks have no such line and stay silent.
            if subject and voice.has("follow_up_offer"):
                return voice.pick("follow_up_offer", subject=subject)
            if voice.has("follow_up_offer_generic"):
                return voice.pick("follow_up_offer_generic")
            return None
        return voice.pick("follow_up_short" if short else "follow_up_open")

    def _answer(
        self,
        ask: Ask,
        knowledge: list[Passage],
        resolution: Resolution,
        voice: Voice,
        margin: float | None,
        adapter: QueryAdapter | None = None,
        *,
        hazard: bool = False,
    ) -> Answer:
        """Answer one question from the passages about its subject(s).

        With a `margin`, only passages the retriever scored within it of the best one answer.
        """
        answer = Answer()
        subjects: list[str | None] = list(resolution.subjects) or [None]
        names = [*resolution.subjects, *resolution.display.values()]
        for subject in subjects[:3]:
            pool = [p for p in knowledge if subject_of(p) in (subject, None)]
            # A safety instruction is for a customer who reports a danger, never a calm question.
            units = [u for p in pool for u in units_of(p) if hazard or not is_safety_instruction(u.text)]
            score_units(units, ask.topic, embedder=self._embedder, names=names,
                        lexical_weight=LEXICAL_WEIGHT, adapter=adapter)
            # FAQ answers and opinions come from the passages ranked near the best (per subject,
            # since several compared things each have their own best). Facts and alternatives
            # may come from any: an article's next section often holds the way forward.
            near = {p.chunk_id for p in (_near_the_best(pool, margin) if margin is not None else pool)}
            answering = [u for u in units if u.kind == "fact" or u.passage.chunk_id in near]
            if self._guided(answer, answering):
                return answer
            evidence = select_evidence(
                [u for u in answering if not unit_for_agents(u)], self._thresholds, ranked=margin is not None
            )
            if evidence.empty and margin is not None:
                # Nothing near the best answers: before giving up, hear every retrieved passage
                # on the floors a sentence's own wording must reach.
                evidence = select_evidence([u for u in units if not unit_for_agents(u)], self._thresholds)
            if evidence.empty:
                continue
            display = resolution.display.get(subject, subject) if subject else "it"
            before = len(answer.sentences)
            self._write(answer, ask, evidence, display, voice, units)
            first = answer.sentences[before] if len(answer.sentences) > before else ""
            if len(subjects) > 1 and first and display.lower() not in first.lower():
                # Comparing several: say which one each answer is about, unless it already says.
                answer.sentences[before] = f"{display}: {first}"
        return answer

    def _guided(self, answer: Answer, units: list[Unit]) -> bool:
        """When the best match is a guideline for agents, note what it says to ask the customer."""
        facts = [u for u in units if u.kind == "fact" and u.score >= self._thresholds.fact]
        if not facts:
            return False
        best = max(facts, key=lambda u: u.score)
        own = [u for u in units if u.passage.chunk_id == best.passage.chunk_id]
        if not mostly_agent_facing(own):
            return False
        answer.to_ask = details_to_ask(own)
        answer.passages.append(best.passage)
        return True

    def _write(
        self, answer: Answer, ask: Ask, evidence: Evidence, subject: str, voice: Voice, units: list[Unit]
    ) -> None:
        """Turn the evidence for one question and subject into sentences, steps and citations."""
        used = evidence.passages()
        start = len(answer.sentences)
        for unit in evidence.answers:
            answer.sentences.append(_sentence(unit.text))
        if evidence.answers and says_no(evidence.answers[0].text):
            alternative = best_alternative(units, exclude={p.chunk_id for p in used})
            if alternative is not None:
                answer.sentences.append(
                    voice.pick("negative_alternative", answer=_sentence(alternative.text))
                )
                used.append(alternative.passage)
        # The business's own word before what reviewers say.
        answer.sentences.extend(_sentence(without_verdict(u.text)) for u in evidence.related)
        if evidence.opinions and evidence.answers:
            answer.sentences.append(
                supporting_opinion(
                    evidence.opinions,
                    question=ask.topic,
                    voice=voice,
                    scorer=self._clause_scores,
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
        steps = [u for u in evidence.facts if u.is_step]
        answer.steps.extend(_sentence(u.text) for u in steps)
        if steps and answer.key_step is None:
            answer.key_step = _sentence(max(steps, key=lambda u: u.score).text)
        answer.sentences.extend(_sentence(u.text) for u in evidence.facts if not u.is_step)
        answer.passages.extend(p for p in used if p not in answer.passages)

    def _clause_scores(self, clauses: list[str], topic: str) -> list[float]:
        """Cosine of each clause to the question, for quoting the part of a review that answers."""
        vectors = self._embedder.embed([topic, *clauses])
        return [float(v) for v in vectors[1:] @ vectors[0]]

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
        names = {w.lower() for n in [*resolution.subjects, *resolution.display.values()] for w in n.split()}
        words = [w for w in content_words(context.ticket.text) if w not in names]
        topic = " ".join(words[:5]) or "this"
        if context.signals.hazard is not None and order_id:
            plan.answers.append(voice.pick("safety_next_order", order=order_id))
        elif context.signals.hazard is not None:
            plan.answers.append(voice.pick("safety_next"))
        elif order_id:
            plan.answers.append(voice.pick("clarify_known_order", order=order_id))
        elif context.signals.previous_contact is not None:
            plan.answers.append(voice.pick("clarify_after_contact"))
        elif resolution.subjects and resolution.found_in != "retrieval":
            subject = resolution.display.get(resolution.subjects[0], resolution.subjects[0])
            plan.answers.append(voice.pick("clarify_with_subject", topic=topic, subject=subject))
        else:
            plan.answers.append(voice.pick("clarify_generic"))
        reply.warnings.append(
            DraftWarning(
                code="knowledge_gap",
                message=f"no knowledge answered the query {context.query[:200]!r}",
            )
        )


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


