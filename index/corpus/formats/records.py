"""``.json`` and ``.jsonl``: article records, one record or many per file —
this app's own shape (``title``, ``source``, ``url``, ``published``,
``text``) and the shapes of common news APIs (a list of articles, or
``{"articles": [...]}``, with ``source.name``, ``publishedAt``, ``author``
and ``content`` or only a ``description``). CSV rows become the same
records (see ``tables``).

A record whose text is only a description, or a NewsAPI-style ``content``
cut off at "… [+1234 chars]", is marked summary only: it is never passed
off as the full article.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from ...errors import LoadError
from ...model import Article
from ..layout import parse_plain
from .common import (FileInput, Meta, build_article, content_hash, read_text, record_ids, sanitize, split_authors,
                     text_field)

# NewsAPI's free plans end ``content`` with how much was cut: "… [+3456 chars]".
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")


def load_json(file: FileInput) -> tuple[list[Article], str | None]:
    decoded = read_text(file.data)
    return _loaded(file, _parse_json(decoded.text), decoded.note)


def load_jsonl(file: FileInput) -> tuple[list[Article], str | None]:
    decoded = read_text(file.data)
    return _loaded(file, _parse_jsonl(decoded.text), decoded.note)


def _loaded(file: FileInput, records: list[Any], decoding: str | None) -> tuple[list[Article], str | None]:
    articles, note = articles_from_records(records, file)
    return articles, "; ".join(n for n in (decoding, note) if n) or None


def articles_from_records(records: list[Any], file: FileInput) -> tuple[list[Article], str | None]:
    """An article per record (a mapping); the first record without text
    fails the file, as a malformed record would."""
    ids, note = record_ids(records, file.article_id, file.options.file_ids)
    whole_file = len(records) == 1
    return list(_articles(records, ids, file, whole_file)), note


def _articles(records: list[Any], ids: list[str], file: FileInput, whole_file: bool) -> Iterator[Article]:
    for number, (record, record_id) in enumerate(zip(records, ids), start=1):
        where = f"record {number}"
        if not isinstance(record, dict):
            raise LoadError(f"{where} is not an object with a \"text\" field")
        body, summary_only = _body(record)
        if body is None:
            raise LoadError(f"{where} has no \"text\" string")
        layout = parse_plain(sanitize(body), title=text_field(record, "title", "headline"), source=_outlet(record))
        meta = Meta(url=text_field(record, "url", "link"),
                    published=text_field(record, "published", "date", "publishedAt", "published_at",
                                         "publish_date"),
                    authors=split_authors(record.get("authors", record.get("author"))),
                    summary_only=summary_only or record.get("summary_only") is True)
        digest = file.digest if whole_file else content_hash(json.dumps(record, sort_keys=True).encode())
        yield build_article(layout, file.path, record_id, digest, meta)


def _body(record: dict[str, Any]) -> tuple[str | None, bool]:
    """The record's text and whether it is only a summary."""
    for key in ("text", "body", "content"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            cut = _TRUNCATED.search(value)
            return (value[:cut.start()] + " …", True) if cut else (value, False)
    for key in ("description", "summary"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, True
    return None, False


def _outlet(record: dict[str, Any]) -> str | None:
    source = record.get("source")
    if isinstance(source, dict):  # NewsAPI: {"id": "bbc-news", "name": "BBC News"}
        return text_field(source, "name", "id")
    return text_field(record, "source", "outlet", "media_name")


def _parse_json(text: str) -> list[Any]:
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise LoadError(f"malformed JSON at line {error.lineno} column {error.colno}: {error.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        return data["articles"]
    return data if isinstance(data, list) else [data]


def _parse_jsonl(text: str) -> list[Any]:
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line, parse_int=_integer))
        except json.JSONDecodeError as error:
            raise LoadError(f"malformed JSON on line {number}: {error.msg}") from None
    return records


def _integer(digits: str) -> int | str:
    """A JSON integer; one too long for Python to convert (over 4,300 digits)
    stays a string rather than failing the file."""
    try:
        return int(digits)
    except ValueError:
        return digits
