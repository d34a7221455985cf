"""Which words of a question the retrieved knowledge never uses."""

from __future__ import annotations

from drafter.compose.coverage import uncovered_words
from drafter.domain import Passage


def passage(text: str, title: str = "Plug Mini: Wi-Fi") -> Passage:
    return Passage(chunk_id="p::0", doc_id="p", title=title, text=text, score=0.7)


PLUG = passage("The Plug Mini works only with 2.4 GHz Wi-Fi networks. Hold the button for 6 seconds.")


def test_an_uncommon_word_no_passage_uses_is_uncovered() -> None:
    asked = "Does the Plug Mini work with Apple HomeKit?"
    assert uncovered_words(asked, [PLUG], ["Plug Mini"]) == ["homekit"]


def test_everyday_words_framing_words_and_short_forms_are_not() -> None:
    text = "I bought it months ago and it turned out i dont know if it works with the wall"
    assert uncovered_words(text, [PLUG]) == []


def test_short_forms_and_possessives_are_read_without_their_apostrophe() -> None:
    asked = "the white one doesn't go with my room and it's my brother's, could I swap it?"
    assert uncovered_words(asked, [PLUG]) == []
    homekit = "Does the Plug Mini work with Apple's HomeKit?"
    assert uncovered_words(homekit, [PLUG], ["Plug Mini"]) == ["homekit"]


def test_a_word_the_passages_use_in_another_form_or_spelling_is_covered() -> None:
    lamp = passage("Dimming the lamp: use the app's dimmer slider.", title="Lamp")
    assert uncovered_words("Can I use a dimmer?", [lamp]) == []
    assert uncovered_words("are networks with 2.4 ghz ok?", [PLUG]) == []


def test_names_of_what_is_asked_about_are_left_out() -> None:
    assert uncovered_words("Is the Zephyrion still sold?", [PLUG], ["Zephyrion"]) == []


def test_a_typing_slip_of_a_word_the_passages_use_is_covered() -> None:
    orders = passage("You can change or cancel an order within 1 hour. We ship to Canada.", title="Orders")
    assert uncovered_words("can I cancle my order?", [orders]) == []
    assert uncovered_words("do you ship to canda?", [orders]) == []
    assert uncovered_words("do you ship to Klarna?", [orders]) == ["klarna"]
