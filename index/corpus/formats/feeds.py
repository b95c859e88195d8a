"""``.xml``, ``.rss`` and ``.atom``: a saved RSS or Atom feed, one article
per item, read with feedparser (the ``web`` extra).

An item with its full content (``content:encoded``, Atom ``content``) is
read as article text in the same block kinds as a page (headings, lists,
captions; scripts and styles dropped); an item with only a summary is
marked summary only. Items sharing a link or a guid are one article. An item's id is the
feed file's id and a hash of its guid (else its link), so that it keeps
its id when the feed is saved again with new items above it.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any
from urllib.parse import urlsplit

from ...errors import LoadError
from ...model import Article
from ..layout import finish_layout
from .common import FileInput, Meta, build_article, content_hash, one_line, split_authors
from .html import WEB_EXTRA, drop_repeated_title, fragment_parts

_ID_HASH_CHARS = 10


def load(file: FileInput) -> tuple[list[Article], str | None]:
    feed = _parse(file.data)
    if not feed.entries:
        if feed.get("bozo"):
            raise LoadError(f"malformed feed: {_problem(feed)}")
        raise LoadError("no items in the feed" if feed.get("version") else "not an RSS or Atom feed")
    outlet = _outlet(feed.feed)
    articles, seen, duplicates, failed = [], set(), 0, 0
    taken: set[str] = set()
    for entry in feed.entries:
        keys = {key for key in (_text(entry.get("id")), _text(entry.get("link"))) if key}
        if keys & seen:
            duplicates += 1
            continue
        seen |= keys
        try:
            articles.append(_article(entry, file, _item_id(file.article_id, entry, taken), outlet))
        except LoadError:
            failed += 1
    if not articles:
        raise LoadError(f"malformed feed: {_problem(feed)}" if feed.get("bozo")
                        else "no item of the feed has a title or text")
    notes = []
    if feed.get("bozo"):
        notes.append(f"the feed is not well-formed ({_problem(feed)}); read what could be")
    if duplicates:
        notes.append(f"{duplicates} duplicate items (same link or guid) read once")
    if failed:
        notes.append(f"{failed} items without text left out")
    return articles, "; ".join(notes) or None


def _parse(data: bytes) -> Any:
    try:
        import feedparser
    except ImportError:
        raise LoadError(f"reading feeds needs the web extra: {WEB_EXTRA}") from None
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("binary file (contains NUL bytes)")
    # sanitize_html: feedparser's own cleaning of item HTML is skipped (the
    # extraction below drops scripts and styles), which halves its time.
    return feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)


def _article(entry: Any, file: FileInput, article_id: str, outlet: str | None) -> Article:
    title = _text(entry.get("title"))
    full = _full_content(entry, title)
    summary_only = full is None
    parts = full if full is not None else fragment_parts(entry.get("summary") or "")
    if not any(kind in ("paragraph", "bullet") for kind, _ in parts):
        if not title:
            raise LoadError("item without text")
        parts, summary_only = [("paragraph", title)], True
    layout = finish_layout(parts, title=title, source=_outlet(entry.get("source")) or outlet)
    meta = Meta(url=_text(entry.get("link")), published=_date(entry), authors=_authors(entry),
                summary_only=summary_only)
    digest = content_hash(repr(sorted((key, repr(value)) for key, value in entry.items())).encode())
    return build_article(layout, file.path, article_id, digest, meta)


def _full_content(entry: Any, title: str | None) -> list[tuple[str, str]] | None:
    """The blocks of the item's full content (the longest it has), the
    title left out where the content repeats it; None for an item with only
    a summary, or whose content holds no text."""
    contents = [content.get("value") or "" for content in entry.get("content") or ()]
    parts = fragment_parts(max(contents, key=len, default=""))
    drop_repeated_title(parts, title)
    return parts or None


def _item_id(file_id: str, entry: Any, taken: set[str]) -> str:
    key = (_text(entry.get("id")) or _text(entry.get("link"))
           or "\n".join(filter(None, (_text(entry.get("title")), _text(entry.get("published")),
                                      _text(entry.get("summary"))))))
    base = f"{file_id}-{hashlib.sha1(key.encode('utf-8', 'replace')).hexdigest()[:_ID_HASH_CHARS]}"
    item_id, number = base, 1
    while item_id in taken:  # two keys with one hash prefix: rare, and numbered in feed order
        number += 1
        item_id = f"{base}-{number}"
    taken.add(item_id)
    return item_id


def _outlet(feed: Any) -> str | None:
    if not feed:
        return None
    title = _text(feed.get("title"))
    if title:
        return title
    link = _text(feed.get("link")) or _text(feed.get("href"))
    host = urlsplit(link).hostname if link else None
    return host.removeprefix("www.") if host else None


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return _text(entry.get("published")) or _text(entry.get("updated"))


def _authors(entry: Any) -> tuple[str, ...]:
    authors = entry.get("authors")
    if authors and any(author.get("name") for author in authors):
        return split_authors([author for author in authors if author.get("name")])
    return split_authors(entry.get("author") or "")


def _text(value: Any) -> str | None:
    return one_line(value) or None if isinstance(value, str) else None


def _problem(feed: Any) -> str:
    error = feed.get("bozo_exception")
    text = one_line(str(error)) if error else "unreadable"
    return text[:120]
