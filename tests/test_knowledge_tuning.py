"""Tuning retrieval without labels: the knowledge's own questions teach the adapter, judged held out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.domain import KnowledgeDoc, Message, Passage, Ticket
from drafter.errors import InputError
from drafter.evals.cases import EvalCase
from drafter.evals.tuning import labelled_tickets, tune_retrieval
from drafter.retrieval.adapter import QueryAdapter, load_adapter
from drafter.retrieval.knowledge_pairs import knowledge_pairs
from drafter.retrieval.tuning import score_retrieval
from drafter.runtime import Runtime

PLACES = ["HARBOR VIEW INN", "MAPLE LODGE", "CEDAR COURT", "WILLOW HOUSE", "BIRCH HALL", "ASPEN GRANGE"]
FAQ = [
    ("Are pets allowed at {p}?", "Small dogs can stay at {p} for a fee of 10 pounds a night."),
    ("Is there parking at {p}?", "{p} has free parking behind the building."),
    ("Is breakfast included at {p}?", "Breakfast is served from seven until ten and costs extra."),
    ("What time is check-in at {p}?", "Check-in starts at three in the afternoon."),
    ("Does {p} have a gym?", "There is no gym on site, but a public one is nearby."),
    ("Can I smoke at {p}?", "Smoking is only allowed in the garden."),
]
# What guests said about each place: one review per aspect, the good or the bad version.
REVIEWS = {
    "quiet": [
        "The rooms were so quiet that we slept through the night.",
        "Street noise kept us awake until late.",
    ],
    "clean": [
        "Our bathroom was spotless and the sheets were fresh.",
        "We found dust under the bed and a stained towel.",
    ],
    "staff": [
        "The receptionist was warm and helped us plan our day.",
        "The staff at the desk were rude to us.",
    ],
    "view": ["From our window we could see the whole river.", "Our window looked straight at a brick wall."],
}
# Asked as questions, the way the FAQ asks: untuned, the FAQ's questions outrank the reviews.
ASKS = {
    "quiet": "Is there any noise at night?",
    "clean": "Are the rooms clean?",
    "staff": "Is the staff friendly?",
    "view": "Is there a view?",
}


def _slug(place: str) -> str:
    return place.split()[0].lower()


def _faq_doc(place: str, index: int, question: str, answer: str) -> KnowledgeDoc:
    """The place's FAQ entry `index`, its "{p}" filled with the place's name."""
    name = place.title()
    return KnowledgeDoc(
        doc_id=f"{_slug(place)}:faq:{index}",
        title=f"{place} - FAQ",
        text=f"Q: {question.format(p=name)}\nA: {answer.format(p=name)}",
        metadata={"entity_name": place},
        format="text",
    )


def _knowledge() -> list[KnowledgeDoc]:
    docs = []
    for n, place in enumerate(PLACES):
        name = place.title()
        docs += [_faq_doc(place, i, question, answer) for i, (question, answer) in enumerate(FAQ)]
        for j, (aspect, versions) in enumerate(REVIEWS.items()):
            said = versions[(n + j) % 2]
            docs.append(
                KnowledgeDoc(
                    doc_id=f"{_slug(place)}:review:{aspect}",
                    title=f"{place} - review",
                    text=f"We spent a weekend at {name} with friends. {said} We would tell others about it.",
                    metadata={"entity_name": place},
                    format="text",
                )
            )
    return docs


def _cases() -> list[EvalCase]:
    cases = []
    for place in PLACES:
        for aspect, ask in ASKS.items():
            earlier = [Message(role="customer", text=f"I am thinking of booking {place.title()}.")]
            ticket = Ticket(text=ask, customer_id=f"c-{_slug(place)}-{aspect}", conversation=earlier)
            relevant = [f"{_slug(place)}:review:{aspect}"]
            cases.append(
                EvalCase(case_id=f"{_slug(place)}-{aspect}", ticket=ticket, relevant_doc_ids=relevant)
            )
    return cases


def _write(path: Path, docs: list[KnowledgeDoc]) -> Path:
    path.write_text("\n".join(doc.model_dump_json() for doc in docs) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def kb_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "kb.jsonl", _knowledge())


def test_the_knowledge_pairs_its_questions_headings_and_titles_with_what_answers_them() -> None:
    def passage(chunk_id: str, title: str, text: str, **metadata: object) -> Passage:
        doc_id = chunk_id.split("::")[0]
        return Passage(chunk_id=chunk_id, doc_id=doc_id, title=title, text=text, score=0.0, metadata=metadata)

    passages = [
        passage(
            "faq::0",
            "Guest questions",
            "Q: Is there parking?\nA: Free parking behind the inn.",
            chunk_index=0,
        ),
        passage("faq2::0", "Guest questions", "Q: Can I bring a dog?\nA: Dogs are welcome.", chunk_index=0),
        passage(
            "lamp::0", "Lamp troubleshooting", "Hold the switch.", section="Reset the lamp", chunk_index=0
        ),
        passage("lamp::1", "Lamp troubleshooting", "Check the bulb.", section="Steps", chunk_index=1),
        passage("plug::0", "Plug troubleshooting", "Unplug it first.", section="Steps", chunk_index=0),
        passage("ask::0", "Questions only", "Is it open? Is it free?", chunk_index=0),
    ]

    pairs = {(p.source, p.query, p.doc_id) for p in knowledge_pairs(passages)}

    assert ("question", "Q: Is there parking?", "faq") in pairs
    assert ("heading", "Reset the lamp", "lamp") in pairs
    assert ("title", "Lamp troubleshooting", "lamp") in pairs
    # A heading or a title shared by several documents names none of them; a passage of
    # questions only answers none of them.
    assert not any(query in {"Steps", "Guest questions"} for _, query, _ in pairs)
    assert not any(doc == "ask" and source == "question" for source, _, doc in pairs)
    question = next(p for p in knowledge_pairs(passages) if p.query == "Q: Is there parking?")
    assert question.hidden == {0, 1}, "the chunk's own vector and the question's vector are hidden"


def test_tuning_from_the_knowledge_ranks_held_out_pairs_better_and_real_questions_no_worse(
    runtime: Runtime, kb_file: Path
) -> None:
    report = tune_retrieval(runtime, "inns", [], [kb_file], from_knowledge=True)

    knowledge = report.knowledge
    assert knowledge is not None and knowledge.held_out_pairs > 5 and knowledge.training_pairs > 5
    assert report.before is not None and report.after is not None
    assert report.after.mrr > report.before.mrr
    assert report.kept and report.adapter_path.is_file()
    adapter = load_adapter(report.adapter_path)
    assert adapter is not None and adapter.shift is not None
    assert adapter.info["learned_from"] == ["knowledge pairs"]
    # Questions nobody labelled or learned from (untuned, nearly every one already finds its
    # review first): the adapter ranks them no worse.
    stores = runtime.stores("inns")
    asked = labelled_tickets(_cases())
    untuned = score_retrieval(runtime.retriever(stores), asked)
    tuned = score_retrieval(runtime.retriever(stores, adapter=adapter), asked)
    assert tuned.recall_at_k >= untuned.recall_at_k and tuned.mrr >= untuned.mrr
    assert runtime.draft_service("inns").retriever.adapter is not None


def test_an_adapter_that_does_not_rank_held_out_pairs_better_is_not_saved(
    runtime: Runtime, tmp_path: Path
) -> None:
    # Short, unusual answers among many passages of the same warm words: moving a question
    # towards what the knowledge usually says only finds more of those.
    answers = [
        ("What is the door code?", "Punch in 4471 and push hard."),
        ("Which bus goes to the airport?", "Take the number 9 from the square."),
        ("When is the pool open?", "Swimming runs from 6 to 9 daily."),
        ("Where do I leave my key?", "Drop it in the red box by the gate."),
        ("How do I get the wifi password?", "It is printed under the router."),
        ("Can I borrow a bike?", "Two bikes wait in the shed."),
        ("Is there a laundry?", "Coin machines sit in the basement."),
        ("What is the phone number?", "Dial 555 0199 any time."),
    ]
    warm = [
        "Our friendly team is always happy to help every guest feel welcome and at home.",
        "We care about every guest and want your stay with us to be relaxing and pleasant.",
        "Thank you for choosing us; we look forward to welcoming you and your family soon.",
        "Guests tell us they love the warm welcome and the calm, friendly atmosphere here.",
        "Our staff are proud to offer a warm and caring service to all of our visitors.",
    ]
    docs = [
        KnowledgeDoc(doc_id=f"faq:{i}", title="Guest questions", text=f"{q}\n{a}", format="text")
        for i, (q, a) in enumerate(answers)
    ]
    docs += [
        KnowledgeDoc(doc_id=f"about:{i}:{j}", title="About us", text=text, format="text")
        for i, text in enumerate(warm)
        for j in range(6)
    ]

    report = tune_retrieval(runtime, "house", [], [_write(tmp_path / "kb.jsonl", docs)], from_knowledge=True)

    assert report.before is not None and report.after is not None
    assert report.after.mrr <= report.before.mrr
    assert not report.kept and not report.adapter_path.exists()
    assert any("not saved" in note for note in report.notes)


def test_labels_fit_on_top_of_what_the_knowledge_taught(runtime: Runtime, kb_file: Path) -> None:
    report = tune_retrieval(runtime, "inns", _cases(), [kb_file], from_knowledge=True)

    assert report.knowledge is not None and report.knowledge_only is not None
    assert report.before is not None and report.after is not None
    assert report.after.mrr >= report.knowledge_only.mrr >= report.before.mrr
    adapter = load_adapter(report.adapter_path)
    assert adapter is not None and adapter.shift is not None and np.abs(adapter.matrix).sum() > 0
    assert adapter.info["learned_from"] == ["labelled tickets", "knowledge pairs"]


def test_a_knowledge_without_pairs_or_nothing_to_learn_from_is_said_plainly(
    runtime: Runtime, tmp_path: Path
) -> None:
    plain = [
        KnowledgeDoc(doc_id=f"d{i}", title="Notes", text=f"Note number {i}.", format="text") for i in range(3)
    ]
    report = tune_retrieval(runtime, "notes", [], [_write(tmp_path / "kb.jsonl", plain)], from_knowledge=True)
    assert not report.kept and "no pairs" in " ".join(report.notes)
    with pytest.raises(InputError, match="nothing to learn from"):
        tune_retrieval(runtime, "notes", [], [tmp_path / "kb.jsonl"])


def test_tune_and_ingest_commands_learn_from_the_knowledge(
    runtime: Runtime, kb_file: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app, ["tune", "retrieval", "--from-knowledge", "--kb", str(kb_file), "--tenant", "inns"]
    )
    assert result.exit_code == 0, result.output
    assert "held-out knowledge questions" in result.output and "saved" in result.output
    assert "lexical weight" in result.output

    missing = CliRunner().invoke(app, ["tune", "retrieval", "--kb", str(kb_file)])
    assert isinstance(missing.exception, InputError) and "--from-knowledge" in str(missing.exception)

    ingested = CliRunner().invoke(app, ["ingest", "knowledge", str(kb_file), "--tune-retrieval"])
    assert ingested.exit_code == 0, ingested.output
    assert "chunks stored" in ingested.output and "saved" in ingested.output
    assert runtime.adapter_path("default").is_file()


def test_a_shifted_adapter_round_trips_and_older_files_without_a_shift_still_load(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    vector = rng.normal(size=8).astype(np.float32)
    vector /= np.linalg.norm(vector)
    shift = rng.normal(size=8).astype(np.float32)
    adapter = QueryAdapter.shifted(shift, {"shift_share": 0.5}, lexical_weight=0.3).with_margin_scale(2.5)
    path = tmp_path / "a.npz"
    adapter.save(path)
    loaded = QueryAdapter.load(path)
    assert loaded.shift is not None and np.allclose(loaded.apply(vector), adapter.apply(vector))
    assert loaded.lexical_weight == pytest.approx(0.3) and loaded.margin_scale == pytest.approx(2.5)
    expected = (vector + shift) / np.linalg.norm(vector + shift)
    assert np.allclose(loaded.apply(vector), expected, atol=1e-6)
    older = tmp_path / "old.npz"
    np.savez(older, matrix=np.zeros((8, 8), dtype=np.float32), info=np.array(json.dumps({"format": 1})))
    old = QueryAdapter.load(older)
    assert old.shift is None and old.lexical_weight == 0.0 and old.margin_scale == 1.0


# A second set of places whose guests ask about what reviews say, in the reviews' own words, while
# the FAQ asks about the same things in question form: untuned, the FAQ's questions win.
LODGES = ["PINE RIDGE", "ELM CORNER", "OAK BANK", "FERN HOLLOW", "ASH GATE", "HAZEL END"]
LODGE_FAQ = [
    ("Is breakfast included at {p}?", "Breakfast costs extra and is served from seven."),
    ("Is there parking at {p}?", "{p} has free parking behind the building."),
    ("Does {p} have wifi?", "Wifi is free in every room."),
    ("Is there a gym at {p}?", "There is no gym on site, but a public one is nearby."),
    ("Are pets allowed at {p}?", "Small dogs can stay for a fee of ten pounds a night."),
    ("What time is check-in at {p}?", "Check-in starts at three in the afternoon."),
]
LODGE_REVIEWS = {
    "breakfast": "The breakfast buffet had fresh fruit and warm pastries every morning.",
    "parking": "Finding the parking entrance in the dark was tricky for us.",
    "wifi": "The wifi signal dropped constantly in our upstairs room.",
    "gym": "The nearby gym was crowded but the equipment was modern.",
}
LODGE_ASKS = {
    "breakfast": "How good is the breakfast buffet?",
    "parking": "Is the parking entrance easy to find?",
    "wifi": "Is the wifi signal reliable upstairs?",
    "gym": "Is the gym crowded?",
}


def _lodges() -> tuple[list[KnowledgeDoc], list[EvalCase]]:
    docs, cases = [], []
    for place in LODGES:
        name, slug = place.title(), _slug(place)
        docs += [_faq_doc(place, i, question, answer) for i, (question, answer) in enumerate(LODGE_FAQ)]
        for aspect, said in LODGE_REVIEWS.items():
            docs.append(
                KnowledgeDoc(
                    doc_id=f"{slug}:review:{aspect}",
                    title=f"{place} - review",
                    text=f"We stayed at {name} in May. {said} We would come back.",
                    metadata={"entity_name": place},
                    format="text",
                )
            )
            earlier = [Message(role="customer", text=f"I am looking at {name}.")]
            ticket = Ticket(text=LODGE_ASKS[aspect], customer_id=f"c-{slug}-{aspect}", conversation=earlier)
            relevant = [f"{slug}:review:{aspect}"]
            cases.append(EvalCase(case_id=f"{slug}-{aspect}", ticket=ticket, relevant_doc_ids=relevant))
    return docs, cases


def test_what_the_knowledge_teaches_ranks_questions_nobody_labelled_better(
    runtime: Runtime, tmp_path: Path
) -> None:
    docs, cases = _lodges()
    report = tune_retrieval(runtime, "lodges", [], [_write(tmp_path / "kb.jsonl", docs)], from_knowledge=True)

    assert report.kept and report.knowledge is not None
    adapter = load_adapter(report.adapter_path)
    assert adapter is not None
    stores = runtime.stores("lodges")
    asked = labelled_tickets(cases)
    untuned = score_retrieval(runtime.retriever(stores), asked)
    tuned = score_retrieval(runtime.retriever(stores, adapter=adapter), asked)
    assert tuned.mrr > untuned.mrr + 0.05
