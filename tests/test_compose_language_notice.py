"""A customer who writes in another language is told, in that language, when the answer quotes
English articles; the agent is warned to translate them. Nothing is said when the knowledge is in
the customer's language or the customer writes in English.

The offline composer quotes an English sentence to a German question only when they share words
(a product name, "5 GHz"); otherwise it says it has no reliable answer, in the customer's language,
with a knowledge_gap warning."""

from __future__ import annotations

import pytest

from drafter.compose import ComposeContext, ComposedReply, OfflineComposer
from drafter.domain import Passage, Ticket
from drafter.embeddings import Embedder
from drafter.principles import detect_signals, select_principles

PLUG = Passage(
    chunk_id="plug-wifi::1", doc_id="plug-wifi", score=0.8,
    title="Brightwave Plug Mini does not connect to Wi-Fi",
    text="The Plug Mini works only with 2.4 GHz Wi-Fi networks. It cannot connect to a 5 GHz-only network.",
    metadata={"language": "en"},
)
DEVOLUCIONES = Passage(
    chunk_id="devoluciones::0", doc_id="devoluciones", score=0.8, title="Devoluciones y reembolsos",
    text="Puedes devolver cualquier dispositivo en un plazo de 30 días desde la entrega si no está usado.",
    metadata={"language": "es"},
)


def compose(embedder: Embedder, text: str, passage: Passage) -> ComposedReply:
    ticket = Ticket(text=text)
    signals = detect_signals(ticket, profile=None, history=[], knowledge=[passage])
    context = ComposeContext(ticket=ticket, query=text, knowledge=[passage], history=[], profile=None,
                             signals=signals, principles=select_principles(signals))
    return OfflineComposer(embedder).compose(context)


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("Hallo, funktioniert der Plug Mini mit einem 5 GHz WLAN?", "nur auf Englisch"),
        ("Bonjour, est-ce que le Plug Mini fonctionne avec un wifi 5 GHz ?", "qu'en anglais"),
        ("Hola, ¿el Plug Mini funciona con una red wifi de 5 GHz?", "solo están en inglés"),
        ("Buongiorno, il Plug Mini funziona con una rete wifi a 5 GHz?", "solo in inglese"),
        ("Olá, o Plug Mini funciona com uma rede wifi de 5 GHz?", "só estão disponíveis em inglês"),
    ],
)
def test_quoting_english_knowledge_is_said_in_the_customers_language(
    embedder: Embedder, text: str, notice: str
) -> None:
    reply = compose(embedder, text, PLUG)
    assert "2.4 GHz" in reply.text, reply.text
    assert notice in reply.text, reply.text
    # Said before the quoted English, not after it.
    assert reply.text.index(notice) < reply.text.index("2.4 GHz")
    assert "translation_needed" in {w.code for w in reply.warnings}
    assert any(p.name == "phrases" and p.version >= 6 for p in reply.prompts)


def test_nothing_is_said_when_the_knowledge_is_in_the_customers_language(embedder: Embedder) -> None:
    reply = compose(embedder, "Hola, ¿puedo devolver una lámpara que no he usado?", DEVOLUCIONES)
    assert "30 días" in reply.text, reply.text
    assert "inglés" not in reply.text
    assert "translation_needed" not in {w.code for w in reply.warnings}


def test_nothing_is_said_to_a_customer_writing_in_english(embedder: Embedder) -> None:
    reply = compose(embedder, "Does the Plug Mini work with a 5 GHz Wi-Fi network?", PLUG)
    assert "only in English" not in reply.text and not reply.warnings, reply.text


def test_a_language_without_phrases_is_left_to_the_agent(embedder: Embedder) -> None:
    reply = compose(embedder, "Goedendag, werkt de Plug Mini ook met een 5 GHz wifi-netwerk?", PLUG)
    assert reply.language == "en"
    assert "only in English" not in reply.text, reply.text  # the whole draft is English here
    assert "reply_language" in {w.code for w in reply.warnings}
    assert "translation_needed" not in {w.code for w in reply.warnings}


@pytest.mark.parametrize(
    ("text", "language", "greeting"),
    [
        ("È urgente: il Plug Mini funziona con una rete wifi a 5 GHz? Devo installarlo stasera.",
         "it", ("Buongiorno", "Gentile")),
        ("É urgente: o Plug Mini funciona com uma rede wifi de 5 GHz? Preciso instalar hoje à noite.",
         "pt", ("Olá",)),
    ],
)
def test_italian_and_portuguese_replies_greet_acknowledge_and_close_in_the_language(
    embedder: Embedder, text: str, language: str, greeting: tuple[str, ...]
) -> None:
    composer = OfflineComposer(embedder)
    ticket = Ticket(text=text)
    signals = detect_signals(ticket, profile=None, history=[], knowledge=[PLUG])
    context = ComposeContext(ticket=ticket, query=text, knowledge=[PLUG], history=[], profile=None,
                             signals=signals, principles=select_principles(signals))
    reply = composer.compose(context)
    assert reply.language == language
    assert reply.text.startswith(greeting), reply.text
    own = composer.phrases.languages[language]
    keys = {p.key for p in reply.phrases}
    assert {"greeting_anonymous", "acknowledge_urgent", "sign_off", "knowledge_in_english"} <= keys, keys
    assert any(k.startswith("follow_up") for k in keys), keys
    # Every service line is the language's own, none an English fallback.
    for pick in reply.phrases:
        assert pick.template in own[pick.key], (pick.key, pick.template)
    assert reply.text.splitlines()[-1] in own["sign_off"]
    assert "reply_language" not in {w.code for w in reply.warnings}
