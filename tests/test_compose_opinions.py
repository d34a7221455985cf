"""How many opinions a reply rests on, read from passages the retriever has already ranked."""

from __future__ import annotations

from drafter.compose import ComposeContext, ComposedReply, OfflineComposer
from drafter.compose.sentences import Thresholds, Unit, select_evidence
from drafter.domain import Passage, Ticket
from drafter.embeddings import Embedder
from drafter.principles import detect_signals, select_principles

INN = "HARBOUR INN"


def _passage(doc_id: str, text: str, score: float, doc_type: str) -> Passage:
    title = f"{INN} - {'FAQ' if doc_type == 'faq' else 'review'}"
    return Passage(
        chunk_id=f"{doc_id}::0", doc_id=doc_id, title=title, text=text, score=score,
        metadata={"doc_type": doc_type, "entity_name": INN},
    )


def _reply(embedder: Embedder, text: str, knowledge: list[Passage]) -> tuple[ComposedReply, set[str]]:
    ticket = Ticket(text=text)
    signals = detect_signals(ticket, profile=None, history=[], knowledge=knowledge)
    context = ComposeContext(
        ticket=ticket, query=text, knowledge=knowledge, history=[], profile=None, signals=signals,
        principles=select_principles(signals), entities=[INN],
    )
    reply = OfflineComposer(embedder).compose(context)
    by_chunk = {p.chunk_id: p.doc_id for p in knowledge}
    return reply, {by_chunk[c] for c in reply.cited_chunk_ids}


def test_a_single_opinion_near_the_best_is_joined_by_the_next_one_ranked(embedder: Embedder) -> None:
    # Only the first review is within the retriever's margin; the second is ranked next, and
    # also speaks to the question. The third is further down and says nothing about it.
    knowledge = [
        _passage("rev:1", "The rooms were spotless and the bathroom was very clean.", 0.80, "review"),
        _passage("rev:2", "Our room was clean and tidy every day of our stay.", 0.62, "review"),
        _passage("rev:3", "The harbour view at sunset was lovely.", 0.55, "review"),
        _passage("rev:4", "Breakfast was served until ten.", 0.50, "review"),
    ]
    reply, cited = _reply(embedder, "Are the rooms at the Harbour Inn clean?", knowledge)
    assert cited == {"rev:1", "rev:2"}, reply.text


def test_a_direct_answer_is_joined_by_what_customers_say_about_it(embedder: Embedder) -> None:
    knowledge = [
        _passage(
            "faq:parking", "Q: Is there free parking?\nA: Yes, parking is free at Harbour Inn.", 0.90, "faq"
        ),
        _passage("rev:1", "Parking was easy and free, right outside the door.", 0.70, "review"),
        _passage("rev:2", "The harbour view at sunset was lovely.", 0.65, "review"),
    ]
    reply, cited = _reply(embedder, "Does the Harbour Inn have free parking?", knowledge)
    assert "parking is free" in reply.text
    assert cited == {"faq:parking", "rev:1"}, reply.text


def _unit(kind: str, score: float) -> Unit:
    passage = Passage(chunk_id=f"{kind}::0", doc_id=kind, title=INN, text="text", score=0.8)
    return Unit("text", passage, kind, "text", 0, score=score)  # type: ignore[arg-type]


def test_a_neighbouring_faq_answer_is_not_quoted_beside_opinions_that_answer() -> None:
    near_miss = _unit("answer", 0.50)  # between the related and the answering floor
    evidence = select_evidence([near_miss, _unit("opinion", 0.55)], Thresholds(), ranked=True)
    assert evidence.related == [] and len(evidence.opinions) == 1
    alone = select_evidence([near_miss], Thresholds(), ranked=True)
    assert alone.related == [near_miss]


def test_an_faq_answer_matching_better_than_every_fact_answers_though_below_the_answer_floor() -> None:
    # "I only see a week of data?": "Without a subscription the app keeps 7 days of history." (an FAQ
    # answer at 0.54) lost to a line on downloading one's personal data (a fact at 0.46).
    faq, fact = _worded(_unit("answer", 0.54)), _worded(_unit("fact", 0.46))
    assert select_evidence([faq, fact], Thresholds()).answers == [faq]
    weaker = _worded(_unit("answer", 0.44))
    assert select_evidence([weaker, _worded(_unit("fact", 0.46))], Thresholds()).answers == []


def _worded(unit: Unit) -> Unit:
    unit.shares_words = True
    return unit
