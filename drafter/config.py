"""Settings: every knob is a `DRAFTER_*` environment variable (or a line in `.env`)."""

from __future__ import annotations

import os
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from drafter.errors import ConfigError

EmbeddingBackend = Literal["minilm", "e5", "openai"]
EmbeddingRuntime = Literal["torch", "onnx", "onnx-int8"]
LanguageRouting = Literal["auto", "none", "minilm", "e5", "openai"]
LLMBackend = Literal["offline", "openai"]
ReplyGateMode = Literal["fallback", "warn", "off"]
OversizeTicketPolicy = Literal["truncate", "refuse"]
AuthMode = Literal["on", "off"]
LogFormat = Literal["text", "json"]


class Settings(BaseSettings):
    """Runtime configuration, read from `DRAFTER_*` variables and `.env`."""

    model_config = SettingsConfigDict(
        env_prefix="DRAFTER_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path(".drafter")
    """Where the embedded Chroma store and the SQLite database live."""
    prompts_dir: Path = Path("prompts")
    """Folder of versioned prompt files and the composer's phrase bank."""
    database_url: str | None = None
    """SQLAlchemy URL; defaults to SQLite under `data_dir`."""
    chroma_url: str | None = None
    """URL of a Chroma server (`chroma run`); embedded store under `data_dir` when unset."""
    tenant: str = "default"
    """Tenant whose knowledge and customers the CLI works on."""

    embedding_backend: EmbeddingBackend = "minilm"
    """`minilm`: bundled all-MiniLM-L6-v2 (English), offline. `e5`: multilingual-e5-small (about 100
    languages), offline, on ONNX Runtime int8. `openai`: an OpenAI-compatible embeddings API.
    Each model keeps its own collections; `drafter models reembed` fills a new one from an old one."""
    non_english_embedding_backend: LanguageRouting = "auto"
    """Routing by language: tickets surely not in English are retrieved and composed with this
    model, English and uncertain ones with `embedding_backend`; ingestion then writes both models'
    vectors. `auto` (the default): `e5` when `embedding_backend` is the English-only `minilm`, no
    routing otherwise. `none`, or the same model as `embedding_backend`: one model for every ticket."""
    glossary_paths: Annotated[list[Path], NoDecode] = Field(default_factory=list)
    """Comma-separated files of support words in other languages with their English words (the shape of
    drafter/text/support_glossary.yaml), read after the bundled list: a ticket surely not in
    English is also searched with the English words of the terms it holds."""
    multilingual_glossary: bool = True
    """Search tickets surely not in English with the glossary's English words as well."""
    embedding_model: str = "text-embedding-3-small"
    """Model name for the `openai` embedding backend."""
    embedding_batch_size: int = Field(64, ge=1, le=4096)
    """Texts per embedding call during ingestion."""
    embedding_runtime: EmbeddingRuntime = "onnx-int8"
    """How the bundled MiniLM runs: `onnx-int8` (ONNX Runtime, int8 weights), `onnx` or `torch`.
    E5 always runs on ONNX Runtime int8."""
    model_cache_dir: Path | None = None
    """Where the ONNX forms of the bundled models are converted to; the user's cache folder when unset."""

    llm_backend: LLMBackend = "offline"
    """`offline`: the grounded composer, no LLM. `openai`: any OpenAI-compatible server."""
    llm_base_url: str | None = None
    """Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1 for Ollama."""
    llm_model: str = "gpt-4o-mini"
    """Model name sent to the LLM server."""
    llm_api_key: SecretStr | None = None
    """API key for the LLM server; never logged."""
    llm_timeout_seconds: float = Field(30.0, gt=0)
    """Per-request timeout for LLM calls."""
    llm_max_retries: int = Field(2, ge=0, le=10)
    """Retries (by the openai SDK) on 429, 5xx, timeouts and dropped connections before falling back."""
    llm_max_tokens: int | None = Field(None, ge=16)
    """Longest answer asked of the model (`max_tokens`); unset leaves it to the server."""
    llm_context_tokens: int | None = Field(None, ge=256)
    """The model's context window; when set, passages are left out of a prompt that would not fit."""
    llm_reply_gate: ReplyGateMode = "fallback"
    """An LLM reply that is empty, a placeholder, uncited, off-language or far less grounded than the
    offline draft: `fallback` to the offline draft, `warn` and keep it, or `off`."""

    pii_patterns: dict[str, str] = Field(default_factory=dict)
    """Extra values to mask before text reaches the LLM, as JSON: {"ORDER": "BW-\\d{6}"}."""
    prompt_pins: dict[str, int] = Field(default_factory=dict)
    """Pin prompt files to versions, as JSON: {"draft": 1, "principles/empathy": 1}."""

    chunk_size: int = Field(800, ge=100, le=8000)
    """Target chunk length in characters."""
    chunk_overlap: int = Field(100, ge=0, le=2000)
    """Characters shared by neighbouring chunks."""
    top_k: int = Field(5, ge=1, le=50)
    """Knowledge passages retrieved per ticket."""
    history_k: int = Field(5, ge=0, le=50)
    """History events retrieved per ticket."""
    today: date | None = None
    """The date a ticket without `received_at` was written: set it to replay tickets from the past
    (an evaluation set, the sample data), so order ages and time limits count from their day."""
    retrieval_mode: Literal["hybrid", "dense", "lexical"] = "hybrid"
    """Knowledge search: dense and BM25 fused (`hybrid`), or one of them alone."""
    retrieval_candidates: int = Field(30, ge=5, le=500)
    """Candidates each search list contributes before fusion."""
    dense_weight: float = Field(1.0, ge=0)
    """Weight of the dense list in reciprocal rank fusion."""
    lexical_weight: float = Field(1.0, ge=0)
    """Weight of the BM25 list in reciprocal rank fusion."""
    entity_boost: float = Field(2.0, ge=0)
    """Extra weight for passages about the entity the conversation is about."""
    mmr: bool = False
    """Diversify the passages with maximal marginal relevance."""
    exact_search_max: int = Field(20_000, ge=0)
    """Up to this many chunks the dense search is exact, in memory; above it Chroma's index answers."""
    query_adapter: bool = True
    """Rank with the tenant's tuned query adapter (`drafter tune retrieval`) when it has one."""
    phrase_style: bool = True
    """Word offline drafts in the tenant's learned phrase style (`drafter tune style`) when it has one."""
    injection_semantic: bool = True
    """Also flag text that reads like an instruction to the assistant by meaning (the bundled
    embedder against exemplars), not only by its phrases; costs one embedding per new sentence."""
    injection_multilingual: bool = True
    """Read sentences not in English by meaning too, with the multilingual E5 model (loaded on the
    first such sentence; about 6 ms a new sentence). Off: they are matched by phrases only."""
    max_ticket_chars: int = Field(20_000, ge=100)
    """Longest ticket accepted; see `oversize_ticket`."""
    oversize_ticket: OversizeTicketPolicy = "truncate"
    """What to do with a longer ticket: `truncate` (with a warning) or `refuse`."""

    auth: AuthMode = "on"
    """API keys required (`on`); `off` serves the configured tenant to anyone (local use only)."""
    max_body_bytes: int = Field(2_000_000, ge=1_000)
    """Largest request body the server reads; bigger ones get 413."""
    log_format: LogFormat = "text"
    """Server log lines: `text` for people, `json` for log collectors."""
    log_level: str = "INFO"
    """Server log level."""
    app_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Origins whose pages may call drafter with an app token, comma-separated
    (`https://acme.zendesk.com,https://secure.helpscout.net`); CORS is answered for these only."""
    public_url: str | None = None
    """The URL helpdesks and agents' browsers reach drafter at (`https://drafter.example.com`);
    written into packaged sidebar apps."""
    sample_tickets: Path = Path("knowledge/tickets.jsonl")
    """JSONL of sample tickets the agent page offers; none offered when the file is missing."""
    store_drafts: bool = True
    """Keep every served draft in the database (needed for feedback and analytics)."""

    # Server-wide helpdesk credentials are used only with `auth="off"` (one local user); with keys,
    # each tenant's admin sets its own (`PUT /v1/helpdesks/{name}`, `drafter helpdesk set`).
    zendesk_url: str | None = None
    """https://YOURS.zendesk.com: post drafts back to Zendesk as internal notes."""
    zendesk_token: SecretStr | None = None
    """`email/token:APITOKEN` credentials for Zendesk's API (basic auth)."""
    freshdesk_url: str | None = None
    """https://YOURS.freshdesk.com: post drafts back to Freshdesk as private notes."""
    freshdesk_token: SecretStr | None = None
    """Freshdesk API key."""
    helpscout_url: str | None = None
    """Help Scout API base (https://api.helpscout.net): post drafts back as notes."""
    helpscout_token: SecretStr | None = None
    """Help Scout OAuth access token."""
    chatwoot_url: str | None = None
    """Your Chatwoot base URL: post drafts back as private messages."""
    chatwoot_token: SecretStr | None = None
    """Chatwoot user or agent-bot access token."""
    helpdesk_timeout_seconds: float = Field(10.0, gt=0)
    """Timeout for each call to a helpdesk's API."""
    helpdesk_max_retries: int = Field(3, ge=0, le=10)
    """Retries on 429 and 5xx when posting a draft back to a helpdesk."""
    helpdesk_allow_http: bool = False
    """Let tenants point drafter at plain-http helpdesk URLs (their tokens then travel unencrypted)."""

    debug: bool = False
    """Re-raise errors with their traceback instead of a one-line message."""

    @field_validator("chunk_overlap")
    @classmethod
    def _overlap_below_size(cls, value: int, info: object) -> int:
        size = getattr(info, "data", {}).get("chunk_size", 800)
        if value >= size:
            raise ValueError(f"must be smaller than DRAFTER_CHUNK_SIZE ({size})")
        return value

    @field_validator("glossary_paths", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("app_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            return value
        origins = []
        for raw in value:
            origin = str(raw).strip().rstrip("/")
            if not re.fullmatch(r"https?://[^/\s?#]+", origin):
                raise ValueError(
                    f"{raw!r} is not an origin: give scheme and host only, e.g. https://acme.zendesk.com"
                )
            origins.append(origin.lower())
        return origins

    @field_validator("public_url")
    @classmethod
    def _public_url_is_http(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^\s?#]+", value):
            raise ValueError(f"{value!r} is not an http(s) URL, e.g. https://drafter.example.com")
        return value.rstrip("/") if value else value

    @field_validator("pii_patterns")
    @classmethod
    def _patterns_compile(cls, value: dict[str, str]) -> dict[str, str]:
        for name, pattern in value.items():
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
                raise ValueError(f"pattern name {name!r} must be a word, e.g. ORDER")
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {name!r} is not a valid regular expression: {exc}") from exc
            if compiled.search(""):
                raise ValueError(f"pattern {name!r} matches empty text")
        return value

    @property
    def chroma_path(self) -> Path:
        """Folder of the embedded Chroma store."""
        return self.data_dir / "chroma"

    @property
    def resolved_model_cache_dir(self) -> Path:
        """Folder holding the ONNX conversions of the bundled model (shared by every data dir)."""
        if self.model_cache_dir:
            return self.model_cache_dir
        cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(cache_home) / "drafter" / "models"

    @property
    def routed_embedding_backend(self) -> EmbeddingBackend | None:
        """The model non-English tickets are routed to, when routing by language is on."""
        chosen = self.non_english_embedding_backend
        if chosen == "auto":
            return "e5" if self.embedding_backend == "minilm" else None
        if chosen == "none" or chosen == self.embedding_backend:
            return None
        return chosen

    @property
    def resolved_database_url(self) -> str:
        """The SQLAlchemy URL in force."""
        return self.database_url or f"sqlite:///{self.data_dir / 'drafter.db'}"


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation errors into a `ConfigError` that names the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(part) for part in err["loc"]) or "settings"
            problems.append(f"DRAFTER_{field.upper()}: {err['msg']}")
        raise ConfigError("invalid settings: " + "; ".join(problems)) from exc


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
