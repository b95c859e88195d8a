"""The Article model: one news article, its layout blocks and its sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .text import Span, split_sentences

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
