"""`drafter models build|status|reembed`: the embedding models' local conversions and the store they fill."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.common import console, err_console, progress_bar, runtime
from drafter.config import get_settings
from drafter.embeddings import Embedder
from drafter.embeddings.e5 import build_e5_model
from drafter.embeddings.onnx import OnnxPrecision, build_onnx_model
from drafter.errors import ConfigError
from drafter.ingest.reembed import count_to_reembed, reembed
from drafter.runtime import Runtime
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
    """Which models this deployment embeds with, and which models the tenant's store holds vectors of."""
    rt = runtime()
    s = rt.settings
    name = tenant or s.tenant
    console.print(f"embedding with: {rt.embedder.name} (DRAFTER_EMBEDDING_BACKEND={s.embedding_backend})")
    routed = rt.non_english_embedder
    if routed is not None:
        console.print(
            f"tickets not in English: {routed.name} "
            f"(DRAFTER_NON_ENGLISH_EMBEDDING_BACKEND={s.non_english_embedding_backend})"
        )
    for kind, label in (("kb", "knowledge chunks"), ("history", "history events"), ("examples", "examples")):
        found = embedders_with_data(rt.chroma, kind, name)
        listed = ", ".join(f"{tag}: {count}" for tag, count in sorted(found.items())) or "none"
        console.print(f"{label} of {name}: {listed}", highlight=False)
    stored = embedders_with_data(rt.chroma, "kb", name)
    for embedder in rt.embedders:
        others = sorted(set(stored) - {embedder.name})
        if embedder.name not in stored and others:
            console.print(f"no {embedder.name} knowledge: run `drafter models reembed --from {others[0]}`")


def _target(rt: Runtime, source: str) -> Embedder:
    """The deployment's first model that is not `source` (the routed one when routing from the default)."""
    for embedder in rt.embedders:
        if embedder.name != source:
            return embedder
    raise ConfigError(
        f"the store is already embedded with {source}; set DRAFTER_EMBEDDING_BACKEND "
        "(or DRAFTER_NON_ENGLISH_EMBEDDING_BACKEND) first"
    )


@app.command("reembed")
def reembed_command(
    source: Annotated[str, typer.Option("--from", help="Model tag the store was embedded with: minilm.")],
    tenant: Annotated[str | None, typer.Option("--tenant", help="Tenant (default: DRAFTER_TENANT).")] = None,
) -> None:
    """Embed the tenant's knowledge, history and examples with a configured model, from another's.

    The target is the configured model, or with routing by language the model of the two that
    is not `--from`. The other model's collections are only read (texts and metadata) and stay
    as they were, so switching back costs nothing; the new collections never receive another
    model's vectors.
    """
    rt = runtime()
    name = tenant or rt.settings.tenant
    target = _target(rt, source)
    stores = rt.stores(name, embedder=target)
    total = count_to_reembed(rt.chroma, name, source)
    if not total:
        raise ConfigError(f"tenant {name!r} has nothing embedded with {source!r} (`drafter models status`)")
    with progress_bar(f"re-embedding with {target.name}") as bar:
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
        f"embedded with {target.name}; {report.already_there} were already there",
        highlight=False,
    )
