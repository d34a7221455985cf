"""Each knowledge chunk's ranking vectors, kept by chunk id in SQL beside the Chroma store.

A passage is ranked by its own vector and its sentences' (see `retrieval.snapshot`). Those
vectors are only ever read by chunk id, never searched, so they live in a keyed table rather than
in a Chroma collection: writing them costs no index insertion, and reading an entity's passages on
first use is one keyed read instead of an index lookup per sentence. One row per chunk holds its
own vector followed by its sentences', as float32 bytes.

An embedded store keeps the table in a SQLite file inside the Chroma folder, so the two are
copied, backed up and deleted together; a store on a Chroma server keeps it in the SQL database
(`DRAFTER_DATABASE_URL`), which every worker shares.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from chromadb.api import ClientAPI
from sqlalchemy import Column, Engine, Integer, LargeBinary, MetaData, String, Table, delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from drafter.errors import ConfigError
from drafter.store.db import make_engine

FILE_NAME = "drafter-ranking-vectors.sqlite3"
"""The table's SQLite file inside an embedded Chroma folder."""

_IN_MEMORY = "sqlite:///file:drafter-ranking-vectors?mode=memory&cache=shared&uri=true"
"""Where an in-memory Chroma client's vectors go: shared by every connection of the process."""

_DTYPE = np.dtype("<f4")
# SQLite allows 32,766 bound values per statement; pages stay well below on every database.
_PAGE = 900

_tables = MetaData()
_rows = Table(
    "ranking_vectors",
    _tables,
    Column("collection", String(128), primary_key=True),
    Column("chunk_id", String(1024), primary_key=True),
    Column("doc_hash", String(64), nullable=False),
    Column("dimension", Integer, nullable=False),
    Column("vectors", LargeBinary, nullable=False),
)


_opened: dict[str, RankingVectors] = {}
_opened_lock = threading.Lock()


@dataclass(frozen=True)
class RankingRow:
    """One chunk's ranking vectors: its own first, then one per rankable sentence."""

    chunk_id: str
    doc_hash: str
    vectors: np.ndarray


class RankingVectors:
    """The ranking-vector table of one store, shared by every tenant's collections in it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Idempotent; the SQL database of a server store is opened with drafter's other tables.
        _tables.create_all(engine)

    @staticmethod
    def beside(client: ClientAPI) -> RankingVectors:
        """The table of an embedded Chroma client: a file in its folder (in memory for an
        in-memory client), opened once per process."""
        settings = client.get_settings()
        if settings.chroma_server_host:
            # A file here would be this machine's alone, not the server's.
            raise ConfigError(
                "a store on a Chroma server keeps ranking vectors in the SQL database: "
                "open it with RankingVectors.in_database(DRAFTER_DATABASE_URL)"
            )
        if settings.is_persistent and settings.persist_directory:
            url = f"sqlite:///{Path(settings.persist_directory).resolve() / FILE_NAME}"
        else:
            url = _IN_MEMORY
        with _opened_lock:
            if url not in _opened:
                _opened[url] = RankingVectors(make_engine(url, tables=_tables))
            return _opened[url]

    @staticmethod
    def in_database(url: str) -> RankingVectors:
        """The table in drafter's SQL database (for a store on a Chroma server)."""
        with _opened_lock:
            if url not in _opened:
                _opened[url] = RankingVectors(make_engine(url))
            return _opened[url]

    def write(self, collection: str, rows: list[RankingRow]) -> None:
        """Store (or replace) the rows of the given chunks, in one transaction."""
        if not rows:
            return
        values = [
            {
                "collection": collection,
                "chunk_id": row.chunk_id,
                "doc_hash": row.doc_hash,
                "dimension": int(row.vectors.shape[1]),
                "vectors": np.ascontiguousarray(row.vectors, dtype=_DTYPE).tobytes(),
            }
            for row in rows
        ]
        with self._engine.begin() as connection:
            if connection.dialect.name == "sqlite":
                statement = sqlite_insert(_rows)
                replace = {key: statement.excluded[key] for key in ("doc_hash", "dimension", "vectors")}
                connection.execute(
                    statement.on_conflict_do_update(index_elements=["collection", "chunk_id"], set_=replace),
                    values,
                )
            else:  # portable upsert: replace in the same transaction
                for page in _pages([row.chunk_id for row in rows]):
                    connection.execute(
                        delete(_rows).where(_rows.c.collection == collection, _rows.c.chunk_id.in_(page))
                    )
                connection.execute(_rows.insert(), values)

    def read(
        self, collection: str, chunk_ids: Iterable[str], *, own_only: bool = False
    ) -> dict[str, tuple[str, np.ndarray]]:
        """Stored rows by chunk id, with the document hash each was written for.

        `own_only` reads each chunk's own vector alone (one row of the matrix).
        """
        wanted = list(dict.fromkeys(chunk_ids))
        if not wanted:
            return {}
        data = (
            func.substr(_rows.c.vectors, 1, _rows.c.dimension * _DTYPE.itemsize)
            if own_only
            else _rows.c.vectors
        )
        found: dict[str, tuple[str, np.ndarray]] = {}
        with self._engine.connect() as connection:
            for page in _pages(wanted):
                query = select(_rows.c.chunk_id, _rows.c.doc_hash, _rows.c.dimension, data).where(
                    _rows.c.collection == collection, _rows.c.chunk_id.in_(page)
                )
                for chunk_id, doc_hash, dimension, blob in connection.execute(query):
                    matrix = np.frombuffer(blob, dtype=_DTYPE).reshape(-1, dimension)
                    found[chunk_id] = (doc_hash, matrix.astype(np.float32, copy=False))
        return found

    def delete(self, collection: str, chunk_ids: list[str]) -> None:
        """Remove the rows of the given chunks."""
        if not chunk_ids:
            return
        with self._engine.begin() as connection:
            for page in _pages(chunk_ids):
                connection.execute(
                    delete(_rows).where(_rows.c.collection == collection, _rows.c.chunk_id.in_(page))
                )

    def count(self, collection: str) -> int:
        """How many chunks of the collection have rows."""
        with self._engine.connect() as connection:
            query = select(func.count()).select_from(_rows).where(_rows.c.collection == collection)
            return int(connection.execute(query).scalar_one())


def _pages(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _PAGE):
        yield ids[start : start + _PAGE]
