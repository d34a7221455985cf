"""Knowledge documents: upsert one or many, delete, list and search; the next draft sees changes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.concurrency import run_in_threadpool

from drafter.api.auth import Tenant
from drafter.api.schemas import BatchRequest, DocumentIn, DocumentInfo, DocumentResult, SearchHit
from drafter.api.state import AppState, TenantServices, app_state
from drafter.domain import KnowledgeDoc, Ticket
from drafter.errors import NotFoundError
from drafter.ingest import upsert_documents
from drafter.retrieval import Retrieved

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])
State = Annotated[AppState, Depends(app_state)]
# `:path` in the routes: ids of documents ingested from nested folders hold "/" ("faq/returns").
DocId = Annotated[str, Path(description="Stable id of the document.", min_length=1, max_length=512)]


def _upsert(state: AppState, tenant: TenantServices, docs: list[KnowledgeDoc]) -> list[DocumentResult]:
    # Every model the deployment writes (two when routing by language) gets the document; the
    # statuses are the default model's.
    default, *others = state.runtime.knowledge_indexes(tenant.tenant)
    statuses = upsert_documents(docs, default, state.runtime.chunker())
    for index in others:
        upsert_documents(docs, index, state.runtime.chunker())
    return [DocumentResult(doc_id=doc_id, status=status) for doc_id, status in statuses.items()]


@router.put("/documents/{doc_id:path}", response_model=DocumentResult, summary="Create or replace a document")
async def put_document(doc_id: DocId, body: DocumentIn, tenant: Tenant, state: State) -> DocumentResult:
    """Chunk, embed and store the document, replacing its earlier version."""
    doc = KnowledgeDoc(doc_id=doc_id, **body.model_dump())
    results = await run_in_threadpool(_upsert, state, tenant, [doc])
    return results[0]


@router.post("/documents:batch", response_model=list[DocumentResult], summary="Create or replace many")
async def batch_upsert(body: BatchRequest, tenant: Tenant, state: State) -> list[DocumentResult]:
    """Upsert several documents in one call (the later one wins when an id repeats)."""
    docs = [KnowledgeDoc(**d.model_dump()) for d in body.documents]
    return await run_in_threadpool(_upsert, state, tenant, docs)


@router.delete("/documents/{doc_id:path}", status_code=204, summary="Delete a document")
async def delete_document(doc_id: DocId, tenant: Tenant, state: State) -> None:
    """Remove every passage of the document (from every model's collections)."""

    def work() -> int:
        return sum(index.delete_doc(doc_id) for index in state.runtime.knowledge_indexes(tenant.tenant))

    removed = await run_in_threadpool(work)
    if removed == 0:
        raise NotFoundError(f"no document {doc_id!r}")


@router.get("/documents", response_model=list[DocumentInfo], summary="List documents")
async def list_documents(
    tenant: Tenant,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Most documents to list.")] = 1000,
    offset: Annotated[int, Query(ge=0, description="Documents to skip.")] = 0,
) -> list[DocumentInfo]:
    """The tenant's documents, by id."""

    def work() -> list[DocumentInfo]:
        index = tenant.stores.knowledge
        stored = index.stored_docs()
        infos = []
        for doc_id in sorted(stored)[offset : offset + limit]:
            chunks = stored[doc_id].chunk_ids
            infos.append(DocumentInfo(doc_id=doc_id, title=stored[doc_id].title, chunks=len(chunks)))
        return infos

    return await run_in_threadpool(work)


@router.get("/documents/{doc_id:path}", response_model=list[SearchHit], summary="Read a document's passages")
async def get_document(doc_id: DocId, tenant: Tenant) -> list[SearchHit]:
    """The stored passages of one document, in order."""
    passages = await run_in_threadpool(tenant.stores.knowledge.get_doc_chunks, doc_id)
    if not passages:
        raise NotFoundError(f"no document {doc_id!r}")
    return [
        SearchHit(doc_id=p.doc_id, chunk_id=p.chunk_id, title=p.title, text=p.text, score=p.score)
        for p in passages
    ]


@router.get("/search", response_model=list[SearchHit], summary="Search the knowledge")
async def search(
    tenant: Tenant,
    q: Annotated[str, Query(min_length=1, max_length=4000, description="What to look for.")],
    k: Annotated[int, Query(ge=1, le=50, description="Passages to return.")] = 5,
) -> list[SearchHit]:
    """The passages a draft for this text would see, best first (with the model its language routes to)."""

    def work() -> Retrieved:
        ticket = Ticket(text=q)
        return tenant.drafting.route(ticket)[0].retriever.retrieve(ticket, top_k=k, history_k=0)

    found = await run_in_threadpool(work)
    return [
        SearchHit(doc_id=p.doc_id, chunk_id=p.chunk_id, title=p.title, text=p.text, score=p.score)
        for p in found.knowledge
    ]
