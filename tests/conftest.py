"""Shared fixtures: a real embedder loaded once, isolated settings and stores per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.config import Settings, get_settings, load_settings
from drafter.embeddings import Embedder, make_embedder
from drafter.runtime import Runtime
from tests import real_llm

REPO_ROOT = Path(__file__).resolve().parents[1]
DATASETS = REPO_ROOT.parent / "shared" / "datasets"
# Fixtures that load the real model, open real stores or servers, or start a browser: a test that
# uses any of them (directly or through another fixture) is an integration test.
INTEGRATION_FIXTURES = frozenset(
    {
        "embedder",
        "database_url",
        "chroma_server",
        "browser",
        "server",
        "api",
        "model_cache",
        "torch_embedder",
        "real_llm_server",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test `unit` or `integration`: `make test-unit` runs the unit tests in seconds."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("integration") is None and not uses & INTEGRATION_FIXTURES:
            item.add_marker(pytest.mark.unit)
        else:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(autouse=True)
def _offline_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test reaches a real LLM or the developer's own data dir."""
    for name in list(os.environ):
        if name.startswith("DRAFTER_") and not name.startswith("DRAFTER_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DRAFTER_LLM_BACKEND", "offline")
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DRAFTER_PROMPTS_DIR", str(REPO_ROOT / "prompts"))
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The bundled MiniLM, loaded once for the whole run."""
    # The same shared instance the CLI gets, so in-process CLI tests do not reload the model.
    model = make_embedder(load_settings())
    model.embed(["warm up"])
    return model


@pytest.fixture(scope="session")
def e5() -> Embedder:
    """The multilingual embedder the `e5` setting selects, converted once into the model cache."""
    return make_embedder(load_settings(embedding_backend="e5"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at a fresh data dir."""
    return load_settings(data_dir=tmp_path / "data", prompts_dir=REPO_ROOT / "prompts")


@pytest.fixture
def runtime(settings: Settings, embedder: Embedder) -> Runtime:
    """A runtime over a fresh data dir that reuses the session's embedder."""
    rt = Runtime(settings)
    rt.__dict__["embedder"] = embedder  # cached_property slot: skip reloading the model
    return rt


@pytest.fixture
def datasets() -> Path:
    """The shared development datasets; skips when they are not next to the checkout."""
    if not DATASETS.is_dir():
        pytest.skip("../shared/datasets is not present")
    return DATASETS


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A real SQL database: SQLite in a temp dir, and PostgreSQL when CI started one."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'drafter.db'}"
    url = os.environ.get("DRAFTER_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("DRAFTER_TEST_POSTGRES_URL is not set (.ci/run starts a server)")
    return url


@pytest.fixture(scope="session")
def real_llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[real_llm.RealServer]:
    """The real inference server (Gemma 3 270M on llama-cpp-python), started once for the run.

    Skips when it is not built, unless DRAFTER_TEST_REAL_LLM=required (`make test` sets it after
    building it): there a missing server is a failure.
    """
    why = real_llm.missing()
    if why is not None:
        if os.environ.get("DRAFTER_TEST_REAL_LLM") == "required":
            pytest.fail(why)
        pytest.skip(why)
    with real_llm.real_server(tmp_path_factory.mktemp("real-llm")) as server:
        yield server
