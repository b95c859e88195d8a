"""The shared data types: an article (its layout blocks and sentences), what
analysis finds in it (entities with their mentions, figures, quotes), a
refresh's report (with the files it skipped), and a comparison of two
articles (its types are defined in ``comparison_model.py``).

The index stores these as the JSON their ``to_json`` gives; the engine, the
CLI and the TUI read the types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .comparison_model import (DIFFERS, MOVED, ONLY_A, ONLY_B, PAIR_KINDS, RELATED, SAME, Comparison,
                               EntityDifferences, Evidence, FigureDifference, FigureDifferences, Headlines,
                               NamedEntity, Row, SentencePair)
from .text import NUMBER_WORDS, Span, plural, printable, split_sentences

__all__ = [  # the comparison's types live in comparison_model.py and are shared from here
    "DIFFERS", "MOVED", "ONLY_A", "ONLY_B", "PAIR_KINDS", "RELATED", "SAME", "Comparison", "EntityDifferences",
    "Evidence", "FigureDifference", "FigureDifferences", "Headlines", "NamedEntity", "Row", "SentencePair",
    "BLOCK_KINDS", "PROSE_KINDS", "Block", "Article", "assemble", "Mention", "Entity", "EntitySummary",
    "EntityHits", "Figure", "Quote", "Skipped", "RefreshReport",
]

BLOCK_KINDS = ("heading", "paragraph", "bullet", "caption", "credit", "byline", "dateline")
# Only prose carries sentences; headings, captions and credits are shown but
# never split, aligned or counted as statements.
PROSE_KINDS = frozenset({"paragraph", "bullet"})
# Text around the article rather than of it (photo captions and credits,
# bylines and timestamps, datelines): shown, but no statement, and no names
# come from it: a photographer or an agency is not whom the article is about.
NOT_ARTICLE_KINDS = frozenset({"caption", "credit", "byline", "dateline"})


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    start: int
    end: int


@dataclass(slots=True)
class Article:
    id: str
    path: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    text: str
    blocks: tuple[Block, ...]
    content_hash: str
    title_inferred: bool = False
    sentences: tuple[Span, ...] = field(default=())
    authors: tuple[str, ...] = ()
    # Only a summary or a cut-off excerpt was available (a feed item without
    # its content, a news API's truncated text): never the full article.
    summary_only: bool = False
    # When the page was fetched (ISO 8601, UTC), for an article added from
    # a URL: from its provenance sidecar (corpus/provenance.py).
    fetched: str | None = None

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = tuple(
                span
                for block in self.blocks
                if block.kind in PROSE_KINDS
                for span in split_sentences(self.text[block.start:block.end], block.start)
            )

    def sentence_texts(self) -> list[str]:
        return [self.text[s.start:s.end] for s in self.sentences]

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    def to_record(self) -> dict[str, Any]:
        """A JSON-safe dict from which :meth:`from_record` rebuilds the article."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "title_inferred": self.title_inferred,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "text": self.text,
            "blocks": [[b.kind, b.start, b.end] for b in self.blocks],
            "sentences": [[s.start, s.end] for s in self.sentences],
            "content_hash": self.content_hash,
            "authors": list(self.authors),
            "summary_only": self.summary_only,
            "fetched": self.fetched,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Article:
        return cls(
            id=record["id"],
            path=record["path"],
            title=record["title"],
            title_inferred=record.get("title_inferred", False),
            source=record["source"],
            url=record["url"],
            published=record["published"],
            text=record["text"],
            blocks=tuple(Block(k, s, e) for k, s, e in record["blocks"]),
            sentences=tuple(Span(s, e) for s, e in record["sentences"]),
            content_hash=record["content_hash"],
            authors=tuple(record.get("authors", ())),
            summary_only=record.get("summary_only", False),
            fetched=record.get("fetched"),
        )


def assemble(parts: list[tuple[str, str]]) -> tuple[str, tuple[Block, ...]]:
    """Join ``(kind, text)`` parts into one text with a blank line between blocks."""
    chunks: list[str] = []
    blocks: list[Block] = []
    position = 0
    for kind, content in parts:
        if chunks:
            chunks.append("\n\n")
            position += 2
        chunks.append(content)
        blocks.append(Block(kind, position, position + len(content)))
        position += len(content)
    return "".join(chunks), tuple(blocks)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # offset into article.text
    end: int
    surface: str  # exactly article.text[start:end]


@dataclass(slots=True)
class Entity:
    name: str  # canonical name, e.g. "Benjamin Netanyahu"
    type: str  # PERSON | ORG | GPE | NORP | FIGURE | DATE
    count: int  # == len(mentions) + len(headline)
    aliases: list[str]  # distinct surface forms seen, sorted
    mentions: list[Mention]
    # Mentions in the article's title, offsets into article.title: a name
    # the headline alone gives is still one the article names.
    headline: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "count": self.count,
            "aliases": list(self.aliases),
            "mentions": [[m.start, m.end] for m in self.mentions],
            "headline": [[m.start, m.end] for m in self.headline],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], text: str = "", title: str = "") -> Entity:
        """Rebuild from :meth:`to_json`. The JSON keeps offsets only: each
        mention's surface is read from ``text`` (a headline mention's from
        ``title``), empty when they are not given."""
        mentions = [Mention(start, end, text[start:end]) for start, end in data["mentions"]]
        headline = [Mention(start, end, title[start:end]) for start, end in data.get("headline", ())]
        return cls(data["name"], data["type"], data["count"], list(data["aliases"]), mentions, headline)

    def summary(self) -> EntitySummary:
        return EntitySummary(self.name, self.type, self.count, tuple(self.aliases))


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity of one article without its mentions: what the corpus-wide
    table keeps per article, and what the ``entities`` command lists."""

    name: str
    type: str
    count: int
    aliases: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.type)

    def to_json(self) -> dict[str, Any]:
        """As the ``entities`` command's JSON has it."""
        return {"name": self.name, "type": self.type, "count": self.count, "aliases": list(self.aliases)}


@dataclass(frozen=True, slots=True)
class EntityHits:
    """An entity, and how many of a search's top hits mention it."""

    name: str
    type: str
    hits: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.type)

    def to_json(self) -> dict[str, Any]:
        """As the ``search`` command's JSON has it."""
        return {"name": self.name, "type": self.type, "hits": self.hits}


@dataclass(frozen=True, slots=True)
class Figure:
    value: float | None  # None for a date without a number ("Saturday")
    unit: str  # the thing counted, singular: "people", "day", "hostage"; "" when none
    kind: str  # count | duration | age | date | money | percent
    surface: str  # exactly article.text[start:end]
    start: int
    end: int
    qualifier: str | None  # "over", "an estimated", "at least", "between", ...
    high: float | None = None  # a range's upper value ("35 to 40": value 35, high 40)

    @property
    def name(self) -> str:
        """The figure as listed: its text without the qualifier, number words
        in lower case ("28,800 people", "six months", "October 7")."""
        words = self.surface.split()
        if self.qualifier:
            words = words[len(self.qualifier.split()):]
        if words[0].lower().split("-")[0] in NUMBER_WORDS:
            words[0] = words[0].lower()
        return " ".join(words)

    def to_json(self) -> dict[str, Any]:
        # Field by field: dataclasses.asdict deep-copies each value (all
        # immutable here), which cost as much as finding the figures.
        return {
            "value": self.value, "unit": self.unit, "kind": self.kind, "surface": self.surface,
            "start": self.start, "end": self.end, "qualifier": self.qualifier, "high": self.high,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        """Rebuild from :meth:`to_json`."""
        return cls(data["value"], data["unit"], data["kind"], data["surface"], data["start"], data["end"],
                   data["qualifier"], data.get("high"))


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str | None
    sentence: int  # index into article.sentences
    start: int  # offsets of the quoted words (inside the marks) in article.text
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker, "sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(slots=True)
class RefreshReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)
    rebuilt: str | None = None  # why the index was rebuilt, if it was
    backend_note: str | None = None  # the configured entity backend could not be used, and why

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_json(self, index_directory: Path) -> dict[str, Any]:
        """The report as the ``index`` command's JSON has it; ``index_directory``: where the index is."""
        return {
            "articles": self.articles, "added": self.added, "updated": self.updated,
            "removed": self.removed, "unchanged": self.unchanged,
            "rebuilt": self.rebuilt and printable(self.rebuilt),
            "backend_note": self.backend_note,
            "skipped": [{"path": printable(s.path), "reason": printable(s.reason)} for s in self.skipped],
            "notes": [{"path": printable(n.path), "note": printable(n.reason)} for n in self.notes],
            "index": printable(str(index_directory)),
        }

    def summary(self) -> str:
        parts = [plural(self.articles, "article") + " indexed"]
        for label, count in (("new", self.added), ("updated", self.updated), ("removed", self.removed),
                             ("unchanged", self.unchanged)):
            if count:
                parts.append(f"{count} {label}")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)

    def changes(self) -> str:
        """What this refresh changed, for a notice: "2 new articles, 1 file removed"
        ("" when nothing did). Removals are counted by file."""
        parts = [plural(count, singular, many) for count, singular, many in (
            (self.added, "new article", "new articles"), (self.updated, "article changed", "articles changed"),
            (self.removed, "file removed", "files removed")) if count]
        text = ", ".join(parts)
        return text[:1].upper() + text[1:] + "." if text else ""
