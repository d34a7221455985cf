"""Personal data, tried as an attacker would: every kind the issue reproduced is masked before the
LLM sees it, and only what the customer wrote in this ticket is put back into the reply."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from drafter.domain import Customer, CustomerProfile, KnowledgeDoc, Ticket
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.runtime import Runtime
from drafter.safety import PiiMasker
from tests.llm_server import ScriptedServer, reply, running_server


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("Refund to GB29NWBK60161331926819 please", "GB29NWBK60161331926819", "IBAN"),
        ("My IBAN is GB29 NWBK 6016 1331 9268 19.", "GB29 NWBK 6016 1331 9268 19", "IBAN"),
        ("CVV 123 exp 12/27", "123", "CVV"),
        ("CVV 123 exp 12/27", "12/27", "EXPIRY"),
        ("It was the card ending 4444.", "4444", "CARD_END"),
        ("I live at 42 wallaby way, sydney", "wallaby way, sydney", "ADDRESS"),
        ("Send it to PO Box 1234, thanks", "PO Box 1234", "PO_BOX"),
        ("Ship to 221B Baker Street, London NW1 6XE.", "NW1 6XE", "ADDRESS"),
        ("1600 Pennsylvania Ave NW, Washington, DC 20500", "Washington", "ADDRESS"),
        ("Hauptstraße 12, 10115 Berlin", "10115 Berlin", "ADDRESS"),
        ("My passport number is X1234567.", "X1234567", "PASSPORT"),
        ("Date of birth: 3 March 1985", "3 March 1985", "DOB"),
        ("DOB 12/03/1985", "12/03/1985", "DOB"),
        ("my SSN is 123-45-6789", "123-45-6789", "NATIONAL_ID"),
        ("National Insurance number QQ123456C", "QQ123456C", "NATIONAL_ID"),
        ("ZIP 94107-1234", "94107-1234", "POSTCODE"),
        ("postcode SW1A 1AA", "SW1A 1AA", "POSTCODE"),
        ("My postal code is K1A 0B1", "K1A 0B1", "POSTCODE"),
        ("code postal 1012 AB", "1012 AB", "POSTCODE"),
    ],
)
def test_every_reproduced_kind_is_masked_and_restored(text: str, secret: str, kind: str) -> None:
    masker = PiiMasker()
    masked = masker.mask(text, source="ticket")
    assert secret not in masked, masked
    assert f"[{kind}_1]" in masked, masked
    assert masker.unmask(masked) == text


@pytest.mark.parametrize(
    "text",
    [
        "I ordered 2 lamps in 2026 and paid 49 USD; order 12345 arrived after 30 days.",
        "It needs 1500 MB and runs at 230 V.",
        "Is their waitstaff capable of providing efficient service?",
        "Call us Monday to Friday from 8:00 to 20:00 CET.",
    ],
)
def test_ordinary_numbers_and_words_are_left_alone(text: str) -> None:
    assert PiiMasker().mask(text, source="ticket") == text


def test_the_customers_own_name_is_masked_and_put_back() -> None:
    masker = PiiMasker()
    masker.know_customer(name="Maria Lopez", email="maria.lopez@example.com")
    masked = masker.mask("This is maria. Maria Lopez, maria.lopez@example.com", source="ticket")
    assert "aria" not in masked and "Lopez" not in masked
    assert masker.unmask("Hi [NAME_1]") == "Hi maria"


def test_values_only_from_notes_or_history_are_withheld_with_a_warning() -> None:
    masker = PiiMasker()
    note = masker.mask("Card on file 4111 1111 1111 1111, lives at 22 Baker Street", source="record")
    ticket = masker.mask("Mail me at jo@example.com", source="ticket")
    reply_text = f"{ticket.split()[-1]}: we charged {note.split()[3]} and ship to [ADDRESS_1]."
    restored = masker.unmask(reply_text)
    assert "jo@example.com" in restored, "the customer's own words go back"
    assert "4111" not in restored and "Baker" not in restored
    assert "[card number withheld]" in restored and "[address withheld]" in restored
    codes = [w.code for w in masker.withheld_warnings(reply_text)]
    assert codes == ["pii_withheld", "pii_withheld"]
    # The same value written by the customer in this ticket may go back.
    masker.mask("my card 4111 1111 1111 1111", source="ticket")
    assert "4111 1111 1111 1111" in masker.unmask(reply_text)


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    yield from running_server()


NOTE_CARD = "4012 8888 8888 1881"


def test_nothing_personal_reaches_the_llm_and_notes_never_come_back(
    runtime: Runtime, server: ScriptedServer
) -> None:
    runtime.settings = runtime.settings.model_copy(
        update={
            "llm_backend": "openai",
            "llm_base_url": server.base_url,
            "llm_model": "test-model",
            "llm_api_key": SecretStr("sk-test"),
            "llm_max_retries": 0,
        }
    )
    stores = runtime.stores()
    ingest_knowledge(
        [
            KnowledgeDoc(
                doc_id="refunds", title="Refunds", format="text", text="Refunds take 5 business days."
            )
        ],
        stores.knowledge,
        runtime.chunker(),
    )
    profile = CustomerProfile(
        name="Ines Okafor",
        email="ines.okafor@example.com",
        notes=[f"Card on file {NOTE_CARD}, DOB 04/05/1980"],
    )
    ingest_history([Customer(customer_id="c-ines", profile=profile)], stores.profiles, stores.history)
    ticket_text = (
        "Hi, Ines Okafor here. Refund to GB29NWBK60161331926819, or my card ending 4444 (CVV 123 exp 12/27). "
        "I live at 42 wallaby way, sydney, PO Box 1234. Passport number X1234567, date of birth 3 March 1985."
    )
    server.play(
        reply(
            json.dumps(
                {
                    "reply": "Hi [NAME_1], we will refund [IBAN_1]; the card [CARD_1] stays.",
                    "cited_ids": ["P1"],
                }
            )
        )
    )
    result = runtime.draft_service().draft(Ticket(text=ticket_text, customer_id="c-ines"))
    [request] = server.requests
    for secret in (
        "GB29NWBK60161331926819",
        "4444",
        "CVV 123",
        "12/27",
        "wallaby",
        "sydney",
        "PO Box 1234",
        "X1234567",
        "3 March 1985",
        "Ines",
        "Okafor",
        NOTE_CARD,
        "04/05/1980",
    ):
        assert secret not in request.raw, request.raw[max(request.raw.find(secret) - 150, 0) :][:300]
    assert "GB29NWBK60161331926819" in result.text, "the customer's own IBAN goes back"
    assert result.text.startswith("Hi Ines"), result.text
    assert NOTE_CARD not in result.text and "[card number withheld]" in result.text
    assert any(w.code == "pii_withheld" for w in result.warnings)
