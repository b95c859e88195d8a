"""An article as the index holds it, with its analysis: what ``show`` prints
and the reader draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import shown as shown_date
from .model import Article, Entity, Figure
from .text import printable


@dataclass(slots=True)
class StoredArticle:
    """An article as the index holds it: text, layout and analysis."""

    article: Article
    entities: list[Entity]  # mentions with their surfaces
    figures: list[Figure]
    # The file as the header shows it: from the corpus folder it is in
    # ("corpus/web/talks.html"), set by the Library; else the whole path.
    shown_path: str = ""

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StoredArticle:
        """From the record the index stores (entities and figures as JSON)."""
        article = Article.from_record(record)
        entities = [Entity.from_json(data, article.text, article.title) for data in record.get("entities", ())]
        return cls(article, entities, [Figure.from_json(data) for data in record.get("figures", ())])

    def to_json(self) -> dict[str, Any]:
        """The article as the ``show`` command's JSON has it."""
        article = self.article
        return {
            "id": article.id, "title": article.title, "source": article.source, "url": article.url,
            "published": article.published, "path": printable(article.path), "text": article.text,
            "authors": list(article.authors), "summary_only": article.summary_only, "fetched": article.fetched,
            "sentences": article.sentence_texts(),
            "blocks": [{"kind": b.kind, "text": article.block_text(b)} for b in article.blocks],
            "entities": [entity.to_json() for entity in self.entities],
            "figures": [figure.to_json() for figure in self.figures],
        }

    def provenance(self) -> list[str]:
        """Where the article comes from, as the lines of its header: the
        outlet, authors and publication date; the address; when it was
        fetched, its file and id. The reader and ``show`` print these."""
        article = self.article
        first = [article.source or "unknown outlet"]
        if article.authors:
            first.append("by " + ", ".join(article.authors))
        if article.published:
            first.append(f"published {shown_date(article.published)}")
        if article.summary_only:
            first.append("summary only")
        last = [f"fetched {shown_date(article.fetched)}"] if article.fetched else []
        last += [self.shown_path or printable(article.path), f"id {article.id}"]
        return [" · ".join(first)] + ([printable(article.url)] if article.url else []) + [" · ".join(last)]

    def entities_json(self, entities: list[Entity]) -> dict[str, Any]:
        """``entities`` (this article's, or a selection of them) as the
        ``entities ID`` command's JSON has them."""
        return {"id": self.article.id,
                "entities": [entity.summary().to_json() for entity in entities]}
