"""Routing by language: English tickets read the default model's vectors, tickets surely in another
language the multilingual model's; a store is only ever searched with its own model's vectors,
and missing multilingual vectors fall back to the default model with a warning."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.config import get_settings, load_settings
from drafter.domain import KnowledgeDoc, Passage, Ticket
from drafter.ingest import ingest_knowledge
from drafter.retrieval import Retriever
from drafter.retrieval.entities import EntityVocabulary
from drafter.runtime import Runtime
from drafter.text.chunking import Chunker
from drafter.text.language import writes_in_english
from tests.api_server import running_api
from tests.fakes import HashingEmbedder

ROOT = Path(__file__).resolve().parents[1]

DOCS = [
    KnowledgeDoc(
        doc_id="password-reset",
        title="Resetting your password",
        text="Click Forgot password on the sign-in page. The reset link is valid for 30 minutes. "
        "Le lien de réinitialisation du mot de passe est valable 30 minutes.",
    ),
    KnowledgeDoc(
        doc_id="shipping",
        title="Shipping options",
        text="Standard shipping takes 3-5 business days. Express takes 1-2 business days.",
    ),
]
FRENCH = "Bonjour, le lien pour réinitialiser mon mot de passe a expiré avant que je clique dessus."
ENGLISH = "Hello, the link to reset my password expired before I clicked it."


class RecordingEmbedder(HashingEmbedder):
    """A deterministic embedder of its own width that keeps every query it embedded.

    The two models of a test differ in width, so a vector of one against the other's store
    cannot pass unnoticed: the product of their shapes fails.
    """

    def __init__(self, name: str, dimension: int) -> None:
        self.name = name
        self.dimension = dimension
        self.queries: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        """The hashed vectors, cut to this model's width and normalised again."""
        rows = super().embed(texts)[:, : self.dimension]
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        cut: np.ndarray = (rows / norms).astype(np.float32)
        return cut

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Record, then embed as stored texts are."""
        self.queries.extend(texts)
        return self.embed(texts)


def _routed_runtime(tmp_path: Path) -> tuple[Runtime, RecordingEmbedder, RecordingEmbedder]:
    settings = load_settings(
        data_dir=tmp_path / "data", prompts_dir=ROOT / "prompts", non_english_embedding_backend="e5"
    )
    rt = Runtime(settings)
    english, other = RecordingEmbedder("english64", 64), RecordingEmbedder("other48", 48)
    # cached_property slots: the runtime's two models, without loading the real ones.
    rt.__dict__["embedder"], rt.__dict__["non_english_embedder"] = english, other
    return rt, english, other


def _queried(embedder: RecordingEmbedder, text: str) -> bool:
    return any(text in query for query in embedder.queries)


def test_the_ticket_language_picks_the_model(tmp_path: Path) -> None:
    rt, english, other = _routed_runtime(tmp_path)
    for index in rt.knowledge_indexes():
        ingest_knowledge(DOCS, index, rt.chunker())
    service = rt.draft_service()

    french = service.draft(Ticket(text=FRENCH))
    assert _queried(other, FRENCH) and not _queried(english, FRENCH)
    assert french.passages[0].doc_id == "password-reset"
    assert not [w for w in french.warnings if w.code == "multilingual_vectors_missing"]

    service.draft(Ticket(text=ENGLISH))
    assert _queried(english, ENGLISH) and not _queried(other, ENGLISH)

    # A helpdesk's declared language wins over detection, either way.
    service.draft(Ticket(text=ENGLISH + " (declared)", language="fr"))
    assert _queried(other, "(declared)") and not _queried(english, "(declared)")


def test_each_model_writes_and_reads_only_its_own_collections(tmp_path: Path) -> None:
    rt, _, _ = _routed_runtime(tmp_path)
    indexes = rt.knowledge_indexes()
    assert [i.embedder.name for i in indexes] == ["english64", "other48"]
    for index in indexes:
        ingest_knowledge(DOCS, index, rt.chunker())
    ids = sorted(indexes[0].embeddings_of([c.chunk_id for d in DOCS for c in rt.chunker().split(d)]))
    # Each collection holds vectors of its own model's width, embedded by that model.
    assert {v.shape[0] for v in indexes[0].embeddings_of(ids).values()} == {64}
    assert {v.shape[0] for v in indexes[1].embeddings_of(ids).values()} == {48}
    service = rt.draft_service()
    # Both routes search by exact cosine over their store: a vector of the other model's width
    # would fail the product, so drafting both languages proves each store got its own.
    assert service.draft(Ticket(text=FRENCH)).passages
    assert service.draft(Ticket(text=ENGLISH)).passages


def test_missing_multilingual_vectors_fall_back_to_the_default_model_with_a_warning(tmp_path: Path) -> None:
    rt, english, other = _routed_runtime(tmp_path)
    ingest_knowledge(DOCS, rt.stores().knowledge, rt.chunker())  # the default model's only
    draft = rt.draft_service().draft(Ticket(text=FRENCH))
    warnings = [w for w in draft.warnings if w.code == "multilingual_vectors_missing"]
    assert len(warnings) == 1
    assert "other48" in warnings[0].message and "models reembed --from english64" in warnings[0].message
    assert _queried(english, FRENCH) and not _queried(other, FRENCH)
    assert draft.passages  # drafted from the default model's knowledge rather than failing


def test_routing_is_on_by_default_only_for_the_english_only_model(tmp_path: Path) -> None:
    default = load_settings(data_dir=tmp_path / "data", prompts_dir=ROOT / "prompts")
    assert default.routed_embedding_backend == "e5"
    multilingual = default.model_copy(update={"embedding_backend": "e5"})
    assert multilingual.routed_embedding_backend is None
    hosted = default.model_copy(update={"embedding_backend": "openai"})
    assert hosted.routed_embedding_backend is None  # a hosted model is the deployment's own choice


def test_routing_off_reads_one_model_for_every_language(tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "data", prompts_dir=ROOT / "prompts", non_english_embedding_backend="none"
    )
    assert settings.routed_embedding_backend is None
    same = settings.model_copy(update={"non_english_embedding_backend": "minilm"})
    assert same.routed_embedding_backend is None  # the same model twice is no routing
    rt = Runtime(settings)
    rt.__dict__["embedder"] = RecordingEmbedder("english64", 64)
    assert rt.non_english_embedder is None and len(rt.knowledge_indexes()) == 1
    assert rt.draft_service().router is None


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Where is my order? It was due on Monday.", True),
        ("Wo ist meine Bestellung? Sie sollte am Montag kommen.", False),
        ("¿Dónde está mi pedido? Tenía que llegar el lunes.", False),
        # langdetect splits this between French and Portuguese: surely not English all the same.
        ("Mi Plug Mini no ve mi red wifi de 5 GHz. ¿Por qué?", False),
        # Mixed, or too short to tell: stays on the default model.
        ("Hola, my order hasn't arrived yet, gracias", True),
        ("Bonjour, I need to return my lamp, merci beaucoup", True),
        ("WLAN geht nicht", True),
    ],
)
def test_only_text_surely_in_another_language_leaves_the_default(text: str, english: bool) -> None:
    assert writes_in_english(Ticket(text=text)) is english


@pytest.mark.integration
def test_ingest_writes_both_models_and_status_shows_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    for doc in DOCS:
        (kb / f"{doc.doc_id}.md").write_text(f"# {doc.title}\n\n{doc.text}\n", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_NON_ENGLISH_EMBEDDING_BACKEND", "e5")
    get_settings.cache_clear()
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", "knowledge", str(kb)])
    assert ingested.exit_code == 0, ingested.output
    assert "knowledge with minilm" in ingested.output and "knowledge with e5small" in ingested.output
    status = runner.invoke(app, ["models", "status"]).output
    assert "tickets not in English: e5small" in status
    assert "e5small: 2" in status and "minilm: 2" in status
    assert "reembed" not in status


def _product_vocabulary() -> EntityVocabulary:
    products = {"plus": "Brightwave Plus costs 4.99 a month.", "hub": "The Hub shows offline when red."}
    passages = [
        Passage(
            chunk_id=f"{name}-{i}", doc_id=name, title=name, text=text, score=0.0, metadata={"product": name}
        )
        for name, text in products.items()
        for i in range(3)
    ]
    return EntityVocabulary.build(passages)


def test_a_lower_case_one_word_name_in_another_language_is_that_languages_own_word() -> None:
    vocab = _product_vocabulary()
    # French "plus" ("no longer") is not the Plus subscription; "le Hub" is the Hub.
    assert vocab.link(Ticket(text="Je ne reçois plus les codes et je ne peux plus me connecter.")) == []
    hub = "Le Hub est affiché hors ligne depuis hier soir, rien ne marche."
    assert vocab.link(Ticket(text=hub)) == ["hub"]
    # In English a name is linked however it is written.
    assert vocab.link(Ticket(text="how do I cancel plus, I no longer use it")) == ["plus"]


def _one_document_retriever(tmp_path: Path) -> Retriever:
    """A store where one document has many passages that all share the query's words."""
    rt, _, _ = _routed_runtime(tmp_path)
    sections = [f"Section {i}. Devolver el pedido en el plazo de treinta días." for i in range(6)]
    docs = [
        KnowledgeDoc(doc_id="devoluciones", title="Devoluciones", text="\n\n".join(sections)),
        KnowledgeDoc(doc_id="exchanges", title="Exchanges", text="Exchange a device for another colour."),
    ]
    index = rt.stores().knowledge
    ingest_knowledge(docs, index, Chunker(chunk_size=80, chunk_overlap=0))
    return rt.retriever(rt.stores())


def test_one_document_fills_at_most_two_places_for_a_ticket_not_in_english(tmp_path: Path) -> None:
    retriever = _one_document_retriever(tmp_path)
    spanish = Ticket(text="¿Puedo devolver el pedido después de treinta días? Quiero cambiar el color.")
    found = retriever.retrieve(spanish, top_k=5, history_k=0)
    assert [p.doc_id for p in found.knowledge].count("devoluciones") == 2
    # The same text declared English (a helpdesk says so) is ranked as English tickets are: uncapped.
    found = retriever.retrieve(spanish.model_copy(update={"language": "en"}), top_k=5, history_k=0)
    assert [p.doc_id for p in found.knowledge].count("devoluciones") > 2


def test_the_knowledge_api_writes_both_models_and_searches_by_language(tmp_path: Path) -> None:
    rt, english, other = _routed_runtime(tmp_path)
    with running_api(rt) as api, api.client(api.key_a) as client:
        for doc in DOCS:
            body = {"title": doc.title, "text": doc.text}
            assert client.put(f"/v1/knowledge/documents/{doc.doc_id}", json=body).status_code == 200
        assert [i.count() for i in rt.knowledge_indexes("acme")] == [2, 2]
        hits = client.get("/v1/knowledge/search", params={"q": FRENCH}).json()
        assert hits[0]["doc_id"] == "password-reset"
        assert _queried(other, FRENCH) and not _queried(english, FRENCH)
        assert client.delete("/v1/knowledge/documents/shipping").status_code == 204
        assert [i.count() for i in rt.knowledge_indexes("acme")] == [1, 1]


def test_a_ticket_in_another_language_is_also_searched_with_the_glossarys_english_words(
    tmp_path: Path,
) -> None:
    rt, english, other = _routed_runtime(tmp_path)
    for index in rt.knowledge_indexes():
        ingest_knowledge(DOCS, index, rt.chunker())
    service = rt.draft_service()
    service.draft(Ticket(text=FRENCH))
    assert any(q.startswith(FRENCH) and q.endswith("\nlink reset password expire") for q in other.queries)
    # An English ticket is searched with its own words only, exactly as before.
    service.draft(Ticket(text=ENGLISH))
    assert ENGLISH in english.queries
    assert not any("\n" in q for q in english.queries if ENGLISH in q)
    # Without the glossary the French ticket is searched with its text alone.
    rt.__dict__["glossary"] = None
    other.queries.clear()
    rt.draft_service().draft(Ticket(text=FRENCH + " Merci"))
    assert not any("expire" in q for q in other.queries)
