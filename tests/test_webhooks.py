"""Helpdesk webhooks: each product's payload becomes a draft; notes go back through its API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import SecretStr

from drafter.runtime import Runtime
from tests.api_server import running_api, serving

QUESTION = "How long does standard shipping take?"
KB = {"title": "Shipping times", "text": "Standard shipping takes 3 to 5 business days."}

PAYLOADS: dict[str, dict[str, Any]] = {
    "zendesk": {
        "ticket": {
            "id": 35436,
            "subject": "Shipping",
            "description": "Hi there",
            "latest_comment": QUESTION,
            "requester": {"id": 20978392, "name": "Sam", "email": "sam@example.com"},
        }
    },
    "freshdesk": {
        "freshdesk_webhook": {
            "ticket_id": 812,
            "ticket_subject": "Shipping",
            "ticket_description": f"<div>{QUESTION}</div>",
            "ticket_contact_email": "sam@example.com",
        }
    },
    "helpscout": {
        "id": 2391938111,
        "subject": "Shipping",
        "customer": {"id": 29418, "email": "sam@example.com", "first": "Sam"},
        "threads": [
            {
                "type": "message",
                "body": "<p>Thanks for writing!</p>",
                "createdAt": "2026-11-01T10:01:00Z",
                "createdBy": {"type": "user"},
            },
            {
                "type": "customer",
                "body": "<p>I ordered a lamp.</p>",
                "createdAt": "2026-11-01T10:00:00Z",
                "createdBy": {"type": "customer"},
            },
            {
                "type": "customer",
                "body": f"<p>{QUESTION}</p>",
                "createdAt": "2026-11-01T10:05:00Z",
                "createdBy": {"type": "customer"},
            },
        ],
    },
    "chatwoot": {
        "event": "message_created",
        "id": 991,
        "content": QUESTION,
        "message_type": "incoming",
        "private": False,
        "account": {"id": 3},
        "sender": {"id": 77, "name": "Sam", "type": "contact"},
        "conversation": {
            "id": 4021,
            "channel": "Channel::WebWidget",
            "messages": [{"id": 990, "content": "Hello!", "message_type": 0}],
        },
    },
}
NOTE_PATHS = {
    "zendesk": ("PUT", "/api/v2/tickets/35436.json"),
    "freshdesk": ("POST", "/api/v2/tickets/812/notes"),
    "helpscout": ("POST", "/v2/conversations/2391938111/notes"),
    "chatwoot": ("POST", "/api/v1/accounts/3/conversations/4021/messages"),
}


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return [value] if isinstance(value, str) else []


class FakeHelpdesk:
    """Plays a helpdesk's note API: the first call gets 503, later ones are recorded and accepted."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any], dict[str, str]]] = []
        self.app = FastAPI()
        self.app.api_route("/{path:path}", methods=["POST", "PUT"])(self.note)

    async def note(self, path: str, request: Request) -> JSONResponse:
        self.calls.append((request.method, "/" + path, await request.json(), dict(request.headers)))
        if len(self.calls) == 1:
            return JSONResponse({"error": "busy"}, status_code=503, headers={"Retry-After": "0"})
        return JSONResponse({"ok": True}, status_code=201)


@pytest.fixture
def helpdesk() -> Iterator[tuple[FakeHelpdesk, str]]:
    fake = FakeHelpdesk()
    with serving(fake.app) as url:
        yield fake, url


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_webhook_drafts_and_posts_a_private_note(
    name: str, runtime: Runtime, helpdesk: tuple[FakeHelpdesk, str]
) -> None:
    fake, url = helpdesk
    runtime.settings = runtime.settings.model_copy(
        update={f"{name}_url": url, f"{name}_token": SecretStr("s3cret-token"), "helpdesk_max_retries": 2}
    )
    with running_api(runtime) as api, api.client(api.key_a) as client:
        client.put("/v1/knowledge/documents/shipping", json=KB)
        response = client.post(f"/v1/webhooks/{name}", json=PAYLOADS[name])
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["status"] == "drafted" and result["note_posted"] is True
    assert "3 to 5 business days" in result["draft"]["text"]
    assert [c["doc_id"] for c in result["draft"]["citations"]] == ["shipping"]
    assert len(fake.calls) == 2, "one 503, then one retry that landed"
    method, path, body, headers = fake.calls[-1]
    assert (method, path) == NOTE_PATHS[name]
    assert result["draft"]["text"] in _strings(body)
    assert "private" in str(body) or "public" in str(body) or name == "helpscout"
    assert any("s3cret-token" in v or v.startswith("Basic ") for v in headers.values())


def test_helpscout_conversation_is_ordered_and_keeps_the_earlier_messages(runtime: Runtime) -> None:
    from drafter.helpdesks import parse_webhook

    incoming = parse_webhook("helpscout", PAYLOADS["helpscout"])
    assert incoming.ticket is not None
    assert incoming.ticket.text == QUESTION
    assert [(m.role, m.text) for m in incoming.ticket.conversation] == [
        ("customer", "I ordered a lamp."),
        ("agent", "Thanks for writing!"),
    ]
    assert incoming.ticket.customer_id == "29418"


def test_outgoing_chatwoot_message_is_ignored_and_bad_payload_is_a_clear_422(runtime: Runtime) -> None:
    with running_api(runtime) as api, api.client(api.key_a) as client:
        outgoing = {**PAYLOADS["chatwoot"], "message_type": "outgoing"}
        ignored = client.post("/v1/webhooks/chatwoot", json=outgoing).json()
        assert ignored["status"] == "ignored" and ignored["draft"] is None
        empty = client.post("/v1/webhooks/zendesk", json={"ticket": {"id": 1}})
        assert empty.status_code == 422 and "no customer message" in empty.json()["message"]
        unknown = client.post("/v1/webhooks/jira", json={})
        assert unknown.status_code == 422


def test_a_helpdesk_that_stays_down_still_gives_the_agent_a_draft(runtime: Runtime) -> None:
    dead = httpx.URL("http://127.0.0.1:9")  # discard port: nothing answers
    runtime.settings = runtime.settings.model_copy(
        update={
            "zendesk_url": str(dead),
            "zendesk_token": SecretStr("t"),
            "helpdesk_max_retries": 1,
            "helpdesk_timeout_seconds": 1.0,
        }
    )
    with running_api(runtime) as api, api.client(api.key_a) as client:
        client.put("/v1/knowledge/documents/shipping", json=KB)
        result = client.post("/v1/webhooks/zendesk", json=PAYLOADS["zendesk"]).json()
    assert result["status"] == "drafted" and result["note_posted"] is False
    assert "did not take the note" in result["note_error"]
