"""Read knowledge files and JSONL records, with line-numbered errors."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from bs4 import BeautifulSoup
from pydantic import ValidationError

from drafter.domain import Customer, KnowledgeDoc
from drafter.errors import DataFileError

OnError = Literal["skip", "stop"]
KNOWLEDGE_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt", ".jsonl"}
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


@dataclass
class LoadProblems:
    """Lines or files that could not be read, kept so nothing is skipped silently."""

    items: list[str] = field(default_factory=list)

    def add(self, where: str, why: str) -> None:
        """Record a problem."""
        self.items.append(f"{where}: {why}")


def read_text(path: Path) -> str:
    """A file's text, or a `DataFileError` that says why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"{str(path)!r}: no such file") from exc
    except IsADirectoryError as exc:
        raise DataFileError(f"{str(path)!r}: is a folder, expected a file") from exc
    except PermissionError as exc:
        raise DataFileError(f"{str(path)!r}: permission denied") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{str(path)!r}: not UTF-8 text (byte {exc.start}); convert it with iconv first"
        ) from exc


def iter_jsonl(
    path: Path, *, on_error: OnError = "skip", problems: LoadProblems | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield `(line_number, object)` per non-blank line; bad lines are reported, never hidden."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("expected a JSON object")
        except ValueError as exc:
            message = f"{path}:{number}: malformed JSON line: {exc}"
            if on_error == "stop":
                raise DataFileError(message) from exc
            if problems is not None:
                problems.add(f"{path}:{number}", f"malformed JSON line: {exc}")
            continue
        yield number, obj


def find_knowledge_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the knowledge files they hold, sorted; missing paths are an error."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix in KNOWLEDGE_SUFFIXES
            )
        elif path.is_file():
            found.append(path)
        else:
            raise DataFileError(f"{str(path)!r}: no such file or folder")
    return found


def _doc_id_for(path: Path, root: Path | None) -> str:
    relative = path.relative_to(root) if root and path.is_relative_to(root) else Path(path.name)
    return relative.with_suffix("").as_posix()


def load_markdown(path: Path, text: str, *, doc_id: str) -> KnowledgeDoc:
    """A Markdown article; YAML front matter supplies id, title and metadata."""
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise DataFileError(f"{str(path)!r}: bad front matter: {exc}") from exc
        if not isinstance(loaded, dict):
            raise DataFileError(f"{str(path)!r}: front matter must be a mapping")
        meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in loaded.items()}
        text = text[match.end() :]
    heading = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    title = str(meta.pop("title", None) or (heading.group(1) if heading else path.stem))
    return KnowledgeDoc(
        doc_id=str(meta.pop("id", doc_id)), title=title.strip(), text=text, metadata=meta
    )


def html_to_markdown(html: str) -> tuple[str, dict[str, str]]:
    """Flatten HTML into Markdown-ish text (headings kept) plus its `<meta>` tags."""
    soup = BeautifulSoup(html, "html.parser")
    meta = {
        str(tag.get("name")): str(tag.get("content"))
        for tag in soup.find_all("meta")
        if tag.get("name") and tag.get("content")
    }
    if soup.title and soup.title.string:
        meta.setdefault("title", soup.title.string.strip())
    for tag in soup(["script", "style", "head", "nav"]):
        tag.decompose()
    lines: list[str] = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "pre", "td"]):
        content = " ".join(element.get_text(" ", strip=True).split())
        if not content:
            continue
        if element.name in {"h1", "h2", "h3", "h4"}:
            lines.append("\n" + "#" * int(element.name[1]) + " " + content)
        elif element.name == "li":
            parent = element.find_parent(["ol", "ul"])
            if parent is not None and parent.name == "ol":
                index = parent.find_all("li", recursive=False).index(element) + 1
                lines.append(f"{index}. {content}")
            else:
                lines.append(f"- {content}")
        else:
            lines.append(content)
    return "\n".join(lines).strip(), meta


def load_html(path: Path, text: str, *, doc_id: str) -> KnowledgeDoc:
    """An HTML article; `<title>` and `<meta name=... content=...>` become title and metadata."""
    body, meta = html_to_markdown(text)
    heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
    title = meta.pop("title", None) or (heading.group(1) if heading else path.stem)
    return KnowledgeDoc(
        doc_id=meta.pop("id", doc_id), title=title, text=body, metadata=meta, format="markdown"
    )


def load_plain_text(path: Path, text: str, *, doc_id: str) -> KnowledgeDoc:
    """A plain-text article; its first non-blank line is the title."""
    lines = text.strip().splitlines()
    title = lines[0].strip() if lines else path.stem
    return KnowledgeDoc(
        doc_id=doc_id, title=title, text="\n".join(lines[1:]).strip(), metadata={}, format="text"
    )


def load_jsonl_docs(
    path: Path, *, on_error: OnError, problems: LoadProblems
) -> Iterator[KnowledgeDoc]:
    """JSONL records `{doc_id, title, text, metadata}`, one document per line."""
    for number, obj in iter_jsonl(path, on_error=on_error, problems=problems):
        try:
            doc = KnowledgeDoc.model_validate({**obj, "format": obj.get("format", "text")})
        except ValidationError as exc:
            fields = ", ".join(".".join(map(str, e["loc"])) for e in exc.errors())
            message = f"{path}:{number}: not a knowledge record (check {fields})"
            if on_error == "stop":
                raise DataFileError(message) from exc
            problems.add(f"{path}:{number}", f"not a knowledge record (check {fields})")
            continue
        yield doc


def load_knowledge(
    paths: Iterable[Path], *, on_error: OnError = "skip", problems: LoadProblems | None = None
) -> Iterator[KnowledgeDoc]:
    """Every document in the given files and folders."""
    problems = problems if problems is not None else LoadProblems()
    paths = list(paths)
    for root in paths:
        base = root if root.is_dir() else None
        for file in find_knowledge_files([root]):
            if file.suffix == ".jsonl":
                yield from load_jsonl_docs(file, on_error=on_error, problems=problems)
                continue
            try:
                text = read_text(file)
            except DataFileError as exc:
                # One unreadable file (not UTF-8, no permission) spoils no folder unless asked to.
                if on_error == "stop":
                    raise
                problems.add(str(file), f"{exc}, skipped")
                continue
            doc_id = _doc_id_for(file, base)
            if file.suffix in {".md", ".markdown"}:
                doc = load_markdown(file, text, doc_id=doc_id)
            elif file.suffix in {".html", ".htm"}:
                doc = load_html(file, text, doc_id=doc_id)
            else:
                doc = load_plain_text(file, text, doc_id=doc_id)
            if not doc.text.strip():
                problems.add(str(file), "empty document, skipped")
                continue
            yield doc


def load_customers(
    path: Path, *, on_error: OnError = "skip", problems: LoadProblems | None = None
) -> Iterator[Customer]:
    """Customers from JSONL: `{customer_id, profile, events: [...]}` per line."""
    problems = problems if problems is not None else LoadProblems()
    for number, obj in iter_jsonl(path, on_error=on_error, problems=problems):
        customer_id = obj.get("customer_id")
        if customer_id is None or (isinstance(customer_id, str) and not customer_id.strip()):
            # An empty id would file this history where every id-less ticket finds it.
            message = "empty customer_id (every customer needs an id)"
            if on_error == "stop":
                raise DataFileError(f"{path}:{number}: {message}")
            problems.add(f"{path}:{number}", message)
            continue
        events = [
            {"customer_id": customer_id, "event_id": f"e{index}", **event}
            if isinstance(event, dict)
            else event
            for index, event in enumerate(obj.get("events") or [])
        ]
        try:
            yield Customer.model_validate({**obj, "events": events})
        except ValidationError as exc:
            fields = ", ".join(".".join(map(str, e["loc"])) for e in exc.errors())
            message = f"not a customer record (check {fields})"
            if on_error == "stop":
                raise DataFileError(f"{path}:{number}: {message}") from exc
            problems.add(f"{path}:{number}", message)
