"""`drafter keys`: create, list and revoke API keys."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from drafter.cli.common import console, runtime
from drafter.store import KeyScope, KeyStore

app = typer.Typer(help="API keys and app tokens: each belongs to one tenant.", no_args_is_help=True)


@app.command("create")
def create(
    tenant: Annotated[str, typer.Option(help="Tenant the key acts for.")],
    scope: Annotated[
        KeyScope,
        typer.Option(help="full: every endpoint. app: a draft-only token for a helpdesk's sidebar app."),
    ] = "full",
    helpdesk: Annotated[
        str | None, typer.Option(help="With --scope app: zendesk, helpscout or chatwoot.")
    ] = None,
) -> None:
    """Create a key; it is printed once, alone on the last line, and stored only as a hash."""
    key_id, key = KeyStore(runtime().engine).create(tenant, scope=scope, helpdesk=helpdesk)
    kind = f"app token {key_id} ({helpdesk} app, drafting only)" if scope == "app" else f"key {key_id}"
    console.print(f"{kind} for tenant {tenant!r} (shown once; store it now):", highlight=False)
    print(key)


@app.command("list")
def list_keys(tenant: Annotated[str | None, typer.Option(help="Only this tenant's keys.")] = None) -> None:
    """List keys (ids, never the keys)."""
    table = Table("key id", "tenant", "scope", "created", "state")
    for info in KeyStore(runtime().engine).list(tenant):
        table.add_row(
            info.key_id,
            info.tenant,
            f"app ({info.helpdesk})" if info.scope == "app" else "full",
            f"{info.created_at:%Y-%m-%d %H:%M}",
            "revoked" if info.revoked else "live",
        )
    console.print(table)


@app.command("revoke")
def revoke(key: Annotated[str, typer.Argument(help="The key, or its id from `drafter keys list`.")]) -> None:
    """Revoke a key; requests with it get 401 from then on."""
    info = KeyStore(runtime().engine).revoke(key)
    console.print(f"revoked key {info.key_id} of tenant {info.tenant!r}", highlight=False)
