"""The agent's Draft reply page, end to end in a real headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from drafter.runtime import Runtime
from drafter.store import DraftStore
from tests.api_server import running_api

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)"
)
# Without these, Chromium keeps trying to reach Google's services on a closed network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_agent_drafts_reviews_and_accepts_a_reply(runtime: Runtime, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with running_api(runtime) as api, api.client(api.key_a) as client:
        client.put(
            "/v1/knowledge/documents/returns",
            json={"title": "Returns", "text": "Unused items can be returned within 30 days of delivery."},
        )
        client.put("/v1/customers/c-9", json={"name": "Noor Haddad"})
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(api.base_url + "/")
            page.fill("#api-key", api.key_a)
            page.dispatch_event("#api-key", "change")
            page.fill("#customer", "c-9")
            page.fill("#ticket-text", "Can I still return the jacket I got last week?")
            page.click("#draft-button")

            expect(page.locator("#status")).to_contain_text("Draft ready", timeout=60_000)
            assert "30 days" in page.input_value("#draft-text")
            assert page.input_value("#draft-text").startswith(("Hi Noor", "Hello Noor", "Dear Noor"))
            citation = page.locator("details.citation").first
            expect(citation).to_contain_text("Returns")
            citation.locator("summary").click()
            expect(citation.locator("p")).to_contain_text("within 30 days")
            expect(page.locator("#check-first")).to_be_visible()
            page.click("#all-grades summary")
            expect(page.locator("#scorecard .score").first).to_be_visible()
            assert page.locator("#scorecard .score").count() >= 10
            # A calm ask needs no empathy: n/a, not a low bar. Each grade says what it means, a learned
            # one with its agreement with people.
            assert "n/a" in page.locator('#scorecard .score[data-name="empathy"]').inner_text()
            assert "with people on" in page.locator('#scorecard .score[data-name="politeness"]').inner_text()
            shots = Path(os.environ.get("DRAFTER_TEST_SCREENSHOTS") or tmp_path)
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "agent-page.png"), full_page=True)

            page.click("#accept-button")
            expect(page.locator("#status")).to_contain_text("Feedback recorded: accepted")
            browser.close()
    drafts = DraftStore(runtime.engine, tenant="acme")
    [record] = [f for f in drafts.feedback() if f.outcome == "accepted"]
    assert "30 days" in (record.final_text or "")
    assert (shots / "agent-page.png").stat().st_size > 10_000
