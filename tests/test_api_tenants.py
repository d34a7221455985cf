"""No request with one tenant's key reads, searches, drafts from or changes another tenant's data."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from drafter.runtime import Runtime
from drafter.store import DraftStore
from tests.api_server import Api, running_api

SECRET = "Platinum members get a secret 90 day return window."
Probe = Callable[[httpx.Client, dict[str, str]], httpx.Response]


@pytest.fixture
def world(runtime: Runtime) -> Iterator[tuple[Api, dict[str, str]]]:
    """Tenant acme with a document, a customer with history, and a draft; globex with nothing."""
    with running_api(runtime) as api, api.client(api.key_a) as acme:
        acme.put("/v1/knowledge/documents/vip", json={"title": "VIP returns", "text": SECRET})
        acme.put("/v1/customers/cust-a", json={"name": "Ada Secret", "tier": "platinum"})
        acme.post("/v1/customers/cust-a/events", json={"events": [{"text": "My VIP order A-1 was late."}]})
        draft = acme.post(
            "/v1/drafts", json={"text": "What is the VIP return window?", "customer_id": "cust-a"}
        )
        acme.put("/v1/helpdesks/zendesk", json={"url": "https://acme.zendesk.com", "token": SECRET})
        ids = {"doc": "vip", "customer": "cust-a", "draft": draft.json()["id"]}
        yield api, ids


# Every endpoint, called by globex against acme's ids. Keyed by (method, route) so the test
# below fails when an endpoint is added without a probe here.
PROBES: dict[tuple[str, str], Probe] = {
    ("POST", "/v1/drafts"): lambda c, i: c.post(
        "/v1/drafts", json={"text": "VIP return window?", "customer_id": i["customer"]}
    ),
    ("GET", "/v1/drafts/{draft_id}"): lambda c, i: c.get(f"/v1/drafts/{i['draft']}"),
    ("POST", "/v1/drafts/{draft_id}/rewrite"): lambda c, i: c.post(
        f"/v1/drafts/{i['draft']}/rewrite", json={"operation": "shorter"}
    ),
    ("GET", "/v1/drafts/{draft_id}/feedback"): lambda c, i: c.get(f"/v1/drafts/{i['draft']}/feedback"),
    ("POST", "/v1/drafts/{draft_id}/feedback"): lambda c, i: c.post(
        f"/v1/drafts/{i['draft']}/feedback", json={"outcome": "rejected"}
    ),
    ("PUT", "/v1/knowledge/documents/{doc_id}"): lambda c, i: c.put(
        f"/v1/knowledge/documents/{i['doc']}", json={"title": "x", "text": "Overwritten."}
    ),
    ("POST", "/v1/knowledge/documents:batch"): lambda c, i: c.post(
        "/v1/knowledge/documents:batch",
        json={"documents": [{"doc_id": i["doc"], "title": "x", "text": "Overwritten."}]},
    ),
    ("DELETE", "/v1/knowledge/documents/{doc_id}"): lambda c, i: c.delete(
        f"/v1/knowledge/documents/{i['doc']}"
    ),
    ("GET", "/v1/knowledge/documents"): lambda c, i: c.get("/v1/knowledge/documents"),
    ("GET", "/v1/knowledge/documents/{doc_id}"): lambda c, i: c.get(f"/v1/knowledge/documents/{i['doc']}"),
    ("GET", "/v1/knowledge/search"): lambda c, i: c.get(
        "/v1/knowledge/search", params={"q": "VIP return window"}
    ),
    ("GET", "/v1/customers"): lambda c, i: c.get("/v1/customers"),
    ("GET", "/v1/customers/{customer_id}"): lambda c, i: c.get(f"/v1/customers/{i['customer']}"),
    ("PUT", "/v1/customers/{customer_id}"): lambda c, i: c.put(
        f"/v1/customers/{i['customer']}", json={"name": "Mallory"}
    ),
    ("POST", "/v1/customers/{customer_id}/events"): lambda c, i: c.post(
        f"/v1/customers/{i['customer']}/events", json={"events": [{"text": "injected"}]}
    ),
    ("POST", "/v1/webhooks/{helpdesk}"): lambda c, i: c.post(
        "/v1/webhooks/zendesk",
        json={"ticket": {"id": 1, "description": "VIP return window?", "requester": {"id": i["customer"]}}},
    ),
    ("GET", "/v1/helpdesks"): lambda c, i: c.get("/v1/helpdesks"),
    ("PUT", "/v1/helpdesks/{helpdesk}"): lambda c, i: c.put(
        "/v1/helpdesks/zendesk", json={"url": "https://globex.zendesk.com", "token": "globex"}
    ),
    ("DELETE", "/v1/helpdesks/{helpdesk}"): lambda c, i: c.delete("/v1/helpdesks/zendesk"),
    ("GET", "/v1/analytics"): lambda c, i: c.get("/v1/analytics"),
    ("GET", "/v1/settings"): lambda c, i: c.get("/v1/settings"),
    ("PUT", "/v1/settings"): lambda c, i: c.put("/v1/settings", json={"learn_from_feedback": True}),
    ("GET", "/v1/samples/tickets"): lambda c, i: c.get("/v1/samples/tickets"),
}
PUBLIC = {("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics")}


def test_every_endpoint_has_an_isolation_probe(world: tuple[Api, dict[str, str]]) -> None:
    api, _ = world
    spec = httpx.get(f"{api.base_url}/openapi.json").json()
    routes = {(m.upper(), path) for path, ops in spec["paths"].items() for m in ops}
    assert routes - PUBLIC == set(PROBES), "add a probe for each new endpoint"


def test_another_tenant_sees_and_changes_nothing(world: tuple[Api, dict[str, str]], runtime: Runtime) -> None:
    api, ids = world
    with api.client(api.key_b) as globex:
        for (method, route), probe in PROBES.items():
            response = probe(globex, ids)
            assert response.status_code < 500, (method, route, response.text)
            assert SECRET not in response.text, (method, route)
            assert "Ada Secret" not in response.text, (method, route)
            assert "A-1" not in response.text, (method, route)

    with api.client(api.key_a) as acme:
        doc = acme.get("/v1/knowledge/documents/vip")
        assert doc.status_code == 200 and SECRET in doc.text, "acme's document is untouched"
        customer = acme.get("/v1/customers/cust-a").json()
        assert customer["profile"]["name"] == "Ada Secret" and customer["events"] == 1
        assert DraftStore(runtime.engine, tenant="acme").feedback(ids["draft"]) == []
        assert [(c["helpdesk"], c["url"]) for c in acme.get("/v1/helpdesks").json()] == [
            ("zendesk", "https://acme.zendesk.com")
        ], "globex's credentials are its own"
        # globex's own writes landed in globex's partition, not acme's.
        assert acme.get("/v1/customers").json() == ["cust-a"]
    with api.client(api.key_b) as globex:
        assert globex.get("/v1/customers").json() == ["cust-a"]
        assert globex.get(f"/v1/customers/{ids['customer']}").json()["profile"]["name"] == "Mallory"


def test_auth_off_serves_the_configured_tenant_only(runtime: Runtime) -> None:
    runtime.settings = runtime.settings.model_copy(update={"auth": "off", "tenant": "acme"})
    with running_api(runtime) as api, api.client(api.key_b) as acme_by_default, api.client() as anonymous:
        acme_by_default.put("/v1/knowledge/documents/a", json={"title": "A", "text": "Alpha facts here."})
        assert [d["doc_id"] for d in anonymous.get("/v1/knowledge/documents").json()] == ["a"]
