"""Settings: DRAFTER_* variables, .env files, and errors that name the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.config import get_settings, load_settings
from drafter.errors import ConfigError


def test_env_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DRAFTER_TOP_K=7\nDRAFTER_TENANT=acme\n")
    monkeypatch.setenv("DRAFTER_TENANT", "globex")
    settings = load_settings()
    assert settings.top_k == 7
    assert settings.tenant == "globex"  # the environment wins over .env


def test_defaults_put_everything_under_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAFTER_DATA_DIR")
    settings = load_settings()
    assert settings.data_dir == Path(".drafter")
    assert settings.resolved_database_url == "sqlite:///.drafter/drafter.db"
    assert settings.llm_backend == "offline"


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("DRAFTER_LLM_BACKEND", "gpt", "'offline' or 'openai'"),
        ("DRAFTER_EMBEDDING_BACKEND", "bert", "'minilm', 'e5' or 'openai'"),
        ("DRAFTER_CHUNK_OVERLAP", "5000", "DRAFTER_CHUNK_OVERLAP"),
        ("DRAFTER_OVERSIZE_TICKET", "explode", "'truncate' or 'refuse'"),
    ],
)
def test_invalid_values_name_variable_and_allowed(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, hint: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert name in str(caught.value) and hint in str(caught.value)


def test_get_settings_is_cached() -> None:
    assert get_settings() is get_settings()
