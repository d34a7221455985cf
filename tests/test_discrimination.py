"""Discrimination sets: wrong replies made from right ones, and graders that score the right one higher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.domain import Passage, Ticket
from drafter.evals.cases import load_cases
from drafter.evals.discrimination import (
    KINDS,
    build_sets,
    case_pairs,
    load_entities,
    measure_set,
    part_of,
    policy_pairs,
    reverse_reply,
)
from drafter.evals.mutations import change_figure, figures_of, reverse_answer
from drafter.graders import GradeInput, Graders, load_graders
from drafter.ingest.loaders import load_knowledge

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "fixtures" / "discrimination" / "cases.jsonl"
HELP_CENTRE = REPO / "knowledge" / "help-center"
SUITES = REPO / "evals" / "cases"
DATASETS = REPO.parent / "shared" / "datasets"
GRADERS: Graders = load_graders()


@pytest.mark.parametrize(
    ("right", "reversed_"),
    [
        ("Yes, they have a terrace.", "No, they do not have a terrace."),
        ("No, pets are not allowed at this property.", "Yes, pets are allowed at this property."),
        ("Unfortunately, they don't allow pets.", "They do allow pets."),
        ("Guests have found the rooms quiet.", "Guests have not found the rooms quiet."),
        ("The Oak serves breakfast until ten.", "The Oak does not serve breakfast until ten."),
        ("Opened codes cannot be refunded.", "Opened codes can be refunded."),
        ("The hotel lacks a gym.", "The hotel has a gym."),
    ],
)
def test_an_answer_is_reversed_by_one_negation(right: str, reversed_: str) -> None:
    assert reverse_answer(right) == reversed_


def test_the_verb_reversed_is_the_one_about_what_was_asked() -> None:
    reply = "Reviews have been mixed, but most people say the service is very good."
    assert reverse_answer(reply, frozenset({"service"})) == (
        "Reviews have been mixed, but most people say the service is not very good."
    )
    # The writer's own hedges are not the answer, and a reply with no verb near the topic is skipped.
    assert (
        reverse_answer("I'm not sure they have beer.", frozenset({"beer"}))
        == "I'm not sure they do not have beer."
    )
    assert reverse_answer("Reviews are mixed.", frozenset({"parking"})) is None
    assert reverse_reply(
        "Hi there! The rooms are spacious and bright. Anything else?", "Are the rooms big?"
    ) == ("Hi there! The rooms are not spacious and bright. Anything else?")


@pytest.mark.parametrize(
    ("sentence", "changed"),
    [
        ("Return within 30 days of delivery.", "Return within 32 days of delivery."),
        ("The label costs 6.95 USD.", "The label costs 8.95 USD."),
        ("Your bank needs 5-7 business days.", "Your bank needs 8-10 business days."),
        ("We answer from 8:00 to 20:00 CET.", "We answer from 10:00 to 20:00 CET."),
        ("The warranty lasts two years.", "The warranty lasts four years."),
        ("Order BW-482913 shipped today.", None),
    ],
)
def test_a_figure_is_changed_to_a_value_the_knowledge_does_not_state(
    sentence: str, changed: str | None
) -> None:
    assert change_figure(sentence, figures_of(sentence)) == changed


def test_cases_become_other_question_and_reversed_pairs_split_by_conversation() -> None:
    cases = load_cases(CASES)
    pairs = case_pairs(cases, load_entities(CASES))
    kinds = {p.kind for p in pairs}
    assert kinds == {"other-question", "reversed-answer"}
    by_id = {c.case_id: c for c in cases}
    for pair in pairs:
        case = by_id[pair.group.split("~")[0]]
        assert pair.right == case.reference and pair.wrong != pair.right
        assert pair.part == part_of(case.ticket.customer_id or case.case_id)
        if pair.kind == "other-question":
            other = next(c for c in cases if c.reference == pair.wrong)
            # Another question about the same entity, answered from other knowledge.
            assert load_entities(CASES)[other.case_id] == load_entities(CASES)[case.case_id]
            assert not set(other.relevant_doc_ids) & set(case.relevant_doc_ids)
    # A case with no entity gets no other-question pair.
    assert not any(p.group == "d8~other" for p in pairs)


def test_policy_pairs_quote_the_help_centre_and_change_one_thing() -> None:
    pairs = policy_pairs(load_cases(SUITES), load_knowledge([HELP_CENTRE]))
    assert {p.change for p in pairs} == {"figure", "polarity"} and len(pairs) > 50
    articles = " ".join(d.text for d in load_knowledge([HELP_CENTRE])).replace("**", "")
    for pair in pairs:
        assert pair.right in articles and pair.wrong not in articles
        assert len(pair.right.split()) == len(pair.wrong.split()) or pair.change == "polarity"


@pytest.mark.parametrize("kind", ["other-question", "reversed-answer"])
def test_every_grader_orders_the_right_reply_first_on_hand_written_cases(kind: str) -> None:
    pairs = [p for p in case_pairs(load_cases(CASES), load_entities(CASES)) if p.kind == kind]
    assert pairs
    for pair in pairs:
        right, wrong = (_grades(pair.ticket, text, pair.knowledge) for text in (pair.right, pair.wrong))
        for name in ("resolution", "grounded_claims"):
            assert right[name] > wrong[name], (name, pair.right, pair.wrong)
        if kind == "other-question":
            assert right["questions_addressed"] > wrong["questions_addressed"], (pair.right, pair.wrong)


def test_grounding_orders_policy_replies_over_changed_figures_and_reversed_rules() -> None:
    pairs = policy_pairs(load_cases(SUITES), load_knowledge([HELP_CENTRE]))
    ordered = [
        _grades(p.ticket, p.right, p.knowledge)["grounded_claims"]
        > _grades(p.ticket, p.wrong, p.knowledge)["grounded_claims"]
        for p in pairs
    ]
    # A few rules in the sample knowledge are stated twice, once each way ("Returns are free ...
    # except"): those pairs may tie. Most must be ordered.
    assert sum(ordered) / len(ordered) >= 0.85


def _grades(ticket: str, reply: str, knowledge: list[str]) -> dict[str, float]:
    g = GradeInput(ticket=Ticket(text=ticket), reply=reply, gold=knowledge)
    return {x.name: (0.5 if x.score is None else x.score) for x in GRADERS.grade(g)}


def test_a_faq_answer_and_a_leading_no_are_read_as_one_denial() -> None:
    faq = Passage(
        chunk_id="f:0",
        doc_id="f",
        title="FAQ",
        text="Q: Are pets allowed?\nA: No, pets are not allowed at the hotel.",
        score=1.0,
    )
    ticket = Ticket(text="Can I bring my dog?")
    said = [
        GRADERS.part("grounded_claims", GradeInput(ticket=ticket, reply=r, knowledge=[faq])).score
        for r in ("No, pets are not allowed at the hotel.", "Yes, pets are allowed at the hotel.")
    ]
    assert said[0] == 1.0 and said[1] == 0.0


def test_the_command_builds_the_sets_and_measures_the_graders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sets"
    argv = [
        "eval",
        "discrimination",
        "--cases",
        str(CASES),
        "--kb",
        str(HELP_CENTRE),
        "--suites",
        str(SUITES),
    ]
    try:
        main([*argv, "--out", str(out), "--part", "report"])
    except SystemExit as exc:
        assert not exc.code
    text = capsys.readouterr().out
    assert "other-question" in text and "changed-policy" in text
    result = json.loads((out / "auc-report.json").read_text())
    for kind in ("other-question", "reversed-answer"):
        assert result["sets"][kind]["resolution"]["value"] == 1.0, result["sets"][kind]
    assert {p.name for p in (out / "tune").iterdir()} == {f"{k}.jsonl" for k in KINDS}
    rows = [json.loads(line) for line in (out / "report" / "reversed-answer.jsonl").read_text().splitlines()]
    assert [r["label"] for r in rows[:2]] == [True, False] and rows[0]["group"] == rows[1]["group"]

    try:
        main(["eval", "discrimination", "--cases", str(CASES), "--kb", str(HELP_CENTRE), "--out", str(out)])
    except SystemExit as exc:
        assert exc.code == 1
    assert "--kb and --suites go together" in capsys.readouterr().err


@pytest.mark.skipif(
    not (DATASETS / "dstc11t5_dev_cases.jsonl").exists(), reason="../shared/datasets not present"
)
def test_the_resolution_rollup_holds_on_the_report_part_of_the_dev_conversations(tmp_path: Path) -> None:
    """Regression floor on real replies (the part nothing was tuned on); the figures are in
    evals/README.md."""
    counts = build_sets(
        tmp_path, DATASETS / "dstc11t5_dev_cases.jsonl", knowledge=[HELP_CENTRE], suites=SUITES
    )
    floors = {"other-question": 0.93, "reversed-answer": 0.85, "changed-policy": 0.90}
    for kind, floor in floors.items():
        assert counts["report"][kind] > 50
        measured = measure_set(tmp_path / "report" / f"{kind}.jsonl", GRADERS, ("resolution",))
        assert isinstance(measured["resolution"], dict) and measured["resolution"]["value"] >= floor, kind


@pytest.mark.parametrize(
    ("ticket", "knowledge", "right", "wrong"),
    [
        # A denial is of what is said of the subject, and complaining of the bad side says it
        # once: "not disturbed by any loud guests" and "nothing was dirty" back the quiet, clean room.
        (
            "Is the hotel quiet?",
            ["I was not disturbed by any loud guests during my stay at the hotel."],
            "The hotel is quiet at night.",
            "The hotel is not quiet at night.",
        ),
        (
            "Is the hotel quiet?",
            ["It's very quiet so we didn't have to worry about any loud noises."],
            "The hotel rooms are very quiet.",
            "The hotel rooms are not very quiet.",
        ),
        (
            "Is the room clean?",
            ["Nothing in the room was dirty when we arrived."],
            "The room is clean and tidy.",
            "The room is not clean and tidy.",
        ),
        # A leading "while" clause ends at its comma: its complaint does not reach the view.
        (
            "Do they have a nice view?",
            ["We were all thrilled with the great view from the hotel."],
            "While the noise at the Express can be frustrating, the views from the hotel are great.",
            "While the noise at the Express can be frustrating, the views from the hotel are not great.",
        ),
        # A review that speaks of what was asked is about the claim, whatever else each says.
        (
            "Is the hotel quiet?",
            ["The place was quiet so we could hear ourselves talk and just relax."],
            "The Acorn Hotel is quiet according to customer reviews I found.",
            "The Acorn Hotel is not quiet according to customer reviews I found.",
        ),
        # A leading yes or no is checked against what the knowledge answers to the question itself.
        (
            "Does Ashley Hotel offer a place that's relatively quiet to stay in?",
            ["We were able to get a good night's rest, as it was very quiet.", "Our stay was very quiet."],
            "Yes, it is!",
            "No, it is not!",
        ),
    ],
)
def test_a_reply_whose_answer_is_reversed_is_graded_below_the_right_one(
    ticket: str, knowledge: list[str], right: str, wrong: str
) -> None:
    graded = [_grades(ticket, text, knowledge) for text in (right, wrong)]
    for name in ("resolution", "grounded_claims"):
        assert graded[0][name] > graded[1][name], (name, right)
