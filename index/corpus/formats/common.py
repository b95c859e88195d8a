"""What every format shares: decoding bytes, sanitising text, building an
article from its laid-out parts, and the ids of a file's many records."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection

from ...errors import LoadError
from ...model import Article, assemble
from ...text import strip_hidden
from ..layout import Layout

# ANSI escape sequences (CSI, OSC, and two-character escapes) and every C0/C1
# control except tab and newline: article text must never drive the terminal.
# An 8-bit CSI (U+009B) starts a sequence only when parameters follow it
# ("\x9b31m"); a lone one, usually mis-decoded bytes, is removed alone, so
# the word after it ("\x9b Rafah") is kept.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-9;]+[ -/]*[@-~]"  # 8-bit CSI with parameters
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


@dataclass(frozen=True, slots=True)
class CsvColumns:
    """For each article field, the CSV header names that hold it (compared
    case-insensitively), as ``corpus.csv_columns`` configures them."""

    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link")
    source: tuple[str, ...] = ("media_name", "source", "outlet", "publication", "source_name", "media")
    published: tuple[str, ...] = ("publish_date", "published", "date", "publishedAt", "pub_date")
    text: tuple[str, ...] = ("text", "body", "content", "full_text", "article_text")
    authors: tuple[str, ...] = ("authors", "author", "byline")
    id: tuple[str, ...] = ("id", "stories_id")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What reading a file needs beyond its bytes (it pickles to workers).
    ``file_ids``: the ids of the corpus's files, which a record may not take."""

    file_ids: frozenset[str] = frozenset()
    csv_columns: CsvColumns = field(default_factory=CsvColumns)


@dataclass(frozen=True, slots=True)
class FileInput:
    """One file to read: its path, bytes and id (``<id>-…`` for its records)."""

    path: Path
    data: bytes
    article_id: str
    options: ReadOptions

    @property
    def digest(self) -> str:
        return content_hash(self.data)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    note: str | None  # e.g. "not UTF-8; read as cp1252"


def sanitize(text: str) -> str:
    """Remove terminal control sequences and the invisible characters that
    reorder or hide parts of a line (a bidi override turns a line around and
    shifts what follows it); normalise line ends to ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return strip_hidden(_ESCAPES.sub("", text))


def one_line(text: str) -> str:
    """``text`` sanitised with its whitespace runs made single spaces."""
    return " ".join(sanitize(text).split())


# Byte-order marks of the encodings whose text is full of NUL bytes (UTF-32
# first: its little-endian mark starts with UTF-16's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 when ``data`` starts with its byte-order mark."""
    return next((encoding for bom, encoding in _WIDE_BOMS if data.startswith(bom)), None)


def decode(data: bytes) -> Decoded:
    encoding = wide_encoding(data)
    if encoding:
        try:
            return Decoded(data.decode(encoding), f"read as {encoding.upper()}")
        except UnicodeDecodeError as error:
            raise LoadError(f"starts like {encoding.upper()} but is not valid {encoding.upper()} "
                            f"at byte {error.start}") from None
    if b"\x00" in data[:8192]:
        raise LoadError("binary file (contains NUL bytes)")
    try:
        return Decoded(data.decode("utf-8-sig"), None)
    except UnicodeDecodeError as error:
        position = error.start
    try:
        return Decoded(data.decode("cp1252"), f"not valid UTF-8 at byte {position}; read as cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), f"not valid UTF-8 at byte {position}; read as latin-1")


def read_text(data: bytes) -> Decoded:
    """The sanitised text of a text file, with its decoding note."""
    decoded = decode(data)
    text = sanitize(decoded.text)
    if not text.strip():
        raise LoadError("empty file")
    return Decoded(text, decoded.note)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Meta:
    """An article's metadata, as a format found it (already one-line text)."""

    url: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    summary_only: bool = False


def build_article(layout: Layout, path: Path, article_id: str, digest: str, meta: Meta = Meta()) -> Article:
    text, blocks = assemble(layout.parts)
    if not text.strip():
        raise LoadError("no article text")
    return Article(
        id=article_id,
        path=str(path),
        title=layout.title,
        title_inferred=layout.title_inferred,
        source=layout.source,
        url=meta.url,
        published=meta.published or layout.published,  # metadata first, else a "Published: …" line
        text=text,
        blocks=blocks,
        content_hash=digest,
        authors=meta.authors,
        summary_only=meta.summary_only,
    )


def text_field(record: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` that ``record`` holds as a non-empty scalar, as one line."""
    for key in keys:
        value = record.get(key)
        if value is not None and not isinstance(value, (dict, list)):
            cleaned = one_line(str(value))
            if cleaned:
                return cleaned
    return None


def split_authors(value: Any) -> tuple[str, ...]:
    """Author names from a string ("A; B", "A and B", "By A, B") or a list of
    strings or ``{"name": …}`` objects, in order, each once."""
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list):
        names = [item.get("name") if isinstance(item, dict) else item for item in value]
        parts = [part for name in names if isinstance(name, str) for part in _AUTHOR_SEPARATORS.split(name)]
    elif isinstance(value, str):
        parts = _AUTHOR_SEPARATORS.split(value)
    else:
        return ()
    authors: list[str] = []
    for part in parts:
        name = _BY.sub("", one_line(part))
        if name and name not in authors and len(name) <= 100:
            authors.append(name)
    return tuple(authors)


_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\||,|\band\b|&)\s*")
_BY = re.compile(r"^by\s+", re.I)


_SAFE_ID = re.compile(r"^[\w.\-]{1,80}$")


def own_id(record: Any) -> str | None:
    value = record.get("id") if isinstance(record, dict) else None
    if isinstance(value, (str, int)) and not isinstance(value, bool) and _SAFE_ID.match(str(value)):
        return str(value)
    return None


def record_ids(records: list[Any], article_id: str, file_ids: Collection[str]) -> tuple[list[str], str | None]:
    """Each record's id: its own ``id`` when that is usable, no other record
    of the file has it and no file of the corpus is so named, else
    ``<file id>-<record number>``; and a note naming the ids that could not
    be used. A file of one record takes the file's id. Every record sharing
    an id is renamed, not all but the first: the rule does not depend on
    which record or file comes first."""
    if len(records) == 1:
        return [article_id], None
    own = [own_id(record) for record in records]
    counts: dict[str, int] = {}
    for record_id in own:
        if record_id is not None:
            counts[record_id] = counts.get(record_id, 0) + 1
    shared = sorted(record_id for record_id, count in counts.items() if count > 1)
    files = sorted(record_id for record_id, count in counts.items() if count == 1 and record_id in file_ids)
    usable = set(counts) - set(shared) - set(files)
    ids = [record_id if record_id in usable else f"{article_id}-{number:03d}"
           for number, record_id in enumerate(own, start=1)]
    problems = []
    if shared:
        problems.append("record ids used more than once: "
                        + ", ".join(f"'{record_id}' ({counts[record_id]} records)" for record_id in shared[:5]))
    if files:
        problems.append("record ids that are other files' ids: " + ", ".join(f"'{i}'" for i in files[:5]))
    if not problems:
        return ids, None
    return ids, "; ".join(problems) + f"; those records are indexed as {article_id}-NNN"
