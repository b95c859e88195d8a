"""Turn the bytes of one file into articles: .txt, .md (YAML front matter),
.json (one record, a list, or {"articles": [...]}) and .jsonl.

Loaders never write; every problem is raised as :class:`LoadError` with a
reason a person can act on.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Iterator

import yaml

from ..errors import LoadError
from ..model import Article, assemble
from .layout import Layout, finish_layout, line_parts, parse_plain
from ..text import strip_hidden

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".jsonl")

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
class Decoded:
    text: str
    note: str | None  # e.g. "not UTF-8; read as cp1252"


def sanitize(text: str) -> str:
    """Remove terminal control sequences and the invisible characters that
    reorder or hide parts of a line (a bidi override turns a line around and
    shifts what follows it); normalise line ends to ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return strip_hidden(_ESCAPES.sub("", text))


# Byte-order marks of the encodings whose text is full of NUL bytes (UTF-32
# first: its little-endian mark starts with UTF-16's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> Decoded:
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
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


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def load_file(path: Path, data: bytes, article_id: str,
              file_ids: Collection[str] = frozenset()) -> tuple[list[Article], str | None]:
    """Parse ``data`` (the bytes of ``path``) into articles and a note (the
    decoding, ids changed). ``file_ids``: the ids of the corpus's files, which
    a record may not take."""
    decoded = decode(data)
    text = sanitize(decoded.text)
    if not text.strip():
        raise LoadError("empty file")
    suffix = path.suffix.lower()
    digest = content_hash(data)
    if suffix in (".md", ".markdown"):
        article, format_note = _markdown_article(text, path, article_id, digest)
        articles = [article]
    elif suffix == ".json":
        articles, format_note = _json_articles(_parse_json(text), path, article_id, digest, file_ids)
    elif suffix == ".jsonl":
        articles, format_note = _json_articles(_parse_jsonl(text), path, article_id, digest, file_ids)
    else:
        articles, format_note = [_build(parse_plain(text), path, article_id, digest, {})], None
    note = "; ".join(n for n in (decoded.note, format_note) if n) or None
    if not articles:
        raise LoadError("no articles in file")
    return articles, note


def _build(layout: Layout, path: Path, article_id: str, digest: str, meta: dict[str, Any]) -> Article:
    text, blocks = assemble(layout.parts)
    if not text.strip():
        raise LoadError("no article text")
    return Article(
        id=article_id,
        path=str(path),
        title=layout.title,
        title_inferred=layout.title_inferred,
        source=layout.source,
        url=_text_field(meta, "url"),
        published=_text_field(meta, "published", "date") or layout.published,
        text=text,
        blocks=blocks,
        content_hash=digest,
    )


def _text_field(meta: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value is not None and not isinstance(value, (dict, list)):
            cleaned = sanitize(str(value)).strip()
            if cleaned:
                return " ".join(cleaned.split())
    return None


# --- Markdown ---------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _inline(text: str) -> str:
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def _markdown_article(text: str, path: Path, article_id: str, digest: str) -> tuple[Article, str | None]:
    meta: dict[str, Any] = {}
    front = _FRONT_MATTER.match(text)
    note = None
    if front:
        meta, note = _front_matter(front.group(1))
        text = text[front.end():]
    title = _text_field(meta, "title")
    parts: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.extend(("paragraph" if kind == "heading" else kind, content)
                         for kind, content in line_parts(" ".join(paragraph)))
            paragraph.clear()

    for line in text.split("\n"):
        heading = _MD_HEADING.match(line)
        if heading or not line.strip() or _MD_BULLET.match(line):
            flush()
        if heading:
            content = _inline(heading.group(1)).strip()
            if not content:  # a bare "#": nothing to show
                continue
            if title is None and not parts and line.lstrip().startswith("# "):
                title = content
            else:
                parts.append(("heading", content))
        elif _MD_BULLET.match(line):
            parts.append(("bullet", _inline(_MD_BULLET.sub("", line, count=1)).strip()))
        elif line.strip():
            paragraph.append(_inline(line.strip()))
    flush()
    source = _text_field(meta, "source", "outlet")
    layout = finish_layout(parts, title=title, source=source)
    return _build(layout, path, article_id, digest, meta), note


def _front_matter(block: str) -> tuple[dict[str, Any], str | None]:
    """The front matter's keys. Hand-written front matter is often not quite
    YAML ("title: Talks: day two"); such a block is read line by line as
    "key: value" rather than losing the article."""
    try:
        loaded = yaml.safe_load(block)
    except yaml.YAMLError as error:
        problem = _first_line(error)
    else:
        if loaded is None or isinstance(loaded, dict):
            return loaded or {}, None
        problem = "not a mapping of keys to values"
    meta = {}
    for line in block.split("\n"):
        key, colon, value = line.partition(":")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not colon or not key.strip() or " " in key.strip():
            raise LoadError(f"malformed front matter ({problem})")
        meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, f"front matter is not valid YAML ({problem}); read it line by line"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


# --- JSON ---------------------------------------------------------------------


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


_SAFE_ID = re.compile(r"^[\w.\-]{1,80}$")


def _own_id(record: Any) -> str | None:
    value = record.get("id") if isinstance(record, dict) else None
    if isinstance(value, (str, int)) and not isinstance(value, bool) and _SAFE_ID.match(str(value)):
        return str(value)
    return None


def _record_ids(records: list[Any], article_id: str, file_ids: Collection[str]) -> tuple[list[str], str | None]:
    """Each record's id: its own ``id`` when that is usable, no other record
    of the file has it and no file of the corpus is so named, else
    ``<file id>-<record number>``; and a note naming the ids that could not
    be used. A file of one record takes the file's id. Every record sharing
    an id is renamed, not all but the first: the rule does not depend on
    which record or file comes first."""
    if len(records) == 1:
        return [article_id], None
    own = [_own_id(record) for record in records]
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


def _json_articles(records: list[Any], path: Path, article_id: str, digest: str,
                   file_ids: Collection[str]) -> tuple[list[Article], str | None]:
    ids, note = _record_ids(records, article_id, file_ids)
    return list(_json_records(records, ids, path, digest)), note


def _json_records(records: list[Any], ids: list[str], path: Path, digest: str) -> Iterator[Article]:
    for number, (record, record_id) in enumerate(zip(records, ids), start=1):
        where = f"record {number}"
        if not isinstance(record, dict):
            raise LoadError(f"{where} is not an object with a \"text\" field")
        body = record.get("text", record.get("body"))
        if not isinstance(body, str) or not body.strip():
            raise LoadError(f"{where} has no \"text\" string")
        layout = parse_plain(
            sanitize(body), title=_text_field(record, "title"), source=_text_field(record, "source", "outlet")
        )
        record_digest = digest if len(records) == 1 else content_hash(json.dumps(record, sort_keys=True).encode())
        yield _build(layout, path, record_id, record_digest, record)
