"""`drafter draft` and `drafter demo`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from drafter.cli.common import console, runtime
from drafter.cli.render import print_draft
from drafter.domain import Ticket
from drafter.drafting import check_ticket
from drafter.errors import DataFileError, InputError
from drafter.ingest.loaders import LoadProblems, iter_jsonl, read_text


def _ticket_from_file(path: Path) -> Ticket:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{str(path)!r}: not JSON (line {exc.lineno}): {exc.msg}") from exc
    return _validate_ticket(data, where=str(path))


def _validate_ticket(data: object, *, where: str) -> Ticket:
    try:
        return Ticket.model_validate(data)
    except ValidationError as exc:
        fields = ", ".join(".".join(map(str, e["loc"])) or "ticket" for e in exc.errors())
        raise InputError(f"{where}: not a ticket (check {fields})") from exc


def draft_command(
    ticket: Annotated[str | None, typer.Option("--ticket", help="The customer's message.")] = None,
    ticket_file: Annotated[
        Path | None, typer.Option("--ticket-file", help="JSON ticket: text, subject, conversation...")
    ] = None,
    customer: Annotated[str | None, typer.Option("--customer", help="Customer id.")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="Ticket subject.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Draft as JSON.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show what was retrieved.")] = False,
) -> None:
    """Draft a reply to one ticket."""
    if (ticket is None) == (ticket_file is None):
        raise typer.BadParameter("give exactly one of --ticket or --ticket-file")
    parsed = (
        _ticket_from_file(ticket_file)
        if ticket_file
        else _validate_ticket({"text": ticket}, where="--ticket")
    )
    overrides = {"customer_id": customer, "subject": subject}
    parsed = parsed.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    result = runtime().draft_service().draft(parsed)
    if as_json:
        print(result.model_dump_json(indent=2))
    else:
        print_draft(console, result, title="Draft", explain=explain)


def demo_command(
    tickets: Annotated[Path, typer.Argument(help="JSONL of sample tickets.")] = Path(
        "knowledge/tickets.jsonl"
    ),
    explain: Annotated[bool, typer.Option("--explain", help="Show what was retrieved.")] = False,
) -> None:
    """Draft replies to every sample ticket and print them."""
    service = runtime().draft_service()
    problems = LoadProblems()
    for number, obj in iter_jsonl(tickets, problems=problems):
        try:
            ticket = _validate_ticket(obj, where=f"{tickets}:{number}")
            check_ticket(ticket, service.limits)
        except InputError as exc:
            # One bad line is reported with the others at the end; the rest are still drafted.
            problems.add(f"{tickets}:{number}", str(exc).removeprefix(f"{tickets}:{number}: "))
            continue
        label = obj.get("ticket_id", f"line {number}")
        console.rule(f"[bold]{label}[/] · customer {ticket.customer_id or 'unknown'}")
        console.print(f"[dim]Subject:[/] {ticket.subject or '-'}")
        console.print(f"[dim]Customer wrote:[/] {ticket.text}\n", highlight=False)
        print_draft(console, service.draft(ticket), title=f"Draft for {label}", explain=explain)
    for item in problems.items:
        console.print(f"[yellow]skipped[/] {item}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the commands to the CLI."""
    app.command("draft")(draft_command)
    app.command("demo")(demo_command)
