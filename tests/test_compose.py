"""The offline composer on a real Chroma store with the bundled embedder and hand-written knowledge."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings

from drafter.compose import ComposeContext, ComposedReply, OfflineComposer
from drafter.domain import CustomerProfile, KnowledgeDoc, Message, Order, Passage, Ticket
from drafter.embeddings import Embedder
from drafter.ingest import ingest_knowledge
from drafter.principles import detect_signals, select_principles
from drafter.retrieval import Retriever
from drafter.retrieval.adapter import QueryAdapter
from drafter.store import HistoryIndex, KnowledgeIndex
from drafter.text.chunking import Chunker
from drafter.text.dates import spoken_date


def _faq(doc_id: str, question: str, answer: str, **metadata: str) -> KnowledgeDoc:
    return KnowledgeDoc(
        doc_id=doc_id,
        title="FAQ",
        text=f"Q: {question}\nA: {answer}",
        format="text",
        metadata={"doc_type": "faq", **metadata},
    )


def _review(doc_id: str, subject: str, text: str) -> KnowledgeDoc:
    return KnowledgeDoc(
        doc_id=doc_id,
        title=f"{subject} - review",
        text=text,
        format="text",
        metadata={"doc_type": "review", "entity_name": subject},
    )


KNOWLEDGE = [
    _faq("faq:cheque", "Can I pay by cheque?", "No, we do not accept cheques."),
    _faq(
        "faq:payment",
        "Which payment methods can I use?",
        "You can pay by card or by bank transfer instead.",
    ),
    _faq("faq:warranty", "How long is the warranty?", "Every device has a two-year warranty."),
    KnowledgeDoc(
        doc_id="help:password",
        title="Resetting your password",
        text=(
            "# Resetting your password\n\n"
            "If you forgot your password you can set a new one in a minute.\n\n"
            "1. Open Settings and choose Security.\n"
            "2. Press Reset password.\n"
            "3. Follow the link in the email we send you.\n"
        ),
        metadata={"doc_type": "article"},
    ),
    KnowledgeDoc(
        doc_id="help:send-back",
        title="Sending an item back",
        text=(
            "# Sending an item back\n\nUnused items can be sent back within 30 days.\n\n"
            "## How to start\n"
            "1. Sign in and pick the item on your account page.\n"
            "2. Print the prepaid label.\n"
            "3. Drop the parcel at any post office.\n"
        ),
        metadata={"doc_type": "article"},
    ),
    _review("rev:lumen:1", "LUMEN LAMP", "The Lumen Lamp battery lasted a whole week on one charge."),
    _review("rev:lumen:2", "LUMEN LAMP", "I love how long the battery lasts, easily five evenings."),
    _review("rev:lumen:3", "LUMEN LAMP", "Sadly the battery died after two hours of use."),
    _review("rev:lumen:4", "LUMEN LAMP", "The colour of the light is warm and pleasant to read by."),
    _review("rev:orbit:1", "ORBIT SPEAKER", "The Orbit Speaker sound is rich and the bass is deep."),
    _review(
        "rev:orbit:2", "ORBIT SPEAKER", "Battery life on the Orbit Speaker is poor, it needs charging daily."
    ),
]


@pytest.fixture(scope="session")
def retriever(embedder: Embedder) -> Iterator[Retriever]:
    """A real Chroma store holding the hand-written knowledge, built once."""
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    knowledge = KnowledgeIndex(client, embedder, tenant="compose-tests")
    ingest_knowledge(KNOWLEDGE, knowledge, Chunker())
    yield Retriever(knowledge, HistoryIndex(client, embedder, tenant="compose-tests"))


@pytest.fixture(scope="session")
def composer(embedder: Embedder) -> OfflineComposer:
    return OfflineComposer(embedder)


def compose(
    retriever: Retriever,
    composer: OfflineComposer,
    text: str,
    *,
    conversation: list[Message] | None = None,
    profile: CustomerProfile | None = None,
    top_k: int = 8,
) -> tuple[ComposedReply, ComposeContext]:
    ticket = Ticket(text=text, conversation=conversation or [])
    found = retriever.retrieve(ticket, top_k=top_k, history_k=0)
    signals = detect_signals(ticket, profile=profile, history=[], knowledge=found.knowledge)
    context = ComposeContext(
        ticket=ticket,
        query=found.query,
        knowledge=found.knowledge,
        history=[],
        profile=profile,
        signals=signals,
        principles=select_principles(signals),
    )
    return composer.compose(context), context


def cited_docs(reply: ComposedReply, context: ComposeContext) -> set[str]:
    by_chunk = {p.chunk_id: p.doc_id for p in context.knowledge}
    return {by_chunk[c] for c in reply.cited_chunk_ids}


def test_honest_negative_offers_the_alternative_the_knowledge_gives(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    reply, context = compose(retriever, composer, "Can I pay by cheque?")
    assert "we do not accept cheques" in reply.text
    assert "card or by bank transfer" in reply.text
    assert {"faq:cheque", "faq:payment"} <= cited_docs(reply, context)
    assert reply.text.index("do not accept") < reply.text.index("bank transfer")


def test_several_reviews_are_summarised_majority_first_with_the_exception(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    reply, context = compose(retriever, composer, "Does the Lumen Lamp have a good battery life?")
    assert re.search(r"\bmost\b", reply.text, re.IGNORECASE), reply.text
    assert "battery died after two hours" in reply.text
    cited = cited_docs(reply, context)
    assert {"rev:lumen:1", "rev:lumen:3"} <= cited
    assert "rev:lumen:4" not in cited, "a review about the light colour does not answer a battery question"
    assert not {d for d in cited if d.startswith("rev:orbit")}


def test_it_is_resolved_from_the_conversation_so_far(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    conversation = [
        Message(role="customer", text="I'm thinking of buying the Orbit Speaker."),
        Message(role="agent", text="Good choice, the Orbit Speaker is popular. Anything you'd like to know?"),
    ]
    reply, context = compose(retriever, composer, "How is its battery?", conversation=conversation)
    cited = cited_docs(reply, context)
    assert "rev:orbit:2" in cited
    assert not {d for d in cited if d.startswith("rev:lumen")}
    assert "Orbit Speaker" in reply.text
    # A short answer mid-chat closes with a one-line offer to say more about the same thing.
    last = reply.text.splitlines()[-1]
    offers = {line.format(subject="Orbit Speaker") for line in composer.phrases.phrases["follow_up_offer"]}
    assert last in offers, reply.text


def test_numbered_steps_when_the_knowledge_has_steps(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    reply, context = compose(retriever, composer, "How do I reset my password? I forgot it.")
    assert re.search(r"^1\. Open Settings and choose Security\.$", reply.text, re.MULTILINE), reply.text
    assert re.search(r"^2\. Press Reset password\.$", reply.text, re.MULTILINE)
    assert re.search(r"^3\. ", reply.text, re.MULTILINE)
    assert cited_docs(reply, context) == {"help:password"}


def test_a_second_question_with_steps_of_its_own_is_answered_in_a_sentence(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    reply, context = compose(
        retriever, composer, "How do I reset my password? Also, how do I send an unused item back?"
    )
    numbered = [line for line in reply.text.splitlines() if re.match(r"^\d+\. ", line)]
    prose = "\n".join(line for line in reply.text.splitlines() if line not in numbered)
    send_back = ["Sign in and pick the item", "Print the prepaid label", "Drop the parcel"]
    password = ["Open Settings", "Reset password", "Follow the link"]
    lists_password = any(w in line for line in numbered for w in password)
    lists_send_back = any(w in line for line in numbered for w in send_back)
    assert lists_password != lists_send_back, reply.text  # one numbered list per reply
    other = send_back if lists_password else password
    assert any(w in prose for w in other), reply.text
    assert {"help:password", "help:send-back"} <= cited_docs(reply, context)


def test_steps_are_found_through_their_section_heading(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    reply, context = compose(retriever, composer, "How do I send an item back? It arrived broken.")
    assert re.search(r"^1\. Sign in and pick the item", reply.text, re.MULTILINE), reply.text
    assert re.search(r"^3\. Drop the parcel", reply.text, re.MULTILINE)
    assert "help:send-back" in cited_docs(reply, context)


def test_nothing_relevant_abstains_with_a_question_and_a_knowledge_gap_warning(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    reply, _ = compose(retriever, composer, "What is the capital city of Mongolia?")
    assert reply.cited_chunk_ids == []
    assert "reliabl" in reply.text, "a clear question is not asked again: the gap is said"
    gaps = [w for w in reply.warnings if w.code == "knowledge_gap"]
    assert len(gaps) == 1
    assert "capital city of Mongolia" in gaps[0].message
    vague, _ = compose(retriever, composer, "Hi, I have a problem.")
    assert "?" in vague.text, "a vague ticket gets a clarifying question"
    assert any(w.code == "knowledge_gap" for w in vague.warnings)


def test_a_known_order_is_never_asked_for_again(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    profile = CustomerProfile(
        name="anna berg",
        orders=[
            Order(order_id="A-100", date="2026-01-02"),
            Order(order_id="A-207", date="2026-03-09"),
        ],
    )
    reply, _ = compose(retriever, composer, "Where is my order? It still hasn't come.", profile=profile)
    assert "A-207" in reply.text, "the latest order is the one meant by 'my order'"
    assert not re.search(r"order (number|id|reference)", reply.text, re.IGNORECASE), reply.text
    assert "order: A-207" in reply.customer_facts


def test_greeting_uses_the_customer_name(retriever: Retriever, composer: OfflineComposer) -> None:
    reply, _ = compose(
        retriever, composer, "How long is the warranty?", profile=CustomerProfile(name="anna berg")
    )
    assert reply.text.startswith("Hi Anna")
    assert "two-year warranty" in reply.text
    assert "name: anna berg" in reply.customer_facts


def test_short_ask_mid_conversation_gets_a_short_reply(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    conversation = [
        Message(role="customer", text="Hello, I have a question about devices."),
        Message(role="agent", text="Sure, what would you like to know?"),
    ]
    short, _ = compose(retriever, composer, "How long is the warranty?", conversation=conversation)
    assert short.text.startswith("Every device has a two-year warranty."), short.text
    assert len(short.text.split()) <= 25
    long, _ = compose(
        retriever,
        composer,
        "Hello, I bought a device last month and I have been wondering about a few things. "
        "How long is the warranty? And can I pay by cheque for the extended cover?",
    )
    assert long.text.splitlines()[0].startswith(("Hi", "Hello"))
    assert "two-year warranty" in long.text and "cheques" in long.text
    assert long.text.splitlines()[-1].endswith(",")  # a sign-off closes a full reply


def test_citations_are_only_retrieved_passages(retriever: Retriever, composer: OfflineComposer) -> None:
    for text in ["Can I pay by cheque?", "How is the Lumen Lamp battery?", "How do I reset my password?"]:
        reply, context = compose(retriever, composer, text, top_k=4)
        retrieved = {p.chunk_id for p in context.knowledge}
        assert reply.cited_chunk_ids
        assert set(reply.cited_chunk_ids) <= retrieved


def test_output_is_deterministic_and_phrasing_varies_across_tickets(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    profile = CustomerProfile(name="Sam Lee")
    first, _ = compose(retriever, composer, "How long is the warranty?", profile=profile)
    again, _ = compose(retriever, composer, "How long is the warranty?", profile=profile)
    assert first.text == again.text
    openings = {
        compose(retriever, composer, text, profile=profile)[0].text.splitlines()[0]
        for text in [
            "How long is the warranty?",
            "What warranty do devices have?",
            "Is there a warranty on devices?",
            "Tell me about the warranty please.",
            "How many years of warranty do I get?",
        ]
    }
    assert len(openings) > 1, "every draft opened the same way"


GUIDELINE = KnowledgeDoc(
    doc_id="guide:address",
    title="Changing a delivery address",
    text=(
        "Changing a delivery address\n"
        "Ask the customer for their email address and order id before you change anything.\n"
        "- Click Manage order and enter the new address for the customer.\n"
        "- Tell the customer the change is done.\n"
    ),
    metadata={"doc_type": "agent_guideline"},
)


def test_agent_guidelines_become_questions_without_re_asking_known_details(
    embedder: Embedder, composer: OfflineComposer
) -> None:
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    knowledge = KnowledgeIndex(client, embedder, tenant="compose-guidelines")
    ingest_knowledge([GUIDELINE, *KNOWLEDGE[:3]], knowledge, Chunker())
    guided = Retriever(knowledge, HistoryIndex(client, embedder, tenant="compose-guidelines"))
    profile = CustomerProfile(name="Sam Lee", orders=[Order(order_id="Z-9", date="2026-02-02")])
    reply, context = compose(
        guided, composer, "Can I change the delivery address on my order?", profile=profile
    )
    assert "the customer" not in reply.text and "Click" not in reply.text, reply.text
    assert "email address" in reply.text
    assert "Z-9" in reply.text
    assert not re.search(r"(confirm|share) your[^.?]*order id", reply.text), reply.text
    assert cited_docs(reply, context) == {"guide:address"}


def test_a_repeat_contact_is_acknowledged_with_what_the_history_says(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    ticket = Ticket(text="The speaker still crackles at high volume, this is the second time I write!")
    earlier = Passage(
        chunk_id="ev1",
        doc_id="ev1",
        title="Speaker crackles",
        text="My speaker crackles when I turn the volume up.",
        score=0.72,
        source="history",
        metadata={"role": "customer", "subject": "Re: Speaker crackles"},  # a reply's subject line
    )
    found = retriever.retrieve(ticket, top_k=8, history_k=0)
    profile = CustomerProfile(name="Ben Okafor")
    signals = detect_signals(ticket, profile=profile, history=[earlier], knowledge=found.knowledge)
    context = ComposeContext(
        ticket=ticket, query=found.query, knowledge=found.knowledge, history=[earlier],
        profile=profile, signals=signals, principles=select_principles(signals),
    )
    reply = composer.compose(context)
    assert "speaker crackles" in reply.text.lower() and "re:" not in reply.text.lower()
    assert "previous contact: speaker crackles" in reply.customer_facts
    assert re.search(r"sorry|frustrat", reply.text, re.IGNORECASE), "the repeat contact is acknowledged"
    assert "tell me a little more about what you need" not in reply.text, "no generic re-ask after history"


def _context_of(composer: OfflineComposer, text: str, passages: list[Passage]) -> ComposeContext:
    """A context with hand-scored passages: the retriever's ranking as the test states it."""
    ticket = Ticket(text=text)
    signals = detect_signals(ticket, profile=None, history=[], knowledge=passages)
    return ComposeContext(
        ticket=ticket, query=text, knowledge=passages, history=[], profile=None,
        signals=signals, principles=select_principles(signals),
    )


def _passage(doc_id: str, text: str, score: float, **metadata: str) -> Passage:
    return Passage(chunk_id=f"{doc_id}::0", doc_id=doc_id, title=doc_id, text=text, score=score,
                   metadata=metadata)


def test_documents_marked_for_agents_are_never_quoted_whatever_their_wording(
    composer: OfflineComposer,
) -> None:
    guideline = (
        "Refund status\n"
        "- Ask for the username, email address and order id.\n"
        "- Pick a refund status from the list of three options.\n"
    )
    question = "What is the status of my refund?"
    for_agents = composer.compose(
        _context_of(composer, question, [_passage("guide", guideline, 0.7, doc_type="agent_guideline")])
    )
    assert "Pick a refund status" not in for_agents.text, for_agents.text
    assert "username" in for_agents.text and "?" in for_agents.text
    # The same text published as an article is for customers, and may be quoted.
    public = composer.compose(
        _context_of(composer, question, [_passage("guide", guideline, 0.7, doc_type="article")])
    )
    assert "Pick a refund status" in public.text, public.text


def test_only_passages_ranked_near_the_best_answer_a_single_question(composer: OfflineComposer) -> None:
    reviews = [
        _passage("rev:a", "The battery lasted a whole week on one charge.", 0.80,
                 doc_type="review", entity_name="LUMEN LAMP"),
        _passage("rev:b", "I love how long the battery lasts, easily five evenings.", 0.76,
                 doc_type="review", entity_name="LUMEN LAMP"),
        _passage("rev:c", "The battery was fine, nothing special about it.", 0.45,
                 doc_type="review", entity_name="LUMEN LAMP"),
    ]
    single = composer.compose(_context_of(composer, "Does the Lumen Lamp battery last long?", reviews))
    assert set(single.cited_chunk_ids) == {"rev:a::0", "rev:b::0"}, single.text
    # With two questions the ranking was for the ticket as a whole, so it decides nothing alone.
    double = composer.compose(
        _context_of(composer, "Does the Lumen Lamp battery last long? Is the battery any good?", reviews)
    )
    assert "rev:c::0" in double.cited_chunk_ids, double.text


def test_an_adapter_that_spreads_scores_wider_widens_the_margin_near_the_best(
    composer: OfflineComposer, embedder: Embedder
) -> None:
    reviews = [
        _passage("rev:a", "The battery lasted a whole week on one charge.", 0.80,
                 doc_type="review", entity_name="LUMEN LAMP"),
        _passage("rev:b", "I love how long the battery lasts, easily five evenings.", 0.76,
                 doc_type="review", entity_name="LUMEN LAMP"),
        _passage("rev:c", "Our battery held up for three long evenings.", 0.64,
                 doc_type="review", entity_name="LUMEN LAMP"),
    ]
    question = "Does the Lumen Lamp battery last long?"
    plain = composer.compose(_context_of(composer, question, reviews))
    assert "rev:c::0" not in plain.cited_chunk_ids, plain.text
    # Scores 0.16 apart under an adapter that spreads them twice as wide are as near as 0.08.
    size = len(embedder.embed_query(["battery"])[0])
    spread = QueryAdapter(matrix=np.zeros((size, size), dtype=np.float32), margin_scale=2.0)
    context = replace(_context_of(composer, question, reviews), query_adapter=spread)
    wide = composer.compose(context)
    assert {"rev:a::0", "rev:b::0", "rev:c::0"} <= set(wide.cited_chunk_ids), wide.text


def test_when_nothing_near_the_best_answers_a_farther_passage_does_before_abstaining(
    composer: OfflineComposer,
) -> None:
    passages = [
        # Ranked first, but about what WiFi costs, not whether it is stable.
        _passage("faq:cost", "Q: What does the WiFi cost?\nA: It costs nothing to use.", 0.55,
                 doc_type="faq"),
        _passage("rev:net", "The internet connection was stable and fast the whole week.", 0.37,
                 doc_type="review", entity_name="HARBOUR INN"),
    ]
    reply = composer.compose(_context_of(composer, "Is the internet connection stable?", passages))
    assert "stable and fast" in reply.text, reply.text
    assert "rev:net::0" in reply.cited_chunk_ids
    assert not [w for w in reply.warnings if w.code == "knowledge_gap"]


def test_a_fact_that_shares_only_the_products_name_with_the_question_is_not_quoted(
    composer: OfflineComposer,
) -> None:
    passages = [
        _passage("returns", "You can return any device within 30 days of delivery if it is unused.", 0.57,
                 doc_type="article", product="all"),
        _passage("lamp-reset", "Switch the lamp off and on 5 times in a row, 1 second apart.", 0.50,
                 doc_type="article", product="lamp"),
    ]
    # The lamp reset scores higher than the return policy by meaning (the lamp), but shares no
    # word of the question's own.
    question = "Hi, can I return the lamp I bought? I don't really use it."
    reply = composer.compose(_context_of(composer, question, passages))
    assert "within 30 days" in reply.text, reply.text
    assert "Switch the lamp" not in reply.text, reply.text


def test_a_near_faq_answer_is_quoted_without_the_yes_that_answered_another_question(
    composer: OfflineComposer,
) -> None:
    text = "Q: Is there WiFi in the rooms?\nA: Yes, free WiFi is available in every room."
    faq = _passage("faq:wifi", text, 0.7, doc_type="faq")
    # Close to the question, but "yes" there would say the WiFi is fast, which nobody said.
    reply = composer.compose(_context_of(composer, "Is the wifi fast enough for video calls?", [faq]))
    assert "Free WiFi is available in every room." in reply.text, reply.text
    assert not re.search(r"\byes\b", reply.text, re.IGNORECASE)
    assert reply.cited_chunk_ids == ["faq:wifi::0"]



def test_an_order_past_the_return_window_gets_a_plain_no_and_no_return_steps(
    retriever: Retriever, composer: OfflineComposer
) -> None:
    def ask_to_return(order_id: str, days_ago: int) -> tuple[ComposedReply, ComposeContext]:
        placed = (date.today() - timedelta(days=days_ago)).isoformat()
        profile = CustomerProfile(name="Aisha Khan", orders=[Order(order_id=order_id, date=placed)])
        text = f"I'd like to return the item from order {order_id}. How do I send it back?"
        return compose(retriever, composer, text, profile=profile)

    reply, context = ask_to_return("A-31", 80)
    assert context.signals.past_window is not None
    # The day it was placed, which stays true, rather than a count of days, which is true on one day.
    placed = spoken_date((date.today() - timedelta(days=80)).isoformat())
    assert re.search(rf"A-31\b.*placed on {placed}.*30 days", reply.text, re.DOTALL), reply.text
    assert "80 days" not in reply.text
    assert "Print the prepaid label" not in reply.text, "no return steps for a return that cannot happen"
    assert "help:send-back" in cited_docs(reply, context), "the window is cited where the knowledge states it"
    fine, _ = ask_to_return("A-32", 5)
    assert "placed on" not in fine.text


def test_service_phrases_follow_the_customers_language(composer: OfflineComposer) -> None:
    faq = _passage("faq:es", "Q: ¿Hacéis envíos a Canarias?\nA: Sí, enviamos a Canarias en 5 días.", 0.8,
                   doc_type="faq")
    ticket = "Hola, ¿hacéis envíos a Canarias? Gracias."
    reply = composer.compose(_context_of(composer, ticket, [faq]))
    assert reply.language == "es"
    assert reply.text.startswith("Hola"), reply.text
    assert reply.text.splitlines()[-1] in composer.phrases.languages["es"]["sign_off"]
    # A language the bank does not speak keeps its English lines.
    assert composer.phrases.in_language("fi") is composer.phrases
