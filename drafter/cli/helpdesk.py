"""`drafter helpdesk`: a tenant's helpdesk credentials (set, list, remove); tokens are never printed."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import SecretStr
from rich.table import Table

from drafter.cli.common import console, runtime
from drafter.errors import NotFoundError
from drafter.helpdesks import HELPDESKS, check_url, get_helpdesk
from drafter.store import check_tenant
from drafter.store.helpdesk_credentials import HelpdeskCredentials, HelpdeskCredentialStore

app = typer.Typer(
    help="Each tenant's helpdesk credentials: its webhooks post notes with these only.", no_args_is_help=True
)
TenantOption = Annotated[str, typer.Option(help="Tenant the credentials belong to.")]


def _store(tenant: str) -> HelpdeskCredentialStore:
    return HelpdeskCredentialStore(runtime().engine, tenant=check_tenant(tenant))


@app.command("set")
def set_credentials(
    name: Annotated[str, typer.Argument(help=f"One of {', '.join(HELPDESKS)}.")],
    tenant: TenantOption,
    url: Annotated[str, typer.Option(help="The helpdesk's API base URL, e.g. https://acme.zendesk.com.")],
    token: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            envvar="DRAFTER_HELPDESK_TOKEN",
            help="Prompted for, or read from DRAFTER_HELPDESK_TOKEN: keeps it out of shell history.",
        ),
    ],
) -> None:
    """Store the URL and token a tenant's webhooks post notes with."""
    desk = get_helpdesk(name)
    rt = runtime()
    checked = check_url(url, allow_http=rt.settings.helpdesk_allow_http)
    store = HelpdeskCredentialStore(rt.engine, tenant=check_tenant(tenant))
    info = store.set(desk.name, HelpdeskCredentials(checked, SecretStr(token.strip())))
    console.print(
        f"{desk.title} credentials set for tenant {tenant!r}: {info.url}, token {info.token_hint}",
        highlight=False,
    )


@app.command("list")
def list_credentials(tenant: TenantOption) -> None:
    """The helpdesks a tenant has credentials for (URL and the token's last characters)."""
    table = Table("helpdesk", "url", "token", "updated")
    for info in _store(tenant).list():
        table.add_row(info.helpdesk, info.url, info.token_hint, f"{info.updated_at:%Y-%m-%d %H:%M}")
    console.print(table)


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The helpdesk.")], tenant: TenantOption) -> None:
    """Forget a tenant's credentials for a helpdesk; its webhooks then post no notes."""
    desk = get_helpdesk(name)
    if not _store(tenant).delete(desk.name):
        raise NotFoundError(f"tenant {tenant!r} has no {desk.name} credentials")
    console.print(f"removed {desk.title} credentials of tenant {tenant!r}", highlight=False)
