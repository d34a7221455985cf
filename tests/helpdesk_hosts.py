"""The helpdesks' side of their app protocols, for browser tests of drafter's sidebar apps.

Each host page frames an app and speaks to it as the helpdesk does (pages in
`tests/fixtures/hosts/`). Zendesk's request proxy runs here on the server, as it does on Zendesk's:
it fills `{{setting.NAME}}` placeholders from the installation's settings, secure ones included,
only for domains in the manifest's `domainWhitelist`, so the app token never reaches a browser.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

PAGES = Path(__file__).parent / "fixtures" / "hosts"
_SETTING = re.compile(r"\{\{setting\.([A-Za-z0-9_]+)\}\}")


@dataclass
class HostState:
    """What the helpdesk knows: the ticket it shows and the app installation's settings."""

    context: dict[str, Any] = field(default_factory=dict)
    """Per host page: the data it gives the app (ZAF paths, Help Scout context, Chatwoot appContext)."""
    app_url: str = ""
    """The app's URL as the helpdesk frames it."""
    manifest: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    """Installation settings, secure ones included; only non-secure ones reach the browser."""
    proxied: list[dict[str, Any]] = field(default_factory=list)
    """Requests the proxy forwarded (as the app asked for them, before settings were filled in)."""

    def public_settings(self) -> dict[str, str]:
        secure = {p["name"] for p in self.manifest.get("parameters", []) if p.get("secure")}
        return {k: v for k, v in self.settings.items() if k not in secure}


def _fill_settings(text: str, state: HostState) -> str:
    return _SETTING.sub(lambda m: state.settings.get(m.group(1), ""), text)


async def _zendesk_proxy(request: Request) -> Response:
    """Zendesk's proxy for `client.request` with `cors: false`: forward, filling secure settings."""
    state: HostState = request.app.state.host
    options = await request.json()
    state.proxied.append(options)
    url = str(options["url"])
    headers = {str(k): str(v) for k, v in (options.get("headers") or {}).items()}
    if options.get("secure"):
        if urlsplit(url).hostname not in state.manifest.get("domainWhitelist", []):
            return JSONResponse({"status": 403, "responseText": "domain not whitelisted"})
        headers = {k: _fill_settings(v, state) for k, v in headers.items()}
        url = _fill_settings(url, state)
    if options.get("contentType"):
        headers["Content-Type"] = str(options["contentType"])
    try:
        async with httpx.AsyncClient(timeout=float(options.get("timeout", 60000)) / 1000) as client:
            answer = await client.request(
                str(options.get("type", "GET")), url, headers=headers, content=options.get("data")
            )
    except httpx.HTTPError:
        # The proxy could not reach the app's server: Zendesk answers the app with a gateway error.
        return JSONResponse({"status": 502, "responseText": ""})
    return JSONResponse({"status": answer.status_code, "responseText": answer.text})


def _page(name: str):  # type: ignore[no-untyped-def]
    async def render(request: Request) -> HTMLResponse:
        state: HostState = request.app.state.host
        html = (PAGES / f"{name}.html").read_text(encoding="utf-8")
        host = {
            "context": state.context,
            "appUrl": state.app_url,
            "settings": state.public_settings(),
        }
        # Embedded as data: `</` escaped so ticket text cannot close the script element.
        return HTMLResponse(html.replace("__HOST__", json.dumps(host).replace("</", "<\\/")))

    return render


def host_app(state: HostState, app_files: Path | None = None) -> Starlette:
    """The helpdesk host: pages at /zendesk/, /helpscout/, /chatwoot/, Zendesk's proxy, and
    packaged app files at /app-files/ (where Zendesk, or an admin's own host, serves them)."""
    routes: list[Route | Mount] = [
        Route("/zendesk/", _page("zendesk")),
        Route("/helpscout/", _page("helpscout")),
        Route("/chatwoot/", _page("chatwoot")),
        Route("/zendesk/proxy", _zendesk_proxy, methods=["POST"]),
    ]
    if app_files is not None:
        routes.append(Mount("/app-files", StaticFiles(directory=app_files)))
    app = Starlette(routes=routes)
    app.state.host = state
    return app
