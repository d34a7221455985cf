"""The HTTP API on a real server: drafts, knowledge, customers, errors, limits and metrics."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from drafter.runtime import Runtime
from drafter.store import DraftStore
from tests.api_server import Api, running_api

RETURNS = {
    "title": "Returns",
    "text": "# Returns\n\nUnused items can be returned within 30 days of delivery for a full refund. "
    "Start a return from the Orders page and print the prepaid label.",
    "metadata": {"doc_type": "policy"},
}
SHIPPING = {
    "title": "Shipping times",
    "text": "Standard shipping takes 3 to 5 business days. Express shipping arrives the next business day.",
}


@pytest.fixture
def api(runtime: Runtime) -> Iterator[Api]:
    with running_api(runtime) as running:
        yield running


@pytest.fixture
def acme(api: Api) -> Iterator[httpx.Client]:
    with api.client(api.key_a) as client:
        assert client.put("/v1/knowledge/documents/returns", json=RETURNS).status_code == 200
        assert client.put("/v1/knowledge/documents/shipping", json=SHIPPING).status_code == 200
        yield client


def test_draft_contract_cites_the_uploaded_knowledge(acme: httpx.Client) -> None:
    response = acme.post("/v1/drafts", json={"text": "Can I return shoes I bought two weeks ago?"})
    assert response.status_code == 200, response.text
    draft = response.json()
    for key in ("id", "text", "citations", "principles", "scores", "warnings", "backend"):
        assert key in draft
    assert draft["backend"] == "offline"
    assert "30 days" in draft["text"]
    assert [c["doc_id"] for c in draft["citations"]] == ["returns"]
    assert "30 days" in draft["citations"][0]["passage"]
    assert response.headers["x-request-id"]


def test_a_stored_draft_reads_back_and_takes_feedback(api: Api, acme: httpx.Client, runtime: Runtime) -> None:
    draft = acme.post("/v1/drafts", json={"text": "How long does express shipping take?"}).json()
    again = acme.get(f"/v1/drafts/{draft['id']}").json()
    assert again["text"] == draft["text"] and again["citations"] == draft["citations"]

    sent = draft["text"] + "\n\nP.S. Your parcel is already packed."
    record = acme.post(
        f"/v1/drafts/{draft['id']}/feedback",
        json={"outcome": "edited", "final_text": sent, "agent_id": "agent-7", "reason": "added status"},
    )
    assert record.status_code == 201, record.text
    stored = DraftStore(runtime.engine, tenant="acme").feedback(draft["id"])
    assert [(f.outcome, f.final_text, f.agent_id) for f in stored] == [("edited", sent, "agent-7")]
    assert stored[0].seconds_to_send is not None and stored[0].seconds_to_send >= 0


def test_accepted_feedback_records_the_draft_text_as_sent(acme: httpx.Client, runtime: Runtime) -> None:
    draft = acme.post("/v1/drafts", json={"text": "How long does standard shipping take?"}).json()
    assert acme.post(f"/v1/drafts/{draft['id']}/feedback", json={"outcome": "accepted"}).status_code == 201
    [record] = DraftStore(runtime.engine, tenant="acme").feedback(draft["id"])
    assert record.final_text == draft["text"]


def test_edited_feedback_without_the_sent_text_names_the_problem(acme: httpx.Client) -> None:
    draft = acme.post("/v1/drafts", json={"text": "How long does shipping take?"}).json()
    response = acme.post(f"/v1/drafts/{draft['id']}/feedback", json={"outcome": "edited"})
    assert response.status_code == 422
    assert "final_text" in response.json()["message"]


def test_streamed_draft_sends_tokens_then_the_whole_draft(acme: httpx.Client) -> None:
    events: list[tuple[str, dict[str, object]]] = []
    with acme.stream(
        "POST", "/v1/drafts", json={"text": "How long does standard shipping take?", "stream": True}
    ) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        name = "message"
        for line in r.iter_lines():
            if line.startswith("event:"):
                name = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                events.append((name, json.loads(line.split(":", 1)[1])))
    kinds = [k for k, _ in events]
    assert kinds[0] == "started" and kinds[-1] == "draft" and "token" in kinds
    final = events[-1][1]
    assert "".join(str(d["text"]) for k, d in events if k == "token") == final["text"]
    assert final["citations"][0]["doc_id"] == "shipping"


def test_knowledge_changes_are_visible_to_the_next_draft(acme: httpx.Client) -> None:
    changed = {**SHIPPING, "text": "Standard shipping takes 7 to 9 business days while we move warehouses."}
    result = acme.put("/v1/knowledge/documents/shipping", json=changed).json()
    assert result == {"doc_id": "shipping", "status": "updated"}
    assert acme.put("/v1/knowledge/documents/shipping", json=changed).json()["status"] == "unchanged"
    draft = acme.post("/v1/drafts", json={"text": "How long does standard shipping take?"}).json()
    assert "7 to 9 business days" in draft["text"]

    assert acme.delete("/v1/knowledge/documents/shipping").status_code == 204
    assert acme.get("/v1/knowledge/documents/shipping").status_code == 404
    hits = acme.get("/v1/knowledge/search", params={"q": "shipping days"}).json()
    assert {h["doc_id"] for h in hits} == {"returns"}
    listed = acme.get("/v1/knowledge/documents").json()
    assert [(d["doc_id"], d["title"]) for d in listed] == [("returns", "Returns")]


def test_batch_upsert_reports_each_document(acme: httpx.Client) -> None:
    body = {
        "documents": [
            {"doc_id": "gift", "title": "Gift cards", "text": "Gift cards never expire."},
            {"doc_id": "returns", **RETURNS},
        ]
    }
    response = acme.post("/v1/knowledge/documents:batch", json=body)
    assert response.json() == [
        {"doc_id": "gift", "status": "added"},
        {"doc_id": "returns", "status": "unchanged"},
    ]


def test_unpaired_surrogates_in_json_are_replaced_not_a_server_error(acme: httpx.Client) -> None:
    # Valid JSON, but no UTF-8 encoder (tokenizer, Chroma, the response) accepts the string.
    headers = {"content-type": "application/json"}
    raw = b'{"title": "Gift \\udc9f cards", "text": "Gift cards never expire.", "metadata": {"k": "\\ud800"}}'
    assert acme.put("/v1/knowledge/documents/gift", content=raw, headers=headers).status_code == 200
    assert acme.get("/v1/knowledge/documents/gift").json()[0]["title"] == "Gift \ufffd cards"
    draft = acme.post("/v1/drafts", content=b'{"text": "Do gift cards expire? \\udc9f"}', headers=headers)
    assert draft.status_code == 200 and "never expire" in draft.json()["text"]


def test_customer_profile_and_history_reach_the_draft(acme: httpx.Client) -> None:
    profile = {"name": "Dana Reyes", "tier": "gold", "orders": [{"order_id": "A-77", "items": ["boots"]}]}
    assert acme.put("/v1/customers/c-1", json=profile).status_code == 200
    events = {
        "events": [
            {
                "kind": "ticket",
                "role": "customer",
                "subject": "Boots too small",
                "text": "The boots I got are too small, can I return them?",
            }
        ]
    }
    first = acme.post("/v1/customers/c-1/events", json=events)
    assert first.status_code == 201 and first.json()["written"] == 1
    assert acme.post("/v1/customers/c-1/events", json=events).json() == {
        "customer_id": "c-1",
        "written": 0,
        "unchanged": 1,
    }
    assert acme.get("/v1/customers/c-1").json()["events"] == 1
    assert acme.get("/v1/customers").json() == ["c-1"]

    draft = acme.post("/v1/drafts", json={"text": "How do I return the boots?", "customer_id": "c-1"}).json()
    assert draft["text"].startswith(("Hi Dana", "Hello Dana", "Dear Dana")), draft["text"]
    assert not any(w["code"] == "unknown_customer" for w in draft["warnings"])


def test_a_replayed_ticket_is_judged_on_the_day_it_was_written(acme: httpx.Client) -> None:
    profile = {"name": "Dana Reyes", "orders": [{"order_id": "A-78", "delivered": "2026-03-05"}]}
    assert acme.put("/v1/customers/c-2", json=profile).status_code == 200
    ask = {"text": "Can I return order A-78?", "customer_id": "c-2"}
    then = acme.post("/v1/drafts", json={**ask, "received_at": "2026-03-15T09:00:00Z"}).json()
    now = acme.post("/v1/drafts", json=ask).json()
    assert "honest_negative" not in {p["name"] for p in then["principles"]}, then["text"]
    assert "honest_negative" in {p["name"] for p in now["principles"]}, now["text"]
    bad = acme.post("/v1/drafts", json={**ask, "received_at": "last tuesday"})
    assert bad.status_code == 422 and "received_at" in bad.text


def test_no_key_and_revoked_key_get_401(api: Api) -> None:
    with api.client() as anonymous:
        response = anonymous.post("/v1/drafts", json={"text": "hello"})
        assert response.status_code == 401
        assert response.json()["error"] == "unauthorized"
    from drafter.store import KeyStore

    KeyStore(api.runtime.engine).revoke(api.key_b)
    with api.client(api.key_b) as revoked:
        assert revoked.get("/v1/knowledge/documents").status_code == 401
    with api.client("dk_not_a_key") as wrong:
        assert wrong.get("/v1/customers").status_code == 401


def test_errors_are_json_with_request_id_and_never_a_traceback(acme: httpx.Client) -> None:
    empty = acme.post("/v1/drafts", json={"text": "   "})
    assert empty.status_code == 422
    body = empty.json()
    assert set(body) == {"error", "message", "request_id"} and body["error"] == "empty_ticket"
    assert body["request_id"] == empty.headers["x-request-id"]

    bad_field = acme.post("/v1/drafts", json={"text": "hi", "conversation": [{"role": "robot", "text": "x"}]})
    assert bad_field.status_code == 422 and "conversation[0].role" in bad_field.json()["message"]

    not_json = acme.post("/v1/drafts", content=b"{oops", headers={"content-type": "application/json"})
    assert not_json.status_code == 422
    missing = acme.get("/v1/drafts/nope")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    for response in (empty, bad_field, not_json, missing):
        assert "Traceback" not in response.text


def test_request_id_from_the_caller_is_kept(acme: httpx.Client) -> None:
    response = acme.get("/v1/customers", headers={"X-Request-ID": "helpdesk-42"})
    assert response.headers["x-request-id"] == "helpdesk-42"


def test_oversize_body_gets_413(api: Api) -> None:
    with api.client(api.key_a) as client:
        big = {"text": "x" * 2_100_000}
        response = client.post("/v1/drafts", json=big)
        assert response.status_code == 413
        assert response.json()["error"] == "payload_too_large"


def test_health_readiness_and_metrics(api: Api, acme: httpx.Client) -> None:
    acme.post("/v1/drafts", json={"text": "How long does standard shipping take?"})
    acme.get("/v1/drafts/missing")
    with api.client() as anonymous:
        assert anonymous.get("/healthz").json() == {"status": "ok"}
        ready = anonymous.get("/readyz")
        assert ready.status_code == 200 and ready.json()["status"] == "ready"
        text = anonymous.get("/metrics").text
    assert 'drafter_drafts_total{backend="offline"} 1.0' in text
    assert 'drafter_errors_total{code="not_found"} 1.0' in text
    assert 'drafter_request_seconds_count{method="POST",route="/v1/drafts",status="200"}' in text


def test_openapi_describes_every_field(api: Api) -> None:
    spec = httpx.get(f"{api.base_url}/openapi.json").json()
    undocumented = [
        f"{name}.{field}"
        for name, schema in spec["components"]["schemas"].items()
        if not name.startswith(("HTTPValidationError", "ValidationError"))
        for field, prop in schema.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undocumented == []
    assert httpx.get(f"{api.base_url}/docs").status_code == 200
