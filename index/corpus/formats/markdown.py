"""``.md`` and ``.markdown``: YAML front matter (title, source, url,
published, authors), ``#`` headings and lists; inline links and emphasis
reduced to their text."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ...errors import LoadError
from ...model import Article
from ..layout import finish_layout, line_parts
from .common import FileInput, Meta, build_article, read_text, split_authors, text_field


def load(file: FileInput) -> tuple[list[Article], str | None]:
    decoded = read_text(file.data)
    article, note = _markdown_article(decoded.text, file)
    return [article], "; ".join(n for n in (decoded.note, note) if n) or None


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


def _markdown_article(text: str, file: FileInput) -> tuple[Article, str | None]:
    meta: dict[str, Any] = {}
    front = _FRONT_MATTER.match(text)
    note = None
    if front:
        meta, note = _front_matter(front.group(1))
        text = text[front.end():]
    title = text_field(meta, "title")
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
    source = text_field(meta, "source", "outlet")
    layout = finish_layout(parts, title=title, source=source)
    meta_fields = Meta(url=text_field(meta, "url"), published=text_field(meta, "published", "date"),
                       authors=split_authors(meta.get("authors", meta.get("author"))))
    return build_article(layout, file.path, file.article_id, file.digest, meta_fields), note


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


