"""Hybrid retrieval: lexical matches dense search misses, entity-aware follow-ups, fresh indexes, recency."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import numpy as np
import pytest

from drafter.domain import Customer, CustomerProfile, HistoryEvent, KnowledgeDoc, Message, Passage, Ticket
from drafter.embeddings import Embedder
from drafter.ingest import ingest_history, ingest_knowledge, upsert_documents
from drafter.retrieval import RetrievalPolicy, Retriever
from drafter.runtime import Runtime
from drafter.store import KnowledgeIndex
from drafter.store.chroma import SENTENCE_COUNT
from drafter.store.versions import CollectionVersions
from tests.api_server import free_port


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on 127.0.0.1, as several API workers would share."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    process = subprocess.Popen(
        [
            chroma,
            "run",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--path",
            str(tmp_path_factory.mktemp("chroma")),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("chroma run did not start")
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(params=["embedded", "server"])
def store_runtime(request: pytest.FixtureRequest, runtime: Runtime, embedder: Embedder) -> Runtime:
    """The embedded store, and a Chroma server reached over HTTP."""
    if request.param == "embedded":
        return runtime
    url = request.getfixturevalue("chroma_server")
    # A tenant per test keeps the shared server's collections apart.
    tenant = f"t{abs(hash(request.node.name)) % 10**8}"
    served = Runtime(runtime.settings.model_copy(update={"chroma_url": url, "tenant": tenant}))
    served.__dict__["embedder"] = embedder
    return served


def _doc(doc_id: str, entity: str, text: str, doc_type: str = "faq") -> KnowledgeDoc:
    return KnowledgeDoc(
        doc_id=doc_id,
        title=f"{entity} - {doc_type}",
        text=text,
        metadata={"entity_name": entity, "doc_type": doc_type},
        format="text",
    )


DOCS = [
    _doc(
        "harbor:pets",
        "HARBOR VIEW INN",
        "Q: Are pets allowed?\nA: Dogs are welcome at Harbor View Inn for 10 USD a night.",
    ),
    _doc("harbor:parking", "HARBOR VIEW INN", "Q: Is there parking?\nA: Free parking is available on site."),
    _doc(
        "maple:pets", "MAPLE LODGE", "Q: Are pets allowed?\nA: Maple Lodge does not allow pets of any kind."
    ),
    _doc("maple:wifi", "MAPLE LODGE", "Q: Is there wifi?\nA: Wifi is free in every room."),
    _doc("cedar:pets", "CEDAR COURT", "Q: Are pets allowed?\nA: Cats only, on request."),
    KnowledgeDoc(
        doc_id="codes",
        title="Error codes",
        text="Code QX-7731 means the filter needs replacing.",
        format="text",
    ),
]


def _retriever(runtime: Runtime, mode: str = "hybrid") -> Retriever:
    stores = runtime.stores()
    ingest_knowledge(DOCS, stores.knowledge, runtime.chunker())
    return Retriever(stores.knowledge, stores.history, RetrievalPolicy(mode=mode))  # type: ignore[arg-type]


def test_a_follow_up_searches_the_entity_the_conversation_is_about(store_runtime: Runtime) -> None:
    retriever = _retriever(store_runtime)
    ticket = Ticket(
        text="Do they allow pets?",
        conversation=[
            Message(role="customer", text="I'm looking at Maple Lodge for next weekend."),
            Message(role="agent", text="Great choice, it has rooms free."),
        ],
    )
    found = retriever.retrieve(ticket, top_k=3, history_k=0)
    assert found.entities == ["MAPLE LODGE"]
    assert found.knowledge[0].doc_id == "maple:pets"
    assert not {"harbor:pets", "cedar:pets"} & {p.doc_id for p in found.knowledge}, "other entities' answers"


def test_an_entity_named_in_the_ticket_wins_over_the_conversation(runtime: Runtime) -> None:
    ticket = Ticket(
        text="And is parking free at Harbor View Inn?",
        conversation=[Message(role="customer", text="Tell me about Maple Lodge.")],
    )
    found = _retriever(runtime).retrieve(ticket, top_k=2, history_k=0)
    assert found.entities == ["HARBOR VIEW INN"] and found.knowledge[0].doc_id == "harbor:parking"


class CountingEmbedder:
    """The real embedder, recording how many texts each call encodes."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name = inner, inner.name
        self.calls: list[int] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return self.inner.embed(texts)

    def embed_query(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return self.inner.embed_query(texts)


def test_sentences_are_embedded_at_ingest_so_ranking_encodes_only_the_query(
    store_runtime: Runtime, embedder: Embedder
) -> None:
    knowledge = store_runtime.stores().knowledge
    ingest_knowledge(DOCS, knowledge, store_runtime.chunker())
    counting = CountingEmbedder(embedder)
    index = KnowledgeIndex(
        store_runtime.chroma,
        counting,  # type: ignore[arg-type]
        tenant=knowledge.tenant,
        ranking=store_runtime.ranking,
    )
    retriever = Retriever(index, store_runtime.stores().history)
    ticket = Ticket(text="Do they allow pets?", conversation=[Message(role="customer", text="Maple Lodge?")])

    found = retriever.retrieve(ticket, top_k=3, history_k=0)

    assert found.knowledge[0].doc_id == "maple:pets"
    assert counting.calls == [1], "the latest message is encoded, nothing else"
    pets = index.get_doc_chunks("maple:pets")[0]
    assert pets.metadata[SENTENCE_COUNT] == 2
    assert index.ranking_vectors([pets])[pets.chunk_id].shape == (3, 384), "its own vector, then 2 sentences"
    # A document's sentences go with it.
    index.delete_doc("maple:pets")
    assert index.ranking.read(index.name, [pets.chunk_id]) == {}
    assert index.ranking_vectors([pets]) == {}


def test_an_unrelated_write_leaves_stored_vectors_warm(store_runtime: Runtime) -> None:
    runtime = store_runtime
    stores = runtime.stores()
    ingest_knowledge(DOCS, stores.knowledge, runtime.chunker())
    retriever = runtime.retriever(stores)
    fetched: list[str] = []
    read_from_store = stores.knowledge.ranking_vectors

    def spied(passages: list[Passage], *, own_only: bool = False) -> dict[str, np.ndarray]:
        fetched.extend(p.chunk_id for p in passages)
        return read_from_store(passages, own_only=own_only)

    stores.knowledge.ranking_vectors = spied  # type: ignore[method-assign]
    ticket = Ticket(text="Does Maple Lodge allow pets?")
    first = retriever.retrieve(ticket, top_k=3, history_k=0)
    assert fetched, "the first draft reads the stored vectors"
    fetched.clear()
    unrelated = KnowledgeDoc(
        doc_id="gift-cards", title="Gift cards", text="Gift cards never expire.", format="text"
    )
    upsert_documents([unrelated], stores.knowledge, runtime.chunker())
    again = retriever.retrieve(ticket, top_k=3, history_k=0)
    assert again.knowledge[0].chunk_id == first.knowledge[0].chunk_id == "maple:pets::0"
    assert set(fetched) <= {"gift-cards::0"}, "only the new document's vector is read"
    # A changed document is read again: its old vector no longer matches its text.
    fetched.clear()
    answer = "Q: Are pets allowed?\nA: Small dogs are welcome at Maple Lodge."
    changed = _doc("maple:pets", "MAPLE LODGE", answer)
    upsert_documents([changed], stores.knowledge, runtime.chunker())
    retriever.retrieve(ticket, top_k=3, history_k=0)
    assert "maple:pets::0" in fetched


def test_lexical_search_finds_an_exact_code(runtime: Runtime) -> None:
    ticket = Ticket(text="My unit shows QX-7731, what now?")
    hybrid = _retriever(runtime).retrieve(ticket, top_k=1, history_k=0)
    assert hybrid.knowledge[0].doc_id == "codes"
    lexical = _retriever(runtime, "lexical").retrieve(ticket, top_k=1, history_k=0)
    assert lexical.knowledge[0].doc_id == "codes"
    assert -1.0 <= hybrid.knowledge[0].score <= 1.0, "scores stay cosine similarities"


def test_the_lexical_index_follows_knowledge_changes(store_runtime: Runtime) -> None:
    runtime = store_runtime
    # Another worker's writes show once the count is re-read; here at once, not after a second.
    runtime.versions = CollectionVersions(count_max_age=0.0)
    retriever = _retriever(runtime, "lexical")
    ticket = Ticket(text="What does code ZB-4410 mean?")
    assert "codes2" not in {p.doc_id for p in retriever.retrieve(ticket, top_k=3, history_k=0).knowledge}
    new = KnowledgeDoc(
        doc_id="codes2", title="More codes", text="Code ZB-4410 means low battery.", format="text"
    )
    # Written through a second runtime, as another API worker sharing the store would.
    other = Runtime(runtime.settings)
    other.__dict__["embedder"] = runtime.embedder
    upsert_documents([new], other.stores().knowledge, runtime.chunker())
    assert retriever.retrieve(ticket, top_k=1, history_k=0).knowledge[0].doc_id == "codes2"
    retriever.knowledge.delete_doc("codes2")
    assert "codes2" not in {p.doc_id for p in retriever.retrieve(ticket, top_k=3, history_k=0).knowledge}


def test_small_stores_search_exactly_in_memory_as_the_index_would(store_runtime: Runtime) -> None:
    stores = store_runtime.stores()
    ingest_knowledge(DOCS, stores.knowledge, store_runtime.chunker())
    in_memory = Retriever(stores.knowledge, stores.history, RetrievalPolicy())
    indexed = Retriever(stores.knowledge, stores.history, RetrievalPolicy(exact_search_max=0))

    def ranked(retriever: Retriever, text: str) -> list[tuple[str, float]]:
        found = retriever.retrieve(Ticket(text=text), top_k=4, history_k=0)
        return [(p.doc_id, round(p.score, 4)) for p in found.knowledge]

    for text in ["Is the wifi free in the rooms?", "Can I bring my dog?", "What does the filter code mean?"]:
        assert ranked(in_memory, text) == ranked(indexed, text)
    # The in-memory matrix follows knowledge changes like the index does.
    new = KnowledgeDoc(doc_id="sauna", title="Sauna", text="The sauna opens at 7 am.", format="text")
    upsert_documents([new], stores.knowledge, store_runtime.chunker())
    found = in_memory.retrieve(Ticket(text="When does the sauna open?"), top_k=1, history_k=0)
    assert found.knowledge[0].doc_id == "sauna"


def test_each_question_of_a_ticket_gets_its_own_search(runtime: Runtime) -> None:
    stores = runtime.stores()
    ingest_knowledge(DOCS, stores.knowledge, runtime.chunker())
    ticket = Ticket(text="Are pets allowed at Maple Lodge? And what does code QX-7731 on my heater mean?")
    together = Retriever(stores.knowledge, stores.history, RetrievalPolicy(per_question_k=0))
    assert [p.doc_id for p in together.retrieve(ticket, top_k=1, history_k=0).knowledge] == ["maple:pets"]
    each = Retriever(stores.knowledge, stores.history, RetrievalPolicy())
    found = [p.doc_id for p in each.retrieve(ticket, top_k=1, history_k=0).knowledge]
    assert found[0] == "maple:pets" and "codes" in found


def test_recent_history_outranks_an_equally_relevant_old_contact(runtime: Runtime) -> None:
    retriever = _retriever(runtime)
    now = datetime.now(UTC)
    events = [
        HistoryEvent(
            event_id="old",
            customer_id="c1",
            timestamp=now - timedelta(days=400),
            text="My heater stopped working.",
        ),
        HistoryEvent(
            event_id="new",
            customer_id="c1",
            timestamp=now - timedelta(days=2),
            text="My heater stopped working.",
        ),
    ]
    stores = runtime.stores()
    ingest_history(
        [Customer(customer_id="c1", profile=CustomerProfile(), events=events)],
        stores.profiles,
        stores.history,
    )
    found = retriever.retrieve(
        Ticket(text="The heater stopped working again", customer_id="c1"), top_k=1, history_k=2
    )
    assert [p.doc_id for p in found.history] == ["new", "old"]
