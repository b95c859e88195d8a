"""The article file formats, by suffix: each module reads one family of
files into articles and raises :class:`LoadError` with a reason a person
can act on. Nothing here writes.

``plain``     .txt, laid out by the conventions of pasted news text
``markdown``  .md, .markdown: YAML front matter, headings, lists
``records``   .json, .jsonl: this app's records and the shapes of news APIs
``tables``    .csv: news-database exports (``corpus.csv_columns``)
``html``      .html, .htm, .mhtml: saved web pages (the ``web`` extra)
``feeds``     .xml, .rss, .atom: saved RSS and Atom feeds (the ``web`` extra)
``common``    decoding, sanitising, building articles, record ids
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ...errors import LoadError
from ...model import Article
from . import feeds, html, markdown, plain, records, tables
from .common import CsvColumns, FileInput, ReadOptions, decode, sanitize

Loader = Callable[[FileInput], tuple[list[Article], "str | None"]]

FORMATS: dict[str, Loader] = {
    ".txt": plain.load,
    ".md": markdown.load,
    ".markdown": markdown.load,
    ".json": records.load_json,
    ".jsonl": records.load_jsonl,
    ".csv": tables.load,
    ".html": html.load,
    ".htm": html.load,
    ".mhtml": html.load_mhtml,
    ".mht": html.load_mhtml,
    ".xml": feeds.load,
    ".rss": feeds.load,
    ".atom": feeds.load,
}
SUPPORTED_SUFFIXES = tuple(FORMATS)


def load_file(path: Path, data: bytes, article_id: str,
              options: ReadOptions = ReadOptions()) -> tuple[list[Article], str | None]:
    """Parse ``data`` (the bytes of ``path``) into articles and a note (the
    decoding, ids changed, items merged), by the suffix of ``path``; a suffix
    no format reads is read as plain text."""
    if not data.strip():
        raise LoadError("empty file")
    loader = FORMATS.get(path.suffix.lower(), plain.load)
    articles, note = loader(FileInput(path, data, article_id, options))
    if not articles:
        raise LoadError("no articles in file")
    return articles, note


__all__ = ["FORMATS", "SUPPORTED_SUFFIXES", "CsvColumns", "LoadError", "ReadOptions", "decode", "load_file",
           "sanitize"]
