"""`drafter models build|status|reembed`: the embedding models' local conversions and the store they fill."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.common import console, err_console, progress_bar, runtime
from drafter.config import get_settings
from drafter.embeddings.e5 import build_e5_model
from drafter.embeddings.onnx import OnnxPrecision, build_onnx_model
from drafter.errors import ConfigError
from drafter.ingest.reembed import count_to_reembed, reembed
from drafter.store.chroma import embedders_with_data

app = typer.Typer(help="The bundled embedding models and the store they fill.", no_args_is_help=True)


@app.command("build")
def build(
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Target folder (default: DRAFTER_MODEL_CACHE_DIR).")
    ] = None,
) -> None:
    """Convert the bundled models to ONNX (MiniLM float and int8, multilingual E5 int8); kept when there."""
    target = directory or get_settings().resolved_model_cache_dir
    precisions: tuple[OnnxPrecision, ...] = ("fp32", "int8")
    for precision in precisions:
        path = build_onnx_model(target, precision)
        console.print(f"minilm {precision}: {path} ({path.stat().st_size / 1e6:.0f} MB)", highlight=False)
    model = build_e5_model(target).model
    console.print(f"e5small int8: {model} ({model.stat().st_size / 1e6:.0f} MB)", highlight=False)


@app.command("status")
def status(
    tenant: Annotated[str | None, typer.Option("--tenant", help="Tenant (default: DRAFTER_TENANT).")] = None,
) -> None:
    """Which model this deployment embeds with, and which models the tenant's store holds vectors of."""
    rt = runtime()
    name = tenant or rt.settings.tenant
    active = rt.embedder.name
    console.print(f"embedding with: {active} (DRAFTER_EMBEDDING_BACKEND={rt.settings.embedding_backend})")
    for kind, label in (("kb", "knowledge chunks"), ("history", "history events"), ("examples", "examples")):
        found = embedders_with_data(rt.chroma, kind, name)
        listed = ", ".join(f"{tag}: {count}" for tag, count in sorted(found.items())) or "none"
        console.print(f"{label} of {name}: {listed}", highlight=False)
    others = set(embedders_with_data(rt.chroma, "kb", name)) - {active}
    if others:
        console.print(f"run `drafter models reembed --from {sorted(others)[0]}` to embed them with {active}")


@app.command("reembed")
def reembed_command(
    source: Annotated[str, typer.Option("--from", help="Model tag the store was embedded with: minilm.")],
    tenant: Annotated[str | None, typer.Option("--tenant", help="Tenant (default: DRAFTER_TENANT).")] = None,
) -> None:
    """Embed the tenant's knowledge, history and examples with the configured model, from another's.

    The other model's collections are only read (texts and metadata) and stay as they were, so
    switching back costs nothing; the new collections never receive another model's vectors.
    """
    rt = runtime()
    name = tenant or rt.settings.tenant
    stores = rt.stores(name)
    if source == stores.knowledge.embedder.name:
        raise ConfigError(f"the store is already embedded with {source}; set DRAFTER_EMBEDDING_BACKEND first")
    total = count_to_reembed(rt.chroma, name, source)
    if not total:
        raise ConfigError(f"tenant {name!r} has nothing embedded with {source!r} (`drafter models status`)")
    with progress_bar(f"re-embedding with {stores.knowledge.embedder.name}") as bar:
        bar.total(total)
        report = reembed(
            rt.chroma,
            name,
            source,
            knowledge=stores.knowledge,
            history=stores.history,
            examples=stores.examples,
            batch_size=rt.settings.embedding_batch_size,
            on_progress=bar.advance,
        )
        bar.advance(report.already_there)
    err_console.print(
        f"{name}: {report.chunks} chunks, {report.events} history events, {report.examples} examples "
        f"embedded with {stores.knowledge.embedder.name}; {report.already_there} were already there",
        highlight=False,
    )
