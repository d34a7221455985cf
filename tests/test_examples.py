"""Muscle memory: approved replies become examples (opt-in) and near-identical tickets reuse them."""

from __future__ import annotations

from drafter.compose.examples import reuse_approved, vetted_example
from drafter.domain import Passage, Ticket
from drafter.runtime import Runtime
from tests.api_server import running_api

KB = Passage(
    chunk_id="ship::0",
    doc_id="ship",
    title="Shipping",
    score=0.9,
    text="Standard shipping takes 3 to 5 business days. Express arrives the next business day.",
)


def _example(text: str, score: float = 0.95) -> Passage:
    return Passage(chunk_id="ex1", doc_id="ex1", title="How long is shipping?", text=text, score=score)


def test_supported_sentences_are_reused_and_unsupported_ones_dropped() -> None:
    reply = (
        "Hi Sam,\n\nStandard shipping takes 3 to 5 business days. Express arrives the next business day. "
        "Your parcel is already packed.\n\nThanks,"
    )
    reuse = reuse_approved([_example(reply)], [KB])
    assert reuse is not None and reuse.cited == ["ship::0"]
    assert reuse.sentences == [
        "Standard shipping takes 3 to 5 business days.",
        "Express arrives the next business day.",
    ]


def test_a_stale_or_distant_example_is_not_reused() -> None:
    stale = "Shipping is free over 20 USD. We ship from Paris. It takes 3 to 5 business days."
    assert reuse_approved([_example(stale)], [KB]) is None, "most of it is no longer in the knowledge"
    assert reuse_approved([_example(KB.text, score=0.6)], [KB]) is None


def test_accepted_replies_become_examples_only_after_opting_in(runtime: Runtime) -> None:
    doc = {"title": "Shipping", "text": "Standard shipping takes 3 to 5 business days. Express costs 12 USD."}
    with running_api(runtime) as api, api.client(api.key_a) as client:
        client.put("/v1/knowledge/documents/ship", json=doc)
        examples = runtime.stores("acme").examples
        first = client.post("/v1/drafts", json={"text": "How long does standard shipping take?"}).json()
        client.post(f"/v1/drafts/{first['id']}/feedback", json={"outcome": "accepted"})
        assert examples.count() == 0, "not opted in: nothing is learned"

        assert client.put("/v1/settings", json={"learn_from_feedback": True}).json() == {
            "learn_from_feedback": True
        }
        second = client.post("/v1/drafts", json={"text": "How long does standard shipping take?"}).json()
        sent = second["text"].replace("business days.", "business days; express costs 12 USD.")
        assert "express costs 12 USD" in sent
        client.post(f"/v1/drafts/{second['id']}/feedback", json={"outcome": "edited", "final_text": sent})
        rejected = client.post("/v1/drafts", json={"text": "Do you ship to the moon?"}).json()
        client.post(f"/v1/drafts/{rejected['id']}/feedback", json={"outcome": "rejected"})
        assert examples.count() == 1

        again = client.post(
            "/v1/drafts", json={"text": "How long does standard shipping take, please?"}
        ).json()
        assert any(f.startswith("approved reply reused") for f in again["customer_facts"])
        assert "express costs 12 USD" in again["text"]
        assert [c["doc_id"] for c in again["citations"]] == ["ship"]


def test_the_llm_prompt_carries_the_nearest_approved_replies(runtime: Runtime) -> None:
    import json

    from pydantic import SecretStr

    from tests.llm_server import reply, running_server

    for server in running_server():
        runtime.settings = runtime.settings.model_copy(
            update={"llm_backend": "openai", "llm_base_url": server.base_url, "llm_api_key": SecretStr("k")}
        )
        stores = runtime.stores()
        stores.settings.set_learn_from_feedback(True)
        stores.examples.add(
            "ex-1",
            "How long does standard shipping take?",
            "Hi! Standard shipping takes 3 to 5 business days. Cheers!",
            {"outcome": "accepted"},
        )
        server.play(
            reply(json.dumps({"reply": "Standard shipping takes 3 to 5 business days.", "cited_ids": []}))
        )
        runtime.draft_service().draft(Ticket(text="How long does standard shipping take?"))
        user = server.requests[0].body["messages"][1]["content"]
        assert "<example>" in user and "Cheers!" in user


CREDIT_EDIT = (
    "Hi Sam,\n\nStandard shipping takes 3 to 5 business days and we will add a $50 credit. "
    "Express arrives the next business day.\n\nThanks,"
)


def test_a_promise_the_knowledge_does_not_back_is_not_reused() -> None:
    reuse = reuse_approved([_example(CREDIT_EDIT)], [KB])
    assert reuse is not None and reuse.sentences == ["Express arrives the next business day."]
    shown = vetted_example(CREDIT_EDIT, [KB])
    assert "credit" not in shown and "Express arrives the next business day." in shown and "Hi Sam" in shown


def test_an_agents_unbacked_credit_does_not_come_back_in_the_next_draft(runtime: Runtime) -> None:
    doc = {"title": "Shipping", "text": KB.text}
    with running_api(runtime) as api, api.client(api.key_a) as client:
        client.put("/v1/knowledge/documents/ship", json=doc)
        client.put("/v1/settings", json={"learn_from_feedback": True})
        first = client.post("/v1/drafts", json={"text": "How long does standard shipping take?"}).json()
        sent = first["text"].replace("business days.", "business days and we will add a $50 credit.", 1)
        assert "$50 credit" in sent
        client.post(f"/v1/drafts/{first['id']}/feedback", json={"outcome": "edited", "final_text": sent})
        assert runtime.stores("acme").examples.count() == 1, "a light edit: learned"

        again = client.post("/v1/drafts", json={"text": "How long does standard shipping take, please?"})
        assert "credit" not in again.json()["text"]
        assert "unsupported_promise" not in {w["code"] for w in again.json()["warnings"]}
