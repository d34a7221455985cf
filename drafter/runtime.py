"""Wiring: build stores, retriever and drafting service from settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from chromadb.api import ClientAPI
from sqlalchemy import Engine

from drafter.compose import Composer, OfflineComposer
from drafter.compose.llm import LLMComposer
from drafter.compose.phrases import phrase_bank_file, read_phrase_bank
from drafter.compose.style import PhraseStyle, load_style, style_path
from drafter.config import EmbeddingBackend, Settings
from drafter.drafting import ApprovedExamples, DraftLimits, DraftService, LanguageRouter, Route
from drafter.embeddings import Embedder, make_embedder
from drafter.filecache import FileCache
from drafter.graders import Graders, load_graders, tenant_dir
from drafter.graders.vectors import TokenVectors
from drafter.llm import LLM, make_llm
from drafter.prompts import PromptStore
from drafter.retrieval import RetrievalPolicy, Retriever
from drafter.retrieval.adapter import QueryAdapter, adapter_path, load_adapter
from drafter.retrieval.snapshot import KnowledgeCache
from drafter.safety import InjectionScreen
from drafter.store import HistoryIndex, KnowledgeIndex, ProfileStore, make_chroma_client
from drafter.store.db import make_engine
from drafter.store.examples import ExampleIndex
from drafter.store.ranking_vectors import RankingVectors
from drafter.store.tenants import TenantSettingsStore
from drafter.store.versions import CollectionVersions
from drafter.text.chunking import Chunker
from drafter.text.glossary import BUNDLED_GLOSSARY, Glossary

# Room kept for the answer in a bounded context window when DRAFTER_LLM_MAX_TOKENS is unset.
DEFAULT_ANSWER_TOKENS = 512


@dataclass
class Stores:
    """One tenant's knowledge, history and profiles."""

    knowledge: KnowledgeIndex
    history: HistoryIndex
    profiles: ProfileStore
    examples: ExampleIndex
    settings: TenantSettingsStore


class Runtime:
    """Process-wide resources (embedder, Chroma client, SQL engine), opened lazily once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.versions = CollectionVersions()
        """Writes and counts of each collection, shared by every index this runtime opens."""
        self.knowledge_cache = KnowledgeCache()
        """Knowledge snapshots and stored vectors, shared by every retriever and thread."""
        self.files = FileCache()
        """Tuned adapters, phrase styles and fitted graders, parsed once and re-read when rewritten."""
        self._llm: tuple[tuple[object, ...], LLM | None] | None = None

    @cached_property
    def embedder(self) -> Embedder:
        """The configured embedder."""
        return make_embedder(self.settings)

    @cached_property
    def non_english_embedder(self) -> Embedder | None:
        """The model tickets surely not in English are routed to, when routing by language is on."""
        backend = self.settings.routed_embedding_backend
        return None if backend is None else self.embedder_for(backend)

    def embedder_for(self, backend: EmbeddingBackend) -> Embedder:
        """The embedder of one backend, with this deployment's other embedding settings."""
        return make_embedder(self.settings.model_copy(update={"embedding_backend": backend}))

    @property
    def embedders(self) -> list[Embedder]:
        """Every model whose vectors this deployment writes: the default first."""
        other = self.non_english_embedder
        return [self.embedder] if other is None else [self.embedder, other]

    def warm_up(self) -> None:
        """Load before the first request what the first draft would otherwise load on its way: the
        models, the injection check's exemplars for each model already loaded, the language
        detector's profiles and the graders (together over a second of the first draft's time)."""
        for embedder in self.embedders:
            embedder.embed_query(["ready"])
        # Ordinary sentences: no phrase settles them, so each goes through the learned check.
        texts = ["My order arrived late and the box was damaged, what should I do now?"]
        if self.non_english_embedder is not None:
            # The multilingual check reads with a model already loaded: no extra memory for it.
            texts.append("Mi pedido llegó tarde y la caja estaba dañada, ¿qué hago ahora?")
        self.injection_screen.findings(texts, ["ticket"] * len(texts))
        self.graders()

    @cached_property
    def grader_embedder(self) -> Embedder:
        """The bundled MiniLM, whatever embedder retrieval uses: graders were fitted on its vectors."""
        return make_embedder(self.settings.model_copy(update={"embedding_backend": "minilm"}))

    @cached_property
    def grader_vectors(self) -> TokenVectors:
        """The bundled MiniLM's word-piece vectors, loaded once for every tenant's graders."""
        return TokenVectors()

    def graders(self, tenant: str | None = None) -> Graders:
        """The graders a tenant grades with: shipped ones, replaced by any it fitted itself."""
        folder = tenant_dir(self.settings.data_dir, tenant or self.settings.tenant)
        vectors, embedder = self.grader_vectors, self.grader_embedder
        return load_graders(folder, files=self.files, vectors=vectors, embedder=embedder)

    @cached_property
    def chroma(self) -> ClientAPI:
        """The Chroma client."""
        return make_chroma_client(self.settings)

    @cached_property
    def engine(self) -> Engine:
        """The SQL engine."""
        return make_engine(self.settings.resolved_database_url)

    @cached_property
    def ranking(self) -> RankingVectors:
        """Where the chunks' ranking vectors are kept: beside an embedded store, or in the SQL
        database every worker shares when the store is a Chroma server."""
        if self.settings.chroma_url:
            return RankingVectors.in_database(self.settings.resolved_database_url)
        return RankingVectors.beside(self.chroma)

    def chunker(self) -> Chunker:
        """A chunker with the configured sizes."""
        return Chunker(chunk_size=self.settings.chunk_size, chunk_overlap=self.settings.chunk_overlap)

    def stores(self, tenant: str | None = None, *, embedder: Embedder | None = None) -> Stores:
        """A tenant's stores (the configured tenant by default), vectors of the configured model
        or of `embedder`."""
        tenant = tenant or self.settings.tenant
        embedder = embedder or self.embedder
        return Stores(
            knowledge=KnowledgeIndex(
                self.chroma, embedder, tenant=tenant, versions=self.versions, ranking=self.ranking
            ),
            history=HistoryIndex(self.chroma, embedder, tenant=tenant),
            profiles=ProfileStore(self.engine, tenant=tenant),
            examples=ExampleIndex(self.chroma, embedder, tenant=tenant),
            settings=TenantSettingsStore(self.engine, tenant=tenant),
        )

    def knowledge_indexes(self, tenant: str | None = None) -> list[KnowledgeIndex]:
        """The tenant's knowledge in every model this deployment writes (each in its own collections)."""
        tenant = tenant or self.settings.tenant
        return [
            KnowledgeIndex(self.chroma, e, tenant=tenant, versions=self.versions, ranking=self.ranking)
            for e in self.embedders
        ]

    def history_indexes(self, tenant: str | None = None) -> list[HistoryIndex]:
        """The tenant's history in every model this deployment writes."""
        tenant = tenant or self.settings.tenant
        return [HistoryIndex(self.chroma, e, tenant=tenant) for e in self.embedders]

    def offline_composer(
        self, tenant: str | None = None, *, embedder: Embedder | None = None
    ) -> OfflineComposer:
        """The offline composer, with the phrase bank from the prompts folder when it has one,
        worded in the tenant's learned style when it has one (reading the configured model's
        vectors, or `embedder`'s)."""
        phrases_dir = self.settings.prompts_dir / "phrases"
        path = phrase_bank_file(phrases_dir if phrases_dir.is_dir() else None)
        # Parsed once per runtime (and again when the file changes): parsing the YAML cost more
        # than the rest of an offline draft.
        bank = self.files.load(path, read_phrase_bank) or read_phrase_bank(path)
        style = self.phrase_style(tenant)
        if style is not None:
            bank = bank.with_preferred(style.preferred)
        return OfflineComposer(embedder or self.embedder, phrases=bank, glossary=self.glossary)

    def style_path(self, tenant: str | None = None) -> Path:
        """Where a tenant's learned phrase style is kept."""
        return style_path(self.settings.data_dir, tenant or self.settings.tenant)

    def phrase_style(self, tenant: str | None = None) -> PhraseStyle | None:
        """The tenant's learned phrase style, when it has one and the settings allow it."""
        if not self.settings.phrase_style:
            return None
        return load_style(self.style_path(tenant), self.files)

    @cached_property
    def injection_screen(self) -> InjectionScreen:
        """The prompt-injection check every draft runs, whatever language its ticket is in: the
        configured embedder reads English sentences, the multilingual E5 the rest (loaded the first
        time a sentence not in English comes)."""
        s = self.settings
        if not s.injection_semantic:
            return InjectionScreen()
        multilingual = self.embedder_for("e5") if s.injection_multilingual else None
        return InjectionScreen(self.embedder, multilingual=multilingual)

    @cached_property
    def prompt_store(self) -> PromptStore:
        """The versioned prompt files."""
        return PromptStore(self.settings.prompts_dir, pins=self.settings.prompt_pins)

    @property
    def llm(self) -> LLM | None:
        """The configured LLM, kept while its settings stay the same, so what it learns of its server
        (the output format it takes) is learned once."""
        s = self.settings
        key: tuple[object, ...] = (s.llm_backend, s.llm_base_url, s.llm_model, s.llm_api_key)
        key += (s.llm_timeout_seconds, s.llm_max_retries, s.llm_max_tokens)
        if self._llm is None or self._llm[0] != key:
            self._llm = (key, make_llm(s))
        return self._llm[1]

    def composer(self, tenant: str | None = None, *, embedder: Embedder | None = None) -> Composer:
        """The LLM composer when one is configured (falling back offline), else the offline composer."""
        embedder = embedder or self.embedder
        offline = self.offline_composer(tenant, embedder=embedder)
        if self.llm is None:
            return offline
        s = self.settings
        return LLMComposer(
            self.llm,
            self.prompt_store,
            offline,
            pii_patterns=s.pii_patterns,
            gate=s.llm_reply_gate,
            context_tokens=s.llm_context_tokens,
            answer_tokens=s.llm_max_tokens or DEFAULT_ANSWER_TOKENS,
            embedder=embedder,
        )

    @cached_property
    def glossary(self) -> Glossary | None:
        """The support glossary a non-English ticket's search adds English words from: the
        bundled list and the configured files."""
        if not self.settings.multilingual_glossary:
            return None
        return Glossary.load([BUNDLED_GLOSSARY, *self.settings.glossary_paths])

    def retrieval_policy(self) -> RetrievalPolicy:
        """How to search, from the settings."""
        s = self.settings
        return RetrievalPolicy(
            mode=s.retrieval_mode,
            candidates=s.retrieval_candidates,
            dense_weight=s.dense_weight,
            lexical_weight=s.lexical_weight,
            entity_boost=s.entity_boost,
            use_mmr=s.mmr,
            exact_search_max=s.exact_search_max,
        )

    def adapter_path(self, tenant: str | None = None, *, embedder: Embedder | None = None) -> Path:
        """Where a tenant's tuned query adapter for the configured embedding model (or `embedder`) is kept."""
        name = (embedder or self.embedder).name
        return adapter_path(self.settings.data_dir, tenant or self.settings.tenant, name)

    def query_adapter(
        self, tenant: str | None = None, *, embedder: Embedder | None = None
    ) -> QueryAdapter | None:
        """The tenant's tuned query adapter, when it has one and the settings allow it."""
        if not self.settings.query_adapter:
            return None
        return load_adapter(self.adapter_path(tenant, embedder=embedder), self.files)

    def retriever(self, stores: Stores, *, adapter: QueryAdapter | None = None) -> Retriever:
        """A retriever over a tenant's stores with the configured policy, sharing this runtime's cache."""
        policy, cache = self.retrieval_policy(), self.knowledge_cache
        return Retriever(
            stores.knowledge, stores.history, policy, adapter=adapter, cache=cache, glossary=self.glossary
        )

    def language_router(self, tenant: str | None = None) -> LanguageRouter | None:
        """Where tickets surely not in English go when routing by language is on: the other
        model's knowledge, history and composer."""
        other = self.non_english_embedder
        if other is None:
            return None
        stores = self.stores(tenant, embedder=other)
        route = Route(
            retriever=self.retriever(stores, adapter=self.query_adapter(tenant, embedder=other)),
            composer=self.composer(tenant, embedder=other),
            screen=self.injection_screen,
        )
        return LanguageRouter(route)

    def draft_service(self, tenant: str | None = None) -> DraftService:
        """A drafting service for a tenant (routing tickets by language when that is on)."""
        stores = self.stores(tenant)
        s = self.settings
        return DraftService(
            router=self.language_router(tenant),
            retriever=self.retriever(stores, adapter=self.query_adapter(tenant)),
            profiles=stores.profiles,
            composer=self.composer(tenant),
            examples=ApprovedExamples(stores.examples, stores.settings),
            screen=self.injection_screen,
            limits=DraftLimits(
                top_k=s.top_k,
                history_k=s.history_k,
                max_ticket_chars=s.max_ticket_chars,
                oversize_ticket=s.oversize_ticket,
            ),
            today=s.today,
        )
