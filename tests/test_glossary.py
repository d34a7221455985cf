"""The support glossary: English words for what customers write in other languages, matched
whatever the inflection or accents, extendable with a team's own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.config import load_settings
from drafter.errors import ConfigError
from drafter.runtime import Runtime
from drafter.text.glossary import BUNDLED_GLOSSARY, Glossary, bundled_glossary, plain_english
from drafter.text.language import likely_languages


@pytest.mark.parametrize(
    ("text", "language", "english"),
    [
        # Inflected forms and missing accents find the entry written in its base form.
        ("Ma lampe est cassée et je veux être remboursé", "fr",
         ["lamp light", "damaged broken", "refund money back"]),
        ("je veux etre rembourse, la lampe clignote", "fr", ["refund money back", "lamp light", "blinks"]),
        # A phrase of several words matches as a whole, before its single words.
        ("J'ai oublié mon mot de passe", "fr", ["password"]),
        ("Quiero una devolución, el pedido llegó roto", "es",
         ["return", "order", "delivery delivered arrive", "damaged broken"]),
        ("Die Rücksendung ist bei euch, wo bleibt die Erstattung?", "de", ["return", "refund money back"]),
        ("Het pakket kwam beschadigd aan, kan ik de lamp ruilen of moet ik hem terugsturen?", "nl",
         ["parcel package", "damaged broken", "lamp light", "exchange", "return"]),
        ("Ik wil mijn bestelling annuleren en mijn geld terug", "nl",
         ["order", "cancel", "refund money back"]),
        ("ik ben mijn wachtwoord vergeten en mijn account is geblokkeerd", "nl",
         ["password", "account", "locked blocked"]),
    ],
)
def test_support_words_are_found_in_any_form(text: str, language: str, english: list[str]) -> None:
    assert bundled_glossary().english_words(text, [language]) == english


def test_words_are_read_only_in_the_languages_given() -> None:
    # German "rot" (red) is not Spanish "roto" (broken): a ticket is read in its own languages.
    text = "Meine Lampe blinkt rot"
    assert "damaged broken" not in bundled_glossary().english_words(text, likely_languages(text))
    assert "damaged broken" in bundled_glossary().english_words(text, ["es"])
    assert bundled_glossary().english_words("garantie", ["xx"]) == []


def test_dutch_words_that_stem_to_another_word_are_not_read_as_support_words() -> None:
    # The Dutch stemmer reads "weekend" as "week", "korting" as "kort" (short), "geldig" as "geld"
    # (money), and "volgende" (next) as "volgen" (follow, track): those terms are listed in forms
    # that keep them apart.
    text = "Vorige week besteld en kort geleden betaald, zijn jullie in het weekend bereikbaar?"
    found = bundled_glossary().english_words(text, ["nl"])
    assert found == ["order", "pay payment", "weekend", "opening hours"]
    assert bundled_glossary().english_words("De volgende keer wil ik mijn geld terug", ["nl"]) == [
        "refund money back"
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ho ricevuto la lampada 10 giorni fa", "it"),
        ("J'ai reçu ma commande hier mais le carton était écrasé", "fr"),
        ("Recibí el paquete ayer", "es"),
    ],
)
def test_received_is_not_read_as_a_receipt(text: str, language: str) -> None:
    # "ricevuta", "reçu" and "recibo" are a receipt, and also (or stem as) "received".
    assert "invoice receipt" not in bundled_glossary().english_words(text, [language])


@pytest.mark.parametrize(
    ("text", "language"),
    [("mi serve la ricevuta del mio ordine", "it"), ("pouvez-vous m'envoyer un reçu ?", "fr"),
     ("necesito el recibo de la compra", "es")],
)
def test_a_receipt_with_its_article_is_still_a_receipt(text: str, language: str) -> None:
    assert "invoice receipt" in bundled_glossary().english_words(text, [language])


def test_how_long_it_takes_in_spanish_is_not_lateness() -> None:
    glossary = bundled_glossary()
    assert "late delayed" not in glossary.english_words("¿Y cuánto tardan en devolverme el dinero?", ["es"])
    assert "late delayed" in glossary.english_words("Mi pedido llegó tarde", ["es"])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("vorrei cambiarla con un altro colore, come faccio?", "it"),
        ("quiero cambiarlo por otro color", "es"),
        ("je voudrais la changer contre une autre couleur", "fr"),
        ("quero trocar por outra cor", "pt"),
        ("kann ich die Lampe gegen eine andere Farbe tauschen?", "de"),
        ("can I change it for the black one?", "en"),
    ],
)
def test_changing_it_for_another_one_is_an_exchange(text: str, language: str) -> None:
    assert "exchange" in bundled_glossary().english_words(text, [language])
    # Changing an address is not.
    assert "exchange" not in bundled_glossary().english_words("vorrei cambiare l'indirizzo", ["it"])


def test_a_language_without_words_is_read_in_a_close_one() -> None:
    # langdetect gives short Dutch to Afrikaans, which writes many support words as Dutch does.
    text = "Die garantie op my bestelling, kan ek dit terugstuur?"
    assert bundled_glossary().english_words(text, ["af"]) == ["warranty", "order", "return"]
    assert bundled_glossary().english_words(text, ["af", "nl"]) == ["warranty", "order", "return"]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("could I swap it for the black one?", "exchange"),
        ("I sent it back, will you reimburse the postage?", "refund money back shipping ship"),
        ("I was billed twice and now I can't log in", "charged twice double charge sign in"),
        # Everyday words with no help-centre word of their own, and the light's own switch.
        ("my lamp is dead, I switched it off and on again", ""),
    ],
)
def test_everyday_english_reads_as_the_help_centre_words(text: str, plain: str) -> None:
    assert plain_english(bundled_glossary(), text) == plain


def test_a_team_file_adds_its_own_words(tmp_path: Path) -> None:
    extra = tmp_path / "ours.yaml"
    extra.write_text(
        "version: 1\nterms:\n  - en: dimmer\n    fr: [variateur]\n    nl: [dimmer]\n", encoding="utf-8"
    )
    glossary = Glossary.load([BUNDLED_GLOSSARY, extra])
    assert glossary.english_words("Le variateur de ma lampe", ["fr"]) == ["dimmer", "lamp light"]
    assert glossary.english_words("Mijn dimmer", ["nl"]) == ["dimmer"]
    # Through the settings (comma-separated, as an environment variable gives it).
    settings = load_settings(data_dir=tmp_path / "data", glossary_paths=f"{extra}")
    assert Runtime(settings).glossary is not None
    assert Runtime(settings).glossary.english_words("variateur", ["fr"]) == ["dimmer"]  # type: ignore[union-attr]
    assert Runtime(load_settings(data_dir=tmp_path / "d2", multilingual_glossary=False)).glossary is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("terms: [", "cannot be read"),
        ("version: 1\nterms:\n  - fr: [garantie]\n", "cannot be read"),
        ("version: 1\nterms:\n  - en: warranty\n    fr: garantie\n", "needs a list of words for 'fr'"),
    ],
)
def test_a_bad_glossary_file_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as raised:
        Glossary.load([path])
    assert "\n" not in str(raised.value)


def test_a_day_of_the_weekend_reads_as_the_weekend_a_help_centre_writes_of() -> None:
    assert "weekend" in plain_english(bundled_glossary(), "is anyone even there on a saturday?").split()
