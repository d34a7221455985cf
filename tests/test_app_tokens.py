"""App tokens: draft-only, per tenant and helpdesk, refused elsewhere and from origins not allowed."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from drafter.api.auth import APP_TOKEN_ROUTES
from drafter.cli import main
from drafter.config import load_settings
from drafter.errors import ConfigError, InputError
from drafter.runtime import Runtime
from drafter.store import DraftStore, KeyStore
from tests.api_server import Api, running_api
from tests.test_api_tenants import PROBES

ZENDESK = "https://acme.zendesk.com"


@pytest.fixture
def api(runtime: Runtime) -> Iterator[Api]:
    runtime.settings = runtime.settings.model_copy(update={"app_origins": [ZENDESK]})
    with running_api(runtime) as served, served.client(served.key_a) as acme:
        acme.put(
            "/v1/knowledge/documents/returns", json={"title": "Returns", "text": "Returns take 30 days."}
        )
        yield served


def test_an_app_token_drafts_and_records_feedback_for_its_tenant(api: Api, runtime: Runtime) -> None:
    _, token = KeyStore(runtime.engine).create("acme", scope="app", helpdesk="chatwoot")
    with api.client(token) as app:
        draft = app.post("/v1/drafts", json={"text": "How long do returns take?"})
        assert draft.status_code == 200, draft.text
        assert "30 days" in draft.json()["text"]
        draft_id = draft.json()["id"]
        assert app.get(f"/v1/drafts/{draft_id}").status_code == 200
        assert app.post(f"/v1/drafts/{draft_id}/rewrite", json={"operation": "shorter"}).status_code == 200
        feedback = app.post(f"/v1/drafts/{draft_id}/feedback", json={"outcome": "accepted"})
        assert feedback.status_code == 201, feedback.text
    [record] = DraftStore(runtime.engine, tenant="acme").feedback(draft_id)
    assert record.outcome == "accepted"


def test_an_app_token_is_refused_on_every_other_endpoint(api: Api, runtime: Runtime) -> None:
    _, token = KeyStore(runtime.engine).create("acme", scope="app", helpdesk="zendesk")
    ids = {"doc": "returns", "customer": "c-1", "draft": "d-1"}
    others = {route: probe for route, probe in PROBES.items() if route not in APP_TOKEN_ROUTES}
    assert len(others) >= 15  # knowledge, customers, webhooks, analytics, settings, samples...
    with api.client(token) as app:
        for route, probe in others.items():
            response = probe(app, ids)
            assert response.status_code == 403, (route, response.status_code, response.text)
            assert response.json()["error"] == "forbidden"
            assert "only draft" in response.json()["message"]
    with api.client(api.key_a) as acme:
        assert "Returns take 30 days." in acme.get("/v1/knowledge/documents/returns").text
        assert acme.get("/v1/customers").json() == []


def test_a_page_from_an_origin_not_allowed_is_refused(api: Api, runtime: Runtime) -> None:
    _, token = KeyStore(runtime.engine).create("acme", scope="app", helpdesk="zendesk")
    body = {"text": "How long do returns take?"}
    with api.client(token) as app:
        evil = app.post("/v1/drafts", json=body, headers={"Origin": "https://evil.example"})
        assert evil.status_code == 403
        assert "DRAFTER_APP_ORIGINS" in evil.json()["message"]
        assert "access-control-allow-origin" not in evil.headers
        allowed = app.post("/v1/drafts", json=body, headers={"Origin": ZENDESK})
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == ZENDESK
        # drafter's own app pages call it from its own origin.
        own = app.post("/v1/drafts", json=body, headers={"Origin": api.base_url})
        assert own.status_code == 200
        # The browser's preflight is answered for listed origins only.
        preflight = {
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        }
        ok = app.options("/v1/drafts", headers={"Origin": ZENDESK, **preflight})
        assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == ZENDESK
        refused = app.options("/v1/drafts", headers={"Origin": "https://evil.example", **preflight})
        assert "access-control-allow-origin" not in refused.headers
    with api.client(api.key_a) as acme:
        # A full API key is for servers; origins do not restrict it.
        assert (
            acme.post("/v1/drafts", json=body, headers={"Origin": "https://evil.example"}).status_code == 200
        )


def test_a_revoked_app_token_is_refused(api: Api, runtime: Runtime) -> None:
    keys = KeyStore(runtime.engine)
    key_id, token = keys.create("acme", scope="app", helpdesk="helpscout")
    [info] = [k for k in keys.list("acme") if k.key_id == key_id]
    assert (info.scope, info.helpdesk) == ("app", "helpscout")
    keys.revoke(key_id)
    with api.client(token) as app:
        assert app.post("/v1/drafts", json={"text": "Returns?"}).status_code == 401


def test_an_app_token_needs_one_known_helpdesk(runtime: Runtime) -> None:
    keys = KeyStore(runtime.engine)
    with pytest.raises(InputError, match="one helpdesk"):
        keys.create("acme", scope="app")
    with pytest.raises(InputError, match="one helpdesk"):
        keys.create("acme", scope="app", helpdesk="freshdesk")
    with pytest.raises(InputError, match="only app tokens"):
        keys.create("acme", helpdesk="zendesk")


def test_keys_create_prints_the_app_token_alone_on_its_last_line(
    runtime: Runtime, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["keys", "create", "--tenant", "acme", "--scope", "app", "--helpdesk", "chatwoot"])
    token = capsys.readouterr().out.strip().splitlines()[-1]
    caller = KeyStore(runtime.engine).caller(token)
    assert caller is not None and (caller.tenant, caller.scope, caller.helpdesk) == (
        "acme",
        "app",
        "chatwoot",
    )
    main(["keys", "list", "--tenant", "acme"])
    assert "app (chatwoot)" in capsys.readouterr().out


def test_the_api_reference_lists_the_app_token_scope(api: Api) -> None:
    spec = httpx.get(f"{api.base_url}/openapi.json").json()
    assert "App tokens" in spec["info"]["description"]
    assert "POST /v1/drafts/{id}/feedback" in spec["info"]["description"]
    assert "app token" in spec["components"]["securitySchemes"]["HTTPBearer"]["description"]


def test_app_origins_are_read_comma_separated_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_APP_ORIGINS", "https://Acme.zendesk.com/, http://localhost:3000")
    assert load_settings().app_origins == ["https://acme.zendesk.com", "http://localhost:3000"]
    monkeypatch.setenv("DRAFTER_APP_ORIGINS", "https://acme.zendesk.com/agent/tickets")
    with pytest.raises(ConfigError, match=r"DRAFTER_APP_ORIGINS: .*scheme and host only"):
        load_settings()
    monkeypatch.delenv("DRAFTER_APP_ORIGINS")
    assert load_settings().app_origins == []
