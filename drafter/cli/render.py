"""Print a draft for a person: reply, citations, principles, customer facts, warnings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from drafter.domain import Draft, Passage


def draft_panel(draft: Draft, *, title: str) -> Panel:
    """A panel showing a draft and why it says what it says."""
    parts: list[Text | Table] = [Text(draft.text)]
    if draft.citations:
        cites = Text("\nSources:\n", style="bold")
        for number, citation in enumerate(draft.citations, start=1):
            cites.append(f"  [{number}] {citation.title} ({citation.chunk_id})\n", style="cyan")
        parts.append(cites)
    principles = Text("Principles: ", style="bold")
    principles.append("; ".join(f"{p.name} ({p.reason})" for p in draft.principles))
    parts.append(principles)
    if draft.customer_facts:
        facts = Text("\nCustomer facts used: ", style="bold")
        facts.append("; ".join(draft.customer_facts))
        parts.append(facts)
    for warning in draft.warnings:
        parts.append(Text(f"\n! {warning.code}: {warning.message}", style="yellow"))
    footer = f"{draft.backend} · {draft.timings.get('total_ms', 0):.0f} ms"
    return Panel(Group(*parts), title=title, subtitle=footer, expand=True)


def explain_table(passages: list[Passage]) -> Table:
    """What was retrieved, with scores."""
    table = Table(title="Retrieved", show_lines=False)
    table.add_column("score", justify="right")
    table.add_column("source")
    table.add_column("id")
    table.add_column("text")
    for passage in passages:
        snippet = " ".join(passage.text.split())[:90]
        table.add_row(f"{passage.score:.3f}", passage.source, passage.chunk_id, snippet)
    return table


def print_draft(console: Console, draft: Draft, *, title: str, explain: bool = False) -> None:
    """Print a draft, and the retrieval behind it when asked."""
    console.print(draft_panel(draft, title=title), soft_wrap=False)
    if explain:
        console.print(explain_table(draft.passages), soft_wrap=False)
