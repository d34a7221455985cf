"""Each failure a support lead found in the offline composer's drafts, pinned by a ticket that failed
before, drafted end to end over the sample help centre in knowledge/ (real store, real model)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from drafter.compose import ComposeContext, ComposedReply, Composer, OfflineComposer
from drafter.config import load_settings
from drafter.domain import Draft, Message, Passage, Ticket
from drafter.embeddings import Embedder
from drafter.evals.cases import EvalCase
from drafter.evals.runner import RunOptions, run_eval
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import load_customers, load_knowledge
from drafter.principles import detect_signals, select_principles
from drafter.runtime import Runtime
from drafter.text.asks import reports_problem
from drafter.text.dates import spoken_date
from tests.conftest import REPO_ROOT

KNOWLEDGE = REPO_ROOT / "knowledge"


@pytest.fixture(scope="module")
def help_centre(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    """The sample help centre and its customers, ingested once for the module."""
    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("help-centre"), prompts_dir=REPO_ROOT / "prompts"
    )
    runtime = Runtime(settings)
    runtime.__dict__["embedder"] = embedder  # cached_property slot: skip reloading the model
    stores = runtime.stores()
    ingest_knowledge(load_knowledge([KNOWLEDGE / "help-center"]), stores.knowledge, runtime.chunker())
    ingest_history(load_customers(KNOWLEDGE / "customers.jsonl"), stores.profiles, stores.history)
    return runtime


def draft(runtime: Runtime, text: str, **fields: object) -> Draft:
    return runtime.draft_service().draft(Ticket(text=text, **fields))  # type: ignore[arg-type]


def codes(draft: Draft) -> set[str]:
    return {w.code for w in draft.warnings}


def body(draft: Draft) -> list[str]:
    """The reply's paragraphs after the greeting."""
    return [p for p in draft.text.split("\n\n")[1:] if p.strip()]


# --- 6. a crash: a frustration score without a recorded reason; a hazard gets safety first


def test_a_burning_smell_gets_unplug_it_now_first_not_a_crash(help_centre: Runtime) -> None:
    reply = draft(help_centre, "My Plug Mini started buzzing and now there's a burning plastic smell!!!")
    first = body(reply)[0]
    assert "unplug" in first.lower().split(".")[0], reply.text
    assert "2.4 GHz" not in reply.text
    assert any(p.name == "responsiveness" and "hazard" in p.reason for p in reply.principles)


def test_the_safety_line_is_not_said_twice_in_other_words(help_centre: Runtime) -> None:
    text = ("my plug mini was running a space heater and when i went to unplug it it was too hot to hold "
            "and theres a burnt smell. is this normal?? can i keep using it for a lamp instead")
    reply = draft(help_centre, text)
    assert body(reply)[0].lower().startswith("for your safety, please unplug"), reply.text
    assert reply.text.lower().count("unplug") == 1, reply.text
    assert any(c.doc_id == "contact-support" for c in reply.citations), "the instruction's source is cited"


def test_after_a_spark_no_step_has_the_customer_use_the_device(help_centre: Runtime) -> None:
    # The thermostat's troubleshooting steps (check the mode, the wiring, restart it) followed
    # "unplug the device right away" for a customer who saw a spark and smells burning.
    reply = draft(
        help_centre,
        "I was installing the T2 myself and when I connected the wires there was a spark and a pop, now "
        "the display is blank and there's a slight burnt smell near the wall plate. What do I do??",
    )
    text = reply.text.lower()
    assert body(reply)[0].lower().startswith(("for your safety", "please unplug")), reply.text
    for unsafe in ("restart the thermostat", "check the wiring", "install the power adapter", "mode is set"):
        assert unsafe not in text, reply.text


@pytest.mark.parametrize(
    ("text", "safety"),
    [
        ("Hallo, aus meinem Hub kommt Rauch und es riecht verbrannt. Was soll ich tun?",
         "Bitte ziehen Sie sofort den Stecker"),
        ("Buongiorno, dal mio hub esce fumo e c'è odore di bruciato. Cosa devo fare?",
         "Per la sua sicurezza, stacchi subito la spina"),
        ("Olá, está saindo fumaça do meu hub e tem cheiro de queimado. O que eu faço?",
         "Para sua segurança, desligue o aparelho da tomada"),
    ],
)
def test_a_hazard_in_another_language_gets_the_safety_line_in_that_language(
    help_centre: Runtime, text: str, safety: str
) -> None:
    reply = draft(help_centre, text)
    assert body(reply)[0].startswith(safety), reply.text


def test_a_calm_question_never_gets_the_overheating_instruction(help_centre: Runtime) -> None:
    reply = draft(help_centre, "Hi, just curious: why does my lamp sometimes glow orange at night?")
    assert "unplug" not in reply.text.lower() and "do not use it" not in reply.text.lower(), reply.text


def test_eval_run_counts_a_case_that_raises_and_finishes_the_rest(
    help_centre: Runtime, tmp_path: Path
) -> None:
    """A bug met by one case is that case's error; the run drafts the others and counts it."""

    class FailsOnOneTicket:
        name = "offline"

        def __init__(self, real: Composer) -> None:
            self.real = real

        def compose(self, context: ComposeContext) -> ComposedReply:
            if context.ticket.text == "boom":
                raise KeyError("frustration")
            return self.real.compose(context)

    class Failing(Runtime):
        def composer(self, tenant: str | None = None, *, embedder: Embedder | None = None) -> Composer:
            return FailsOnOneTicket(super().composer(tenant, embedder=embedder))

    runtime = Failing(help_centre.settings)
    runtime.__dict__["embedder"] = help_centre.embedder
    cases = [EvalCase(case_id="a", ticket=Ticket(text="boom")),
             EvalCase(case_id="b", ticket=Ticket(text="How do I reset my password?"))]
    summary = run_eval(runtime, cases, tmp_path / "run", RunOptions(kb=[KNOWLEDGE / "help-center"]))
    assert summary.metrics["cases"] == 2 and summary.metrics["errors"] == 1
    lines = (tmp_path / "run" / "results.jsonl").read_text().splitlines()
    rows = {r["case_id"]: r for r in map(json.loads, lines)}
    assert rows["a"]["error"] == "KeyError: 'frustration'" and rows["b"]["draft"]


def test_a_follow_up_turn_is_part_of_the_ticket(help_centre: Runtime) -> None:
    reply = draft(
        help_centre,
        "ok and how long until I actually see the money on my card?",
        conversation=[
            Message(role="customer", text="Hi, I sent my lamp back last week for a refund."),
            Message(role="agent", text="We issue the refund within 2 business days of its arrival."),
        ],
    )
    assert "5-7 business days" in reply.text


def test_a_safety_instruction_beside_the_answer_is_left_out_for_a_calm_customer(embedder: Embedder) -> None:
    passages = [
        Passage(chunk_id="lights::0", doc_id="lights", title="Light colours", score=0.7,
                text="Orange means an update is running."),
        Passage(chunk_id="hours::0", doc_id="hours", title="Support hours", score=0.7,
                text="For urgent safety issues at night, such as a lamp light that overheats, "
                "unplug the lamp and do not use it until we reply."),
    ]
    ticket = Ticket(text="Why is the light on my lamp orange at night?")
    signals = detect_signals(ticket, profile=None, history=[], knowledge=passages)
    context = ComposeContext(ticket=ticket, query=ticket.text, knowledge=passages, history=[], profile=None,
                             signals=signals, principles=select_principles(signals))
    reply = OfflineComposer(embedder).compose(context)
    assert "update" in reply.text and "unplug" not in reply.text, reply.text


# --- 1. an empty clarifying question although the answer ranked first; a real gap is flagged


def test_a_bare_plea_is_answered_from_what_the_customer_describes(help_centre: Runtime) -> None:
    text = "It's freezing here, the thermostat says E4 and nothing heats up. Please help!"
    reply = draft(help_centre, text)
    assert "breaker" in reply.text and "knowledge_gap" not in codes(reply), reply.text
    assert "E1" not in reply.text, "only the code the customer has"


def test_delivered_but_not_received_gets_the_carrier_investigation(help_centre: Runtime) -> None:
    text = "tracking says my parcel was delivered yesterday but theres nothing here. now??"
    reply = draft(help_centre, text)
    assert "investigation" in reply.text and "knowledge_gap" not in codes(reply), reply.text


def test_a_question_the_knowledge_cannot_answer_is_flagged_not_answered_with_a_fragment(
    help_centre: Runtime,
) -> None:
    reply = draft(help_centre, "Can I control the Brightwave Lamp with Google Home?")
    assert "knowledge_gap" in codes(reply), reply.text
    assert "brightwave.example" not in reply.text and "in the app" not in reply.text
    assert "tell me a bit more" not in reply.text, "a clear question is not asked again"


def test_a_question_nothing_answers_is_not_answered_by_a_loose_reading_of_the_whole_message(
    help_centre: Runtime,
) -> None:
    # The message shares "hub" and "home" with the Hub's offline article; the question is about Plus.
    text = ("Hi, as you may know I'm moving house this month. My mum is taking over my old flat with the "
            "thermostat and the hub in it. Can my Plus subscription cover both homes, or would she need "
            "her own? Thanks, Maria")
    reply = draft(help_centre, text, subject="Plus for two homes?")
    assert "Hub is offline" not in reply.text, reply.text
    assert "knowledge_gap" in codes(reply), reply.text


def test_a_problem_told_around_questions_nothing_answers_is_answered_from_the_whole_message(
    help_centre: Runtime,
) -> None:
    # Neither "did the driver just keep it??" nor "I want a new one sent out" is answered by any
    # sentence; what the customer told (delivered, nothing at the door) is.
    text = ("tracking for BW-561733 says delivered at 1:12pm today but theres nothing at my door or in "
            "the mailbox. I was home all day!! did the driver just keep it?? I want a new one sent out")
    reply = draft(help_centre, text)
    assert "neighbours" in reply.text and "knowledge_gap" not in codes(reply), reply.text


def test_a_question_in_other_words_than_its_section_is_answered_from_that_section(
    help_centre: Runtime,
) -> None:
    # No sentence says "customs", but the section headed "Duties and taxes" answers it.
    text = "how long does standard shipping take to canada and do I have to pay customs on top?"
    reply = draft(help_centre, text)
    assert "5-8 business days" in reply.text, reply.text
    assert "duties and taxes are collected by the carrier" in reply.text, reply.text
    assert "Choose a shipping option and pay" not in reply.text, "ordering steps answer nothing here"


def test_an_faq_answer_whose_section_clearly_answers_is_quoted_though_worded_apart(
    help_centre: Runtime,
) -> None:
    # "only go back a week" is "How far back can I see my data?" in the customer's words.
    text = ("why does the energy tab only go back a week?? i wanted to compare last month with this "
            "month for my heater plug. is there a way to get older data, or at least save it going "
            "forward? also the numbers are way lower than my electricity bill")
    reply = draft(help_centre, text, subject="energy history only 7 days?", channel="chat")
    assert "7 days of history" in reply.text, reply.text


def test_what_now_after_a_damaged_delivery_gets_the_whole_procedure(help_centre: Runtime) -> None:
    text = ("So the lamp finally showed up on Wednesday, a week after you said it would, and the shade is "
            "cracked right through and the box looks like someone sat on it. Great. I've been buying from "
            "you since 2020 and this is not what I expect. What now?")
    reply = draft(help_centre, text, subject="lamp arrived broken. after arriving a week late.",
                  customer_id="cus_1011", received_at="2026-11-20T08:12:00Z")
    assert re.search(r"^1\. Take a photo", reply.text, re.MULTILINE), reply.text
    assert re.search(r"^3\. We send a replacement", reply.text, re.MULTILINE), reply.text


def test_a_second_question_answered_from_a_quoted_passage_still_gets_its_steps(help_centre: Runtime) -> None:
    # The first question quotes one line of the account-lock article; "what do i do" asks for its
    # procedure, and the reply has no other.
    text = ("got a message that my account was locked after failed sign ins last night. that wasnt me! "
            "is someone trying to get into my account? what do i do, my whole house is on there")
    reply = draft(help_centre, text)
    assert re.search(r"^1\. Wait 15 minutes", reply.text, re.MULTILINE), reply.text


def test_a_procedure_comes_with_what_its_section_says_after_the_steps(help_centre: Runtime) -> None:
    # Without it the customer asks next whether they must wait for the broken lamp to arrive.
    reply = draft(help_centre, "The lamp I ordered arrived with a cracked base and I'm upset. What do I do?")
    steps = re.search(r"^3\. We send a replacement.*$", reply.text, re.MULTILINE)
    assert steps, reply.text
    assert "You do not need to wait for the damaged device" in reply.text[steps.end():], reply.text


# --- 2. sentences of nearby articles that do not apply to this customer


def test_a_sentence_naming_the_product_is_not_quoted_from_an_article_about_something_else(
    help_centre: Runtime,
) -> None:
    # An exchange question about a lamp shares "lamp" with the lamp's troubleshooting, nothing else.
    text = ("hello. i never ended up using the plug mini from my september order, its still sealed. "
            "can i swap it for a second lamp? i'd pay the difference obviously")
    reply = draft(help_centre, text, customer_id="cus_1003")
    assert "Switch the lamp off and on" not in reply.text, reply.text
    assert not {c.doc_id for c in reply.citations} & {"lamp-troubleshooting", "plug-wifi"}, reply.text


def test_a_customer_who_pays_by_invoice_is_not_told_about_card_holds(help_centre: Runtime) -> None:
    text = "We got two invoices for BW-498330. Were we charged twice?"
    reply = draft(help_centre, text, customer_id="cus_1008")
    text = reply.text.lower()
    assert "pre-authorization" not in text and "pending" not in text and "statement" not in text, reply.text
    card = draft(help_centre, "I see two charges of 59 USD on my card for one lamp. Did you charge me twice?",
                 customer_id="cus_1006")
    assert "pending authorization" in card.text, card.text


def test_a_customer_who_says_they_paid_by_card_is_not_told_paypal_timing(help_centre: Runtime) -> None:
    text = ("I sent back the hub 10 days ago with your label and I still don't have my money back. "
            "How long does this take?? I paid with my Visa.")
    reply = draft(help_centre, text)
    assert "within 2 business days after your return arrives" in reply.text, reply.text
    assert "PayPal" not in reply.text, reply.text
    # Asking whether PayPal is possible says nothing of how they paid: PayPal lines stay.
    asked = draft(help_centre, "Can I pay with PayPal? How long do PayPal refunds take?")
    assert "PayPal" in asked.text, asked.text


def test_a_customer_whose_order_the_reply_names_is_not_asked_for_its_number(help_centre: Runtime) -> None:
    text = ("Hello, I just looked at my card statement and I've been charged twice for my lamp, 59.00 two "
            "times. Order BW-551900. Can you please fix this?")
    reply = draft(help_centre, text, customer_id="cus_1006")
    assert "screenshot of the statement" in reply.text, reply.text
    assert "your order number" not in reply.text, reply.text


def test_fix_it_after_the_problem_is_not_answered_from_another_article(help_centre: Runtime) -> None:
    text = "WHAT IS THIS. locked out of my account AGAIN and I need to get in right now. fix it"
    reply = draft(help_centre, text)
    assert "15 minutes" in reply.text, reply.text
    assert "lamp" not in reply.text.lower(), reply.text


def test_a_member_benefit_is_not_offered_to_a_customer_without_the_plan(help_centre: Runtime) -> None:
    reply = draft(help_centre, "My plug from October stopped working. How do I make a warranty claim?",
                  customer_id="cus_1012")
    assert "brightwave.example/warranty" in reply.text, reply.text
    assert "Plus members get the replacement first" not in reply.text


# --- 3. one consistent position; no promise past a limit the policy states


def test_no_return_steps_after_saying_the_return_window_has_passed(help_centre: Runtime) -> None:
    text = "Hi, I'd like to return the lamp I bought in September. How do I send it back?"
    reply = draft(help_centre, text, customer_id="cus_1003")
    assert "delivered on 10 September 2026" in reply.text and "30" in reply.text, reply.text
    for yes in ("Return an item", "we refund the original item", "We send a replacement"):
        assert yes not in reply.text, reply.text


def test_no_free_replacement_after_the_damage_window(help_centre: Runtime) -> None:
    text = "The lamp from my October order came with a cracked shade. Can you replace it free?"
    reply = draft(help_centre, text, customer_id="cus_1001")
    assert "14 days" in reply.text and "BW-482913" in reply.text, reply.text
    text = reply.text.lower()
    assert "we replace it for free" not in text and "we send a replacement" not in text


def test_no_sparing_line_of_an_offer_after_saying_its_limit_has_passed(help_centre: Runtime) -> None:
    # "You do not need to wait ... before the replacement ships" is the damage article's offer,
    # not a refusal: after "only possible within 14 days" it took the no back.
    text = ("Hi, my Hub has completely died, no light at all. I tried a different socket and a different "
            "power cable, nothing. I'm away for 3 weeks from the 12th. Do I really have to post the old "
            "one back first and wait?")
    subject = "Hub dead - need replacement before my trip"
    reply = draft(help_centre, text, customer_id="cus_1007", subject=subject)
    said_no, then_yes = "only possible within 14 days" in reply.text, "replacement ships" in reply.text
    assert not (said_no and then_yes), reply.text


def test_an_order_still_within_the_limit_is_told_the_day_it_ends(
    help_centre: Runtime, tmp_path: Path
) -> None:
    delivered = datetime.now(UTC).date() - timedelta(days=10)
    order = {"order_id": "BW-700001", "date": (delivered - timedelta(days=2)).isoformat(),
             "delivered": delivered.isoformat(), "items": ["Brightwave Lamp"], "status": "delivered"}
    record = {"customer_id": "cus_window", "profile": {"name": "Ada Lane", "orders": [order]}, "events": []}
    customers = tmp_path / "customers.jsonl"
    customers.write_text(json.dumps(record) + "\n", encoding="utf-8")
    stores = help_centre.stores()
    ingest_history(load_customers(customers), stores.profiles, stores.history)
    text = "the white lamp doesn't really go with my room, could I swap it for the black one?"
    reply = draft(help_centre, text, customer_id="cus_window")
    until = spoken_date((delivered + timedelta(days=30)).isoformat())
    assert "within 30 days of delivery" in reply.text, reply.text
    assert f"so you have until {until}" in reply.text, reply.text


def test_a_limit_the_customer_says_has_passed_gets_a_plain_no(help_centre: Runtime) -> None:
    reply = draft(help_centre, "I placed an order yesterday by mistake. Can I still cancel it?")
    assert "1 hour" in reply.text and "no longer possible" in reply.text, reply.text
    assert not reply.text.split("\n\n")[1].startswith("Yes")


def test_a_limit_on_returns_does_not_answer_a_warranty_question(help_centre: Runtime) -> None:
    text = ("My thermostat from January 2025 has stopped responding to the heating schedule. "
            "Is it still under warranty and what do I do?")
    reply = draft(help_centre, text, customer_id="cus_1001", subject="Thermostat warranty")
    assert "only possible within" not in reply.text and "no longer possible" not in reply.text, reply.text


def test_a_price_difference_is_not_answered_with_the_return_window_or_a_refund_promise(
    help_centre: Runtime,
) -> None:
    text = "I just saw the lamp 15 dollars cheaper on another shop's website. Can you refund the difference?"
    reply = draft(help_centre, text, customer_id="cus_1001")
    assert "return window" not in reply.text, "a price question is not a return"
    assert "we refund the difference" not in reply.text.lower(), reply.text


def test_a_step_is_not_offered_past_the_limit_another_step_of_its_procedure_states(
    help_centre: Runtime,
) -> None:
    # "Contact us within 14 days of delivery" governs "We send a replacement by express shipping",
    # though only the second shares a word with "can you send me another one?". Delivered 5 Nov.
    text = ("I finally opened the box of the Plug Mini I got at the start of the month and the case is "
            "cracked and the light does not come on. The box was crushed too. Can you send me another one?")
    reply = draft(help_centre, text, customer_id="cus_1005", received_at="2026-11-20T11:25:00Z")
    assert "We send a replacement" not in reply.text, reply.text
    assert "14 days" in reply.text, reply.text


# --- 4. no fragments, fake step lists or Markdown in a plain-text reply


def test_a_sentence_pointing_back_at_steps_comes_after_them(help_centre: Runtime) -> None:
    tickets = [
        ("My thermostat still does not heat. Is it faulty, can I get a new one?", None),
        ("This is the third time I'm writing. The thermostat still doesn't heat and shows E1. Fix it!",
         "cus_1002"),
    ]
    pointing = 0
    for text, customer in tickets:
        reply = draft(help_centre, text, customer_id=customer)
        if "after these steps" in reply.text:
            pointing += 1
            assert re.search(r"^1\. .*after these steps", reply.text, re.MULTILINE | re.DOTALL), reply.text
    assert pointing, "the warranty-claim line belongs in these replies, after the steps"


def test_a_list_of_benefits_is_not_presented_as_steps(help_centre: Runtime) -> None:
    reply = draft(help_centre, "What do I get with Brightwave Plus?")
    assert "3 years" in reply.text, reply.text
    assert not re.search(r"^1\. ", reply.text, re.MULTILINE) and "steps" not in reply.text.lower()


def test_plain_text_unless_the_channel_renders_markdown(help_centre: Runtime) -> None:
    email = draft(help_centre, "How do I reset my password?", channel="email")
    assert "Forgot password" in email.text and "**" not in email.text, email.text
    markdown = draft(help_centre, "How do I reset my password?", channel="markdown")
    assert "**Forgot password**" in markdown.text


def test_a_direct_no_comes_first(help_centre: Runtime) -> None:
    reply = draft(help_centre, "can you ship to a parcel locker? im never home during the day")
    assert body(reply)[0].startswith("No, we cannot ship to PO boxes or parcel lockers"), reply.text


# --- 5. tone, conversation and language


def test_a_calm_question_about_a_date_is_not_treated_as_urgent(help_centre: Runtime) -> None:
    reply = draft(help_centre, "Hi, if I order a lamp today with express shipping, will it arrive by Friday?")
    assert "1-2 business days" in reply.text, reply.text
    assert "time-sensitive" not in reply.text and "quickly" not in reply.text


def test_a_disappointed_remark_is_heard_not_questioned(help_centre: Runtime) -> None:
    text = "My lamp finally arrived today, a week late. Not the end of the world, but a bit disappointing."
    reply = draft(help_centre, text, customer_id="cus_1011")
    # Heard: thanked for it, or (the record dating the delay) told how late it came and sorry for it.
    heard = "Thank" in reply.text or ("sorry" in reply.text and "came on 18 November" in reply.text)
    assert heard and "tell me a bit more" not in reply.text, reply.text
    still = draft(help_centre, "I did that already and it still doesn't work.", conversation=[
        Message(role="customer", text="My Plug Mini won't connect to wifi."),
        Message(role="agent", text="Please hold the button for 6 seconds until the light blinks fast."),
    ])
    assert "passed this on" not in still.text, "a problem still there is not thanked away"


def test_a_french_ticket_gets_french_lines_and_a_warning_for_quoted_english(help_centre: Runtime) -> None:
    reply = draft(help_centre, "Bonjour, est-ce que le Plug Mini fonctionne avec un wifi 5 GHz ?")
    assert reply.text.startswith("Bonjour") and "2.4 GHz" in reply.text, reply.text
    assert "translation_needed" in codes(reply)


def test_a_follow_up_is_not_told_what_the_agent_just_said(embedder: Embedder) -> None:
    passage = Passage(
        chunk_id="refunds::0", doc_id="refunds", title="Refund timing", score=0.7,
        text="We issue the refund within 2 business days after your return arrives. "
        "Your bank then needs 5-7 business days to show the refund on your card statement.",
    )
    said = "We issue the refund within 2 business days after your return arrives."
    ticket = Ticket(
        text="and when will I see the refund on my card statement?",
        conversation=[
            Message(role="customer", text="How long does a refund take after my return arrives?"),
            Message(role="agent", text=said),
        ],
    )
    signals = detect_signals(ticket, profile=None, history=[], knowledge=[passage])
    context = ComposeContext(ticket=ticket, query=ticket.text, knowledge=[passage], history=[], profile=None,
                             signals=signals, principles=select_principles(signals))
    reply = OfflineComposer(embedder).compose(context)
    assert "5-7 business days" in reply.text and "within 2 business days" not in reply.text, reply.text


# --- 7. the point of the ticket missed: a problem told, not asked; a headline; a run-on; a buried clause


def test_a_problem_told_before_a_short_question_is_answered(help_centre: Runtime) -> None:
    reply = draft(help_centre, "The password reset email never arrives. Is there a phone number I can call?")
    assert "spam" in reply.text.lower(), reply.text


def test_the_subject_line_names_the_device_beside_one_mentioned_in_passing(help_centre: Runtime) -> None:
    reply = draft(
        help_centre,
        "It stopped heating this morning and the screen shows E4. My old Hub never did anything like this.",
        subject="Thermostat dead",
    )
    assert "breaker" in reply.text.lower(), reply.text


def test_a_request_mostly_made_of_an_address_is_read_with_its_subject_line(help_centre: Runtime) -> None:
    reply = draft(
        help_centre,
        "Please change it to 12 Oak Street, Springfield 62704 asap.",
        subject="Wrong shipping address on my order",
    )
    assert "knowledge_gap" not in codes(reply), reply.text
    assert "address" in reply.text.lower() and "could you tell me" not in reply.text.lower(), reply.text


def test_each_question_of_a_run_on_sentence_is_answered(help_centre: Runtime) -> None:
    reply = draft(
        help_centre,
        "hi we live in Canada and want to order a lamp for the cabin, how long does it take to get here "
        "and can it just go to my PO box in town since nobody is at the cabin during the week",
    )
    assert "5-8 business days" in reply.text, reply.text
    assert "PO box" in reply.text, reply.text


def test_a_question_run_on_after_its_context_is_answered_about_that_context(help_centre: Runtime) -> None:
    # Split from what it opened with, "do you refund anything then" read alone got "We refund the
    # full price of the item."
    reply = draft(
        help_centre,
        "thinking of getting a thermostat for my dad as a gift this month, but if i pay full price now and "
        "then the price drops a week later i would feel pretty silly, do you refund anything then",
    )
    assert "full price" not in reply.text, reply.text
    assert "14 days" in reply.text, reply.text


def test_a_step_the_customer_already_took_is_not_told_again(help_centre: Runtime) -> None:
    reply = draft(
        help_centre,
        "Second time writing. I followed the wiring help in the app and put in the power adapter from the "
        "box, it still shows E1 and the screen goes dead at night. I don't want more things to try. "
        "Send me one that works.",
        subject="Thermostat E1 again",
    )
    assert "check the adapter" not in reply.text.lower(), reply.text


def test_a_long_yes_no_question_about_an_unknown_name_is_not_answered_by_a_clause(
    help_centre: Runtime,
) -> None:
    # Read clause by clause, "another hub" shares a word with the Hub's offline steps; the
    # question asks about a bridge the knowledge never names, so only a sentence saying yes or no
    # to it may answer, on the rescoring as on the first reading.
    reply = draft(
        help_centre,
        "Does the Brightwave Lamp work with the Philips Hue bridge that I already have at home, "
        "because I would rather not buy another hub just to get the lamp going in the bedroom?",
    )
    assert "Hub" not in " ".join(body(reply)), reply.text
    assert "knowledge_gap" in codes(reply)


def test_an_faq_question_asked_in_other_words_gets_its_answer_and_no_restriction_as_a_way_out(
    help_centre: Runtime,
) -> None:
    reply = draft(help_centre, "hi can i pay half with my visa and half on my wifes mastercard? "
                               "or do u have some kind of payment plan?")
    text = " ".join(body(reply))
    assert "each order is paid with one payment method" in text, reply.text
    # "Only business accounts can pay by bank transfer" limits who may; it is no way forward.
    assert "Only business accounts" not in text, reply.text
    # The instalments are said once, though they answer the second question and are the way forward.
    assert text.count("3 interest-free instalments") == 1, reply.text


def test_each_question_answered_from_one_faq_passage_gets_its_own_answer(help_centre: Runtime) -> None:
    reply = draft(
        help_centre,
        "Got three gift cards for my birthday and I want to buy the thermostat with them. Can I use "
        "all three on one order? If there's anything left over can I put it toward Plus? Oh and my "
        "aunt bought one of them and I've lost the email with the code.",
    )
    text = " ".join(body(reply))
    assert "up to two gift cards" in text, reply.text
    # The no that names what was asked, though it scores low against a chatty question.
    assert "used to pay for Brightwave Plus" in text, reply.text
    # The lost code is answered from the same passage the first answer cited.
    assert "resend it" in text, reply.text


# --- 4. fragments: a sentence that only goes on from another is never quoted without it


def test_a_sentence_going_on_from_one_left_out_is_never_quoted_alone(help_centre: Runtime) -> None:
    """"Then add it again in the app." ends the lamp reset; quoted alone to a question the help
    centre does not answer, it was the whole reply, and no knowledge gap was reported."""
    rename = "How do I rename my lamp in the app? it's called Lamp 2 now"
    reply = draft(help_centre, rename, customer_id="cus_1011")
    assert "Then add it again" not in reply.text, reply.text
    assert "knowledge_gap" in codes(reply)


def test_a_sentence_that_is_one_of_the_steps_is_said_once(help_centre: Runtime) -> None:
    reply = draft(help_centre, "How do I return my hub? Do I need to print a label?", customer_id="cus_1003")
    assert "1. Sign in" in reply.text, reply.text
    assert reply.text.count("Print the return label we email you") == 1, reply.text


@pytest.mark.parametrize(
    ("text", "unmentioned"),
    [
        ("Does the plug mini work with Apple HomeKit?", "HomeKit"),
        ("Is the lamp dimmable with a normal wall dimmer switch?", "dimmable"),
        ("Do you sell replacement bulbs for the lamp?", "bulbs"),
    ],
)
def test_a_yes_no_question_about_what_the_knowledge_never_mentions_is_not_answered_by_a_neighbour(
    help_centre: Runtime, text: str, unmentioned: str
) -> None:
    # "The Plug Mini works only with 2.4 GHz Wi-Fi networks." to a HomeKit question, the reset steps
    # to a dimmer question, the warranty's replacement line to a question about bulbs: each shared
    # the product and a word or two, and none says a word about what was asked.
    reply = draft(help_centre, text)
    assert reply.citations == [], reply.text
    assert "knowledge_gap" in codes(reply)
    assert unmentioned.lower() not in " ".join(body(reply)).lower()
    # The agent is told what to look up.
    assert any(unmentioned.lower() in w.message for w in reply.warnings), reply.warnings


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("does the plug mini work on 5ghz with my netgear router?", "2.4 GHz"),
        ("is the lamp still under warranty if I bought it 18 months ago?", "2-year"),
    ],
)
def test_a_question_naming_something_unmentioned_beside_what_it_asks_is_still_answered(
    help_centre: Runtime, text: str, answer: str
) -> None:
    reply = draft(help_centre, text)
    assert answer in reply.text, reply.text
    assert "knowledge_gap" not in codes(reply)


def test_steps_for_a_process_close_without_asking_whether_it_works(help_centre: Runtime) -> None:
    # "Let me know if it works, or if you get stuck on any step." closed the steps to download an
    # invoice as it closes a fix; a support lead strikes it from billing and account questions.
    how_to = draft(help_centre, "Hi, how do I download the invoice for my last order?")
    assert "Download invoice" in how_to.text, how_to.text
    closing = how_to.text.lower()
    assert "if it works" not in closing and "how it goes" not in closing, how_to.text
    fix = draft(help_centre, "My Plug Mini won't connect to my wifi, what do I do?")
    assert "if it works" in fix.text.lower() or "how it goes" in fix.text.lower(), fix.text


def test_a_reported_problem_is_told_from_a_how_to_question() -> None:
    assert reports_problem("My Plug Mini won't connect to my wifi.")
    assert not reports_problem("Hi, how do I download the invoice for my last order?")


def test_a_typing_slip_is_not_read_as_something_the_knowledge_never_mentions(help_centre: Runtime) -> None:
    # "cancle" is no word the help centre uses; it is one slip from "cancel", which it does.
    reply = draft(help_centre, "can I cancle my order from this morning?")
    assert "within 1 hour" in reply.text, reply.text
    assert "knowledge_gap" not in codes(reply)


def test_sorry_for_contacting_us_again_only_to_a_customer_who_has(help_centre: Runtime) -> None:
    # "I'm sorry you've had to contact us again" and "Thanks for following up" state that the
    # customer wrote before; "still not here" only says the trouble goes on.
    repeat = ("contact us again", "following up")
    first = draft(help_centre, "My order is still not here and I needed it for Friday. Where is it?")
    assert not any(p in first.text for p in repeat), first.text
    again = draft(help_centre, "I already wrote to you about this last week. My order is still not here, "
                               "where is it?")
    assert any(p in again.text for p in repeat), again.text


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("the white lamp doesn't really go with my room, could I swap it for the black one?", "exchange"),
        ("Can I swap my lamp for another colour?", "exchange"),
    ],
)
def test_everyday_words_reach_the_article_that_uses_the_help_centre_word(
    help_centre: Runtime, text: str, answer: str
) -> None:
    # "swap" is no word of the help centre's and MiniLM reads it far from "exchange": the
    # lamp troubleshooting article answered, or nothing did and the agent got a knowledge gap.
    reply = draft(help_centre, text)
    assert "knowledge_gap" not in codes(reply), reply.text
    assert "exchanges" in {c.doc_id for c in reply.citations}, reply.text
    assert answer in " ".join(body(reply)), reply.text



# --- a second question, a problem told in a device's own verb, words that point back


def test_a_second_question_asked_without_its_mark_is_answered_too(help_centre: Runtime) -> None:
    reply = draft(help_centre, "can I pay with paypal? also do gift cards expire")
    assert "PayPal" in reply.text, reply.text
    assert "never expire" in reply.text, reply.text


def test_a_problem_told_in_a_device_verb_is_answered_beside_the_question(help_centre: Runtime) -> None:
    text = ("two things - the new lamp flickers when i dim it right down, brighter is fine. "
            "and the white looks odd next to my others, can i swap it for a black one?")
    reply = draft(help_centre, text)
    assert "Smooth dimming" in reply.text, reply.text
    assert "exchange a device" in reply.text, reply.text


def test_a_question_pointing_back_is_read_with_what_it_points_at(help_centre: Runtime) -> None:
    text = "My kids gave me three gift cards. Can I use all three on one order? And do they ever expire?"
    reply = draft(help_centre, text)
    assert "up to two gift cards" in reply.text, reply.text


def test_a_product_named_beside_a_shipping_question_does_not_make_it_unanswerable(
    help_centre: Runtime,
) -> None:
    text = ("Can I get a thermostat shipped express to my PO box? "
            "If I order this morning would it get here by Monday?")
    reply = draft(help_centre, text)
    assert "PO boxes" in reply.text, reply.text
    assert "knowledge_gap" not in codes(reply), reply.warnings


def test_steps_the_customer_already_did_are_not_given_again(help_centre: Runtime) -> None:
    text = ("My lamp flickers at every brightness now. I already updated the firmware and turned on "
            "smooth dimming, no change. What else?")
    reply = draft(help_centre, text)
    assert "warranty claim" in reply.text, reply.text
    assert "Update the firmware" not in reply.text, reply.text
    assert "turn on Smooth dimming" not in reply.text, reply.text


# --- a policy's exclusion that matches the customer's story decides the answer


def test_damage_the_warranty_excludes_gets_the_exclusion_not_a_free_repair(help_centre: Runtime) -> None:
    text = ("I was painting and knocked the thermostat off the wall, now the screen has a crack across it. "
            "Is that covered by the warranty?")
    reply = draft(help_centre, text)
    assert "cracks and other accidental damage" in reply.text, reply.text
    assert "40% off" in reply.text, reply.text
    assert "for free" not in reply.text, reply.text


def test_a_fault_the_warranty_covers_still_gets_the_free_repair(help_centre: Runtime) -> None:
    text = "My lamp stopped turning on after three months. Is that covered by the warranty?"
    reply = draft(help_centre, text)
    assert "We repair or replace the device for free" in reply.text, reply.text
    assert "accidental damage" not in reply.text, reply.text


# --- a follow-up after doing what we asked gets the next step


def test_after_the_checks_we_asked_for_the_next_step_is_ours(help_centre: Runtime) -> None:
    asked = Message(role="agent", text=(
        "Sorry about that. Please check with your neighbours and around your door, and wait 24 hours, "
        "as carriers sometimes scan parcels early."))
    earlier = Message(role="customer", text="Tracking says my parcel was delivered but it isn't here.")
    text = "Tracking still says delivered. Asked the neighbours and waited two days like you said. Now what?"
    reply = draft(help_centre, text, conversation=[earlier, asked])
    assert re.search(r"we (?:will )?open (?:a carrier investigation|an investigation with the carrier)",
                     reply.text.lower()), reply.text
    assert "neighbours" not in reply.text, reply.text


def test_steps_an_earlier_agent_turn_gave_are_not_repeated(help_centre: Runtime) -> None:
    turns = [
        Message(role="customer", text="The new thermostat does not heat."),
        Message(role="agent", text=("Please check the mode is set to Heat and restart the thermostat by "
                                    "holding the ring for 10 seconds.")),
        Message(role="customer", text="Still no heat. The display shows E1."),
        Message(role="agent", text="Thanks, we are looking into the E1 code and will get back to you."),
    ]
    text = ("Third time writing. I did exactly what you said, heat mode, held the ring 10 sec, twice. "
            "Still E1 and the house is cold. I want heat.")
    reply = draft(help_centre, text, conversation=turns)
    assert "mode is set to Heat" not in reply.text, reply.text


def test_a_question_about_what_would_happen_is_not_treated_as_a_fault_to_fix(help_centre: Runtime) -> None:
    text = ("Please delete my account and everything you have about me. Will my lamps stop working? "
            "And do you keep my invoices?")
    reply = draft(help_centre, text)
    assert "Delete account" in reply.text, reply.text
    assert "Give that a try" not in reply.text and "if it works" not in reply.text, reply.text


def test_a_customer_without_their_backup_codes_is_not_told_to_use_them(help_centre: Runtime) -> None:
    text = ("Changed phones and my authenticator app is gone. I lost my backup codes too. "
            "How do I get back into my account?")
    reply = draft(help_centre, text)
    assert "If you have no backup codes" in reply.text, reply.text
    assert "Sign in with one of your backup codes" not in reply.text, reply.text
    assert "scan the QR code" not in reply.text, reply.text


def test_each_thing_told_before_what_can_you_do_gets_its_answer(help_centre: Runtime) -> None:
    text = ("Bought a lamp from you 9 days ago and today it's 10 dollars cheaper on your site. It's cheaper "
            "on eBay too. Also I forgot my SAVE5 code when I ordered. What can you do?")
    reply = draft(help_centre, text)
    assert "Discount codes cannot be added" in reply.text, reply.text
    assert "We do not match prices of other shops" in reply.text, reply.text


def test_steps_followed_without_result_give_way_to_what_the_article_says_when_they_fail(
    help_centre: Runtime,
) -> None:
    # The rest of the reset steps came back to a customer who had clicked "Forgot password" twice
    # and never got the email; the article's "No email arrived" section answers.
    text = ("I clicked Forgot password on the sign-in page twice now and the reset email never shows up. "
            "What's going on?")
    reply = draft(help_centre, text)
    assert "spam folder" in reply.text, reply.text
    assert "ask for a new link after 5 minutes" in reply.text, reply.text
    assert "Choose a new password" not in reply.text, reply.text
    assert "knowledge_gap" not in codes(reply)


def test_a_time_limit_of_another_article_is_not_applied_after_the_faq_answer(help_centre: Runtime) -> None:
    # The invoice-editing article's 30 days were read as a limit on paying by bank transfer, and a
    # business customer with an older order was told "that is only possible within 30 days".
    text = ("Hi, we need 15 more Thermostat T2 units for our new office. Can we pay by bank transfer on "
            "invoice again like last time? And is there a volume discount for that many?")
    reply = draft(help_centre, text, customer_id="cus_1008")
    assert "only business accounts can pay by bank transfer" in reply.text.lower(), reply.text
    assert "only possible within 30 days" not in reply.text, reply.text



def test_a_fix_to_try_comes_with_what_to_do_when_it_fails(help_centre: Runtime) -> None:
    # The error code's meaning and check were quoted, but not the article's own next step for when
    # the check does not help, which a customer in a cold house needs before writing again.
    reply = draft(help_centre, "The thermostat display shows E4 and the house is cold. What does E4 mean?")
    text = reply.text.lower()
    assert "breaker" in text, reply.text
    assert "warranty claim" in text.split("breaker", 1)[1], reply.text
    assert "after these steps" not in text, "one check is no list of steps"


def test_steps_come_with_what_to_do_when_they_fail(help_centre: Runtime) -> None:
    reply = draft(help_centre, "My T2 thermostat won't heat at all, the room stays cold. How do I fix it?")
    steps = body(reply)
    listed = next(i for i, p in enumerate(steps) if re.search(r"^1\. ", p, re.MULTILINE))
    assert any("warranty claim" in p for p in steps[listed:]), reply.text


def test_a_limit_is_read_against_the_month_the_customer_names(help_centre: Runtime) -> None:
    # No customer record: only the ticket dates the order. The invoice steps and "give that a try"
    # sent the customer to an edit button that an order that old no longer has.
    placed = datetime.now(UTC) - timedelta(days=75)
    reply = draft(
        help_centre,
        f"Our accountant needs our company name and VAT number on the invoice of an order from "
        f"{placed:%B %Y}. Where do I add them?",
    )
    assert "no longer possible" in reply.text, reply.text
    assert "give that a try" not in reply.text.lower(), reply.text


def test_after_the_window_line_no_word_on_how_a_returned_item_is_handled(help_centre: Runtime) -> None:
    # "... so a standard return is no longer possible. If a returned item is missing accessories
    # ... we may refund part of the price.": a return that will not happen, explained anyway.
    reply = draft(
        help_centre,
        "I bought a Plug Mini in September (order BW-455102). I never used it, it's still sealed in the "
        "box. Can I send it back for a refund?",
        customer_id="cus_1003",
    )
    assert re.search(r"no longer possible|can't start a standard return", reply.text), reply.text
    assert "returned item" not in reply.text, reply.text
    assert "knowledge_gap" not in codes(reply), "the window line answers the question"


def test_a_wait_the_customer_has_already_waited_is_not_asked_of_them(help_centre: Runtime) -> None:
    reply = draft(help_centre, "The tracking of my parcel hasn't changed in 5 business days. What now?")
    assert "investigation" in reply.text, reply.text
    assert "if it has not changed" not in reply.text.lower(), reply.text


def test_a_question_about_names_the_knowledge_never_mentions_is_said_beside_the_answer(
    help_centre: Runtime,
) -> None:
    # Skipped in silence, the first question read as ignored; the agent only saw a warning.
    reply = draft(
        help_centre,
        "Can the Plug Mini be used with Google Assistant or SmartThings? Also, how long does a firmware "
        "update take?",
    )
    assert "about 5 minutes" in reply.text, reply.text
    assert re.search(r"(?:About|As for) Google Assistant or SmartThings\b", reply.text), reply.text
    assert "knowledge_gap" in codes(reply)


def test_an_excluded_case_gets_a_plain_no_in_a_sentence_not_a_heading(help_centre: Runtime) -> None:
    # "What it does not cover: water damage, drops, cracks ..." after "is this covered?" left the
    # customer to work out the answer from a heading.
    reply = draft(
        help_centre,
        "I knocked my plug off the desk and the case cracked. I'm a Plus member, is this covered by my "
        "warranty?",
    )
    assert "No, the warranty policy does not cover" in reply.text, reply.text
    assert "What it does not cover" not in reply.text, reply.text


def test_after_a_passed_return_window_no_article_offers_the_return_anyway(help_centre: Runtime) -> None:
    reply = draft(help_centre, "Hi, I bought the plug 2 months ago, can I still return it?")
    assert "no longer possible" in reply.text, reply.text
    assert "start a return" not in reply.text.lower(), reply.text


def test_a_short_procedure_beside_another_question_s_steps_is_said_whole(help_centre: Runtime) -> None:
    # "Start a return ... and choose the reason Exchange." alone: the customer never heard to place
    # the new order, nor that the original is refunded.
    reply = draft(
        help_centre,
        "hi! the new bedroom lamp arrived. two things - it flickers when i put it on the really low night "
        "setting, above that its fine. and honestly the white doesn't match my other ones, can i swap it "
        "for the black one?",
    )
    assert "Place a new order for the device you want." in reply.text, reply.text
    assert re.search(r"^1\. ", reply.text, re.MULTILINE), "the flicker steps keep the list"


def test_a_promise_comes_with_what_its_article_says_follows(help_centre: Runtime) -> None:
    # "We will open a carrier investigation." alone: how long it takes and what comes of it are in
    # another part of the article, which the retriever did not return.
    reply = draft(
        help_centre,
        "asked both neighbours and the mailroom, and waited two days. still nothing. what do i do now",
        conversation=[
            Message(role="customer", text="My parcel shows as delivered but it is not here."),
            Message(role="agent", text="Sorry about that. Please check with your neighbours and around your "
                    "door, and wait 24 hours, as carriers sometimes scan parcels early."),
        ],
    )
    assert "up to 3 business days" in reply.text and "replacement" in reply.text, reply.text
    assert "invalid_citation" not in codes(reply)
    quoted = [c for c in reply.citations if "up to 3 business days" in c.passage]
    assert quoted and any(p.chunk_id == quoted[0].chunk_id for p in reply.passages), reply.citations


def test_a_reported_burning_smell_in_other_words_gets_the_safety_line(help_centre: Runtime) -> None:
    # "smells like burning plastic" and "really hot when i touch it" were read as no hazard: the
    # customer got "I'm checking it with our team" and nothing about unplugging.
    reply = draft(
        help_centre,
        "my plug mini smells like burning plastic and it's really hot when i touch it. is this normal",
    )
    assert "unplug" in reply.text.lower(), reply.text
    assert "checking it with our team" not in reply.text, reply.text


def test_a_terse_request_is_answered_from_the_article_the_ticket_is_about(help_centre: Runtime) -> None:
    # "Please refund the extra one." after two charges for one order got "We refund the full price
    # of the item." from the returns policy; the double-charge article, ranked far ahead, answers.
    reply = draft(
        help_centre,
        "my bank statement shows two charges of $59.00 for my order, one on Nov 12 and one on Nov 13. I "
        "only ordered one lamp. Please refund the extra one.",
    )
    assert "pending" in reply.text, reply.text
    assert "full price of the item" not in reply.text, reply.text


def test_no_procedure_leading_to_what_was_just_refused(help_centre: Runtime) -> None:
    # "No, the warranty policy does not cover ... cracks" was followed by flicker steps ending in
    # "make a warranty claim": one position, not a no and then the way to a yes.
    reply = draft(
        help_centre,
        "The dog pulled my Brightwave lamp off the shelf, the shade is cracked and now it flickers. "
        "Is this covered by the warranty?",
    )
    assert "No, the warranty policy does not cover" in reply.text, reply.text
    assert "make a warranty claim" not in reply.text.lower(), reply.text


def test_a_follow_up_keeps_the_thread_s_topic_when_it_names_a_device_in_passing(
    help_centre: Runtime,
) -> None:
    # "its locked AGAIN ... need to switch off the plug" linked only the plug: the account articles
    # were filtered out as another product's, and the reply asked what the customer was looking for.
    reply = draft(
        help_centre,
        "ok i waited and it's locked AGAIN. i'm away and need to switch off the plug at home. can you just "
        "unlock it from your side please. i only typed my password twice",
        conversation=[
            Message(role="customer", text="I can't sign in, the app says my account is locked."),
            Message(role="agent", text="Sorry about that! Please wait 15 minutes and try again."),
        ],
    )
    assert "tell me a bit more" not in reply.text, reply.text
    assert re.search(r"password|lock", reply.text, re.IGNORECASE), reply.text
    assert {p.doc_id for p in reply.passages} & {"account-locked", "account-password-reset"}, reply.passages


def test_a_public_reply_never_shows_the_customer_s_order_number(help_centre: Runtime) -> None:
    # On social media "I've looked at your order BW-556600" publishes the customer's order number.
    text = "bought a plug from you in september and want to send it back, can i still return it?"
    private = draft(help_centre, text, customer_id="cus_1003", channel="email")
    public = draft(help_centre, text, customer_id="cus_1003", channel="social")
    assert "BW-455102" in private.text, private.text
    assert "BW-455102" not in public.text, public.text
    assert "10 September 2026" in public.text, public.text


def test_a_yes_or_no_about_a_case_the_policy_refuses_gets_the_refusal(help_centre: Runtime) -> None:
    # "it" is the subscription the message names; the gift-card article's "You can use a gift card
    # at checkout" read as a yes, while its own sentence refuses exactly this case.
    reply = draft(
        help_centre,
        "I'm considering the Plus subscription. Could I pay for it with the gift card my aunt gave me?",
    )
    refusal = "cannot be refunded, exchanged for cash, or used to pay for Brightwave Plus"
    assert refusal in reply.text, reply.text
    assert "You can use a gift card at checkout" not in reply.text, reply.text


def test_a_passed_limit_comes_with_the_ways_forward_its_article_lists(help_centre: Runtime) -> None:
    # "that is only possible within 1 hour ... We also cannot change the shipping address" and
    # nothing more: the article's "What you can do instead" list was in a chunk not retrieved.
    reply = draft(
        help_centre,
        "i ordered about 4 hours ago and it's going to my old flat!! can you change it to 9 Oak Road "
        "before it ships please",
        channel="chat",
    )
    assert "no longer possible" in reply.text or "1 hour" in reply.text, reply.text
    assert "redirect the parcel" in reply.text, reply.text


def test_a_numbered_point_that_asks_nothing_outright_is_answered_and_its_no_named(
    help_centre: Runtime,
) -> None:
    # "2) ... asked me to get the billing address on invoice BW-498330 updated" went unanswered; once
    # answered, "That is only possible within 30 days" after the bank-transfer answer read as a no
    # to paying by bank transfer.
    reply = draft(
        help_centre,
        "Two things. 1) We're adding more thermostats in January. Can we pay by bank transfer on invoice "
        "again? 2) Our finance team moved offices and asked me to get the billing address on invoice "
        "BW-498330 updated. Thanks, Henrik",
        customer_id="cus_1008",
    )
    text = reply.text
    assert "bank transfer" in text and "cannot change the billing address" in text, text
    if "only possible within 30 days" in text:
        assert text.index("cannot change the billing address") < text.index("only possible within 30 days")


def test_after_most_steps_failed_what_now_gets_the_article_s_way_forward(help_centre: Runtime) -> None:
    # "what now??" after the customer listed the steps they took got the troubleshooting list again.
    reply = draft(
        help_centre,
        "hi again. i found the power adapter in the box and installed it following the wiring help, still "
        "E1, still no heat. ive done the mode thing, restarted it loads of times, done the adapter. what "
        "now?? and dont tell me to restart it again",
        conversation=[
            Message(role="customer", text="The new thermostat does not heat."),
            Message(role="agent", text="Please check the mode is set to Heat and restart the thermostat by "
                    "holding the ring for 10 seconds."),
            Message(role="customer", text="Still no heat. The display shows E1."),
            Message(role="agent", text="Thanks, we are looking into the E1 code and will get back to you."),
        ],
    )
    assert "warranty claim" in reply.text, reply.text
    assert not re.search(r"^1\. ", reply.text, re.MULTILINE), reply.text


def test_a_requirement_is_said_to_one_who_lacks_it_and_a_stated_need_is_answered(
    help_centre: Runtime,
) -> None:
    # "We don't have an account with you yet" hid "Only business accounts can pay by bank transfer"
    # (it read as telling them to use what they lack) and got an instalments line instead; "we'll
    # need the invoice with our company name" was read as a remark.
    reply = draft(
        help_centre,
        "Hello, we're opening a small shop next month and don't have an account with you yet. Can we pay "
        "by bank transfer against an invoice? And we'll need the invoice with our company name and tax "
        "number on it.",
    )
    assert "Only business accounts can pay by bank transfer" in reply.text, reply.text
    assert "company name and tax number" in reply.text, reply.text


def test_a_sentence_about_an_action_nobody_mentioned_is_not_quoted(help_centre: Runtime) -> None:
    # "It blinks blue three times when the reset worked." after the colours' meaning: no reset was
    # spoken of, so the customer reads about one they never did.
    reply = draft(
        help_centre,
        "why is my lamp doing a little disco at 3am, blinking orange and woke me up. is it haunted or",
    )
    assert "orange while it updates" in reply.text, reply.text
    assert "when the reset worked" not in reply.text, reply.text


def test_the_line_written_for_a_case_the_customer_says_they_are_in_answers(help_centre: Runtime) -> None:
    # "Do I need to buy something extra?" from one with no C wire got "the T2 needs a C-wire" and a
    # warranty line, not "If your system has no C-wire, install the Power Adapter that comes in the box".
    reply = draft(
        help_centre,
        "My house is old and I'm fairly sure there's no C wire behind the old thermostat. Will the T2 work "
        "at all? Do I need to buy something extra?",
    )
    assert "Power Adapter that comes in the box" in reply.text, reply.text


def test_a_refusal_beside_a_repeat_contact_promises_no_needless_update(help_centre: Runtime) -> None:
    # The repeat-contact guideline matched, the record held every detail it asks for, and the reply
    # said "I have everything I need ... I'll take it from here and update you shortly." before
    # refusing the return: a promise of news the refusal had already given.
    conversation = [
        Message(role="customer", text="my plug mini wont connect to wifi"),
        Message(role="agent", text="Sorry about that! Please hold the button on the plug for 6 seconds until "
                "the light blinks fast, then in the app tap Add device > Plug Mini and follow the steps."),
    ]
    text = ("did that like 5 times already. it blinks fast, then the app says device not found. router is "
            "right next to it, new one from the isp. honestly i just want to return it, got it end of "
            "october")
    reply = draft(help_centre, text, customer_id="cus_1012", conversation=conversation,
                  channel="chat", received_at="2026-12-01T10:00:00Z")
    assert "30 days" in reply.text, reply.text
    assert "update you shortly" not in reply.text and "everything I need" not in reply.text, reply.text


def test_a_question_without_its_question_mark_is_named_when_nothing_answers_it(help_centre: Runtime) -> None:
    # "also do u take venmo" asks as plainly as "Do you take Venmo?": passed over beside an
    # answered question, it left the agent no sign that anything went unanswered.
    text = "can i split the payment between my visa and my husbands card? also do u take venmo"
    reply = draft(help_centre, text, channel="chat", customer_id="cus_1009")
    gaps = [w.message for w in reply.warnings if w.code == "knowledge_gap"]
    assert any("venmo" in m for m in gaps), reply.warnings
    assert "one payment method" in reply.text, reply.text


# --- 3. conditions applied to the customer's record: a late order


def test_a_late_order_is_said_late_with_the_policy_for_a_parcel_that_late(help_centre: Runtime) -> None:
    # The record expected the parcel on 13 November; three weeks on, the draft gave the tracking
    # steps and the cancel window, and never the investigation, the replacement or the credit.
    text = "where is my order?? tracking hasnt moved in ages. can i cancel it and get my money back?"
    reply = draft(help_centre, text, customer_id="cus_1004", received_at="2026-12-03T09:00:00Z")
    first = body(reply)[0]
    assert "expected on 13 November 2026" in first and "14 business days late" in first, reply.text
    assert "investigation with the carrier" in reply.text, reply.text
    assert "goodwill store credit" in reply.text, "more than 5 business days late earns it"
    assert "Track package" not in reply.text, reply.text
    assert "cancel" in reply.text, "the cancel question is still answered"
    assert "knowledge_gap" not in codes(reply), reply.warnings
    assert any(c.doc_id == "delayed-or-lost-package" for c in reply.citations)


def test_a_condition_on_how_late_is_read_against_the_order(help_centre: Runtime) -> None:
    # Three business days late: late by the policy's definition (two), not by the credit's (more than five).
    text = "where is my order?? tracking hasnt moved in ages."
    reply = draft(help_centre, text, customer_id="cus_1004", received_at="2026-11-18T09:00:00Z")
    assert "3 business days late" in reply.text and "investigation" in reply.text, reply.text
    assert "goodwill" not in reply.text, reply.text
    # A day after the expected date it is not late yet: no lateness line at all.
    early = draft(help_centre, text, customer_id="cus_1004", received_at="2026-11-14T09:00:00Z")
    assert "business days late" not in early.text, early.text


def test_a_delivered_order_is_late_only_when_the_customer_speaks_of_the_wait(help_centre: Runtime) -> None:
    reply = draft(help_centre, "my lamp showed up a week late and nobody told me anything. is that normal?",
                  customer_id="cus_1011", received_at="2026-11-25T09:00:00Z")
    assert "18 November 2026" in reply.text and "11 November 2026" in reply.text, reply.text
    # Exactly five business days late: the credit for more than five is not offered.
    assert "goodwill" not in reply.text and "investigation" not in reply.text, reply.text
    other = draft(help_centre, "How do I dim my new lamp?", customer_id="cus_1011",
                  received_at="2026-11-25T09:00:00Z")
    assert "late" not in other.text, other.text


def test_a_late_order_step_the_agent_already_took_is_not_said_again(help_centre: Runtime) -> None:
    conversation = [
        Message(role="customer", text="My express order has not arrived, tracking has not moved since Nov 3"),
        Message(role="agent", text="We opened an investigation with the carrier and will update you within 3 "
                "business days."),
    ]
    text = "Still nothing and no update from you. I just want my money back at this point."
    reply = draft(help_centre, text, customer_id="cus_1010", conversation=conversation,
                  received_at="2026-11-25T09:00:00Z")
    assert "business days late" in reply.text and "refund you if you prefer" in reply.text, reply.text
    assert "We open an investigation" not in reply.text, reply.text
