"""The shared data types: an article (its layout blocks and sentences) and
what analysis finds in it (entities with their mentions, figures).

The index stores these as the JSON their ``to_json`` gives; the engine, the
CLI and the TUI read the types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .text import NUMBER_WORDS, Span, split_sentences

BLOCK_KINDS = ("heading", "paragraph", "bullet", "caption", "byline")
# Only prose carries sentences; headings, captions and credits are shown but
# never split, aligned or counted as statements.
PROSE_KINDS = frozenset({"paragraph", "bullet"})


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
    count: int  # == len(mentions)
    aliases: list[str]  # distinct surface forms seen, sorted
    mentions: list[Mention]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "count": self.count,
            "aliases": list(self.aliases),
            "mentions": [[m.start, m.end] for m in self.mentions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        """Rebuild from :meth:`to_json`. The JSON keeps offsets only, so
        mentions come back with empty surfaces; :func:`with_surfaces` fills
        them in from the article text."""
        mentions = [Mention(start, end, "") for start, end in data["mentions"]]
        return cls(data["name"], data["type"], data["count"], list(data["aliases"]), mentions)

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


def with_surfaces(entity: Entity, text: str) -> Entity:
    """The entity with each mention's surface read from ``text``."""
    mentions = [Mention(m.start, m.end, text[m.start:m.end]) for m in entity.mentions]
    return Entity(entity.name, entity.type, entity.count, list(entity.aliases), mentions)


@dataclass(frozen=True, slots=True)
class Figure:
    value: float | None  # None for a date without a number ("Saturday")
    unit: str  # the thing counted, singular: "people", "day", "hostage"; "" when none
    kind: str  # count | duration | age | date | money | percent
    surface: str  # exactly article.text[start:end]
    start: int
    end: int
    qualifier: str | None  # "over", "an estimated", "at least", ...

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
            "start": self.start, "end": self.end, "qualifier": self.qualifier,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        """Rebuild from :meth:`to_json`."""
        return cls(data["value"], data["unit"], data["kind"], data["surface"], data["start"], data["end"],
                   data["qualifier"])
