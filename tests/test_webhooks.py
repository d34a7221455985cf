"""Helpdesk webhooks: each product's payload becomes a draft; notes go back through its API."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import SecretStr

from drafter.helpdesks import HelpdeskError, retry_after_seconds
from drafter.runtime import Runtime
from drafter.store import KeyStore
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
        update={"helpdesk_max_retries": 2, "helpdesk_allow_http": True}
    )
    with running_api(runtime) as api, api.client(api.key_a) as client:
        client.put("/v1/knowledge/documents/shipping", json=KB)
        stored = client.put(f"/v1/helpdesks/{name}", json={"url": url, "token": "s3cret-token"})
        assert stored.status_code == 200 and "s3cret" not in stored.text
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
        update={"helpdesk_max_retries": 1, "helpdesk_timeout_seconds": 1.0, "helpdesk_allow_http": True}
    )
    with running_api(runtime) as api, api.client(api.key_a) as client:
        client.put("/v1/knowledge/documents/shipping", json=KB)
        client.put("/v1/helpdesks/zendesk", json={"url": str(dead), "token": "t"})
        result = client.post("/v1/webhooks/zendesk", json=PAYLOADS["zendesk"]).json()
    assert result["status"] == "drafted" and result["note_posted"] is False
    assert "did not take the note" in result["note_error"]


def _freshdesk(ticket_id: object, text: str) -> dict[str, Any]:
    return {"freshdesk_webhook": {"ticket_id": ticket_id, "ticket_description": text}}


def test_a_tenant_posts_notes_only_with_its_own_credentials(runtime: Runtime) -> None:
    acme_desk, globex_desk = FakeHelpdesk(), FakeHelpdesk()
    runtime.settings = runtime.settings.model_copy(
        update={
            "helpdesk_allow_http": True,
            "freshdesk_url": "http://127.0.0.1:9",  # server-wide: ignored while API keys are on
            "freshdesk_token": SecretStr("operator-token"),
        }
    )
    with (
        serving(acme_desk.app) as acme_url,
        serving(globex_desk.app) as globex_url,
        running_api(runtime) as api,
        api.client(api.key_a) as acme,
        api.client(api.key_b) as globex,
    ):
        acme.put("/v1/helpdesks/freshdesk", json={"url": acme_url, "token": "acme-token"})
        # Before the fix, globex's webhook was posted on ticket 4242 with the operator's token.
        result = globex.post("/v1/webhooks/freshdesk", json=_freshdesk(4242, "Where is my parcel?")).json()
        assert result["status"] == "drafted" and result["note_posted"] is False
        assert acme_desk.calls == [] and globex_desk.calls == []

        globex.put("/v1/helpdesks/freshdesk", json={"url": globex_url, "token": "globex-token"})
        result = globex.post("/v1/webhooks/freshdesk", json=_freshdesk(4242, "Where is my parcel?")).json()
        assert result["note_posted"] is True and acme_desk.calls == []
        auth = globex_desk.calls[-1][3]["authorization"]
        assert base64.b64decode(auth.removeprefix("Basic ")).decode() == "globex-token:X"

        listed = globex.get("/v1/helpdesks").json()
        assert [(c["helpdesk"], c["url"], c["token_hint"]) for c in listed] == [
            ("freshdesk", globex_url, "…oken")
        ]
        assert "globex-token" not in str(listed)
        assert globex.delete("/v1/helpdesks/freshdesk").status_code == 204
        assert globex.delete("/v1/helpdesks/freshdesk").status_code == 404


def test_server_wide_credentials_are_used_only_with_auth_off(runtime: Runtime) -> None:
    fake = FakeHelpdesk()
    with serving(fake.app) as url:
        runtime.settings = runtime.settings.model_copy(
            update={"auth": "off", "freshdesk_url": url, "freshdesk_token": SecretStr("local-token")}
        )
        with running_api(runtime) as api, api.client() as client:
            result = client.post("/v1/webhooks/freshdesk", json=_freshdesk(7, "Where is my parcel?")).json()
    assert result["note_posted"] is True and len(fake.calls) == 2


def test_credentials_need_https_and_a_full_key(runtime: Runtime) -> None:
    with running_api(runtime) as api, api.client(api.key_a) as client:
        plain = client.put("/v1/helpdesks/zendesk", json={"url": "http://acme.zendesk.com", "token": "t"})
        assert plain.status_code == 422 and "https" in plain.json()["message"]
        sneaky = client.put(
            "/v1/helpdesks/zendesk", json={"url": "https://acme.zendesk.com/?x=1", "token": "t"}
        )
        assert sneaky.status_code == 422
        unknown = client.put("/v1/helpdesks/jira", json={"url": "https://jira.example.com", "token": "t"})
        assert unknown.status_code == 422
        _, app_token = KeyStore(runtime.engine).create("acme", scope="app", helpdesk="zendesk")
        with api.client(app_token) as app:
            refused = app.put("/v1/helpdesks/zendesk", json={"url": "https://acme.zendesk.com", "token": "t"})
        assert refused.status_code == 403


def test_ids_that_would_change_the_note_url_are_refused(runtime: Runtime) -> None:
    with running_api(runtime) as api, api.client(api.key_a) as client:
        for bad in ["../../users/1", "12?role=admin", "x" * 65]:
            response = client.post("/v1/webhooks/freshdesk", json=_freshdesk(bad, "Hello?"))
            assert response.status_code == 422, bad
            assert len(response.text) < 400


class _Busy:
    """A note API that answers 429 with a Retry-After a few times, then takes the note."""

    def __init__(self, retry_after: str, failures: int) -> None:
        self.retry_after, self.failures, self.calls = retry_after, failures, 0
        self.app = FastAPI()
        self.app.api_route("/{path:path}", methods=["POST", "PUT"])(self.note)

    async def note(self, path: str) -> JSONResponse:
        self.calls += 1
        if self.calls <= self.failures:
            return JSONResponse({}, status_code=429, headers={"Retry-After": self.retry_after})
        return JSONResponse({"ok": True}, status_code=201)


def test_note_retries_wait_as_long_as_retry_after_asks() -> None:
    from drafter.helpdesks import HELPDESKS, NoteClient
    from drafter.store.helpdesk_credentials import HelpdeskCredentials

    busy = _Busy("7", failures=2)
    waits: list[float] = []
    with serving(busy.app) as url:
        client = NoteClient(
            HELPDESKS["freshdesk"], HelpdeskCredentials(url, SecretStr("k")), timeout=5, max_retries=3
        )
        client._retrying = client._retrying.copy(sleep=waits.append)
        client.post_note("12", "draft")
    assert busy.calls == 3 and waits == [7.0, 7.0]

    stubborn = _Busy("0", failures=10)
    with serving(stubborn.app) as url:
        client = NoteClient(
            HELPDESKS["freshdesk"], HelpdeskCredentials(url, SecretStr("k")), timeout=5, max_retries=2
        )
        with pytest.raises(HelpdeskError, match="HTTP 429"):
            client.post_note("12", "draft")
    assert stubborn.calls == 3


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

    def asked(value: str) -> float | None:
        return retry_after_seconds(httpx.Response(429, headers={"Retry-After": value}), now=now)

    assert asked("12") == 12.0
    assert asked("Sun, 01 Nov 2026 12:00:30 GMT") == 30.0
    assert asked("yesterday") is None
    assert retry_after_seconds(httpx.Response(503), now=now) is None


def test_cli_sets_and_lists_credentials_without_printing_the_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.cli import main

    monkeypatch.setenv("DRAFTER_HELPDESK_TOKEN", "agent@example.com/token:abcdef123456")
    for argv in (
        ["helpdesk", "set", "zendesk", "--tenant", "acme", "--url", "https://acme.zendesk.com"],
        ["helpdesk", "list", "--tenant", "acme"],
    ):
        main(argv)
    out = capsys.readouterr().out
    assert "https://acme.zendesk.com" in out and "…3456" in out
    assert "abcdef123456" not in out
    with pytest.raises(SystemExit):
        main(["helpdesk", "set", "jira", "--tenant", "acme", "--url", "https://x.example.com"])
    assert "unknown helpdesk" in capsys.readouterr().err
