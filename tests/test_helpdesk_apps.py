"""drafter's sidebar apps in a real headless Chromium, framed by pages that play each helpdesk.

Every test runs a real `drafter serve` (uvicorn over the real app) and a host server whose pages
speak the helpdesk's protocol as its SDK defines it (see tests/helpdesk_hosts.py).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from drafter.apps import package_app
from drafter.runtime import Runtime
from drafter.store import DraftStore, KeyStore
from tests.api_server import Api, free_port, running_api, serving
from tests.helpdesk_hosts import HostState, host_app
from tests.test_agent_page import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)"
)
HELPSCOUT = "https://secure.helpscout.net"
# drafter's public name in the Help Scout tests: the SDK only speaks to a page whose referrer is
# Help Scout's https origin, which an https page gives only to https frames.
DRAFTER_PUBLIC = "https://drafter.acme.test"
RETURNS = "Unused items can be returned within 30 days of delivery for a full refund."
QUESTION = "Can I still return the jacket I got last week?"


def screenshot(page: Any, tmp_path: Path, name: str) -> Path:
    """A PNG of the panel; also kept in DRAFTER_TEST_SCREENSHOTS when set (the README's pictures)."""
    path = tmp_path / f"{name}.png"
    page.wait_for_timeout(500)  # the frame's last resize message round trip
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("DRAFTER_TEST_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / path.name).write_bytes(path.read_bytes())
    assert path.stat().st_size > 10_000
    return path


def seed(api: Api) -> None:
    with api.client(api.key_a) as acme:
        acme.put("/v1/knowledge/documents/returns", json={"title": "Returns policy", "text": RETURNS})
        acme.put("/v1/customers/901", json={"name": "Noor Haddad"})


@pytest.fixture
def world(runtime: Runtime, tmp_path: Path) -> Iterator[tuple[Api, HostState, str]]:
    """drafter (allowing the Help Scout origin) and the helpdesk host, both served for real."""
    runtime.settings = runtime.settings.model_copy(
        update={"app_origins": [HELPSCOUT], "public_url": DRAFTER_PUBLIC}
    )
    state = HostState()
    files = tmp_path / "app-files"
    files.mkdir()
    with running_api(runtime) as api, serving(host_app(state, files)) as host:
        seed(api)
        yield api, state, host


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


# Tall enough for a whole panel: a full-page capture does not repaint a frame resized after load.
VIEWPORT = {"width": 1280, "height": 1200}


def new_page(browser: Any, **context_options: Any) -> Any:
    return browser.new_context(viewport=VIEWPORT, **context_options).new_page()


def app_token(runtime: Runtime, helpdesk: str) -> str:
    return KeyStore(runtime.engine).create("acme", scope="app", helpdesk=helpdesk)[1]


def other_origin(url: str) -> str:
    """The same server under another name, so the browser treats it as another origin."""
    return url.replace("127.0.0.1", "localhost")


def only_feedback(runtime: Runtime) -> Any:
    [record] = DraftStore(runtime.engine, tenant="acme").feedback()
    return record


# --- Chatwoot -------------------------------------------------------------------------------------


def chatwoot_context(messages: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """`{conversation, contact, currentAgent}` as Chatwoot's Frame.vue builds it."""
    contact = {"id": 901, "name": "Noor Haddad", "email": "noor@example.com", "custom_attributes": {}}
    return {
        "conversation": {
            "id": 77,
            "account_id": 1,
            "inbox_id": 2,
            "status": "open",
            "meta": {"sender": contact, "channel": "Channel::WebWidget", "assignee": None},
            "messages": messages
            or [
                {"id": 1, "content": "Hi, I bought a jacket.", "message_type": 0, "created_at": 1700000000},
                {"id": 2, "content": "Hello! How can I help?", "message_type": 1, "created_at": 1700000060},
                {
                    "id": 3,
                    "content": "Conversation was assigned",
                    "message_type": 2,
                    "created_at": 1700000061,
                },
                {
                    "id": 4,
                    "content": "Note: VIP",
                    "message_type": 1,
                    "private": True,
                    "created_at": 1700000062,
                },
                {"id": 5, "content": QUESTION, "message_type": 0, "created_at": 1700000120},
            ],
        },
        "contact": contact,
        "currentAgent": {"id": 3, "name": "Sam Agent", "email": "sam@acme.test"},
    }


def test_chatwoot_app_drafts_copies_and_records_feedback(
    world: tuple[Api, HostState, str], browser: Any, runtime: Runtime, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    api, state, host = world
    token = app_token(runtime, "chatwoot")
    state.app_url = f"{api.base_url}/apps/chatwoot/?token={token}"
    state.context["chatwoot"] = chatwoot_context()
    page = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(other_origin(host) + "/chatwoot/")
    app = page.frame_locator("#dashboard-app--frame-0-0")

    expect(app.locator("#context")).to_contain_text("Noor Haddad")
    expect(app.locator("#context")).to_contain_text("return the jacket")
    app.locator("#draft-button").click()
    draft_text = app.get_by_test_id("draft-text")
    expect(draft_text).to_have_value(re.compile("30 days"), timeout=60_000)
    assert draft_text.input_value().startswith(("Hi Noor", "Hello Noor", "Dear Noor"))
    citation = app.locator("details.citation").first
    expect(citation).to_contain_text("Returns policy")
    citation.locator("summary").click()
    expect(citation.locator("p")).to_be_visible()
    expect(citation.locator("p")).to_contain_text("within 30 days")
    assert app.locator("#scorecard .score").count() >= 3
    # As on the agent page: what to check first, every grade folded, n/a where a grade does not apply.
    expect(app.locator("#check-first")).to_be_visible()
    expect(app.locator("#check-first")).to_contain_text(re.compile("Check first|Nothing falls below"))
    expect(app.locator("#all-grades summary")).to_contain_text(re.compile(r"All \d+ grades"))
    for row in app.locator("#scorecard .score.na").all():
        expect(row.locator(".score-value")).to_have_text("n/a")
    screenshot(page, tmp_path, "chatwoot-panel")

    draft_text.fill(draft_text.input_value() + "\nEnjoy the rest of your week!")
    app.locator("#deliver-button").click()
    expect(app.locator("#status")).to_contain_text("Feedback recorded: edited")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("Enjoy the rest of your week!") and "30 days" in copied
    record = only_feedback(runtime)
    assert (record.outcome, record.agent_id) == ("edited", "3")
    assert record.final_text == copied

    # The token in this URL can draft and nothing else, even from drafter's own origin.
    frame = next(f for f in page.frames if f.url.startswith(api.base_url))
    refused = frame.evaluate(
        """async (token) => {
            const r = await fetch('/v1/knowledge/documents', {headers: {Authorization: 'Bearer ' + token}});
            return [r.status, (await r.json()).error];
        }""",
        token,
    )
    assert refused == [403, "forbidden"]


def test_chatwoot_app_explains_a_malformed_context(
    world: tuple[Api, HostState, str], browser: Any, runtime: Runtime
) -> None:
    from playwright.sync_api import expect

    api, state, host = world
    state.app_url = f"{api.base_url}/apps/chatwoot/?token={app_token(runtime, 'chatwoot')}"
    state.context["chatwoot"] = {}
    state.context["chatwootRaw"] = json.dumps({"event": "appContext", "data": {"conversation": "77"}})
    page = new_page(browser)
    page.goto(other_origin(host) + "/chatwoot/")
    app = page.frame_locator("#dashboard-app--frame-0-0")
    expect(app.locator("#status")).to_contain_text("without a conversation")
    expect(app.locator("#retry-button")).to_be_visible()
    expect(app.locator("#draft-button")).to_be_disabled()
    # Retry asks Chatwoot again with its own message, and the answer is judged afresh.
    before = page.evaluate("window.fetchInfoRequests")
    app.locator("#retry-button").click()
    expect(app.locator("#status")).to_contain_text("without a conversation")
    assert page.evaluate("window.fetchInfoRequests") > before


def test_an_app_page_on_an_origin_not_allowed_cannot_draft(
    world: tuple[Api, HostState, str], browser: Any, runtime: Runtime, tmp_path: Path
) -> None:
    """An admin hosting the app files elsewhere must list that origin in DRAFTER_APP_ORIGINS."""
    from playwright.sync_api import expect

    api, state, host = world
    package_app("chatwoot", tmp_path / "app-files", url=api.base_url)
    token = app_token(runtime, "chatwoot")
    state.app_url = f"{host}/app-files/chatwoot/index.html?token={token}&api={api.base_url}"
    state.context["chatwoot"] = chatwoot_context()
    page = new_page(browser)
    page.goto(other_origin(host) + "/chatwoot/")
    app = page.frame_locator("#dashboard-app--frame-0-0")
    expect(app.locator("#context")).to_contain_text("Noor Haddad")
    app.locator("#draft-button").click()
    expect(app.locator("#status")).to_contain_text("origin is not allowed")
    expect(app.locator("#retry-button")).to_be_visible()
    # The server refuses it too, whatever a browser would let through.
    answer = httpx.post(
        f"{api.base_url}/v1/drafts",
        json={"text": QUESTION},
        headers={"Authorization": f"Bearer {token}", "Origin": host},
    )
    assert answer.status_code == 403 and "DRAFTER_APP_ORIGINS" in answer.json()["message"]


# --- Help Scout -----------------------------------------------------------------------------------


def helpscout_context() -> dict[str, Any]:
    """The SDK's `Context`: company, conversation, customer, mailbox, user."""
    return {
        "company": {"id": 55},
        "conversation": {
            "id": 4242,
            "number": 311,
            "subject": "Returning a jacket",
            "status": "active",
            "customerId": 901,
            "mailboxId": 7,
            "customers": [{"id": 901, "firstName": "Noor", "lastName": "Haddad", "emails": []}],
            "tags": [],
            "customFields": [],
            "following": False,
            "assignee": {"id": 12, "first": "Sam", "last": "Agent", "type": "user", "email": "sam@acme.test"},
        },
        "customer": {"id": 901, "firstName": "Noor", "lastName": "Haddad", "emails": [], "phones": []},
        "mailbox": {"id": 7, "name": "Support", "email": "help@acme.test"},
        "user": {
            "id": 12,
            "firstName": "Sam",
            "lastName": "Agent",
            "email": "sam@acme.test",
            "isAdmin": False,
        },
    }


def open_helpscout(browser: Any, host: str, api: Api, **context_options: Any) -> Any:
    """A page at Help Scout's own origin (the SDK talks to no other), its content from the host,
    framing drafter at its public https name; the browser's requests to it reach the real server."""
    context = browser.new_context(viewport=VIEWPORT, **context_options)
    html = httpx.get(f"{host}/helpscout/").text
    context.route(f"{HELPSCOUT}/**", lambda route: route.fulfill(body=html, content_type="text/html"))

    def to_drafter(route: Any) -> None:
        url = route.request.url.replace(DRAFTER_PUBLIC, api.base_url, 1)
        route.fulfill(response=route.fetch(url=url, timeout=60_000))

    context.route(f"{DRAFTER_PUBLIC}/**", to_drafter)
    page = context.new_page()
    page.goto(f"{HELPSCOUT}/conversation/4242/311/")
    return page


def test_helpscout_app_drafts_copies_and_records_feedback(
    world: tuple[Api, HostState, str], browser: Any, runtime: Runtime, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    api, state, host = world
    state.app_url = f"{DRAFTER_PUBLIC}/apps/helpscout/?token={app_token(runtime, 'helpscout')}"
    state.context["helpscout"] = helpscout_context()
    state.context["helpscoutThreads"] = [QUESTION]
    page = open_helpscout(browser, host, api, permissions=["clipboard-read", "clipboard-write"])
    app = page.frame_locator("#app-frame")
    expect(app.locator("#context")).to_contain_text("Returning a jacket")
    expect(app.locator("#context")).to_contain_text("Noor Haddad")

    app.locator("#draft-button").click()
    expect(app.locator("#status")).to_contain_text("Paste the customer's latest message")
    app.locator("#customer-message").fill(QUESTION)
    app.locator("#draft-button").click()
    draft_text = app.get_by_test_id("draft-text")
    expect(draft_text).to_have_value(re.compile("30 days"), timeout=60_000)
    app.locator("details.citation summary").first.click()
    expect(app.locator("details.citation p").first).to_contain_text("within 30 days")
    # The SDK asked Help Scout to size the frame to the panel.
    assert any(m["type"] == "SET_APP_HEIGHT" for m in page.evaluate("window.appMessages"))
    screenshot(page, tmp_path, "helpscout-panel")

    # A rewrite is a new draft linked to the first; what is copied is recorded against it.
    first = draft_text.input_value()
    app.locator("#rewrite-op").select_option("more_formal")
    app.locator("#rewrite-button").click()
    expect(app.locator("#status")).to_contain_text("Rewritten.")
    assert draft_text.input_value() != first and "30 days" in draft_text.input_value()
    app.locator("#deliver-button").click()
    expect(page.locator("#notification")).to_contain_text("Draft copied")
    expect(app.locator("#status")).to_contain_text("Feedback recorded: accepted")
    assert page.evaluate("navigator.clipboard.readText()") == draft_text.input_value()
    record = only_feedback(runtime)
    assert (record.outcome, record.agent_id) == ("accepted", "12")
    drafted = DraftStore(runtime.engine, tenant="acme").get(record.draft_id)
    assert drafted.ticket.customer_id == "901" and drafted.ticket.subject == "Returning a jacket"
    assert drafted.parent_id is not None and drafted.draft.text == record.final_text


def test_helpscout_app_explains_a_malformed_context(
    world: tuple[Api, HostState, str], browser: Any, runtime: Runtime
) -> None:
    from playwright.sync_api import expect

    api, state, host = world
    state.app_url = f"{DRAFTER_PUBLIC}/apps/helpscout/?token={app_token(runtime, 'helpscout')}"
    state.context["helpscoutRaw"] = {"type": "SEND_APP_CONTEXT", "conversation": {"subject": 42}}
    page = open_helpscout(browser, host, api)
    app = page.frame_locator("#app-frame")
    expect(app.locator("#status")).to_contain_text("conversation drafter cannot read")
    expect(app.locator("#retry-button")).to_be_visible()


# --- Zendesk --------------------------------------------------------------------------------------


def zendesk_ticket() -> dict[str, Any]:
    """What the ZAF client's `get` returns for the ticket sidebar's paths."""
    requester = {"id": 901, "name": "Noor Haddad", "email": "noor@example.com", "role": "end-user"}
    agent = {"id": 3, "name": "Sam Agent", "email": "sam@acme.test", "role": "agent"}
    return {
        "paths": {
            "ticket.id": 35436,
            "ticket.subject": "Returning a jacket",
            "ticket.requester": {**requester, "externalId": None},
            "currentUser": agent,
            "ticket.comments": [
                {"id": 1, "value": "<p>Hi, I bought a jacket.</p>", "author": requester},
                {"id": 2, "value": "<p>Hello! How can I help?</p>", "author": agent},
                {"id": 3, "value": f"<div class='zd-comment'><p>{QUESTION}</p></div>", "author": requester},
            ],
        }
    }


def install_zendesk(api_url: str, state: HostState, host: str, token: str, tmp_path: Path) -> None:
    """Upload the packaged app: Zendesk serves its files from another origin and keeps its settings."""
    packaged = package_app("zendesk", tmp_path / "app-files", url=api_url)
    state.manifest = json.loads((packaged.folder / "manifest.json").read_text())
    state.settings = {"drafter_url": api_url, "api_token": token}
    state.app_url = f"{host}/app-files/zendesk/assets/iframe.html"
    state.context["zendesk"] = zendesk_ticket()


def test_zendesk_app_inserts_the_draft_and_records_what_was_sent(
    world: tuple[Api, HostState, str], browser: Any, runtime: Runtime, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    api, state, host = world
    token = app_token(runtime, "zendesk")
    install_zendesk(api.base_url, state, host, token, tmp_path)
    page = new_page(browser)
    page.goto(other_origin(host) + "/zendesk/")
    app = page.frame_locator("#app-frame")
    expect(app.locator("#context")).to_contain_text("Returning a jacket")

    app.locator("#draft-button").click()
    draft_text = app.get_by_test_id("draft-text")
    expect(draft_text).to_have_value(re.compile("30 days"), timeout=60_000)
    assert draft_text.input_value().startswith(("Hi Noor", "Hello Noor", "Dear Noor"))
    app.locator("details.citation summary").first.click()
    expect(app.locator("details.citation p").first).to_contain_text("within 30 days")
    screenshot(page, tmp_path, "zendesk-panel")

    app.locator("#deliver-button").click()
    expect(page.locator("#editor")).to_have_value(draft_text.input_value())
    page.locator("#editor").press("End")
    page.locator("#editor").type(" Have a good day!")
    page.locator("#submit").click()
    expect(page.locator("#host-status")).to_have_text("Ticket updated")
    expect(app.locator("#status")).to_contain_text("Feedback recorded: edited")
    record = only_feedback(runtime)
    assert record.outcome == "edited" and record.final_text.endswith("Have a good day!")
    assert record.final_text == page.evaluate("window.submitted")

    # Every call went through Zendesk's proxy with the secure setting's placeholder; the token
    # itself never reached the browser: not in the host page, the app's frame, or any message.
    assert {o["headers"]["Authorization"] for o in state.proxied} == {"Bearer {{setting.api_token}}"}
    assert all(o["secure"] is True and o["cors"] is False for o in state.proxied)
    frame = next(f for f in page.frames if "/app-files/zendesk/" in f.url)
    seen = page.content() + frame.content() + json.dumps(page.evaluate("window.hostLog"))
    assert token not in seen


def test_zendesk_app_explains_a_ticket_it_cannot_read(
    world: tuple[Api, HostState, str], browser: Any, runtime: Runtime, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    api, state, host = world
    install_zendesk(api.base_url, state, host, app_token(runtime, "zendesk"), tmp_path)
    del state.context["zendesk"]["paths"]["ticket.comments"]
    page = new_page(browser)
    page.goto(other_origin(host) + "/zendesk/")
    app = page.frame_locator("#app-frame")
    expect(app.locator("#status")).to_contain_text("Zendesk could not give the ticket (ticket.comments)")
    expect(app.locator("#retry-button")).to_be_visible()


def test_zendesk_app_keeps_working_while_drafter_is_down(
    world: tuple[Api, HostState, str], browser: Any, runtime: Runtime, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    _, state, host = world
    port = free_port()
    down_url = f"http://127.0.0.1:{port}"
    install_zendesk(down_url, state, host, app_token(runtime, "zendesk"), tmp_path)
    page = new_page(browser)
    page.goto(other_origin(host) + "/zendesk/")
    app = page.frame_locator("#app-frame")
    expect(app.locator("#context")).to_contain_text("Returning a jacket")
    app.locator("#draft-button").click()
    expect(app.locator("#status")).to_contain_text("drafter is not available")
    expect(app.locator("#status")).to_contain_text("Zendesk page keeps working")
    expect(app.locator("#retry-button")).to_be_visible()
    screenshot(page, tmp_path, "zendesk-drafter-down")
    # The agent's own page still works: the ticket can be answered by hand.
    page.locator("#editor").fill("I'll check and get back to you.")
    page.locator("#submit").click()
    expect(page.locator("#host-status")).to_have_text("Ticket updated")

    with running_api(runtime, port=port):
        app.locator("#retry-button").click()
        expect(app.get_by_test_id("draft-text")).to_have_value(re.compile("30 days"), timeout=60_000)
        expect(app.locator("#retry-button")).to_be_hidden()
        # The agent already answered by hand: the draft is discarded, and that is feedback too.
        app.locator("#discard-button").click()
        expect(app.locator("#status")).to_contain_text("Feedback recorded: rejected")
    record = only_feedback(runtime)
    assert record.outcome == "rejected" and record.final_text is None
