"""Reading knowledge files and JSONL: formats, metadata, and bad input reported clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import DataFileError
from drafter.ingest.loaders import LoadProblems, iter_jsonl, load_customers, load_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_format_becomes_a_document_with_title_and_metadata() -> None:
    docs = {doc.doc_id: doc for doc in load_knowledge([FIXTURES / "kb"])}
    assert set(docs) == {"returns", "articles/password", "articles/shipping", "faq:warranty", "faq:pets"}
    returns = docs["returns"]
    assert returns.title == "Returns and refunds"
    assert returns.metadata["doc_type"] == "policy"
    assert returns.metadata["updated_at"] == "2026-01-10"
    assert "title:" not in returns.text  # front matter is not body text
    html = docs["articles/password"]
    assert html.title == "Resetting your password"
    assert html.metadata == {"doc_type": "how-to", "product": "account"}
    assert "2. Enter the email address" in html.text
    assert "<li>" not in html.text
    assert docs["articles/shipping"].title == "Shipping times"
    assert docs["faq:warranty"].metadata["entity_name"] == "Warranty"


def test_malformed_jsonl_line_is_reported_with_its_number_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text(
        '{"doc_id": "a", "title": "A", "text": "alpha"}\n'
        "{not json\n"
        '{"doc_id": "b", "title": "B"}\n'
        '{"doc_id": "c", "title": "C", "text": "gamma"}\n',
        encoding="utf-8",
    )
    problems = LoadProblems()
    docs = list(load_knowledge([path], problems=problems))
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert len(problems.items) == 2
    assert problems.items[0].startswith(f"{path}:2")
    assert f"{path}:3" in problems.items[1] and "text" in problems.items[1]


def test_stop_on_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text('{"doc_id": "a", "title": "A", "text": "x"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"kb\.jsonl:2"):
        list(load_knowledge([path], on_error="stop"))


def test_non_utf8_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("# Caf\xe9\n\nPrix: 5\xa0\u20ac".encode("latin-1", errors="replace"))
    with pytest.raises(DataFileError, match="not UTF-8"):
        list(load_knowledge([path], on_error="stop"))
    problems = LoadProblems()
    assert list(load_knowledge([path], problems=problems)) == []
    assert "not UTF-8" in problems.items[0]


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no such file"):
        list(load_knowledge([tmp_path / "nope"]))
    with pytest.raises(DataFileError, match="no such file"):
        list(iter_jsonl(tmp_path / "nope.jsonl"))


def test_customers_get_their_id_on_every_event() -> None:
    customers = list(load_customers(FIXTURES / "customers.jsonl"))
    assert [c.customer_id for c in customers] == ["c-anna", "c-ben"]
    assert {e.customer_id for e in customers[0].events} == {"c-anna"}
    assert customers[0].profile.orders[0].order_id == "A-100"
