"""Entity linking: names as customers really write them, several names at once, ordinary words."""

from __future__ import annotations

from drafter.domain import Message, Passage, Ticket
from drafter.retrieval.entities import EntityVocabulary

NAMES = [
    "A AND B GUEST HOUSE",
    "ACORN GUEST HOUSE",
    "THE LENSFIELD HOTEL",
    "WORTH HOUSE",
    "CITY CENTRE NORTH HOUSE",
    "NANDOS",
    "NANDOS CITY CENTRE",
    "GONVILLE HOTEL",
]
# Ordinary text that happens to use one name's word ("worth") in passages about other entities.
CHATTER = "Great stay, well worth the money and the staff were kind."


def _vocabulary() -> EntityVocabulary:
    passages = []
    for n, name in enumerate(NAMES):
        for i in range(4):
            text = CHATTER if name != "WORTH HOUSE" else "Quiet rooms near the river."
            passages.append(
                Passage(
                    chunk_id=f"{n}-{i}",
                    doc_id=f"{n}-{i}",
                    title=name,
                    text=text,
                    score=0.0,
                    metadata={"entity_name": name},
                )
            )
    return EntityVocabulary.build(passages)


def _link(text: str, *earlier: str) -> list[str]:
    conversation = [Message(role="agent", text=t) for t in earlier]
    return _vocabulary().link(Ticket(text=text, conversation=conversation))


def test_names_written_with_other_spacing_an_ampersand_or_a_typo_are_linked() -> None:
    assert _link("Is the view nice?", "I have the A & B Guesthouse in the east.") == ["A AND B GUEST HOUSE"]
    assert _link("Does a and b guesthouse have parking?") == ["A AND B GUEST HOUSE"]
    assert _link("Wonderful, is the Acorn Guesthouse quiet?") == ["ACORN GUEST HOUSE"]
    assert _link("Are the rooms at the Lenfield Hotel quiet?") == ["THE LENSFIELD HOTEL"]


def test_a_turn_naming_several_entities_links_each_but_not_a_name_inside_another() -> None:
    linked = _link("Which one is quieter?", "Acorn Guest House and Gonville Hotel both have rooms.")
    assert sorted(linked) == ["ACORN GUEST HOUSE", "GONVILLE HOTEL"]
    assert _link("Is Nandos City Centre open late?") == ["NANDOS CITY CENTRE"]


def test_a_name_word_the_knowledge_uses_as_an_ordinary_word_links_nothing_alone() -> None:
    assert _link("Is this place worth the price?") == []
    assert _link("Is Worth House near the river?") == ["WORTH HOUSE"]
    # The latest message names no entity, so the conversation's last named one is used.
    assert _link("Is it worth it?", "Gonville Hotel has a pool.") == ["GONVILLE HOTEL"]


def test_the_subject_line_names_the_ticket_beside_a_name_said_in_passing() -> None:
    vocabulary = _vocabulary()
    ticket = Ticket(subject="Gonville Hotel room too cold", text="No heating all night, as at Nandos.")
    assert sorted(vocabulary.link(ticket)) == ["GONVILLE HOTEL", "NANDOS"]
    # A subject alone still names what a message naming nothing is about.
    quiet = Ticket(subject="Gonville Hotel", text="Is breakfast included?")
    assert vocabulary.link(quiet) == ["GONVILLE HOTEL"]
