"""Each offline grader orders hand-written good and bad replies the way a person would."""

from __future__ import annotations

import pytest

from drafter.domain import Message, Passage, Ticket
from drafter.embeddings import Embedder
from drafter.graders import GradeInput, Graders, load_graders

RETURNS = Passage(
    chunk_id="returns:0",
    doc_id="returns",
    title="Returns",
    text="Unopened items can be returned within 30 days for store credit. Opened items cannot be refunded.",
    score=0.9,
)
TICKET = Ticket(text="I opened the headphones and I don't like them. Can I get my money back?")


GRADERS: Graders = load_graders()


def score(name: str, reply: str, embedder: Embedder | None = None, ticket: Ticket = TICKET) -> float:
    g = GradeInput(ticket=ticket, reply=reply, knowledge=[RETURNS], cited=[RETURNS], embedder=embedder)
    grade = GRADERS.part(name, g)
    assert grade.score is not None, f"{name} applies here"
    assert 0.0 <= grade.score <= 1.0 and grade.explanation and "@" in grade.grader
    return grade.score


def not_applicable(name: str, reply: str, ticket: Ticket = TICKET) -> bool:
    return GRADERS.part(name, GradeInput(ticket=ticket, reply=reply)).score is None


def test_politeness_prefers_a_courteous_reply_to_a_rude_one() -> None:
    polite = "Thank you for reaching out. Could you please send me your order number? I'd be glad to help."
    rude = "Why did you open them then? You need to read the policy. Obviously opened items are final."
    assert score("politeness", polite) > 0.5 > score("politeness", rude)


def test_politeness_reads_request_openings() -> None:
    softened = "I was wondering if you could take a look at the article when you have time?"
    blunt = "You should look at the article. What is taking so long?"
    assert score("politeness", softened) > score("politeness", blunt)


def test_grounded_claims_catch_an_invented_refund(embedder: Embedder) -> None:
    grounded = (
        "Opened items cannot be refunded. Unopened items can be returned within 30 days for store credit."
    )
    invented = (
        "You will receive a full cash refund within two days. We also add a free gift card to your account."
    )
    assert score("grounded_claims", grounded, embedder) == 1.0
    assert score("grounded_claims", invented, embedder) < 0.5


def test_honest_negative_flags_a_promise_the_knowledge_does_not_back() -> None:
    honest = "I'm sorry, opened items cannot be refunded, but you can return unopened ones for store credit."
    promise = "No worries, we'll refund you in full and guarantee it arrives by Friday."
    assert score("honest_negative", honest) == 1.0 > score("honest_negative", promise)


def test_an_offer_to_go_on_asked_as_a_question_is_a_follow_up() -> None:
    assert score("follow_up", "The view is lovely. Would you like to know more?") == 1.0
    assert score("follow_up", "The room is free on Friday. Shall I book it for you?") == 1.0
    # The same words in a statement do not invite anything.
    assert score("follow_up", "Guests would like the view more if the windows were clean.") == 0.0


def test_follow_up_and_next_steps_reward_an_offer_to_continue() -> None:
    with_follow_up = "Opened items cannot be refunded. Let me know if you'd like help choosing another pair."
    without = "Opened items cannot be refunded."
    assert score("follow_up", with_follow_up) == 1.0 and score("follow_up", without) == 0.0
    steps = "You can start a return from the Orders page: select the item and choose Return."
    assert score("next_steps", steps) > score("next_steps", without)


def test_empathy_is_proportional_to_the_customer_feeling() -> None:
    angry = Ticket(text="This is the third time my order arrived broken!! I'm furious and want this fixed.")
    acknowledged = (
        "I'm so sorry your order arrived broken a third time; I understand how frustrating that is."
    )
    flat = "Orders are shipped in protective packaging."
    assert score("empathy", acknowledged, ticket=angry) > score("empathy", flat, ticket=angry) + 0.4


def test_clarity_no_blame_and_language_match() -> None:
    plain = "You can return unopened items within 30 days. We give store credit for them."
    dense = (
        "Pursuant to the aforementioned provisioning of the backend synchronization subsystem, "
        "the RMA escalation matrix heretofore necessitates comprehensive reconsideration of eligibility."
    )
    assert score("clarity", plain) > score("clarity", dense) + 0.3
    assert (
        score("no_blame", plain)
        == 1.0
        > score("no_blame", "You should have read the policy. Not our problem.")
    )
    french = Ticket(text="Bonjour, est-ce que je peux retourner mon casque ouvert ?")
    assert (
        score("language_match", "Bonjour, les articles ouverts ne sont pas remboursables.", ticket=french)
        == 1.0
    )
    assert score("language_match", "Hello, opened items cannot be refunded.", ticket=french) == 0.0


def test_questions_addressed_notices_an_ignored_question(embedder: Embedder) -> None:
    two = Ticket(text="Can I return opened headphones? Also, how long does store credit last?")
    both = "Opened items cannot be returned. Store credit lasts for one year from the date it is issued."
    one = "Opened items cannot be returned."
    assert score("questions_addressed", both, embedder, two) > score(
        "questions_addressed", one, embedder, two
    )


def test_rollups_and_reference_similarity(embedder: Embedder) -> None:
    reference = "Sorry, opened items can't be refunded, but unopened ones can be returned for store credit."
    close = "I'm sorry, opened items cannot be refunded; unopened items can be returned for store credit."
    far = "Our stores open at nine in the morning on weekdays."

    def grades(reply: str) -> dict[str, float]:
        g = GradeInput(
            ticket=TICKET, reply=reply, knowledge=[RETURNS], reference=reference, embedder=embedder
        )
        return {x.name: x.score for x in GRADERS.grade(g) if x.score is not None}

    a, b = grades(close), grades(far)
    assert a["rouge_l"] > b["rouge_l"] and a["semantic_similarity"] > b["semantic_similarity"] + 0.3
    assert a["resolution"] > b["resolution"]
    assert grades(close) == a, "same inputs, same scores"


def test_a_short_ticket_is_read_in_the_language_of_the_conversation() -> None:
    earlier = [Message(role="customer", text="I am looking for a quiet place to stay for two nights.")]
    ticket = Ticket(text="Nice rooms, quiet environment?", conversation=earlier)
    assert score("language_match", "Yes, reviews say the rooms are quiet. Would you like to know more?",
                 ticket=ticket) == 1.0
    # Two words cannot tell a language apart: no verdict against the reply.
    assert not_applicable("language_match", "Hello, how can I help?", ticket=Ticket(text="HEY HO!"))
    spanish = Ticket(text="Hola, ¿dónde está mi pedido?")
    assert score("language_match", "Hello, how can I help?", ticket=spanish) == 0.0


POLICY = Passage(
    chunk_id="returns:1",
    doc_id="returns",
    title="Returns",
    text="Unopened items can be returned within 30 days of delivery. Opened items cannot be refunded. "
    "Refunds reach your card within 5 business days.",
    score=0.9,
)


def grounded(reply: str, ticket: Ticket = TICKET) -> float:
    g = GradeInput(ticket=ticket, reply=reply, knowledge=[POLICY])
    grade = GRADERS.part("grounded_claims", g)
    assert grade.score is not None
    return grade.score


@pytest.mark.parametrize(
    "wrong",
    [
        "Unopened items can be returned within 45 days of delivery.",  # another duration
        "Unopened items cannot be returned within 30 days of delivery.",  # reversed
        "Opened items can be refunded.",  # reversed with can/cannot
        "Opened items can be returned within 30 days of delivery.",  # the rule applied to the other case
        "Refunds reach your card within 2 business days.",  # another figure
    ],
)
def test_grounded_claims_catch_what_the_source_contradicts(wrong: str) -> None:
    right = "Unopened items can be returned within 30 days of delivery."
    assert grounded(right) == 1.0
    assert grounded(wrong) < grounded(right)
    why = GRADERS.part("grounded_claims", GradeInput(ticket=TICKET, reply=wrong, knowledge=[POLICY]))
    assert "contradicted" in why.explanation


def test_a_reversed_yes_is_caught_against_the_knowledge_and_the_reply_itself() -> None:
    ticket = Ticket(text="Can I get a refund for opened headphones?")
    assert grounded("No, opened items cannot be refunded.", ticket) > grounded(
        "Yes, opened items cannot be refunded.", ticket
    )
    assert grounded("No, opened items cannot be refunded.", ticket) > grounded(
        "Yes, opened items can be refunded.", ticket
    )


def test_graders_that_do_not_apply_say_so_instead_of_full_marks() -> None:
    calm = Ticket(text="Thanks!")
    assert not_applicable("grounded_claims", "You're welcome!", calm)
    assert not_applicable("personalization", "You're welcome!", calm)
    tone = GRADERS.part("tone", GradeInput(ticket=calm, reply="You're welcome!"))
    assert tone.score is not None and "language_match" not in tone.explanation


def test_empathy_ranks_replies_to_a_struggling_person() -> None:
    post = Ticket(text="I lost my job last week and I feel so alone. I can't sleep, I don't know what to do.")
    warm = (
        "I'm so sorry you lost your job, that sounds really hard. I've been there too and I understand how "
        "lonely it feels. What has been the hardest part of the week for you?"
    )
    reacting = "I'm so sorry to hear that."
    flat = "Apply to more jobs."
    assert score("empathy", warm, ticket=post) > score("empathy", reacting, ticket=post) > score(
        "empathy", flat, ticket=post
    )
