"""Knowledge snapshots follow writes by re-reading what was written, and end up as a full read would."""

from __future__ import annotations

import numpy as np
import pytest

from drafter.domain import KnowledgeDoc, Message, Passage, Ticket
from drafter.ingest import ingest_knowledge, upsert_documents
from drafter.retrieval.entities import EntityVocabulary
from drafter.retrieval.lexical import LexicalIndex
from drafter.retrieval.snapshot import KnowledgeCache, KnowledgeSnapshot
from drafter.runtime import Runtime
from drafter.store import KnowledgeIndex

PLACES = ["HARBOR VIEW INN", "MAPLE LODGE", "CEDAR COURT", "WORTH HOUSE"]
ASPECTS = [
    "Q: Are pets allowed?\nA: Dogs are welcome for 10 USD a night.",
    "Q: Is there parking?\nA: Free parking is available on site.",
    "Q: Is there wifi?\nA: Wifi is free in every room.",
    "We stayed two nights; it was worth the price and breakfast was generous.",
]
QUERIES = [
    "do you allow dogs",
    "free parking",
    "is the wifi free",
    "worth the price",
    "breakfast generous nights",
    "gift cards expire",
]


def _doc(place: str, n: int, text: str) -> KnowledgeDoc:
    slug = place.split()[0].lower()
    return KnowledgeDoc(
        doc_id=f"{slug}:{n}",
        title=f"{place} - guide",
        text=text,
        metadata={"entity_name": place},
        format="text",
    )


def _docs() -> list[KnowledgeDoc]:
    return [_doc(place, n, text) for place in PLACES for n, text in enumerate(ASPECTS)]


def _fresh(knowledge: KnowledgeIndex) -> KnowledgeSnapshot:
    """What a process reading the collection for the first time would build."""
    return KnowledgeCache().snapshot(knowledge, knowledge.version())


def _same_answers(updated: KnowledgeSnapshot, fresh: KnowledgeSnapshot) -> None:
    assert sorted(p.chunk_id for p in updated.passages) == sorted(p.chunk_id for p in fresh.passages)
    for query in QUERIES:
        ours = [(p.chunk_id, round(p.score, 4)) for p in updated.lexical.search(query, k=10)]
        theirs = [(p.chunk_id, round(p.score, 4)) for p in fresh.lexical.search(query, k=10)]
        assert sorted(ours) == sorted(theirs), query
    vocabulary, reference = updated.vocabulary, fresh.vocabulary
    assert vocabulary.common == reference.common and vocabulary.idf == reference.idf
    for name, positions in reference.positions.items():
        assert {fresh.lexical.passages[i].chunk_id for i in positions} == {
            updated.lexical.passages[i].chunk_id for i in vocabulary.positions[name]
        }
    for text in ("Does Maple Lodge allow dogs?", "Is it worth the money?", "Is Worth House quiet?"):
        ticket = Ticket(text=text, conversation=[Message(role="customer", text="Hello")])
        assert vocabulary.link(ticket) == reference.link(ticket), text


def test_writes_update_the_snapshot_without_reading_every_chunk(runtime: Runtime) -> None:
    knowledge = runtime.stores().knowledge
    ingest_knowledge(_docs(), knowledge, runtime.chunker())
    cache = KnowledgeCache()
    first = cache.snapshot(knowledge, knowledge.version())
    full_reads: list[int] = []
    read_all = knowledge.all_chunks

    def counted() -> list[Passage]:
        full_reads.append(1)
        return read_all()

    knowledge.all_chunks = counted  # type: ignore[method-assign]
    # A changed document, a new one about a new place, a new one about no place, a deletion.
    changed = _doc("MAPLE LODGE", 2, "Q: Is there wifi?\nA: Wifi costs 5 USD a day.")
    upsert_documents([changed, _doc("OAK HALL", 0, ASPECTS[0])], knowledge, runtime.chunker())
    gift = KnowledgeDoc(doc_id="gift", title="Gift cards", text="Gift cards never expire.", format="text")
    upsert_documents([gift], knowledge, runtime.chunker())
    knowledge.delete_doc("cedar:1")

    updated = cache.snapshot(knowledge, knowledge.version())

    assert not full_reads, "only the written chunks are read again"
    assert updated is not first and len(updated.passages) == len(first.passages) + 1
    wifi = [p for p in updated.passages if p.doc_id == "maple:2"]
    assert len(wifi) == 1 and "5 USD" in wifi[0].text
    knowledge.all_chunks = read_all  # type: ignore[method-assign]
    _same_answers(updated, _fresh(knowledge))


def test_a_count_changed_by_another_process_is_read_in_full(runtime: Runtime) -> None:
    knowledge = runtime.stores().knowledge
    ingest_knowledge(_docs()[:8], knowledge, runtime.chunker())
    cache = KnowledgeCache()
    cache.snapshot(knowledge, knowledge.version())
    # Another process's index over the same collection: its writes are not in this one's log.
    other = runtime.stores().knowledge
    other.versions = type(knowledge.versions)()
    ingest_knowledge(_docs(), other, runtime.chunker())
    knowledge.versions.wrote(knowledge.name, [])  # this process wrote too, but not those chunks

    updated = cache.snapshot(knowledge, knowledge.version())

    assert len(updated.passages) == len(_docs())
    _same_answers(updated, _fresh(knowledge))


@pytest.mark.parametrize("edits", [3, 40])
def test_merged_segments_answer_as_the_segments_did(edits: int) -> None:
    def passage(i: int, text: str) -> Passage:
        place = PLACES[i % len(PLACES)]
        metadata = {"entity_name": place}
        return Passage(chunk_id=f"c{i}", doc_id=f"d{i}", title=place, text=text, score=0.0, metadata=metadata)

    passages = [passage(i, ASPECTS[i % len(ASPECTS)]) for i in range(24)]
    index = LexicalIndex.build(passages)
    vocabulary = EntityVocabulary.build(index.passages)
    rng = np.random.default_rng(edits)
    for step in range(edits):
        target = int(rng.integers(0, 30))
        removed = [f"c{target}"] if step % 3 else []
        added = [] if step % 3 == 2 else [passage(target, ASPECTS[(target + step) % len(ASPECTS)])]
        before = index
        index = index.updated(removed, added)
        gone = before.held({*removed, *(p.chunk_id for p in added)})
        arrived = [(index.position_of[p.chunk_id], p) for p in added]
        vocabulary = vocabulary.updated(index.passages, index.live, gone, arrived)
    merged = index.compacted()
    assert merged.merged and len(merged.passages) == int(index.live.sum())
    for query in QUERIES:
        expected = [p.chunk_id for p in merged.search(query, k=8)]
        assert [p.chunk_id for p in index.search(query, k=8)] == expected
    rebuilt = EntityVocabulary.build(merged.passages)
    assert vocabulary.common == rebuilt.common and vocabulary.idf == rebuilt.idf
    for name, positions in rebuilt.positions.items():
        assert {merged.passages[i].chunk_id for i in positions} == {
            index.passages[i].chunk_id for i in vocabulary.positions[name]
        }
