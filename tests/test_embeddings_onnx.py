"""The bundled MiniLM on ONNX Runtime: converted locally, same vector space as the torch model."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from drafter.config import load_settings
from drafter.embeddings import CachedEmbedder, Embedder, MiniLMEmbedder, make_embedder
from drafter.embeddings.onnx import OnnxMiniLMEmbedder, build_onnx_model, onnx_file_name
from drafter.errors import ConfigError
from drafter.store import KnowledgeIndex

TEXTS = [
    "Can I bring my dog to the hotel?",
    "Refunds are issued to the original payment method within five business days.",
    "ok",
    "The restaurant opens at noon on weekdays and serves breakfast all day on Sundays, "
    "with a set menu for groups larger than eight people booked at least two days ahead.",
    "Is there free parking?",
]


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One conversion (float and int8) shared by the module's tests."""
    cache = tmp_path_factory.mktemp("models")
    build_onnx_model(cache, "int8")
    return cache


@pytest.fixture(scope="session")
def torch_embedder() -> Embedder:
    """The bundled model on torch, the reference the ONNX forms must match."""
    return MiniLMEmbedder()


FP32, INT8 = onnx_file_name("fp32"), onnx_file_name("int8")


@pytest.mark.slow
def test_conversion_writes_both_files_once_and_leaves_no_partial_file(model_cache: Path) -> None:
    names = sorted(p.name for p in model_cache.iterdir() if not p.name.startswith("."))
    assert names == [FP32, INT8] and "0.1.0" in FP32
    fp32, int8 = model_cache / FP32, model_cache / INT8
    # int8 weights are a quarter of the float ones.
    assert int8.stat().st_size < fp32.stat().st_size / 3
    stamp = fp32.stat().st_mtime_ns
    assert build_onnx_model(model_cache, "fp32") == fp32
    assert fp32.stat().st_mtime_ns == stamp


@pytest.mark.slow
@pytest.mark.parametrize(("precision", "floor"), [("fp32", 0.9999), ("int8", 0.97)])
def test_onnx_vectors_match_the_torch_model(
    model_cache: Path, torch_embedder: Embedder, precision: str, floor: float
) -> None:
    onnx = OnnxMiniLMEmbedder(model_cache, precision=precision, batch_size=2)  # type: ignore[arg-type]
    ours, reference = onnx.embed(TEXTS), torch_embedder.embed(TEXTS)
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert float((ours * reference).sum(axis=1).min()) >= floor


@pytest.mark.slow
def test_batching_by_length_keeps_each_text_in_its_row(model_cache: Path) -> None:
    onnx = OnnxMiniLMEmbedder(model_cache, batch_size=2)
    together = onnx.embed(TEXTS)
    one_by_one = np.stack([onnx.embed([t])[0] for t in TEXTS])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)
    assert onnx.embed([]).shape == (0, 384)


@pytest.mark.slow
def test_int8_vectors_do_not_depend_on_what_else_is_embedded(model_cache: Path) -> None:
    # Its activations are quantized per run: batching would tie a vector to its batch-mates.
    onnx = OnnxMiniLMEmbedder(model_cache, precision="int8", batch_size=16)
    alone = onnx.embed(["Is there free parking?"])[0]
    for company in (TEXTS, ["ok", "Is there free parking?"]):
        row = company.index("Is there free parking?")
        np.testing.assert_array_equal(onnx.embed(company)[row], alone)


@pytest.mark.slow
def test_concurrent_first_use_converts_once(tmp_path: Path, model_cache: Path) -> None:
    # Seed the float file so the race is over the (fast) quantization step only.
    cache = tmp_path / "models"
    cache.mkdir()
    (cache / FP32).write_bytes((model_cache / FP32).read_bytes())
    results: list[Path] = []
    threads = [
        threading.Thread(target=lambda: results.append(build_onnx_model(cache, "int8"))) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [cache / INT8] * 3
    assert sorted(p.name for p in cache.iterdir()) == [".convert.lock", FP32, INT8]


@pytest.mark.slow
def test_runtime_setting_selects_onnx_and_shares_the_torch_collection(
    model_cache: Path, torch_embedder: Embedder
) -> None:
    import chromadb

    settings = load_settings(embedding_runtime="onnx-int8", model_cache_dir=model_cache)
    onnx = make_embedder(settings)
    assert isinstance(onnx, CachedEmbedder) and isinstance(onnx.inner, OnnxMiniLMEmbedder)
    assert onnx.inner.precision == "int8"
    assert make_embedder(settings) is onnx
    # Knowledge ingested with torch stays searchable after switching runtime: same collection.
    # A store of its own: an ephemeral client would clash with other tests' client settings.
    client = chromadb.PersistentClient(path=str(model_cache / "store"))
    written = KnowledgeIndex(client, torch_embedder, tenant="onnx-switch")
    written.upsert_chunks(
        ids=[f"c{i}" for i in range(len(TEXTS))],
        texts=TEXTS,
        metadatas=[{"doc_id": f"d{i}"} for i in range(len(TEXTS))],
        embeddings=torch_embedder.embed(TEXTS),
    )
    read = KnowledgeIndex(client, onnx, tenant="onnx-switch")
    assert read.name == written.name
    hits = read.query(onnx.embed(["are pets allowed at the hotel"])[0], k=1)
    assert hits[0].doc_id == "d0"


def test_default_runtime_is_int8_with_a_cache_shared_by_data_dirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/srv/cache")
    first, second = load_settings(data_dir=Path("a")), load_settings(data_dir=Path("b"))
    assert first.embedding_runtime == "onnx-int8"
    shared = Path("/srv/cache/drafter/models")
    assert first.resolved_model_cache_dir == second.resolved_model_cache_dir == shared
    assert load_settings(model_cache_dir=Path("m")).resolved_model_cache_dir == Path("m")


def test_unknown_runtime_or_precision_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="DRAFTER_EMBEDDING_RUNTIME"):
        load_settings(embedding_runtime="tensorrt")
    with pytest.raises(ConfigError, match="'fp16'"):
        OnnxMiniLMEmbedder(Path("unused"), precision="fp16")  # type: ignore[arg-type]


@pytest.mark.slow
def test_models_build_command_fills_the_configured_folder(
    tmp_path: Path, model_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from drafter.cli import main

    target = tmp_path / "image-models"
    target.mkdir()
    (target / FP32).write_bytes((model_cache / FP32).read_bytes())
    monkeypatch.setenv("DRAFTER_MODEL_CACHE_DIR", str(target))
    main(["models", "build"])
    out = capsys.readouterr().out
    assert "fp32:" in out and "int8:" in out
    assert (target / INT8).stat().st_size > 1_000_000
